import ArchiveModel
import Foundation
import Yams

/// Stage "load → validate": reads `Content/` and returns the checked content, or throws a
/// `DiagnosticList` with every problem found (`path:line:col: error: message`).
///
/// Positions are 1-based; columns count Unicode scalars from the start of the line (as libyaml
/// does). A UTF-8 byte-order mark at the start of a file is accepted and ignored; CRLF line ends
/// are accepted.
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
        let diagnostics = DiagnosticCollector()
        let content = Loading(directory: contentDirectory, diagnostics: diagnostics).run()
        guard diagnostics.isEmpty, let content else {
            if diagnostics.isEmpty {
                throw DiagnosticList([Diagnostic("content could not be loaded", at: nil)])
            }
            throw DiagnosticList(diagnostics.diagnostics)
        }
        return content
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

    /// Entry names in byte order, so that every run reads (and reports) in the same order.
    private func entries(_ path: String) -> [String]? {
        guard let names = try? fileManager.contentsOfDirectory(atPath: path) else { return nil }
        return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    func run() -> ArchiveContent? {
        guard isDirectory(directory) == true, let topLevel = entries(directory) else {
            diagnostics.error("content folder '\(directory)' does not exist or cannot be read", at: nil)
            return nil
        }
        for name in topLevel where !name.hasPrefix(".") {
            let path = join(directory, name)
            let folder = isDirectory(path) ?? false
            switch name {
            case "workshop.md" where !folder:
                continue
            case _ where folder && (Self.entityFolders.contains(name) || Self.laterStageFolders.contains(name)):
                continue
            default:
                diagnostics.error("unexpected \(folder ? "folder" : "file") '\(FieldReader.printable(name))' in "
                                  + "\(directory); expected workshop.md and the folders sessions, talks and people "
                                  + "(data, models and notebooks are read by a later stage)",
                                  at: SourceLocation(path: FieldReader.printable(path)))
            }
        }

        let reader = EntityReader(diagnostics: diagnostics)
        var workshop: WorkshopDraft?
        let workshopPath = join(directory, "workshop.md")
        if isDirectory(workshopPath) == false {
            if let file = read(workshopPath) {
                workshop = reader.workshop(file.root, file: file.context, body: file.body)
            } else {
                workshop = nil
            }
        } else {
            diagnostics.error("missing \(workshopPath): the workshop's title, dates, time zone and tracks", at: nil)
        }
        let sessions = folder("sessions") { reader.session($0.root, id: $1, file: $0.context, body: $0.body) }
        let talks = folder("talks") { reader.talk($0.root, id: $1, file: $0.context, body: $0.body) }
        let people = folder("people") { reader.person($0.root, id: $1, file: $0.context) }

        var validator = Validator(directory: directory, diagnostics: diagnostics)
        return validator.validate(workshop: workshop, sessions: sessions.drafts, talks: talks.drafts,
                                  people: people.drafts, sessionIDs: sessions.ids, personIDs: people.ids)
    }

    /// The entity files of one folder, each read with `read`; a missing folder is an empty one.
    /// `ids` also has the files whose front matter could not be read, so that references to them
    /// are not reported as well.
    private func folder<Draft>(_ name: String, _ parse: (ParsedFile, String) -> Draft)
        -> (drafts: [Draft], ids: Set<String>) {
        let folderPath = join(directory, name)
        guard isDirectory(folderPath) == true, let names = entries(folderPath) else { return ([], []) }
        var drafts: [Draft] = []
        var ids: Set<String> = []
        for name in names {
            let path = join(folderPath, name)
            guard name.hasSuffix(".md") else {
                // Hidden files (.gitkeep, editor swap files) are not content.
                if name.hasPrefix(".") { continue }
                diagnostics.error("unexpected \(isDirectory(path) == true ? "folder" : "file") "
                                  + "'\(FieldReader.printable(name))' in \(folderPath); expected <id>.md files",
                                  at: SourceLocation(path: FieldReader.printable(path)))
                continue
            }
            let id = String(name.dropLast(3))
            guard Values.isValidID(id) else {
                diagnostics.error("invalid file name '\(FieldReader.printable(name))': an id is lower-case ASCII "
                                  + "letters, digits and single hyphens ([a-z0-9]+(-[a-z0-9]+)*)",
                                  at: SourceLocation(path: FieldReader.printable(path)))
                continue
            }
            if isDirectory(path) == true {
                diagnostics.error("unexpected folder '\(name)' in \(folderPath); expected <id>.md files",
                                  at: SourceLocation(path: path))
                continue
            }
            ids.insert(id)
            guard let file = read(path) else { continue }
            drafts.append(parse(file, id))
        }
        return (drafts, ids)
    }

    struct ParsedFile {
        var context: FileContext
        var root: Node?
        var body: String?
    }

    /// Reads, checks and parses one file; nil (after reporting) when its front matter is unusable.
    private func read(_ path: String) -> ParsedFile? {
        guard let data = fileManager.contents(atPath: path) else {
            diagnostics.error("cannot read the file", at: SourceLocation(path: path))
            return nil
        }
        let bytes = [UInt8](data)
        if let bad = SourceText.firstInvalidUTF8(in: bytes) {
            let position = SourceText.position(ofByte: bad, in: bytes)
            diagnostics.error("file is not valid UTF-8",
                              at: SourceLocation(path: path, line: position.line, column: position.column))
            return nil
        }
        guard let file = SourceText.split(bytes, path: path, diagnostics: diagnostics),
              SourceText.checkCharacters(file, diagnostics: diagnostics),
              let root = SourceText.compose(file, diagnostics: diagnostics) else { return nil }
        return ParsedFile(context: file.context, root: root, body: file.body)
    }
}
