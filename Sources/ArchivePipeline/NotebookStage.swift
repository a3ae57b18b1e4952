import ArchiveContent
import ArchiveFiles
import ArchiveModel
import ArchiveNotebooks
import Foundation

/// Options of the notebook stage (`archive build --why --refresh PATH --refresh-all`).
public struct NotebookOptions: Sendable {
    public var cacheDirectory: String
    public var refreshPaths: [String]
    public var refreshAll: Bool

    public init(cacheDirectory: String = ".archive-cache", refreshPaths: [String] = [], refreshAll: Bool = false) {
        self.cacheDirectory = cacheDirectory
        self.refreshPaths = refreshPaths
        self.refreshAll = refreshAll
    }
}

/// Stage "execute notebooks": reads `Content/notebooks/*.md`, checks what they relate to, and runs
/// their cells through the engine (answering from the cache where it can).
enum NotebookStage {
    static let idPattern = try! NSRegularExpression(pattern: "^[a-z0-9]+(-[a-z0-9]+)*$")

    static func run(
        contentDirectory: String, content: ArchiveContent, registry: KernelRegistry,
        options: NotebookOptions
    ) throws -> (notebooks: [ExecutedNotebook], report: NotebookEngine.Report?) {
        let knownIDs = Set(content.talks.map(\.id)).union(content.sessions.map(\.id))
        guard let notebooks = try read(contentDirectory: contentDirectory, relatedIDs: knownIDs) else {
            return ([], nil)
        }
        let engine = NotebookEngine(
            registry: registry,
            options: .init(
                contentDirectory: contentDirectory, cacheDirectory: options.cacheDirectory,
                refreshPaths: options.refreshPaths, refreshAll: options.refreshAll))
        let report = try engine.execute(notebooks)
        let sourceDate = SourceDate.resolve(fallback: content.workshop.sourceDate.day).description
        let executed = notebooks.map { notebook in
            ExecutedNotebook(notebook: notebook, results: report.results[notebook.id] ?? [], sourceDate: sourceDate)
        }
        return (executed, report)
    }

    /// Lists and parses every notebook; nil when there is no notebooks folder. `relatedIDs` are the
    /// talk and session ids `related:` may name (nil: not checked, when the content did not load).
    static func read(contentDirectory: String, relatedIDs: Set<String>?) throws -> [Notebook]? {
        let folder = (contentDirectory as NSString).appendingPathComponent("notebooks")
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) else { return nil }
        guard isFolder.boolValue else {
            throw DiagnosticList([
                Diagnostic("expected a folder of notebooks, found a file", at: SourceLocation(path: folder))
            ])
        }
        let names: [String]
        do {
            names = try ProjectFolder.visibleEntries(of: folder)
        } catch let diagnostic as Diagnostic {
            throw DiagnosticList([diagnostic])
        }
        var problems: [Diagnostic] = []
        var notebooks: [Notebook] = []
        for name in names {
            let path = (folder as NSString).appendingPathComponent(name)
            let start = SourceLocation(path: path)
            guard name.hasSuffix(".md") else {
                problems.append(Diagnostic("unexpected file in notebooks/ (notebooks are '<id>.md')", at: start))
                continue
            }
            let id = String(name.dropLast(3))
            guard idPattern.firstMatch(in: id, range: NSRange(id.startIndex..., in: id)) != nil else {
                problems.append(
                    Diagnostic(
                        "invalid notebook id '\(id)': use lower-case letters, digits and single hyphens", at: start))
                continue
            }
            if let problem = ProjectFolder.escapeProblem(path, root: contentDirectory) {
                problems.append(Diagnostic(problem, at: start))
                continue
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                problems.append(Diagnostic("cannot read the file", at: start))
                continue
            }
            guard let text = String(bytes: data, encoding: .utf8) else {
                problems.append(Diagnostic("file is not valid UTF-8", at: start))
                continue
            }
            problems += BodyLinks.problems(inMarkdown: text, path: path, firstLine: 1)
            do {
                let notebook = try NotebookParser.parse(text, path: path, id: id)
                for (related, location) in zip(notebook.related, notebook.relatedLocations)
                where relatedIDs.map({ !$0.contains(related) }) ?? false {
                    problems.append(
                        Diagnostic(
                            "'\(related)' is neither a talk nor a session"
                                + (NearestName.suggestion(for: related, among: relatedIDs ?? []).map {
                                    "; did you mean '\($0)'?"
                                } ?? ""), at: location))
                }
                notebooks.append(notebook)
            } catch let list as DiagnosticList {
                problems += list.diagnostics
            } catch let diagnostic as Diagnostic {
                problems.append(diagnostic)
            }
        }
        if !problems.isEmpty { throw DiagnosticList(problems) }
        return notebooks
    }
}
