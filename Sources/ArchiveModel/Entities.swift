/// Identifiers are the content file's name without `.md`: lower-case ASCII letters, digits and
/// single hyphens (validated by the loader), so they are safe as path components and stable as URLs.
public typealias PersonID = String
public typealias TrackID = String
public typealias SessionID = String
public typealias TalkID = String

/// The workshop itself: `Content/workshop.md`.
public struct Workshop: Hashable, Sendable {
    public var title: String
    public var shortTitle: String
    /// The series the workshop belongs to and its number in it; nil when unknown.
    public var series: String?
    public var edition: Int?
    public var startDate: CalendarDay
    public var endDate: CalendarDay
    /// IANA name, `Europe/Zurich`.
    public var timeZone: String
    /// Abbreviation shown beside times (`CEST`), resolved by the loader for the workshop's dates.
    public var timeZoneAbbreviation: String
    public var venue: String?
    /// What calendar entries' UIDs end in (`talk-<id>@<siteID>`): the `site_id` key, or by default
    /// the series and edition as one slug (`lpcc-…-workshop-4`). It never changes between builds.
    public var siteID: String
    /// Where the site is published (`https://host/path/`, with the final slash): the `base_url`
    /// key or `archive build --base-url`. Feeds, the sitemap and canonical links need it.
    public var baseURL: String?
    /// The conference acronym of `schedule.xml`/`schedule.json` (`iml2020`): the `acronym` key, or
    /// by default the initials of the series' words and the first day's year.
    public var acronym: String
    public var organisers: [PersonID]
    public var tracks: [Track]
    /// Number of registrations (nil: unknown); the names are never part of the content.
    public var registrations: Int?
    public var links: [Link]
    /// Used for provenance stamps when neither SOURCE_DATE_EPOCH nor a commit date is available.
    public var sourceDate: ZonedDateTime
    /// The description, Markdown (the body of the file).
    public var descriptionMarkdown: String
    public var sourcePath: String
    /// Where the content was imported from (`indico:event/…`); nil when written by hand.
    public var source: String?

    public init(
        title: String, shortTitle: String, series: String?, edition: Int?,
        startDate: CalendarDay, endDate: CalendarDay, timeZone: String, timeZoneAbbreviation: String,
        venue: String?, siteID: String? = nil, baseURL: String? = nil, acronym: String? = nil, organisers: [PersonID],
        tracks: [Track],
        registrations: Int?,
        links: [Link], sourceDate: ZonedDateTime, descriptionMarkdown: String, sourcePath: String
    ) {
        self.title = title
        self.shortTitle = shortTitle
        self.series = series
        self.edition = edition
        self.startDate = startDate
        self.endDate = endDate
        self.timeZone = timeZone
        self.timeZoneAbbreviation = timeZoneAbbreviation
        self.venue = venue
        self.siteID = siteID ?? Self.defaultSiteID(series: series ?? title, edition: edition)
        self.baseURL = baseURL
        self.acronym = acronym ?? Self.defaultAcronym(series: series ?? title, year: startDate.year)
        self.organisers = organisers
        self.tracks = tracks
        self.registrations = registrations
        self.links = links
        self.sourceDate = sourceDate
        self.descriptionMarkdown = descriptionMarkdown
        self.sourcePath = sourcePath
    }
}

/// One of the workshop's contribution tracks, declared in the workshop file.
extension Workshop {
    /// `[a-z0-9]+` words joined by `.` or `-`: safe after the `@` of an iCalendar UID.
    public static func isValidSiteID(_ text: String) -> Bool {
        let words = text.split(separator: ".", omittingEmptySubsequences: false).flatMap {
            $0.split(separator: "-", omittingEmptySubsequences: false)
        }
        return !words.isEmpty && text.utf8.count <= 200
            && words.allSatisfy { word in
                !word.isEmpty && word.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) }
            }
    }

    /// Lower-case letters and digits, at least four: what both schedule schemas accept.
    public static func isValidAcronym(_ text: String) -> Bool {
        text.utf8.count >= 4 && text.utf8.count <= 64
            && text.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) }
    }

    /// `lpcc Inter-experiment Machine Learning Workshop`, 2020 → `liemlw2020`.
    public static func defaultAcronym(series: String, year: Int) -> String {
        let initials = series.split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }.compactMap { $0.first }
        return String(String(initials).lowercased().prefix(12)) + String(year)
    }

    /// nil when `text` is a usable base URL (absolute `https:`/`http:`, a host, ending in `/`, no
    /// credentials, query or fragment); otherwise why not.
    public static func baseURLProblem(_ text: String) -> String? {
        guard text.hasPrefix("https://") || text.hasPrefix("http://") else {
            return "it must start with https:// or http://"
        }
        guard text.hasSuffix("/") else { return "it must end with '/' (the folder the site is published in)" }
        let rest = text.drop { $0 != "/" }.dropFirst(2)
        let host = rest.prefix { $0 != "/" }
        if host.isEmpty { return "it names no host" }
        if host.contains("@") { return "it must not carry credentials" }
        if text.contains("?") || text.contains("#") { return "it must not have a query or fragment" }
        if text.unicodeScalars.contains(where: {
            $0.value <= 0x20 || $0.value == 0x7F || $0 == "\"" || $0 == "<" || $0 == ">"
        }) {
            return "it must not contain spaces, quotes or angle brackets"
        }
        return nil
    }

    /// The series' ASCII letters and digits as hyphenated words, then the edition; the loader
    /// strips accents first (ArchiveModel stays free of Foundation).
    public static func defaultSiteID(series folded: String, edition: Int?) -> String {
        var words: [String] = []
        var word = ""
        for scalar in folded.lowercased().unicodeScalars {
            if scalar.isASCII, (0x61...0x7A).contains(scalar.value) || (0x30...0x39).contains(scalar.value) {
                word.unicodeScalars.append(scalar)
            } else if !word.isEmpty {
                words.append(word)
                word = ""
            }
        }
        if !word.isEmpty { words.append(word) }
        return (words + (edition.map { [String($0)] } ?? [])).joined(separator: "-")
    }
}

public struct Track: Hashable, Sendable {
    public var id: TrackID
    /// The number the event page gives it (1…13); tracks are listed in this order.
    public var number: Int
    public var title: String
    public var summary: String?

    public init(id: TrackID, number: Int, title: String, summary: String?) {
        self.id = id
        self.number = number
        self.title = title
        self.summary = summary
    }
}

public struct Link: Hashable, Sendable {
    public var title: String
    /// An absolute `https:`/`http:`/`mailto:` URL, validated by the loader.
    public var url: String

    public init(title: String, url: String) {
        self.title = title
        self.url = url
    }
}

public enum SessionKind: String, CaseIterable, Hashable, Sendable {
    case plenary, workshop, tutorial, seminar
    case walkThrough = "walk-through"
}

/// A timetable block: `Content/sessions/<id>.md`; the body is its description.
public struct Session: Hashable, Sendable {
    public var id: SessionID
    public var title: String
    public var kind: SessionKind
    public var day: CalendarDay
    public var start: TimeOfDay
    public var end: TimeOfDay
    public var utcOffsetMinutes: Int
    public var conveners: [PersonID]
    /// The affiliation a convener gave for this session, when the content names one.
    public var convenerAffiliations: [PersonID: String] = [:]
    /// Where it takes place; nil is the venue, one implicit room shared by every session without one.
    /// Sessions in different rooms may run in parallel; two in one room may not overlap.
    public var room: String?
    public var breaks: [Break]
    public var descriptionMarkdown: String?
    public var sourcePath: String
    /// Where the session was imported from (`indico:event/…/slot/…`); nil when written by hand.
    public var source: String?

    public init(
        id: SessionID, title: String, kind: SessionKind, day: CalendarDay, start: TimeOfDay,
        end: TimeOfDay, utcOffsetMinutes: Int, conveners: [PersonID], breaks: [Break],
        descriptionMarkdown: String?, sourcePath: String
    ) {
        self.id = id
        self.title = title
        self.kind = kind
        self.day = day
        self.start = start
        self.end = end
        self.utcOffsetMinutes = utcOffsetMinutes
        self.conveners = conveners
        self.breaks = breaks
        self.descriptionMarkdown = descriptionMarkdown
        self.sourcePath = sourcePath
    }
}

/// A break inside a session (coffee break): a timetable entry that is not a talk.
public struct Break: Hashable, Sendable {
    public var title: String
    public var start: TimeOfDay
    public var durationMinutes: Int

    public init(title: String, start: TimeOfDay, durationMinutes: Int) {
        self.title = title
        self.start = start
        self.durationMinutes = durationMinutes
    }

    public var end: TimeOfDay { start.adding(minutes: durationMinutes) }
}

public enum RecordingStatus: String, CaseIterable, Hashable, Sendable {
    case recorded
    case notRecorded = "not-recorded"
    /// A pre-recorded video played in the session, with the Q&A recorded live.
    case videoWithRecordedQA = "video-with-recorded-qa"
    case unknown
}

public struct Materials: Hashable, Sendable {
    public var slides: String?
    public var video: String?
    /// arXiv identifiers such as `2008.06545`.
    public var arxiv: [String]
    public var code: String?

    public init(slides: String? = nil, video: String? = nil, arxiv: [String] = [], code: String? = nil) {
        self.slides = slides
        self.video = video
        self.arxiv = arxiv
        self.code = code
    }

    public var isEmpty: Bool { slides == nil && video == nil && arxiv.isEmpty && code == nil }
}

/// A contribution: `Content/talks/<id>.md`; the body, when there is one, is the abstract.
public struct Talk: Hashable, Sendable {
    public var id: TalkID
    public var title: String
    public var session: SessionID
    public var start: TimeOfDay
    public var durationMinutes: Int
    public var speakers: [PersonID]
    /// The affiliation a speaker gave for this talk, when the content names one.
    public var speakerAffiliations: [PersonID: String] = [:]
    public var tracks: [TrackID]
    public var recording: RecordingStatus
    /// What the source says about the recording, e.g. "due to slow internet connection".
    public var recordingNote: String?
    public var materials: Materials
    public var abstractMarkdown: String?
    public var sourcePath: String
    /// Where the talk was imported from (`indico:event/…/contribution/…`); nil when written by hand.
    public var source: String?

    public init(
        id: TalkID, title: String, session: SessionID, start: TimeOfDay, durationMinutes: Int,
        speakers: [PersonID], tracks: [TrackID], recording: RecordingStatus, recordingNote: String?,
        materials: Materials, abstractMarkdown: String?, sourcePath: String
    ) {
        self.id = id
        self.title = title
        self.session = session
        self.start = start
        self.durationMinutes = durationMinutes
        self.speakers = speakers
        self.tracks = tracks
        self.recording = recording
        self.recordingNote = recordingNote
        self.materials = materials
        self.abstractMarkdown = abstractMarkdown
        self.sourcePath = sourcePath
    }

    public var end: TimeOfDay { start.adding(minutes: durationMinutes) }
}

/// A speaker or convener: `Content/people/<id>.md`.
public struct Person: Hashable, Sendable {
    public var id: PersonID
    /// Display name, without titles such as "Dr" or "Mr".
    public var name: String
    /// Affiliations as the sources give them; empty when unknown.
    public var affiliations: [String]
    /// Other spellings found in the sources (merged into this person).
    public var aliases: [String]
    /// The key people are listed by (family name first), e.g. "Vischia, Pietro".
    public var sortKey: String
    public var sourcePath: String
    /// Where the person was imported from (`indico:event/…/person/…`); nil when written by hand.
    public var source: String?

    public init(
        id: PersonID, name: String, affiliations: [String], aliases: [String], sortKey: String,
        sourcePath: String
    ) {
        self.id = id
        self.name = name
        self.affiliations = affiliations
        self.aliases = aliases
        self.sortKey = sortKey
        self.sourcePath = sourcePath
    }

    /// The affiliations shown beside the person at one appearance: the one that appearance
    /// names, else all of the person's own.
    public func affiliations(at appearance: String?) -> [String] {
        appearance.map { [$0] } ?? affiliations
    }
}

/// Everything the loader produced and the validator accepted; every array is sorted by id.
public struct ArchiveContent: Hashable, Sendable {
    public var workshop: Workshop
    public var sessions: [Session]
    public var talks: [Talk]
    public var people: [Person]

    public init(workshop: Workshop, sessions: [Session], talks: [Talk], people: [Person]) {
        self.workshop = workshop
        self.sessions = sessions
        self.talks = talks
        self.people = people
    }
}
