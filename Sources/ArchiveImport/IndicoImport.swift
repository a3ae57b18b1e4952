import ArchiveModel
import Foundation

/// `archive import indico EVENT.json [--timetable TIMETABLE.json]`: plans the content files from
/// the exports and merges them with what `Content/` holds, keeping hand edits.
public enum IndicoImport {
    public struct Options: Sendable {
        public var contentDirectory: String
        public var series: String?
        public var edition: Int?

        public init(contentDirectory: String, series: String? = nil, edition: Int? = nil) {
            self.contentDirectory = contentDirectory
            self.series = series
            self.edition = edition
        }
    }

    /// What a run would write and what it has to say.
    public struct Outcome: Sendable {
        /// Relative path → new text, for the files that differ from what is on disk.
        public var changes: [(path: String, text: String, isNew: Bool)]
        /// Hand edits kept where the export changed the same key.
        public var conflicts: [String]
        /// What the export could not give and other remarks for the summary.
        public var notes: [String]
        /// Files a previous import wrote whose entity is no longer in the export (left as they are).
        public var orphans: [String]
        /// The record of what this import wrote, for the next one.
        public var manifest: [String: [String: String]]
        public var fileCount: Int
    }

    public static let manifestName = ".indico-import.json"

    /// Reads the exports and plans the files; throws `ImportProblems` with every problem found.
    public static func plan(eventFile: String, timetableFile: String?, options: Options) throws -> Outcome {
        let problems = ProblemList()
        let reader = IndicoReader(problems: problems)
        let eventName = (eventFile as NSString).lastPathComponent
        guard let data = FileManager.default.contents(atPath: eventFile) else {
            throw ImportProblems(problems: [ImportProblem(file: eventFile, path: "", message: "cannot read the file")])
        }
        let root = JSONNode.parse(data, file: eventName, problems: problems)
        var event = root.flatMap(reader.event)
        if let timetableFile, let eventID = event?.id {
            let name = (timetableFile as NSString).lastPathComponent
            if let data = FileManager.default.contents(atPath: timetableFile) {
                let timetable = JSONNode.parse(data, file: name, problems: problems)
                event?.breaks = timetable.map { reader.breaks($0, eventID: eventID) } ?? []
            } else {
                problems.add(timetableFile, "", "cannot read the file")
            }
        }
        // Entries that could not be read are left out and the rest is planned, so that one run
        // reports the mistakes of both stages.
        guard let event else { throw ImportProblems(problems: problems.problems) }

        let existing = ExistingContent(directory: options.contentDirectory)
        var plan = ImportPlan(
            event: event, options: options, existingIDs: existing.idsBySource, takenIDs: existing.takenIDs,
            problems: problems, file: eventName)
        plan.build()
        guard problems.problems.isEmpty else { throw ImportProblems(problems: problems.problems) }
        var merge = ContentMerge(existing: existing)
        for file in plan.files { merge.add(file) }
        var secrets: [ImportProblem] = []
        for change in merge.changes {
            for finding in SecretText.findings(in: change.text) {
                secrets.append(
                    ImportProblem(
                        file: change.path, path: "line \(finding.line)",
                        message: finding.message + " (it came from the export; nothing was written)"))
            }
        }
        guard secrets.isEmpty else { throw ImportProblems(problems: secrets) }
        let produced = Set(plan.files.map(\.path))
        return Outcome(
            changes: merge.changes, conflicts: merge.conflicts, notes: plan.notes,
            orphans: existing.manifest.keys.filter { !produced.contains($0) }.sorted(), manifest: merge.manifest,
            fileCount: plan.files.count)
    }

    /// Writes the planned changes and the manifest; nothing else in the folder is touched.
    public static func write(_ outcome: Outcome, contentDirectory: String) throws {
        for change in outcome.changes {
            let path = contentDirectory + "/" + change.path
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(change.text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        }
        let manifestPath = contentDirectory + "/" + manifestName
        let data = try JSONSerialization.data(
            withJSONObject: ["files": outcome.manifest],
            options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        if FileManager.default.contents(atPath: manifestPath) != data + Data("\n".utf8) {
            try (data + Data("\n".utf8)).write(to: URL(fileURLWithPath: manifestPath), options: .atomic)
        }
    }
}
