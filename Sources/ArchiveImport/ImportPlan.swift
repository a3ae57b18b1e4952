import ArchiveModel
import Foundation

/// Maps an Indico event onto the archive's files: the workshop, one session per session slot
/// (plus one per run of contributions outside sessions), a talk per contribution and a person
/// per merged person. Times are converted into the event's time zone.
struct ImportPlan {
    let event: IndicoEvent
    let options: IndicoImport.Options
    /// Ids already taken by files with a `source`, by `folder|source`: a renamed talk keeps its file.
    let existingIDs: [String: String]
    /// `folder/id` of every file already there: a new entity never takes a hand-written file's id.
    let takenIDs: Set<String>
    let problems: ProblemList
    let file: String

    var files: [ContentFile] = []
    var notes: [String] = []
    var usedIDs: [String: Set<String>] = [:]
    let people = PeopleRegistry()
    var personIDs: [Int: String] = [:]
    var tracks: [(id: String, title: String)] = []

    init(
        event: IndicoEvent, options: IndicoImport.Options, existingIDs: [String: String], takenIDs: Set<String>,
        problems: ProblemList, file: String
    ) {
        self.event = event
        self.options = options
        self.existingIDs = existingIDs
        self.takenIDs = takenIDs
        self.problems = problems
        self.file = file
    }

    // MARK: Times

    struct Local {
        var day: String
        var time: String
        var minutes: Int
    }

    func local(_ instant: IndicoInstant) -> Local {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = event.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant.date)
        let day = String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
        return Local(
            day: day, time: String(format: "%02d:%02d", parts.hour!, parts.minute!),
            minutes: parts.hour! * 60 + parts.minute!)
    }

    // MARK: Ids

    /// The file id for `source`: the existing file's, else a slug of `title` not yet used.
    mutating func id(_ folder: String, source: String, title: String) -> String {
        if let existing = existingIDs[folder + "|" + source], usedIDs[folder, default: []].insert(existing).inserted {
            return existing
        }
        let base = YAMLText.slug(title)
        var candidate = base
        var counter = 2
        while usedIDs[folder, default: []].contains(candidate) || takenIDs.contains(folder + "/" + candidate) {
            candidate = base + "-\(counter)"
            counter += 1
        }
        usedIDs[folder, default: []].insert(candidate)
        return candidate
    }

    // MARK: Building

    mutating func build() {
        for entry in event.chairs { people.add(entry) }
        for slot in event.slots {
            for entry in slot.conveners { people.add(entry) }
            for contribution in slot.contributions { for entry in contribution.speakers { people.add(entry) } }
        }
        for contribution in event.contributions { for entry in contribution.speakers { people.add(entry) } }
        writePeople()

        let all = (event.slots.flatMap(\.contributions) + event.contributions).sorted { $0.start.date < $1.start.date }
        for contribution in all {
            guard let title = contribution.track, !tracks.contains(where: { $0.title == title }) else { continue }
            tracks.append((YAMLText.slug(title), title))
        }
        var sessions = sessionsFromSlots()
        sessions += sessionsOutsideSlots()
        assignBreaks(&sessions)
        checkRooms()
        for session in sessions { writeSession(session) }
        writeWorkshop()
        if all.contains(where: { $0.track == nil }) {
            notes.append(
                "\(all.filter { $0.track == nil }.count) talks have no track in Indico: shown as \"No track\" "
                    + "(add tracks by hand; a re-import keeps them)")
        }
        notes.append("recording: unknown for all \(all.count) talks (Indico's export does not say)")
        let protected = all.map(\.protectedCount).reduce(0, +)
        if protected > 0 { notes.append("\(protected) protected attachments were not imported") }
    }

    /// A session of the archive and what goes in it.
    struct PlannedSession {
        var id: String
        var title: String
        var source: String
        var room: String?
        var day: String
        var start: Local
        var end: Local
        var conveners: [IndicoPerson]
        var description: String?
        var contributions: [IndicoContribution]
        var breaks: [IndicoBreak] = []
    }

    private mutating func sessionsFromSlots() -> [PlannedSession] {
        var result: [PlannedSession] = []
        var ordinals: [String: Int] = [:]
        for slot in event.slots.sorted(by: { ($0.start.date, $0.sessionID) < ($1.start.date, $1.sessionID) }) {
            let ordinal = (ordinals[slot.sessionID] ?? 0) + 1
            ordinals[slot.sessionID] = ordinal
            var title = slot.sessionTitle
            if let slotTitle = slot.slotTitle, slotTitle != slot.sessionTitle {
                title += ": " + slotTitle
            } else if slot.numberOfSlots > 1 {
                title += " (\(ordinal))"
            }
            let source = "indico:event/\(event.id)/session/\(slot.sessionID)/slot/\(ordinal)"
            let start = local(slot.start)
            let end = local(slot.end)
            if end.day != start.day {
                problems.add(file, slot.path + ".endDate", "the slot ends on another day (\(end.day)) than it starts")
            }
            for contribution in slot.contributions {
                let begins = local(contribution.start)
                if begins.day != start.day || begins.minutes < start.minutes
                    || begins.minutes + contribution.durationMinutes > end.minutes
                {
                    problems.add(
                        file, contribution.path + ".startDate",
                        "contribution '\(contribution.title)' (\(begins.day) \(begins.time), "
                            + "\(contribution.durationMinutes) min) is outside its slot (\(start.day) "
                            + "\(start.time)–\(end.time))")
                }
            }
            result.append(
                PlannedSession(
                    id: id("sessions", source: source, title: title), title: title, source: source, room: slot.room,
                    day: start.day, start: start, end: end, conveners: slot.conveners, description: slot.description,
                    contributions: slot.contributions))
        }
        return result
    }

    /// Contributions outside sessions, in runs per day (a gap of more than 30 minutes starts a new
    /// run); each run becomes a session, titled by its contribution when it has only one.
    private mutating func sessionsOutsideSlots() -> [PlannedSession] {
        var runs: [[IndicoContribution]] = []
        for contribution in event.contributions.sorted(by: { $0.start.date < $1.start.date }) {
            if let last = runs.last?.last, local(last.start).day == local(contribution.start).day,
                contribution.start.date.timeIntervalSince(last.start.date) <= Double(last.durationMinutes + 30) * 60
            {
                runs[runs.count - 1].append(contribution)
            } else {
                runs.append([contribution])
            }
        }
        return runs.map { run in
            let start = local(run[0].start)
            let endMinutes = run.map { local($0.start).minutes + $0.durationMinutes }.max()!
            let end = Local(
                day: start.day, time: String(format: "%02d:%02d", endMinutes / 60, endMinutes % 60), minutes: endMinutes
            )
            let title = run.count == 1 ? run[0].title : "Programme, \(start.day) \(start.time)–\(end.time)"
            let source = "indico:event/\(event.id)/contributions/\(run[0].id)"
            return PlannedSession(
                id: id("sessions", source: source, title: title), title: title, source: source, room: nil,
                day: start.day, start: start, end: end, conveners: [], description: nil, contributions: run)
        }
    }

    private mutating func assignBreaks(_ sessions: inout [PlannedSession]) {
        for entry in event.breaks {
            let start = local(entry.start)
            let end = local(entry.end)
            if let index = sessions.firstIndex(where: {
                $0.day == start.day && $0.start.minutes <= start.minutes && end.minutes <= $0.end.minutes
            }) {
                sessions[index].breaks.append(entry)
            } else {
                notes.append(
                    "break '\(entry.title)' (\(start.day) \(start.time)) lies outside every session: not imported")
            }
        }
    }

    /// Two slots in one room may not overlap; slots without a room share the venue and may.
    private func checkRooms() {
        let slots = event.slots.filter { $0.room != nil }.sorted { $0.start.date < $1.start.date }
        for (index, slot) in slots.enumerated() {
            for earlier in slots[..<index] where earlier.room == slot.room && earlier.end.date > slot.start.date {
                problems.add(
                    file, slot.path + ".startDate",
                    "slot '\(slot.sessionTitle)' overlaps slot \(earlier.path) ('\(earlier.sessionTitle)') in room "
                        + "'\(slot.room!)'")
            }
        }
    }
}
