import ArchiveModel
import Yams

// Each content file is first read on its own into a draft: every field it could read, with the
// place it was written, and nil where the value was missing or invalid (already reported). The
// cross-file checks (ArchiveValidator) then only look at what was readable, so one mistake is
// reported once and not again as a consequence elsewhere.

struct WorkshopDraft {
    var path: String
    /// Where the entity was imported from (`indico:…`), kept so a re-import finds it.
    var source: String?
    var title: String?
    var shortTitle: String?
    var series: String?
    var edition: Int?
    var startDate: Located<CalendarDay>?
    var endDate: Located<CalendarDay>?
    var timeZone: Located<String>?
    var venue: String?
    var siteID: String?
    var baseURL: String?
    var acronym: String?
    var organisers: [Located<String>] = []
    var registrations: Int?
    var sourceDate: Located<(CalendarDay, TimeOfDay)>?
    var tracks: [(track: Track, idLocation: SourceLocation, numberLocation: SourceLocation)] = []
    /// Every valid track id written, also of tracks with another problem, to check talks against.
    var declaredTrackIDs: Set<TrackID> = []
    var links: [Link] = []
    var description: String
}

struct BreakDraft {
    var title: String
    var start: Located<TimeOfDay>
    var duration: Int
}

struct SessionDraft {
    var id: SessionID
    var path: String
    /// Where the entity was imported from (`indico:…`), kept so a re-import finds it.
    var source: String?
    var title: String?
    var kind: SessionKind?
    var day: Located<CalendarDay>?
    var start: Located<TimeOfDay>?
    var end: Located<TimeOfDay>?
    var conveners: [Located<String>] = []
    var convenerAffiliations: [PersonID: String] = [:]
    var room: String?
    var breaks: [BreakDraft] = []
    var description: String?
}

struct TalkDraft {
    var id: TalkID
    var path: String
    /// Where the entity was imported from (`indico:…`), kept so a re-import finds it.
    var source: String?
    var title: String?
    var session: Located<String>?
    var start: Located<TimeOfDay>?
    var duration: Located<Int>?
    var speakers: [Located<String>] = []
    var speakerAffiliations: [PersonID: String] = [:]
    var tracks: [Located<String>] = []
    var recording: RecordingStatus?
    var recordingNote: String?
    var materials = Materials()
    var abstract: String?
}

struct PersonDraft {
    var id: PersonID
    var path: String
    /// Where the entity was imported from (`indico:…`), kept so a re-import finds it.
    var source: String?
    var name: Located<String>?
    var sortAs: String?
    var affiliations: [String] = []
    var aliases: [Located<String>] = []
}

/// Reads the front matter of each kind of file.
struct EntityReader {
    let diagnostics: DiagnosticCollector

    static let workshopKeys = [
        "title", "short_title", "series", "edition", "start_date", "end_date", "time_zone",
        "venue", "organisers", "registrations", "source_date", "tracks", "links", "site_id", "base_url", "acronym",
        "source", SecretLint.allowKey,
    ]
    static let trackKeys = ["id", "number", "title", "summary"]
    static let linkKeys = ["title", "url"]
    static let sessionKeys = [
        "title", "kind", "day", "start", "end", "room", "conveners", "breaks", "source", SecretLint.allowKey,
    ]
    static let breakKeys = ["title", "start", "duration"]
    static let talkKeys = [
        "title", "session", "start", "duration", "speakers", "tracks", "recording",
        "recording_note", "materials", "source", SecretLint.allowKey,
    ]
    static let materialsKeys = ["slides", "video", "code", "arxiv"]
    static let personKeys = ["name", "sort_as", "affiliations", "aliases", "source", SecretLint.allowKey]

    private func fields(
        _ root: Node?, entity: String, keys: [String], optional: Set<String>,
        file: FileContext
    ) -> FieldReader? {
        FieldReader(
            root, entity: entity, keys: keys, required: Set(keys).subtracting(optional), file: file,
            diagnostics: diagnostics)
    }

    // MARK: Shared value readers

    func day(_ fields: FieldReader, _ key: String) -> Located<CalendarDay>? {
        guard let raw = fields.scalar(key, expected: "a day YYYY-MM-DD") else { return nil }
        guard let day = Values.day(raw.value) else {
            diagnostics.error(
                "invalid day '\(FieldReader.printable(raw.value))'; expected a calendar date YYYY-MM-DD",
                at: raw.location)
            return nil
        }
        return Located(day, at: raw.location)
    }

    func time(_ fields: FieldReader, _ key: String) -> Located<TimeOfDay>? {
        guard let raw = fields.scalar(key, expected: "a time \"HH:MM\"") else { return nil }
        guard let time = Values.time(raw.value) else {
            diagnostics.error(
                "invalid time '\(FieldReader.printable(raw.value))'; expected \"HH:MM\" from 00:00 to 23:59",
                at: raw.location)
            return nil
        }
        return Located(time, at: raw.location)
    }

    func url(_ fields: FieldReader, _ key: String, allowMailto: Bool) -> String? {
        guard let raw = fields.scalar(key, expected: "a URL") else { return nil }
        if let problem = Values.urlProblem(raw.value, allowMailto: allowMailto) {
            diagnostics.error(problem, at: raw.location)
            return nil
        }
        return raw.value
    }

    static func affiliations(_ appearances: [FieldReader.Appearance]) -> [PersonID: String] {
        var result: [PersonID: String] = [:]
        for appearance in appearances { result[appearance.person.value] = appearance.affiliation }
        return result
    }

    /// Ids listed in a file (organisers, speakers, …); whether they exist is checked later.
    func ids(_ fields: FieldReader, _ key: String, item: String) -> [Located<String>] {
        fields.scalarList(key, item: item)
    }

    // MARK: Files

    func workshop(_ root: Node?, file: FileContext, body: String?) -> WorkshopDraft {
        var draft = WorkshopDraft(path: file.path, description: body ?? "")
        guard
            let fields = fields(
                root, entity: "workshop", keys: Self.workshopKeys,
                optional: [
                    "venue", "links", "site_id", "base_url", "acronym", "series", "edition", "registrations", "source",
                    SecretLint.allowKey,
                ],
                file: file)
        else { return draft }
        draft.title = fields.text("title")?.value
        draft.source = fields.text("source")?.value
        draft.shortTitle = fields.text("short_title")?.value
        draft.series = fields.text("series")?.value
        draft.edition = fields.integer("edition", minimum: 1, meaning: "an edition number (1 or more)")?.value
        draft.startDate = day(fields, "start_date")
        draft.endDate = day(fields, "end_date")
        if let zone = fields.scalar("time_zone", expected: "a time-zone name") { draft.timeZone = zone }
        draft.venue = fields.text("venue")?.value
        if let raw = fields.scalar("acronym", expected: "an acronym") {
            if Workshop.isValidAcronym(raw.value) {
                draft.acronym = raw.value
            } else {
                diagnostics.error(
                    "invalid acronym '\(FieldReader.printable(raw.value))'; expected at least four lower-case "
                        + "letters and digits, e.g. iml2020", at: raw.location)
            }
        }
        if let raw = fields.scalar("base_url", expected: "a URL") {
            if let problem = Workshop.baseURLProblem(raw.value) {
                diagnostics.error(
                    "invalid base URL '\(FieldReader.printable(raw.value))': \(problem)", at: raw.location)
            } else {
                draft.baseURL = raw.value
            }
        }
        if let raw = fields.scalar("site_id", expected: "a site id") {
            if Workshop.isValidSiteID(raw.value) {
                draft.siteID = raw.value
            } else {
                diagnostics.error(
                    "invalid site id '\(FieldReader.printable(raw.value))'; expected lower-case letters and digits "
                        + "in words joined by '.' or '-', e.g. iml2020.example.org", at: raw.location)
            }
        }
        draft.organisers = ids(fields, "organisers", item: "a person id")
        draft.registrations =
            fields.integer(
                "registrations", minimum: 0,
                meaning: "a number of registrations (0 or more)")?.value
        if let raw = fields.scalar("source_date", expected: "a date and time YYYY-MM-DDTHH:MM") {
            if let value = Values.dateTime(raw.value) {
                draft.sourceDate = Located(value, at: raw.location)
            } else {
                diagnostics.error(
                    "invalid date and time '\(FieldReader.printable(raw.value))'; expected YYYY-MM-DDTHH:MM",
                    at: raw.location)
            }
        }
        for node in fields.sequence("tracks") ?? [] {
            guard
                let track = self.fields(
                    node, entity: "track", keys: Self.trackKeys, optional: ["summary"],
                    file: file)
            else { continue }
            guard let id = track.scalar("id", expected: "a track id") else { continue }
            if !Values.isValidID(id.value) {
                diagnostics.error(
                    "invalid track id '\(FieldReader.printable(id.value))'; "
                        + "ids are lower-case ASCII letters, digits and single hyphens", at: id.location)
                continue
            }
            draft.declaredTrackIDs.insert(id.value)
            let number = track.integer("number", minimum: 1, meaning: "a track number (1 or more)")
            let title = track.text("title")
            let summary = track.text("summary", multiline: true)
            if let number, let title {
                draft.tracks.append(
                    (
                        Track(
                            id: id.value, number: number.value, title: title.value,
                            summary: summary?.value), id.location, number.location
                    ))
            }
        }
        for node in fields.sequence("links") ?? [] {
            guard let link = self.fields(node, entity: "link", keys: Self.linkKeys, optional: [], file: file) else {
                continue
            }
            let title = link.text("title")
            let url = url(link, "url", allowMailto: true)
            if let title, let url { draft.links.append(Link(title: title.value, url: url)) }
        }
        return draft
    }

    func session(_ root: Node?, id: SessionID, file: FileContext, body: String?) -> SessionDraft {
        var draft = SessionDraft(id: id, path: file.path, description: body)
        guard
            let fields = fields(
                root, entity: "session", keys: Self.sessionKeys,
                optional: ["room", "conveners", "breaks", "source", SecretLint.allowKey],
                file: file)
        else { return draft }
        draft.title = fields.text("title")?.value
        draft.source = fields.text("source")?.value
        if let raw = fields.scalar("kind", expected: "a session kind") {
            draft.kind = SessionKind(rawValue: raw.value)
            if draft.kind == nil {
                diagnostics.error(
                    "invalid session kind '\(FieldReader.printable(raw.value))'; expected one of: "
                        + SessionKind.allCases.map(\.rawValue).joined(separator: ", "), at: raw.location)
            }
        }
        draft.day = day(fields, "day")
        draft.start = time(fields, "start")
        draft.end = time(fields, "end")
        draft.room = fields.text("room")?.value
        let conveners = fields.appearances("conveners")
        draft.conveners = conveners.map(\.person)
        draft.convenerAffiliations = Self.affiliations(conveners)
        for node in fields.sequence("breaks") ?? [] {
            guard let entry = self.fields(node, entity: "break", keys: Self.breakKeys, optional: [], file: file) else {
                continue
            }
            let title = entry.text("title")
            let start = time(entry, "start")
            let duration = entry.integer(
                "duration", minimum: 1, maximum: 1440,
                meaning: "a duration in whole minutes (1 to 1440)")
            if let title, let start, let duration {
                draft.breaks.append(BreakDraft(title: title.value, start: start, duration: duration.value))
            }
        }
        return draft
    }

    func talk(_ root: Node?, id: TalkID, file: FileContext, body: String?) -> TalkDraft {
        var draft = TalkDraft(id: id, path: file.path, abstract: body)
        guard
            let fields = fields(
                root, entity: "talk", keys: Self.talkKeys,
                optional: ["speakers", "tracks", "recording_note", "materials", "source", SecretLint.allowKey],
                file: file)
        else { return draft }
        draft.title = fields.text("title")?.value
        draft.source = fields.text("source")?.value
        draft.session = fields.scalar("session", expected: "a session id")
        draft.start = time(fields, "start")
        draft.duration = fields.integer(
            "duration", minimum: 1, maximum: 1440,
            meaning: "a duration in whole minutes (1 to 1440)")
        let speakers = fields.appearances("speakers")
        draft.speakers = speakers.map(\.person)
        draft.speakerAffiliations = Self.affiliations(speakers)
        draft.tracks = ids(fields, "tracks", item: "a track id")
        if let raw = fields.scalar("recording", expected: "a recording status") {
            draft.recording = RecordingStatus(rawValue: raw.value)
            if draft.recording == nil {
                diagnostics.error(
                    "invalid recording '\(FieldReader.printable(raw.value))'; expected one of: "
                        + RecordingStatus.allCases.map(\.rawValue).joined(separator: ", "), at: raw.location)
            }
        }
        draft.recordingNote = fields.text("recording_note", multiline: true)?.value
        if let node = fields.value("materials"),
            let materials = self.fields(
                node, entity: "materials", keys: Self.materialsKeys,
                optional: Set(Self.materialsKeys), file: file)
        {
            draft.materials.slides = url(materials, "slides", allowMailto: false)
            draft.materials.video = url(materials, "video", allowMailto: false)
            draft.materials.code = url(materials, "code", allowMailto: false)
            for entry in materials.scalarList("arxiv", item: "an arXiv id") {
                if Values.isArxivID(entry.value) {
                    draft.materials.arxiv.append(entry.value)
                } else {
                    diagnostics.error(
                        "invalid arXiv id '\(FieldReader.printable(entry.value))'; "
                            + "expected e.g. 2008.06545, 2008.06545v2 or hep-ph/0307015", at: entry.location)
                }
            }
        }
        return draft
    }

    func person(_ root: Node?, id: PersonID, file: FileContext) -> PersonDraft {
        var draft = PersonDraft(id: id, path: file.path)
        guard
            let fields = fields(
                root, entity: "person", keys: Self.personKeys,
                optional: ["sort_as", "affiliations", "aliases", "source", SecretLint.allowKey], file: file)
        else { return draft }
        if let name = fields.text("name") {
            if let title = Values.leadingTitle(name.value) {
                diagnostics.error("name must not include a title ('\(title)'); write the name alone", at: name.location)
            }
            draft.name = name
        }
        draft.sortAs = fields.text("sort_as")?.value
        draft.source = fields.text("source")?.value
        draft.affiliations = fields.scalarList("affiliations", item: "an affiliation", text: true).map(\.value)
        draft.aliases = fields.scalarList("aliases", item: "a name", text: true)
        return draft
    }
}
