import ArchiveFiles
import ArchiveModel
import Foundation
import ParallelMap
import Yams

/// Stage "load → validate": reads `Content/` and returns the checked content, or throws a
/// `DiagnosticList` with every problem found (`path:line:col: error: message`), sorted by file
/// and position.
///
/// Choices made where the schema leaves room:
/// - Positions are 1-based lines and columns of the file; columns count Unicode scalars (as
///   libyaml, hence Yams' `Mark`, does), so "é" is one column whether it is 1 or 2 bytes, and
///   "e" + U+0301 is two. A quoted value's position is its opening quote.
/// - A UTF-8 byte-order mark at the start of a file is accepted and ignored; CRLF line ends are
///   accepted (bodies are normalised to LF). Any other encoding is refused at its first bad byte.
/// - YAML null (`~`, `null` or nothing) for an optional key means "absent"; for a required key it
///   is an error. Scalars are taken as written, quoted or not: `14:00` is the text "14:00".
/// - Bodies: leading blank lines and trailing white space are dropped and one final newline kept;
///   a body of white space only is nil (the workshop's description is then "").
/// - `Workshop.tracks` is in track-number order; `sessions`, `talks` and `people` by id; breaks by
///   start; speakers, conveners, organisers and a talk's tracks in the order written.
/// - `Session.utcOffsetMinutes` is the offset at the session's start; a session during which the
///   clocks change, or a local time the clocks skip, is an error. A local time that occurs twice
///   is taken at its first occurrence.
/// - `Workshop.timeZoneAbbreviation` is the one in force at noon of the first day, from a table
///   of well-known zones (Foundation on Linux only says "GMT+2"), otherwise `UTC+hh:mm`.
/// - `Person.sortKey` is `sort_as`, else "Last, Rest" split at the last space of the name.
public struct ContentLoader: Sendable {
    public let contentDirectory: String

    /// `contentDirectory` as the user gave it (e.g. "Content"); diagnostics use paths built from it
    /// (e.g. "Content/talks/x.md").
    public init(contentDirectory: String) {
        self.contentDirectory = contentDirectory
    }

    /// Loads `workshop.md`, `sessions/*.md`, `talks/*.md` and `people/*.md`; ignores `data/`,
    /// `models/` and `notebooks/` (a later stage reads them) and hidden entries (`.gitkeep`);
    /// anything else at the top level is an error. Throws `DiagnosticList` with every problem.
    public func load() throws -> ArchiveContent {
        try loadReportingWarnings().content
    }

    /// `load()`, also returning the warnings (possible mistakes that do not stop the build, such as
    /// two people whose names look alike). When there are errors the thrown list holds both.
    public func loadReportingWarnings() throws -> (content: ArchiveContent, warnings: [Diagnostic]) {
        let diagnostics = DiagnosticCollector()
        let content = Loading(directory: contentDirectory, diagnostics: diagnostics).run()
        guard diagnostics.isEmpty, let content else {
            if diagnostics.isEmpty {
                throw DiagnosticList([Diagnostic("content could not be loaded", at: nil)])
            }
            throw DiagnosticList(diagnostics.diagnostics)
        }
        return (content, DiagnosticList(diagnostics.diagnostics).diagnostics)
    }
}

/// The folders of `Content/` and what is in them.
private struct Loading {
    let directory: String
    let diagnostics: DiagnosticCollector
    private let fileManager = FileManager.default

    init(directory: String, diagnostics: DiagnosticCollector) {
        var trimmed = directory
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.directory = trimmed.isEmpty ? "." : trimmed
        self.diagnostics = diagnostics
    }

    static let entityFolders = ["sessions", "talks", "people"]
    static let laterStageFolders = ["data", "models", "notebooks"]

    private func join(_ base: String, _ name: String) -> String {
        base == "/" ? "/" + name : base + "/" + name
    }

    private func isDirectory(_ path: String) -> Bool? {
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
        return isDirectory.boolValue
    }

    /// Visible entry names in byte order; a folder that cannot be listed is reported (never read
    /// as empty).
    private func entries(_ path: String) -> [String]? {
        do {
            return try ProjectFolder.visibleEntries(of: path)
        } catch let diagnostic as Diagnostic {
            diagnostics.error(diagnostic.message, at: diagnostic.location)
        } catch {
            diagnostics.error("cannot list the folder", at: SourceLocation(path: path))
        }
        return nil
    }

    func run() -> ArchiveContent? {
        guard isDirectory(directory) == true else {
            diagnostics.error("content folder '\(directory)' does not exist", at: nil)
            return nil
        }
        guard let topLevel = entries(directory) else { return nil }
        for name in topLevel {
            let path = join(directory, name)
            let folder = isDirectory(path) ?? false
            switch name {
            case "workshop.md" where !folder:
                continue
            case _ where folder && (Self.entityFolders.contains(name) || Self.laterStageFolders.contains(name)):
                continue
            default:
                diagnostics.error(
                    "unexpected \(folder ? "folder" : "file") '\(FieldReader.printable(name))' in "
                        + "\(directory); expected workshop.md and the folders sessions, talks and people "
                        + "(data, models and notebooks are read by a later stage)",
                    at: SourceLocation(path: FieldReader.printable(path)))
            }
        }

        // Which files to read: the workshop, then each folder's <id>.md files in byte order.
        var jobs: [Job] = []
        let workshopPath = join(directory, "workshop.md")
        if isDirectory(workshopPath) == false {
            if let problem = ProjectFolder.escapeProblem(workshopPath, root: directory) {
                diagnostics.error(problem, at: SourceLocation(path: workshopPath))
            } else {
                jobs.append(Job(kind: .workshop, id: "workshop", path: workshopPath))
            }
        } else {
            diagnostics.error(
                "missing file: \(workshopPath) holds the workshop's title, dates, time zone and tracks",
                at: SourceLocation(path: workshopPath))
        }
        for kind in [Job.Kind.session, .talk, .person] {
            jobs += folderJobs(kind)
        }

        // Reading, UTF-8 checking and YAML parsing are independent per file: done in parallel, with
        // the results (and their diagnostics) taken in job order so that runs are deterministic.
        let results = parallelMap(jobs.count, chunk: 1) { [jobs] index in Self.read(jobs[index].path) }

        let reader = EntityReader(diagnostics: diagnostics)
        var workshop: WorkshopDraft?
        var sessions: [SessionDraft] = []
        var talks: [TalkDraft] = []
        var people: [PersonDraft] = []
        var sessionIDs: Set<SessionID> = []
        var personIDs: Set<PersonID> = []
        for (job, result) in zip(jobs, results) {
            switch job.kind {
            case .session: sessionIDs.insert(job.id)
            case .person: personIDs.insert(job.id)
            case .workshop, .talk: break
            }
            for diagnostic in result.diagnostics { diagnostics.append(diagnostic) }
            guard let file = result.file else { continue }
            switch job.kind {
            case .workshop: workshop = reader.workshop(file.root, file: file.context, body: file.body)
            case .session: sessions.append(reader.session(file.root, id: job.id, file: file.context, body: file.body))
            case .talk: talks.append(reader.talk(file.root, id: job.id, file: file.context, body: file.body))
            case .person:
                if file.body != nil {
                    diagnostics.error(
                        "a person file has no body: the archive shows no biographies; remove the "
                            + "text after the closing '---'",
                        at: SourceLocation(path: file.context.path, line: file.bodyLine))
                }
                people.append(reader.person(file.root, id: job.id, file: file.context))
            }
        }

        var validator = Validator(directory: directory, diagnostics: diagnostics)
        return validator.validate(
            workshop: workshop, sessions: sessions, talks: talks, people: people,
            sessionIDs: sessionIDs, personIDs: personIDs)
    }

    /// One content file to read. Ids of files whose front matter turns out unreadable still count as
    /// existing, so that references to them are not reported as well.
    struct Job {
        enum Kind {
            case workshop, session, talk, person

            var folder: String {
                switch self {
                case .workshop: return ""
                case .session: return "sessions"
                case .talk: return "talks"
                case .person: return "people"
                }
            }
        }

        var kind: Kind
        var id: String
        var path: String
    }

    /// The `<id>.md` files of one entity folder; anything else in it is reported. A missing folder
    /// is an empty one.
    private func folderJobs(_ kind: Job.Kind) -> [Job] {
        let folderPath = join(directory, kind.folder)
        guard isDirectory(folderPath) == true, let names = entries(folderPath) else { return [] }
        var jobs: [Job] = []
        for name in names {
            let path = join(folderPath, name)
            guard name.hasSuffix(".md") else {
                diagnostics.error(
                    "unexpected \(isDirectory(path) == true ? "folder" : "file") "
                        + "'\(FieldReader.printable(name))' in \(folderPath); expected <id>.md files",
                    at: SourceLocation(path: FieldReader.printable(path)))
                continue
            }
            let id = String(name.dropLast(3))
            guard Values.isValidID(id) else {
                diagnostics.error(
                    "invalid file name '\(FieldReader.printable(name))': an id is lower-case ASCII "
                        + "letters, digits and single hyphens ([a-z0-9]+(-[a-z0-9]+)*)",
                    at: SourceLocation(path: FieldReader.printable(path)))
                continue
            }
            if let problem = ProjectFolder.escapeProblem(path, root: directory) {
                diagnostics.error(problem, at: SourceLocation(path: FieldReader.printable(path)))
                continue
            }
            jobs.append(Job(kind: kind, id: id, path: path))
        }
        return jobs
    }

    // @unchecked: Yams' Node is an immutable value tree but not marked Sendable.
    struct ParsedFile: @unchecked Sendable {
        var context: FileContext
        var root: Node?
        var body: String?
        var bodyLine: Int
    }

    struct ReadResult: Sendable {
        var file: ParsedFile?
        var diagnostics: [Diagnostic]
    }

    /// The largest content file read: the longest abstract is 4 KB; a bigger file is a mistake or an attack.
    static let maximumFileBytes = 1 << 20

    /// Reads, checks and parses one file; `file` is nil when its front matter is unusable.
    private static func read(_ path: String) -> ReadResult {
        let diagnostics = DiagnosticCollector()
        func result(_ file: ParsedFile?) -> ReadResult { ReadResult(file: file, diagnostics: diagnostics.diagnostics) }
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory: ObjCBool = false
            let folder =
                FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
            diagnostics.error(
                folder ? "expected a file, found a folder" : "cannot read the file",
                at: SourceLocation(path: path))
            return result(nil)
        }
        guard data.count <= maximumFileBytes else {
            diagnostics.error(
                "file is \(data.count) bytes; content files are at most \(maximumFileBytes) bytes (1 MiB)",
                at: SourceLocation(path: path))
            return result(nil)
        }
        let bytes = [UInt8](data)
        if let bad = SourceText.firstInvalidUTF8(in: bytes) {
            let position = SourceText.position(ofByte: bad, in: bytes)
            diagnostics.error(
                "file is not valid UTF-8",
                at: SourceLocation(path: path, line: position.line, column: position.column))
            return result(nil)
        }
        if let stray = LineBreaks.firstStray(in: String(decoding: bytes, as: UTF8.self)) {
            diagnostics.error(
                LineBreaks.message(stray.scalar, count: stray.count),
                at: SourceLocation(path: path, line: stray.line, column: stray.column))
            return result(nil)
        }
        guard let file = SourceText.split(bytes, path: path, diagnostics: diagnostics) else { return result(nil) }
        BodyText.check(file, diagnostics: diagnostics)
        BodyLinks.check(file, diagnostics: diagnostics)
        let root: Node?? =
            SourceText.checkCharacters(file, diagnostics: diagnostics)
            ? SourceText.compose(file, diagnostics: diagnostics) : nil
        SecretLint.check(
            String(decoding: bytes, as: UTF8.self), root: root ?? nil, file: file.context, diagnostics: diagnostics)
        guard let root else { return result(nil) }
        return result(ParsedFile(context: file.context, root: root, body: file.body, bodyLine: file.bodyLine))
    }
}
