import ArchiveModel
import ArchiveScaffold
import ArgumentParser
import Foundation

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Write a new, commented content file (never over an existing one), then check it.",
        subcommands: [NewTalk.self, NewPerson.self, NewSession.self, NewNotebook.self])
}

/// Options every kind shares.
struct NewFileOptions: ParsableArguments {
    @Option(help: "The content folder.") var content = "Content"
    @Option(help: "The file's id (default: made from the title or name).") var id: String?
}

extension NewFile.Request {
    /// Plans, writes and checks the file; the exit status is 1 when the checks find a problem.
    func run(contentDirectory: String) throws {
        func fail(_ text: String) -> ExitCode {
            FileHandle.standardError.write(Data(text.utf8))
            return ExitCode.failure
        }
        let planned: (path: String, text: String)
        do {
            planned = try NewFile.plan(self, contentDirectory: contentDirectory)
        } catch let error as NewFile.RequestError {
            throw fail("error: \(error.description)\n")
        } catch let list as DiagnosticList {
            throw fail(list.description + "\nThe content must load before a talk can be placed; nothing was written.\n")
        }
        do {
            try NewFile.write(planned.text, to: planned.path)
        } catch {
            throw fail("error: \(error)\n")
        }
        print("Wrote \(planned.path)")
        let result = NewFile.check(planned.path, kind: kind, contentDirectory: contentDirectory)
        let elsewhere = result.elsewhere > 0 ? " (\(result.elsewhere) problems elsewhere in the content)" : ""
        guard !result.problems.contains(where: \.isError) else {
            let text = result.problems.map(\.description).joined(separator: "\n") + "\n"
            FileHandle.standardError.write(Data(text.utf8))
            FileHandle.standardError.write(
                Data("\(planned.path) was written but does not pass the checks; edit it\(elsewhere).\n".utf8))
            throw ExitCode.failure
        }
        reportWarnings(result.problems)
        print("\(planned.path) passes the content checks\(elsewhere).")
    }
}

struct NewTalk: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "talk", abstract: "A talk in a session, at the first free time unless --start is given.",
        discussion: """
            Example: archive new talk --title "Jet tagging with transformers" --session fri-workshop-morning \
            --duration 10 --speaker simon-akar --track ml-algorithms
            """)

    @OptionGroup var file: NewFileOptions
    @Option(help: "The talk's title.") var title: String
    @Option(help: "The session id (Content/sessions/<id>.md).") var session: String
    @Option(help: "Local start time HH:MM (default: the first free time of the session).") var start: String?
    @Option(help: "Minutes.") var duration = 15
    @Option(help: "A speaker's person id (repeatable).") var speaker: [String] = []
    @Option(help: "A track id from the workshop (repeatable; at least one).") var track: [String] = []

    func run() throws {
        var request = NewFile.Request(kind: .talk)
        request.id = file.id
        request.title = title
        request.session = session
        request.start = start
        request.duration = duration
        request.speakers = speaker
        request.tracks = track
        try request.run(contentDirectory: file.content)
    }
}

struct NewPerson: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "person", abstract: "A speaker or convener.",
        discussion: "Example: archive new person --name \"Émilie du Châtelet\" --affiliation \"CNRS (FR)\"")

    @OptionGroup var file: NewFileOptions
    @Option(help: "The name as displayed (no titles).") var name: String
    @Option(help: "An affiliation as the sources give it (repeatable).") var affiliation: [String] = []

    func run() throws {
        var request = NewFile.Request(kind: .person)
        request.id = file.id
        request.title = name
        request.affiliations = affiliation
        try request.run(contentDirectory: file.content)
    }
}

struct NewSession: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "session", abstract: "A timetable block on one day.",
        discussion: """
            Example: archive new session --title "Workshop: Saturday morning" --kind workshop \
            --day 2020-10-24 --start 09:00 --end 12:30
            """)

    @OptionGroup var file: NewFileOptions
    @Option(help: "The session's title.") var title: String
    @Option(help: "plenary, workshop, tutorial, seminar or walk-through.") var kind = "plenary"
    @Option(help: "The day, YYYY-MM-DD.") var day: String
    @Option(help: "Local start time HH:MM.") var start: String
    @Option(help: "Local end time HH:MM.") var end: String?
    @Option(help: "Minutes (instead of --end).") var duration: Int?

    func run() throws {
        var request = NewFile.Request(kind: .session)
        request.id = file.id
        request.title = title
        request.sessionKind = kind
        request.day = day
        request.start = start
        request.end = end
        request.duration = duration
        try request.run(contentDirectory: file.content)
    }
}

struct NewNotebook: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notebook", abstract: "An executable notebook (add its kernel cells afterwards).",
        discussion: "Example: archive new notebook --title \"Jet images\" --related jet-images-talk-id")

    @OptionGroup var file: NewFileOptions
    @Option(help: "The notebook's title.") var title: String
    @Option(help: "A talk or session id whose page links here (repeatable).") var related: [String] = []

    func run() throws {
        var request = NewFile.Request(kind: .notebook)
        request.id = file.id
        request.title = title
        request.related = related
        try request.run(contentDirectory: file.content)
    }
}
