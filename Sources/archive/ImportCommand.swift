import ArchiveContent
import ArchiveImport
import ArchiveModel
import ArgumentParser
import Foundation

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import content from another system.", subcommands: [ImportIndico.self])
}

struct ImportIndico: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "indico",
        abstract: "Write Content/ from Indico's HTTP export (an event with its sessions, and its timetable).",
        discussion: """
            EVENT.json is /export/event/<id>.json?detail=sessions; TIMETABLE.json is
            /export/timetable/<id>.json, the only export with breaks. Re-running the import writes
            only what the export changed: hand edits to keys the export did not change are kept,
            and a key changed in both places keeps the hand edit and is reported.

            Example: archive import indico event.json --timetable timetable.json --series "IML" --edition 5
            """)

    @Argument(help: "The event export (detail=sessions).") var event: String
    @Option(help: "The timetable export (for breaks).") var timetable: String?
    @Option(help: "The content folder to write.") var content = "Content"
    @Option(help: "The workshop series (Indico does not carry it).") var series: String?
    @Option(help: "The edition number in the series.") var edition: Int?
    @Flag(help: "Print the files that would be written or changed; write nothing.") var dryRun = false

    func run() throws {
        let outcome: IndicoImport.Outcome
        do {
            outcome = try IndicoImport.plan(
                eventFile: event, timetableFile: timetable,
                options: .init(contentDirectory: content, series: series, edition: edition))
        } catch let problems as ImportProblems {
            let count = problems.problems.count
            FileHandle.standardError.write(
                Data((problems.description + "\n\(count) error\(count == 1 ? "" : "s"); nothing was written.\n").utf8))
            throw ExitCode.failure
        }
        for conflict in outcome.conflicts { FileHandle.standardError.write(Data("warning: \(conflict)\n".utf8)) }
        let newCount = outcome.changes.filter(\.isNew).count
        if dryRun {
            for change in outcome.changes {
                print("would \(change.isNew ? "create" : "change") \(content)/\(change.path)")
            }
            print(
                "Dry run: \(outcome.changes.count) of \(outcome.fileCount) files would be written "
                    + "(\(newCount) new); nothing was written.")
            return
        }
        try IndicoImport.write(outcome, contentDirectory: content)
        print("Wrote \(outcome.changes.count) of \(outcome.fileCount) files (\(newCount) new) into \(content).")
        for note in outcome.notes { print("  note: \(note)") }
        for orphan in outcome.orphans {
            print("  note: \(content)/\(orphan) is no longer in the export; left as it is (delete it if it should go)")
        }
        if !outcome.conflicts.isEmpty { print("  \(outcome.conflicts.count) hand edits kept over export changes") }
        do {
            let warnings = try ContentLoader(contentDirectory: content).loadReportingWarnings().warnings
            reportWarnings(warnings)
            print("The imported content passes the content checks.")
        } catch let list as DiagnosticList {
            FileHandle.standardError.write(
                Data((list.description + "\nThe files were written; fix these problems before building.\n").utf8))
            throw ExitCode.failure
        }
    }
}
