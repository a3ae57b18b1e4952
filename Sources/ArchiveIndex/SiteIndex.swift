import ArchiveModel
import Foundation

/// One calendar day of the workshop with its timetable blocks in time order.
public struct DaySchedule: Hashable, Sendable {
    public var day: CalendarDay
    public var sessions: [Session]
}

/// A row of a session's timetable: a talk or a break, ordered by start time.
public enum TimetableEntry: Hashable, Sendable {
    case talk(Talk)
    case pause(Break)

    public var start: TimeOfDay {
        switch self {
        case .talk(let talk): talk.start
        case .pause(let pause): pause.start
        }
    }

    public var end: TimeOfDay {
        switch self {
        case .talk(let talk): talk.end
        case .pause(let pause): pause.end
        }
    }
}

/// The talks of one track (or one person) on one day, in time order.
public struct DayTalks: Hashable, Sendable {
    public var day: CalendarDay
    public var talks: [Talk]
}

/// People whose sort key starts with the same letter (`#` for anything that is not A–Z).
public struct LetterGroup: Hashable, Sendable {
    /// `A` … `Z` or `#`.
    public var letter: String
    /// A safe HTML id for the group's heading, `letter-a` … `letter-z`, `letter-other`.
    public var anchor: String
    public var people: [Person]
}

public struct SiteCounts: Hashable, Sendable {
    public var days: Int
    public var sessions: Int
    public var talks: Int
    /// Distinct people who gave at least one talk.
    public var speakers: Int
    public var people: Int
    public var tracks: Int
    /// nil when the workshop does not say.
    public var registrations: Int?
}

/// Everything the renderer needs, computed once from the validated content: orderings, groupings
/// and cross references. Every list is in a defined order (time, track number or sort key, then id),
/// never in dictionary order.
public struct SiteIndex: Sendable {
    public let content: ArchiveContent
    public var workshop: Workshop { content.workshop }

    /// Every day from the workshop's first to its last (and any day a session lies on), in order.
    public let days: [DaySchedule]
    /// All sessions by day, start, end and id.
    public let sessions: [Session]
    /// All talks by day, start and id.
    public let talks: [Talk]
    /// Tracks by their number, then id.
    public let tracks: [Track]
    /// People by folded sort key (case and accents ignored), then sort key, then id.
    public let people: [Person]
    /// `people`, grouped by the initial letter of their sort key.
    public let peopleByLetter: [LetterGroup]
    public let counts: SiteCounts
    /// Executed notebooks by id; each names the talks and sessions it relates to.
    public let notebooks: [ExecutedNotebook]
    private let notebooksByRelated: [String: [ExecutedNotebook]]

    private let sessionByID: [SessionID: Session]
    private let talkByID: [TalkID: Talk]
    private let personByID: [PersonID: Person]
    private let trackByID: [TrackID: Track]
    private let talksBySession: [SessionID: [Talk]]
    private let timetableBySession: [SessionID: [TimetableEntry]]
    private let talksByTrack: [TrackID: [DayTalks]]
    private let talkCountByTrack: [TrackID: Int]
    private let talksBySpeaker: [PersonID: [Talk]]
    private let sessionsByConvener: [PersonID: [Session]]
    private let previousByTalk: [TalkID: Talk]
    private let nextByTalk: [TalkID: Talk]

    public init(content: ArchiveContent, notebooks: [ExecutedNotebook] = []) {
        self.content = content
        self.notebooks = notebooks.sorted { $0.notebook.id < $1.notebook.id }
        var notebooksByRelated: [String: [ExecutedNotebook]] = [:]
        for executed in self.notebooks {
            for id in Set(executed.notebook.related) { notebooksByRelated[id, default: []].append(executed) }
        }
        self.notebooksByRelated = notebooksByRelated

        var sessionByID: [SessionID: Session] = [:]
        for session in content.sessions { sessionByID[session.id] = session }
        self.sessionByID = sessionByID
        var talkByID: [TalkID: Talk] = [:]
        for talk in content.talks { talkByID[talk.id] = talk }
        self.talkByID = talkByID
        var personByID: [PersonID: Person] = [:]
        for person in content.people { personByID[person.id] = person }
        self.personByID = personByID
        var trackByID: [TrackID: Track] = [:]
        for track in content.workshop.tracks { trackByID[track.id] = track }
        self.trackByID = trackByID

        let sessions = content.sessions.sorted { a, b in
            (a.day, a.start, a.end) != (b.day, b.start, b.end)
                ? (a.day, a.start, a.end) < (b.day, b.start, b.end)
                : Self.bytesLess(a.id, b.id)
        }
        self.sessions = sessions

        // A talk whose session is unknown (the validator rejects that) sorts after every other talk.
        let farDay = CalendarDay(year: Int.max / 1000, month: 12, day: 31)
        func dayOf(_ talk: Talk) -> CalendarDay { sessionByID[talk.session]?.day ?? farDay }
        func talkLess(_ a: Talk, _ b: Talk) -> Bool {
            let (da, db) = (dayOf(a), dayOf(b))
            if da != db { return da < db }
            if a.start != b.start { return a.start < b.start }
            return Self.bytesLess(a.id, b.id)
        }
        let talks = content.talks.sorted(by: talkLess)
        self.talks = talks

        // Days: the workshop's whole date range plus any day a session lies on.
        var daySet = Set<CalendarDay>()
        let workshop = content.workshop
        if workshop.startDate <= workshop.endDate {
            var day = workshop.startDate
            while day <= workshop.endDate && daySet.count < 400 {
                daySet.insert(day)
                day = day.adding(days: 1)
            }
        }
        for session in sessions { daySet.insert(session.day) }
        self.days = daySet.sorted().map { day in
            DaySchedule(day: day, sessions: sessions.filter { $0.day == day })
        }

        self.tracks = content.workshop.tracks.sorted { a, b in
            a.number != b.number ? a.number < b.number : Self.bytesLess(a.id, b.id)
        }

        // Per session: talks in time order, the timetable with breaks, previous/next talk.
        var talksBySession: [SessionID: [Talk]] = [:]
        for talk in talks { talksBySession[talk.session, default: []].append(talk) }
        self.talksBySession = talksBySession
        var timetableBySession: [SessionID: [TimetableEntry]] = [:]
        var previousByTalk: [TalkID: Talk] = [:]
        var nextByTalk: [TalkID: Talk] = [:]
        for session in sessions {
            let sessionTalks = talksBySession[session.id] ?? []
            for (i, talk) in sessionTalks.enumerated() {
                if i > 0 { previousByTalk[talk.id] = sessionTalks[i - 1] }
                if i + 1 < sessionTalks.count { nextByTalk[talk.id] = sessionTalks[i + 1] }
            }
            var entries = sessionTalks.map(TimetableEntry.talk)
            let breaks = session.breaks.enumerated().sorted { a, b in
                a.element.start != b.element.start ? a.element.start < b.element.start : a.offset < b.offset
            }.map(\.element)
            entries += breaks.map(TimetableEntry.pause)
            // Stable merge by start time; at equal starts a break comes first when it is shorter
            // (it cannot overlap a talk in valid content, so this only orders zero-length oddities).
            let indexed = entries.enumerated().map { ($0.offset, $0.element) }
            timetableBySession[session.id] = indexed.sorted { a, b in
                if a.1.start != b.1.start { return a.1.start < b.1.start }
                if a.1.end != b.1.end { return a.1.end < b.1.end }
                return a.0 < b.0
            }.map(\.1)
        }
        self.timetableBySession = timetableBySession
        self.previousByTalk = previousByTalk
        self.nextByTalk = nextByTalk

        // Per track, by day.
        var talksByTrack: [TrackID: [DayTalks]] = [:]
        var talkCountByTrack: [TrackID: Int] = [:]
        for talk in talks {
            var seen = Set<TrackID>()
            for track in talk.tracks where seen.insert(track).inserted {
                talkCountByTrack[track, default: 0] += 1
                let day = dayOf(talk)
                var groups = talksByTrack[track] ?? []
                if let last = groups.indices.last, groups[last].day == day {
                    groups[last].talks.append(talk)
                } else {
                    groups.append(DayTalks(day: day, talks: [talk]))
                }
                talksByTrack[track] = groups
            }
        }
        self.talksByTrack = talksByTrack
        self.talkCountByTrack = talkCountByTrack

        // Per person.
        var talksBySpeaker: [PersonID: [Talk]] = [:]
        for talk in talks {
            var seen = Set<PersonID>()
            for speaker in talk.speakers where seen.insert(speaker).inserted {
                talksBySpeaker[speaker, default: []].append(talk)
            }
        }
        self.talksBySpeaker = talksBySpeaker
        var sessionsByConvener: [PersonID: [Session]] = [:]
        for session in sessions {
            var seen = Set<PersonID>()
            for convener in session.conveners where seen.insert(convener).inserted {
                sessionsByConvener[convener, default: []].append(session)
            }
        }
        self.sessionsByConvener = sessionsByConvener

        // People in listing order, then grouped by initial.
        let keyed = content.people.map { (Self.foldedSortKey($0.sortKey), $0) }
        let people = keyed.sorted { a, b in
            if a.0 != b.0 { return Self.bytesLess(a.0, b.0) }
            if a.1.sortKey != b.1.sortKey { return Self.bytesLess(a.1.sortKey, b.1.sortKey) }
            return Self.bytesLess(a.1.id, b.1.id)
        }
        self.people = people.map(\.1)
        var groups: [LetterGroup] = []
        var other: [Person] = []
        for (folded, person) in people {
            let first = folded.unicodeScalars.first(where: { !$0.properties.isWhitespace })
            if let first, first.value >= 97, first.value <= 122 {
                let letter = String(Character(first)).uppercased()
                if let last = groups.indices.last, groups[last].letter == letter {
                    groups[last].people.append(person)
                } else {
                    groups.append(LetterGroup(letter: letter, anchor: "letter-\(Character(first))", people: [person]))
                }
            } else {
                other.append(person)
            }
        }
        if !other.isEmpty { groups.append(LetterGroup(letter: "#", anchor: "letter-other", people: other)) }
        self.peopleByLetter = groups

        self.counts = SiteCounts(
            days: days.count,
            sessions: sessions.count,
            talks: talks.count,
            speakers: talksBySpeaker.count,
            people: content.people.count,
            tracks: content.workshop.tracks.count,
            registrations: content.workshop.registrations)
    }

    // MARK: Look-ups

    public func session(_ id: SessionID) -> Session? { sessionByID[id] }
    public func talk(_ id: TalkID) -> Talk? { talkByID[id] }
    public func person(_ id: PersonID) -> Person? { personByID[id] }
    public func track(_ id: TrackID) -> Track? { trackByID[id] }

    /// The day a talk takes place on (its session's day).
    public func day(of talk: Talk) -> CalendarDay? { sessionByID[talk.session]?.day }

    /// The talks of a session in time order.
    public func talks(inSession id: SessionID) -> [Talk] { talksBySession[id] ?? [] }
    /// Talks and breaks of a session in time order.
    public func timetable(ofSession id: SessionID) -> [TimetableEntry] { timetableBySession[id] ?? [] }
    /// The talks of a track grouped by day, both in time order.
    public func talksByDay(inTrack id: TrackID) -> [DayTalks] { talksByTrack[id] ?? [] }
    public func talkCount(inTrack id: TrackID) -> Int { talkCountByTrack[id] ?? 0 }
    /// Talks a person gave, in time order.
    public func talks(bySpeaker id: PersonID) -> [Talk] { talksBySpeaker[id] ?? [] }
    /// Sessions a person convened, in time order.
    public func sessionsConvened(by id: PersonID) -> [Session] { sessionsByConvener[id] ?? [] }
    public func previousTalk(before id: TalkID) -> Talk? { previousByTalk[id] }
    public func nextTalk(after id: TalkID) -> Talk? { nextByTalk[id] }
    /// The notebooks whose `related:` names this talk or session id, by notebook id.
    public func notebooks(relatedTo id: String) -> [ExecutedNotebook] { notebooksByRelated[id] ?? [] }
    public func isOrganiser(_ id: PersonID) -> Bool { workshop.organisers.contains(id) }

    // MARK: Ordering helpers

    /// Byte-wise (UTF-8) order: independent of locale and of Unicode normalisation settings.
    static func bytesLess(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// The key people are listed by: lower case, accents removed (`Ž` → `z`, `ø` → `o`, `ß` → `ss`).
    /// Latin letters up to U+017F are folded by a table; anything else through Unicode canonical
    /// decomposition.
    public static func foldedSortKey(_ key: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in key.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                out.append(value >= 0x41 && value <= 0x5A ? Unicode.Scalar(value + 0x20)! : scalar)
            } else if value >= 0xC0 && value < 0x180 {
                out.append(contentsOf: latinFolds[Int(value - 0xC0)].unicodeScalars)
            } else {
                for part in String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars
                where !(0x300...0x36F).contains(part.value) {
                    out.append(contentsOf: String(part).lowercased().unicodeScalars)
                }
            }
        }
        return String(out)
    }

    /// U+00C0 … U+017F folded to lower-case ASCII (× and ÷ kept).
    private static let latinFolds: [String] =
        "a|a|a|a|a|a|ae|c|e|e|e|e|i|i|i|i|d|n|o|o|o|o|o|×|o|u|u|u|u|y|th|ss|a|a|a|a|a|a|ae|c|e|e|e|e|i|i|i|i|d|n|o|o|o|o|o|÷|o|u|u|u|u|y|th|y|a|a|a|a|a|a|c|c|c|c|c|c|c|c|d|d|d|d|e|e|e|e|e|e|e|e|e|e|g|g|g|g|g|g|g|g|h|h|h|h|i|i|i|i|i|i|i|i|i|i|ij|ij|j|j|k|k|k|l|l|l|l|l|l|l|l|l|l|n|n|n|n|n|n|n|n|n|o|o|o|o|o|o|oe|oe|r|r|r|r|r|r|s|s|s|s|s|s|s|s|t|t|t|t|t|t|u|u|u|u|u|u|u|u|u|u|u|u|w|w|y|y|y|z|z|z|z|z|z|s"
        .split(separator: "|").map(String.init)
}
