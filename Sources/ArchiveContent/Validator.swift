import ArchiveModel
import Foundation

/// The checks across files: references, dates and times in the workshop's time zone, talks inside
/// their sessions and not overlapping, unique names. Builds the model when nothing was reported.
struct Validator {
    /// The content folder as the user gave it, to name files in messages.
    let directory: String
    let diagnostics: DiagnosticCollector

    init(directory: String, diagnostics: DiagnosticCollector) {
        self.directory = directory
        self.diagnostics = diagnostics
    }

    private var zone: Zone?
    private var offsets: [Int: Int?] = [:]

    private func describe(_ time: TimeOfDay, _ end: TimeOfDay) -> String { "\(time)–\(end)" }

    /// The UTC offset of a local time, reporting local times that do not exist.
    private mutating func offset(_ day: CalendarDay, _ time: Located<TimeOfDay>) -> Int? {
        guard let zone else { return nil }
        let key = day.daysSinceEpoch * 1440 + time.value.minutes
        let offset: Int?
        if let cached = offsets[key] {
            offset = cached
        } else {
            offset = zone.utcOffsetMinutes(day: day, time: time.value)
            offsets[key] = offset
        }
        if offset == nil {
            diagnostics.error(
                "local time \(time.value) does not exist on \(day) in \(zone.identifier) "
                    + "(the clocks skip it)", at: time.location)
        }
        return offset
    }

    mutating func validate(
        workshop draft: WorkshopDraft?, sessions: [SessionDraft], talks: [TalkDraft],
        people: [PersonDraft], sessionIDs: Set<SessionID>,
        personIDs: Set<PersonID>
    ) -> ArchiveContent? {
        func checkPeople(_ ids: [Located<String>], key: String) {
            for id in ids where !personIDs.contains(id.value) {
                diagnostics.error(
                    NearestName.message(
                        "unknown person '\(FieldReader.printable(id.value))' in '\(key)'", name: id.value,
                        among: personIDs, rest: "no file \(directory)/people/\(FieldReader.printable(id.value)).md"),
                    at: id.location)
            }
        }

        // The workshop.
        var workshop: Workshop?
        if let draft {
            workshop = validateWorkshop(draft)
            checkPeople(draft.organisers, key: "organisers")
        }

        validatePeople(people)

        // Sessions.
        var sessionByID: [SessionID: (draft: SessionDraft, offset: Int?)] = [:]
        for session in sessions {
            checkPeople(session.conveners, key: "conveners")
            sessionByID[session.id] = (session, validateSession(session, workshop: draft))
        }
        checkRooms(sessions)

        // Talks.
        var slots: [SessionID: [Slot]] = [:]
        for (id, entry) in sessionByID {
            guard let start = entry.draft.start?.value, let end = entry.draft.end?.value, start < end else { continue }
            for item in entry.draft.breaks {
                let breakEnd = item.start.value.adding(minutes: item.duration)
                if breakEnd.minutes > 1440 {
                    diagnostics.error(
                        "break '\(item.title)' at \(item.start.value) for \(item.duration) min runs past "
                            + "midnight; a break ends on the day it starts", at: item.start.location)
                } else if item.start.value < start || breakEnd > end {
                    diagnostics.error(
                        "break '\(item.title)' \(describe(item.start.value, breakEnd)) is outside its "
                            + "session (\(describe(start, end)))", at: item.start.location)
                }
                slots[id, default: []].append(
                    Slot(
                        start: item.start.value, end: breakEnd, location: item.start.location,
                        ownName: "break '\(item.title)'",
                        otherName: "break '\(item.title)' in \(entry.draft.path)"))
            }
        }
        var unknownTracks: [String: [SourceLocation]] = [:]
        for talk in talks {
            checkPeople(talk.speakers, key: "speakers")
            if let draft {
                for track in talk.tracks where !draft.declaredTrackIDs.contains(track.value) {
                    unknownTracks[track.value, default: []].append(track.location)
                }
            }
            guard let sessionID = talk.session else { continue }
            guard let session = sessionByID[sessionID.value]?.draft else {
                if !sessionIDs.contains(sessionID.value) {
                    diagnostics.error(
                        NearestName.message(
                            "unknown session '\(FieldReader.printable(sessionID.value))'", name: sessionID.value,
                            among: sessionIDs,
                            rest: "no file \(directory)/sessions/\(FieldReader.printable(sessionID.value)).md"),
                        at: sessionID.location)
                }
                continue
            }
            guard let start = talk.start, let duration = talk.duration?.value else { continue }
            let end = start.value.adding(minutes: duration)
            if end.minutes > 1440 {
                diagnostics.error(
                    "talk at \(start.value) for \(duration) min runs past midnight; a talk ends on the "
                        + "day it starts", at: talk.duration?.location ?? start.location)
            } else if let sessionStart = session.start?.value, let sessionEnd = session.end?.value,
                sessionStart < sessionEnd,
                start.value < sessionStart || end > sessionEnd
            {
                diagnostics.error(
                    "talk \(describe(start.value, end)) is outside its session \(session.path) "
                        + "(\(describe(sessionStart, sessionEnd)))", at: start.location)
            }
            slots[session.id, default: []].append(
                Slot(
                    start: start.value, end: end, location: start.location,
                    ownName: "talk", otherName: talk.path))
        }
        // Once per unknown id, at its first use, with the count: a misspelt track in a
        // template copied to 60 talks is one mistake.
        for (track, uses) in unknownTracks {
            let others = uses.count - 1
            let declared = draft?.declaredTrackIDs.sorted() ?? []
            diagnostics.error(
                NearestName.message(
                    "unknown track '\(FieldReader.printable(track))'"
                        + (others > 0 ? " (also used by \(others) other talk\(others == 1 ? "" : "s"))" : ""),
                    name: track, among: declared,
                    rest: "the tracks of \(draft?.path ?? "the workshop") are: " + declared.joined(separator: ", ")),
                at: uses.min()!)
        }
        for id in slots.keys.sorted() {
            reportOverlaps(slots[id]!, sessionPath: sessionByID[id]?.draft.path ?? id)
        }

        guard diagnostics.isEmpty, let workshop else { return nil }
        return build(workshop: workshop, sessions: sessionByID, talks: talks, people: people)
    }

    // MARK: Workshop

    private mutating func validateWorkshop(_ draft: WorkshopDraft) -> Workshop? {
        if let start = draft.startDate, let end = draft.endDate, end.value < start.value {
            diagnostics.error("end_date \(end.value) is before start_date \(start.value)", at: end.location)
        }
        if let name = draft.timeZone {
            zone = Zone(identifier: name.value)
            if zone == nil {
                diagnostics.error(
                    "unknown time zone '\(FieldReader.printable(name.value))'; expected an IANA name "
                        + "such as Europe/Zurich", at: name.location)
            }
        }
        var trackByID: [TrackID: SourceLocation] = [:]
        var trackByNumber: [Int: TrackID] = [:]
        var tracks: [Track] = []
        for (track, idLocation, numberLocation) in draft.tracks {
            if let first = trackByID[track.id] {
                diagnostics.error(
                    "duplicate track id '\(track.id)' (first declared at line \(first.line))",
                    at: idLocation)
                continue
            }
            trackByID[track.id] = idLocation
            if let other = trackByNumber[track.number] {
                diagnostics.error(
                    "duplicate track number \(track.number) (already used by track '\(other)')",
                    at: numberLocation)
            }
            trackByNumber[track.number] = track.id
            tracks.append(track)
        }

        var sourceDate: ZonedDateTime?
        if let source = draft.sourceDate {
            let (day, time) = source.value
            if let offset = offset(day, Located(time, at: source.location)) {
                sourceDate = ZonedDateTime(day: day, time: time, utcOffsetMinutes: offset)
            }
        }
        var abbreviation: String?
        if let zone, let start = draft.startDate?.value {
            // The abbreviation in force at noon of the first day.
            abbreviation = zone.abbreviation(day: start, time: TimeOfDay(hour: 12, minute: 0))
        }
        guard let title = draft.title, let shortTitle = draft.shortTitle, let startDate = draft.startDate?.value,
            let endDate = draft.endDate?.value, let zone, let abbreviation, let sourceDate
        else { return nil }
        let series = draft.series ?? title
        var workshop = Workshop(
            title: title, shortTitle: shortTitle, series: draft.series, edition: draft.edition, startDate: startDate,
            endDate: endDate, timeZone: zone.identifier, timeZoneAbbreviation: abbreviation,
            venue: draft.venue,
            siteID: draft.siteID
                ?? Workshop.defaultSiteID(
                    series: series.applyingTransform(.stripDiacritics, reverse: false) ?? series,
                    edition: draft.edition),
            baseURL: draft.baseURL, acronym: draft.acronym,
            organisers: draft.organisers.map(\.value),
            tracks: tracks.sorted { ($0.number, $0.id) < ($1.number, $1.id) },
            registrations: draft.registrations, links: draft.links, sourceDate: sourceDate,
            descriptionMarkdown: draft.description, sourcePath: draft.path)
        workshop.source = draft.source
        return workshop
    }

    // MARK: People

    /// No two people may share a name or alias (compared case-, accent- and punctuation-blind):
    /// the later file (in path order) is reported, naming the earlier one. A person's own aliases may
    /// differ from the name only in case or accents ("kazuhiro terao" as the source spelled it), but
    /// may not repeat it letter for letter.
    private func validatePeople(_ people: [PersonDraft]) {
        var owners: [String: (path: String, id: PersonID)] = [:]
        var lookAlikes: [String: (path: String, id: PersonID, text: String)] = [:]
        for person in people.sorted(by: { $0.path < $1.path }) {
            var own: Set<String> = []
            for (entry, isAlias) in (person.name.map { [($0, false)] } ?? []) + person.aliases.map({ ($0, true) }) {
                let key = Values.normalisedName(entry.value)
                if key.isEmpty { continue }
                if !own.insert(entry.value).inserted {
                    diagnostics.error(
                        "alias '\(entry.value)' repeats this person's name or another alias",
                        at: entry.location)
                    continue
                }
                if let owner = owners[key], owner.id != person.id {
                    diagnostics.error(
                        "\(isAlias ? "alias" : "name") '\(entry.value)' is also a name or alias of "
                            + "\(owner.path); merge the two people or tell them apart", at: entry.location)
                    continue
                }
                owners[key] = (person.path, person.id)
                let lookAlike = LookAlikeNames.key(entry.value)
                if let other = lookAlikes[lookAlike], other.id != person.id {
                    let letters = LookAlikeNames.differingLetters(of: entry.value, from: other.text)
                    diagnostics.warning(
                        "\(isAlias ? "alias" : "name") '\(entry.value)' looks like '\(other.text)' of "
                            + "\(other.path) but is written with other letters (\(letters)); if it is "
                            + "the same person, merge the two files", at: entry.location)
                } else {
                    lookAlikes[lookAlike] = (person.path, person.id, entry.value)
                }
            }
        }
    }

    // MARK: Sessions

    /// Checks one session's day and times; returns its UTC offset when it could be determined.
    private mutating func validateSession(_ session: SessionDraft, workshop: WorkshopDraft?) -> Int? {
        if let day = session.day, let first = workshop?.startDate?.value, let last = workshop?.endDate?.value,
            day.value < first || last < day.value
        {
            diagnostics.error("day \(day.value) is outside the workshop (\(first) to \(last))", at: day.location)
        }
        if let start = session.start, let end = session.end, !(start.value < end.value) {
            diagnostics.error("session ends at \(end.value), not after it starts (\(start.value))", at: end.location)
            return nil
        }
        guard let day = session.day?.value, let start = session.start, let end = session.end else { return nil }
        let startOffset = offset(day, start)
        let endOffset = offset(day, end)
        if let startOffset, let endOffset, startOffset != endOffset, let zone {
            diagnostics.error(
                "the clocks change during this session (\(zone.identifier)); split it at the change",
                at: end.location)
        }
        return startOffset
    }

    // MARK: Overlaps

    struct Slot {
        var start: TimeOfDay
        var end: TimeOfDay
        var location: SourceLocation
        /// How the entry is named in a message reported at it: "talk", "break 'Coffee'".
        var ownName: String
        /// How it is named in a message reported elsewhere: a talk's file, or a break and its session file.
        var otherName: String
    }

    /// Talks and breaks of one session must not overlap; each overlapping pair is reported once, at
    /// the start of the later entry, naming the earlier one.
    /// Overlaps reported at most this many times per session, then counted: 20,000 talks at one
    /// time must give a readable report, not 200 million lines.
    static let overlapReportLimit = 20

    /// One sort, then one pass: each entry that starts before an earlier one ends is reported once,
    /// against the earlier entry that ends last.
    func reportOverlaps(_ slots: [Slot], sessionPath: String, scope: String = "in this session") {
        let ordered = slots.sorted { ($0.start, $0.location) < ($1.start, $1.location) }
        var latest: Slot?
        var reported = 0
        var unreported = 0
        for later in ordered {
            defer { if latest == nil || later.end > latest!.end { latest = later } }
            guard let earlier = latest, earlier.end > later.start else { continue }
            if reported == Self.overlapReportLimit {
                unreported += 1
                continue
            }
            reported += 1
            diagnostics.error(
                "\(later.ownName) \(describe(later.start, later.end)) overlaps \(earlier.otherName) "
                    + "(\(describe(earlier.start, earlier.end)))", at: later.location)
        }
        if unreported > 0 {
            diagnostics.error(
                "and \(unreported) more overlap\(unreported == 1 ? "" : "s") \(scope)",
                at: SourceLocation(path: sessionPath))
        }
    }

    // MARK: Model

    private func build(
        workshop: Workshop, sessions: [SessionID: (draft: SessionDraft, offset: Int?)],
        talks: [TalkDraft], people: [PersonDraft]
    ) -> ArchiveContent? {
        var builtSessions: [Session] = []
        for id in sessions.keys.sorted() {
            let (draft, offset) = sessions[id]!
            guard let title = draft.title, let kind = draft.kind, let day = draft.day?.value,
                let start = draft.start?.value, let end = draft.end?.value, let offset
            else { return nil }
            var session = Session(
                id: id, title: title, kind: kind, day: day, start: start, end: end,
                utcOffsetMinutes: offset, conveners: draft.conveners.map(\.value),
                breaks: draft.breaks.map {
                    Break(title: $0.title, start: $0.start.value, durationMinutes: $0.duration)
                }.sorted { $0.start < $1.start },
                descriptionMarkdown: draft.description, sourcePath: draft.path)
            session.convenerAffiliations = draft.convenerAffiliations
            session.source = draft.source
            session.room = draft.room
            builtSessions.append(session)
        }
        var builtTalks: [Talk] = []
        for draft in talks.sorted(by: { $0.id < $1.id }) {
            guard let title = draft.title, let session = draft.session?.value, let start = draft.start?.value,
                let duration = draft.duration?.value, let recording = draft.recording
            else { return nil }
            var talk = Talk(
                id: draft.id, title: title, session: session, start: start,
                durationMinutes: duration, speakers: draft.speakers.map(\.value),
                tracks: draft.tracks.map(\.value), recording: recording,
                recordingNote: draft.recordingNote, materials: draft.materials,
                abstractMarkdown: draft.abstract, sourcePath: draft.path)
            talk.speakerAffiliations = draft.speakerAffiliations
            talk.source = draft.source
            builtTalks.append(talk)
        }
        var builtPeople: [Person] = []
        for draft in people.sorted(by: { $0.id < $1.id }) {
            guard let name = draft.name?.value else { return nil }
            var person = Person(
                id: draft.id, name: name, affiliations: draft.affiliations,
                aliases: draft.aliases.map(\.value),
                sortKey: draft.sortAs ?? Values.sortKey(forName: name), sourcePath: draft.path)
            person.source = draft.source
            builtPeople.append(person)
        }
        return ArchiveContent(workshop: workshop, sessions: builtSessions, talks: builtTalks, people: builtPeople)
    }
}
