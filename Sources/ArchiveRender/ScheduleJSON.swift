import ArchiveFeeds
import ArchiveIndex
import ArchiveModel
import Foundation

/// `schedule.json` in the C3VOC format (the JSON twin of `schedule.xml`, valid against the
/// C3VOC JSON schema), encoded by Foundation's JSONEncoder with sorted keys so that builds stay
/// byte-identical.
enum ScheduleJSON {
    struct Document: Encodable {
        var schema = "https://c3voc.de/schedule/schema.json"
        var generator = Generator()
        var schedule: Schedule
        enum CodingKeys: String, CodingKey {
            case schema = "$schema"
            case generator
            case schedule
        }
    }
    struct Generator: Encodable { var name = "Workshop Archive" }
    struct Schedule: Encodable {
        var version: String
        var baseURL: String?
        var conference: Conference
        enum CodingKeys: String, CodingKey {
            case version
            case baseURL = "base_url"
            case conference
        }
    }
    struct Conference: Encodable {
        var acronym, title, start, end, timeslotDuration, timeZoneName: String
        var daysCount: Int
        var url: String?
        var tracks: [Track]
        var rooms: [Room]
        var days: [Day]
        enum CodingKeys: String, CodingKey {
            case acronym, title, start, end, daysCount, url, tracks, rooms, days
            case timeslotDuration = "timeslot_duration"
            case timeZoneName = "time_zone_name"
        }
    }
    struct Track: Encodable { var name: String }
    struct Room: Encodable { var name, guid: String }
    struct Day: Encodable {
        var index: Int
        var date, dayStart, dayEnd: String
        var rooms: [String: [Event]]
        enum CodingKeys: String, CodingKey {
            case index, date, rooms
            case dayStart = "day_start"
            case dayEnd = "day_end"
        }
    }
    struct Event: Encodable {
        var guid: String
        var id: Int
        var date, end, start, duration, room, slug, url, title, type, abstract, language: String
        // Required by the schema (string or null): an empty subtitle, the tracks joined.
        var subtitle: String
        var track: String
        var persons: [Person]
        var links: [Reference]
    }
    struct Person: Encodable { var name, guid: String }
    struct Reference: Encodable { var url, title: String }

    static func json(_ index: SiteIndex, events: [FrabSchedule.Event]) throws -> [UInt8] {
        let workshop = index.workshop
        let roomNames = events.map(\.room).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let rooms = (roomNames.isEmpty ? [workshop.venue ?? workshop.shortTitle] : roomNames).map {
            Room(name: $0, guid: String(Feeds.id("room/\($0)@\(workshop.siteID)").dropFirst("urn:uuid:".count)))
        }
        var days: [Day] = []
        for (offset, day) in index.days.enumerated() {
            let (start, end) = FrabSchedule.bounds(of: day, workshop: workshop)
            var byRoom: [String: [Event]] = [:]
            for event in events where event.day == day.day {
                // Without a base URL the page is named relative to this file (apps want absolute URLs).
                let url = (workshop.baseURL ?? "") + event.page
                byRoom[event.room, default: []].append(
                    Event(
                        guid: event.guid, id: event.numericID,
                        date: FrabSchedule.startAndEnd(event).start, end: FrabSchedule.startAndEnd(event).end,
                        start: event.start.description, duration: FrabSchedule.duration(event),
                        room: event.room, slug: "\(workshop.acronym)-\(event.slug)", url: url, title: event.title,
                        type: event.type, abstract: event.abstract, language: "en", subtitle: "",
                        track: event.track,
                        persons: event.persons.map { Person(name: $0.name, guid: $0.guid) },
                        links: event.links.map { Reference(url: $0.url, title: $0.title) }))
            }
            days.append(
                Day(index: offset + 1, date: day.day.description, dayStart: start, dayEnd: end, rooms: byRoom))
        }
        let document = Document(
            schedule: Schedule(
                version: workshop.sourceDate.day.description, baseURL: workshop.baseURL,
                conference: Conference(
                    acronym: workshop.acronym, title: workshop.title, start: workshop.startDate.description,
                    end: workshop.endDate.description, timeslotDuration: "00:05", timeZoneName: workshop.timeZone,
                    daysCount: index.days.count, url: workshop.baseURL,
                    tracks: workshop.tracks.map { Track(name: $0.title) },
                    rooms: rooms, days: days)))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return Array(try encoder.encode(document)) + [0x0A]
    }
}
