import ArchiveIndex
import ArchiveModel
import Digest

/// `schedule.xml` in the frab/C3VOC format that conference apps read (Giggity, ConfClerk,
/// EventFahrplan): days, rooms and events, valid against the C3VOC XSD. Talks and timetable blocks
/// without contributions are events; breaks are not (the format has none).
public enum FrabSchedule {
    /// One published event: a talk, or a block that has no talks.
    public struct Event: Sendable {
        public var numericID: Int
        public var guid: String
        public var slug: String
        public var title: String
        public var type: String
        public var day: CalendarDay
        public var start: TimeOfDay
        public var durationMinutes: Int
        public var utcOffsetMinutes: Int
        public var room: String
        public var track: String
        public var abstract: String
        public var persons: [(name: String, guid: String)]
        public var links: [(title: String, url: String)]
        public var page: String
    }

    /// A positive 31-bit number from the name's SHA-256: stable across builds and imports.
    static func numericID(_ name: String) -> Int {
        let hex = SHA256Digest.hex(of: name)
        let value = Int(hex.prefix(8), radix: 16)! & 0x7FFF_FFFF
        return value == 0 ? 1 : value
    }

    /// The Indico id of an imported talk (`source: "indico:event/…/contribution/1234"`): apps
    /// that follow the schedule keep their bookmarks across re-imports; nil when there is none.
    static func indicoID(_ source: String?) -> Int? {
        guard let source, source.hasPrefix("indico:"), let last = source.split(separator: "/").last,
            source.split(separator: "/").dropLast().last == "contribution", let id = Int(last), id > 0,
            id <= 0x7FFF_FFFF
        else { return nil }
        return id
    }

    static func guid(_ name: String) -> String { String(Feeds.id(name).dropFirst("urn:uuid:".count)) }

    /// The events of the site, or the diagnostic naming two that would share a numeric id.
    public static func events(_ index: SiteIndex, plainText: (String) -> String) throws -> [Event] {
        let workshop = index.workshop
        let venue = workshop.venue ?? workshop.shortTitle
        var events: [Event] = []
        for session in index.sessions {
            let room = session.room ?? venue
            let talks = index.talks(inSession: session.id)
            if talks.isEmpty {
                events.append(
                    Event(
                        numericID: numericID("session/\(session.id)"),
                        guid: guid("session/\(session.id)@\(workshop.siteID)"),
                        slug: session.id, title: session.title, type: session.kind.rawValue, day: session.day,
                        start: session.start, durationMinutes: session.end.minutes - session.start.minutes,
                        utcOffsetMinutes: session.utcOffsetMinutes, room: room, track: session.title,
                        abstract: session.descriptionMarkdown.map(plainText) ?? "",
                        persons: session.conveners.map { person(index, $0) }, links: [],
                        page: SiteURLs.session(session.id)))
            }
            for talk in talks {
                var links = talk.materials.arxiv.map { ("arXiv:\($0)", "https://arxiv.org/abs/\($0)") }
                if let slides = talk.materials.slides { links.append(("Slides", slides)) }
                if let video = talk.materials.video { links.append(("Video", video)) }
                if let code = talk.materials.code { links.append(("Code", code)) }
                events.append(
                    Event(
                        numericID: indicoID(talk.source) ?? numericID("talk/\(talk.id)"),
                        guid: guid("talk/\(talk.id)@\(workshop.siteID)"),
                        slug: talk.id, title: talk.title, type: "talk", day: session.day, start: talk.start,
                        durationMinutes: talk.durationMinutes, utcOffsetMinutes: session.utcOffsetMinutes, room: room,
                        track: talk.tracks.compactMap { index.track($0)?.title }.joined(separator: ", "),
                        abstract: talk.abstractMarkdown.map(plainText) ?? "",
                        persons: talk.speakers.map { person(index, $0) }, links: links, page: SiteURLs.talk(talk.id)))
            }
        }
        var owners: [Int: String] = [:]
        for event in events {
            if let other = owners[event.numericID] {
                throw Diagnostic(
                    "'\(other)' and '\(event.slug)' derive the same schedule id \(event.numericID)", at: nil)
            }
            owners[event.numericID] = event.slug
        }
        return events.sorted { ($0.day, $0.start.minutes, $0.slug) < ($1.day, $1.start.minutes, $1.slug) }
    }

    static func person(_ index: SiteIndex, _ id: PersonID) -> (name: String, guid: String) {
        (index.person(id)?.name ?? id, guid("person/\(id)@\(index.workshop.siteID)"))
    }

    /// `01:30`: both schedule formats write a duration as hours and minutes.
    public static func duration(_ event: Event) -> String { TimeOfDay(minutes: event.durationMinutes).description }

    /// The event's start and end with their offset.
    public static func startAndEnd(_ event: Event) -> (start: String, end: String) {
        (
            dateTime(event.day, event.start, offset: event.utcOffsetMinutes),
            dateTime(event.day, event.start.adding(minutes: event.durationMinutes), offset: event.utcOffsetMinutes)
        )
    }

    /// A day's first start and last end (midnight for a day without sessions), as both formats
    /// give them.
    public static func bounds(of day: DaySchedule, workshop: Workshop) -> (start: String, end: String) {
        let first = day.sessions.first
        let last = day.sessions.max { $0.end < $1.end }
        let start =
            first.map { dateTime(day.day, $0.start, offset: $0.utcOffsetMinutes) }
            ?? dateTime(day.day, TimeOfDay(minutes: 0), offset: workshop.sourceDate.utcOffsetMinutes)
        return (start, last.map { dateTime(day.day, $0.end, offset: $0.utcOffsetMinutes) } ?? start)
    }

    /// `2020-10-19T14:00:00+02:00`.
    static func dateTime(_ day: CalendarDay, _ time: TimeOfDay, offset: Int) -> String {
        Feeds.timestamp(ZonedDateTime(day: day, time: time, utcOffsetMinutes: offset))
    }

    public static func xml(_ index: SiteIndex, events: [Event], acronym: String) -> [UInt8] {
        let workshop = index.workshop
        let xml = XMLDocumentWriter()
        xml.start("schedule")
        xml.element("generator", nil, [("name", "Workshop Archive")])
        if let base = workshop.baseURL { xml.element("url", base + "schedule.xml") }
        xml.element("version", workshop.sourceDate.day.description)
        xml.start("conference")
        xml.element("title", workshop.title)
        xml.element("acronym", acronym)
        xml.element("start", workshop.startDate.description)
        xml.element("end", workshop.endDate.description)
        xml.element("days", String(workshop.endDate.daysSinceEpoch - workshop.startDate.daysSinceEpoch + 1))
        if let base = workshop.baseURL {
            xml.element("base_url", base)
            xml.element("url", base)
        }
        xml.element("time_zone_name", workshop.timeZone)
        for track in workshop.tracks { xml.element("track", nil, [("name", track.title)]) }
        xml.end()
        for (offset, day) in index.days.enumerated() {
            let dayEvents = events.filter { $0.day == day.day }
            let (start, end) = bounds(of: day, workshop: workshop)
            xml.start(
                "day", [("date", day.day.description), ("start", start), ("end", end), ("index", String(offset + 1))])
            let rooms = dayEvents.map(\.room).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            for room in rooms {
                xml.start("room", [("name", room)])
                for event in dayEvents where event.room == room { write(event, workshop: workshop, into: xml) }
                xml.end()
            }
            xml.end()
        }
        xml.end()
        return xml.finish()
    }

    static func write(_ event: Event, workshop: Workshop, into xml: XMLDocumentWriter) {
        xml.start("event", [("id", String(event.numericID)), ("guid", event.guid)])
        xml.element("room", event.room)
        xml.element("title", event.title)
        xml.element("type", event.type)
        xml.element("date", startAndEnd(event).start)
        xml.element("start", event.start.description)
        xml.element("duration", duration(event))
        xml.element("abstract", event.abstract)
        xml.element("track", event.track)
        xml.element("language", "en")
        xml.start("persons")
        for person in event.persons { xml.element("person", person.name, [("guid", person.guid)]) }
        xml.end()
        xml.start("links")
        for link in event.links { xml.element("link", link.title, [("href", link.url)]) }
        xml.end()
        if let base = workshop.baseURL { xml.element("url", base + event.page) }
        xml.end()
    }
}
