import ArchiveIndex
import ArchiveModel
import Foundation

/// The site's iCalendar files: `schedule.ics` with every talk and timetable block, and a
/// `calendar.ics` beside each talk, session, day, track and person page that has events.
struct CalendarFiles {
    struct Event {
        var uid: String
        var day: CalendarDay
        var start: TimeOfDay
        var end: TimeOfDay
        var utcOffsetMinutes: Int
        /// SUMMARY, DESCRIPTION and CATEGORIES already in TEXT form: an event appears in several
        /// files (its page's, its session's, its day's, …) and is escaped once.
        var summary: String
        var description: String
        var categories: String
        /// The event's page, site-relative.
        var page: String
        /// The session's room, when it names one (LOCATION is then "room, venue").
        var room: String?

        init(
            uid: String, day: CalendarDay, start: TimeOfDay, end: TimeOfDay, utcOffsetMinutes: Int, summary: String,
            description: String, categories: [String], page: String
        ) {
            self.uid = uid
            self.day = day
            self.start = start
            self.end = end
            self.utcOffsetMinutes = utcOffsetMinutes
            self.summary = ICalendarText.text(summary)
            self.description = ICalendarText.text(description)
            self.categories = categories.map(ICalendarText.text).joined(separator: ",")
            self.page = page
        }
    }

    let index: SiteIndex
    let markdown: MarkdownRenderer
    let talkEvents: [TalkID: Event]
    let sessionEvents: [SessionID: Event]
    /// The workshop's zone over the span of all events.
    let zone: TimeZoneComponent?

    init(index: SiteIndex, markdown: MarkdownRenderer) {
        self.index = index
        self.markdown = markdown
        let site = index.workshop.siteID
        var talkEvents: [TalkID: Event] = [:]
        for talk in index.talks {
            guard let session = index.session(talk.session) else { continue }
            var description = ""
            if !talk.speakers.isEmpty {
                description =
                    "Speakers: "
                    + talk.speakers.map { Self.personLine(index, $0, at: talk.speakerAffiliations[$0]) }
                    .joined(separator: ", ")
            }
            if let abstract = talk.abstractMarkdown {
                let text = markdown.plainText(abstract)
                if !text.isEmpty { description += (description.isEmpty ? "" : "\n\n") + text }
            }
            talkEvents[talk.id] = Event(
                uid: "talk-\(talk.id)@\(site)", day: session.day, start: talk.start, end: talk.end,
                utcOffsetMinutes: session.utcOffsetMinutes, summary: talk.title, description: description,
                categories: talk.tracks.map { index.track($0)?.title ?? $0 }, page: SiteURLs.talk(talk.id))
            talkEvents[talk.id]?.room = session.room
        }
        var sessionEvents: [SessionID: Event] = [:]
        for session in index.sessions {
            var lines: [String] = []
            if !session.conveners.isEmpty {
                lines.append(
                    "Conveners: "
                        + session.conveners.map { Self.personLine(index, $0, at: session.convenerAffiliations[$0]) }
                        .joined(separator: ", "))
            }
            if let text = session.descriptionMarkdown.map(markdown.plainText), !text.isEmpty { lines.append(text) }
            let talks = index.talks(inSession: session.id).map { talk in
                "\(talk.start) \(talk.title)"
                    + (talk.speakers.isEmpty
                        ? "" : " (" + talk.speakers.map { index.person($0)?.name ?? $0 }.joined(separator: ", ") + ")")
            }
            if !talks.isEmpty { lines.append("Talks:\n" + talks.joined(separator: "\n")) }
            sessionEvents[session.id] = Event(
                uid: "session-\(session.id)@\(site)", day: session.day, start: session.start, end: session.end,
                utcOffsetMinutes: session.utcOffsetMinutes, summary: session.title,
                description: lines.joined(separator: "\n\n"), categories: [], page: SiteURLs.session(session.id))
            sessionEvents[session.id]?.room = session.room
        }
        self.talkEvents = talkEvents
        self.sessionEvents = sessionEvents
        let all = Array(talkEvents.values) + Array(sessionEvents.values)
        if let first = all.map({ Self.instant($0, end: false) }).min(),
            let last = all.map({ Self.instant($0, end: true) }).max()
        {
            zone = TimeZoneComponent(index.workshop.timeZone, from: first, to: last)
        } else {
            zone = nil
        }
    }

    static func personLine(_ index: SiteIndex, _ id: PersonID, at appearance: String?) -> String {
        guard let person = index.person(id) else { return id }
        let affiliations = person.affiliations(at: appearance)
        return affiliations.isEmpty ? person.name : "\(person.name) (\(affiliations.joined(separator: "; ")))"
    }

    /// Every file, by site path.
    func files() -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        let workshop = index.workshop
        let everything =
            index.sessions.compactMap { sessionEvents[$0.id] } + index.talks.compactMap { talkEvents[$0.id] }
        files["schedule.ics"] = calendar(named: workshop.title, everything)
        for talk in index.talks {
            if let path = Self.path(SiteURLs.talk(talk.id)), let event = talkEvents[talk.id] {
                files[path] = calendar(named: talk.title, [event])
            }
        }
        for session in index.sessions {
            guard let path = Self.path(SiteURLs.session(session.id)) else { continue }
            files[path] = calendar(named: session.title, events(sessions: [session.id]))
        }
        for day in index.days where !day.sessions.isEmpty {
            guard let path = Self.path(SiteURLs.day(day.day)) else { continue }
            files[path] = calendar(
                named: "\(workshop.shortTitle), \(Format.longDate(day.day))", events(sessions: day.sessions.map(\.id)))
        }
        for track in index.tracks {
            let talks = index.talksByDay(inTrack: track.id).flatMap(\.talks)
            guard !talks.isEmpty, let path = Self.path(SiteURLs.track(track.id)) else { continue }
            files[path] = calendar(
                named: "\(workshop.shortTitle): \(track.title)", talks.compactMap { talkEvents[$0.id] })
        }
        for person in index.people {
            let events = personEvents(person.id)
            guard !events.isEmpty, let path = Self.path(SiteURLs.person(person.id)) else { continue }
            files[path] = calendar(named: "\(workshop.shortTitle): \(person.name)", events)
        }
        return files
    }

    /// Whether the page at `pagePath` has a `calendar.ics` beside it.
    static func path(_ pagePath: String) -> String? {
        guard pagePath.hasSuffix("/index.html") else { return nil }
        return String(pagePath.dropLast("index.html".count)) + "calendar.ics"
    }

    /// The sessions and all their talks.
    func events(sessions: [SessionID]) -> [Event] {
        sessions.flatMap { id in
            [sessionEvents[id]].compactMap { $0 } + index.talks(inSession: id).compactMap { talkEvents[$0.id] }
        }
    }

    /// The talks a person speaks in and the sessions they convene.
    func personEvents(_ id: PersonID) -> [Event] {
        index.talks(bySpeaker: id).compactMap { talkEvents[$0.id] }
            + index.sessionsConvened(by: id).compactMap { sessionEvents[$0.id] }
    }

    func calendar(named name: String, _ unordered: [Event]) -> [UInt8] {
        let events = unordered.sorted {
            ($0.day, $0.start.minutes, $0.uid.hasPrefix("talk-") ? 1 : 0, $0.uid)
                < ($1.day, $1.start.minutes, $1.uid.hasPrefix("talk-") ? 1 : 0, $1.uid)
        }
        let workshop = index.workshop
        var ics = ICalendarText()
        ics.line("BEGIN", "VCALENDAR")
        ics.line("VERSION", "2.0")
        ics.line("PRODID", "-//Workshop Archive//archive//EN")
        ics.line("CALSCALE", "GREGORIAN")
        ics.line("METHOD", "PUBLISH")
        ics.line("NAME", ICalendarText.text(name))
        ics.line("X-WR-CALNAME", ICalendarText.text(name))
        ics.line("X-WR-TIMEZONE", workshop.timeZone)
        if let first = events.first,
            let last = events.max(by: { Self.instant($0, end: true) < Self.instant($1, end: true) })
        {
            zone?.write(from: Self.instant(first, end: false), to: Self.instant(last, end: true), into: &ics)
        }
        let stamp = ICalendarText.utc(workshop.sourceDate)
        for event in events {
            ics.line("BEGIN", "VEVENT")
            ics.line("UID", event.uid)
            ics.line("DTSTAMP", stamp)
            ics.line("DTSTART", ICalendarText.local(event.day, event.start), parameters: ";TZID=\(workshop.timeZone)")
            ics.line("DTEND", ICalendarText.local(event.day, event.end), parameters: ";TZID=\(workshop.timeZone)")
            ics.line("SUMMARY", event.summary)
            if !event.description.isEmpty { ics.line("DESCRIPTION", event.description) }
            if !event.categories.isEmpty { ics.line("CATEGORIES", event.categories) }
            if let location = [event.room, workshop.venue].compactMap({ $0 }).joined(separator: ", ").nilIfEmpty {
                ics.line("LOCATION", ICalendarText.text(location))
            }
            if let baseURL = workshop.baseURL { ics.line("URL", baseURL + event.page) }
            ics.line("END", "VEVENT")
        }
        ics.line("END", "VCALENDAR")
        return ics.bytes
    }

    static func instant(_ event: Event, end: Bool) -> Date {
        let minutes = event.day.daysSinceEpoch * 1440 + (end ? event.end : event.start).minutes - event.utcOffsetMinutes
        return Date(timeIntervalSince1970: TimeInterval(minutes * 60))
    }
}

extension String {
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}
