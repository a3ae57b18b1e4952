import ArchiveFiles
import ArchiveModel
import Foundation
import Mustache
import ParallelMap
import Synchronization

/// A site theme: Mustache templates (`*.mustache` at the top of the directory), compiled once, and
/// static assets (every file under `assets/`, copied to the site's `assets/`).
///
/// Every problem in a theme is reported at once as a `DiagnosticList`: template syntax errors with
/// `path:line:col`, missing page templates and partials or parents that name no template.
public struct Theme: Sendable {
    /// Every template the renderer renders by name: a theme lacking one of them does not load, so
    /// no page can render blank. Pages may use any other template as a partial or parent.
    public enum Template: String, CaseIterable, Sendable {
        // Pages.
        case home, day, session, talk, tracks, track, people, person, notebooks, notebook
        case talks, sessions, days, search
        /// Fragments, rendered once per distinct context and handed to pages as HTML
        /// (`headerHTML` per root and current page, `footerHTML` per root, and per root as well
        /// `speakersHTML` and `itemHTML` per talk, `convenersHTML` and `timetableHTML` per session).
        case header, footer, speakers, conveners
        case talkItem = "talk-item"
        case timetable
        /// Partials of the notebook page; listed so that a theme without them does not load.
        case notebookCell = "notebook-cell"
        case resultTable = "result-table"
        case resultPlot = "result-plot"

        public var fileName: String { rawValue + ".mustache" }
    }

    public let directory: String
    /// Template names (file names without `.mustache`), sorted.
    public let templateNames: [String]
    /// Site path (`assets/style.css`) → bytes.
    public let assets: [String: [UInt8]]
    let library: MustacheLibrary
    /// When set (by tests), every context handed to `render` is kept, so that a test can check
    /// each key its template uses against it: swift-mustache renders a misspelt key as blank.
    let contextLog: ContextLog?

    public init(directory: String) throws {
        try self.init(directory: directory, contextLog: nil)
    }

    init(directory: String, contextLog: ContextLog?) throws {
        self.contextLog = contextLog
        self.directory = directory
        let fm = FileManager.default
        var diagnostics: [Diagnostic] = []
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"

        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DiagnosticList([Diagnostic("theme directory '\(directory)' does not exist", at: nil)])
        }
        let entries: [String]
        do {
            entries = try ProjectFolder.visibleEntries(of: directory)
        } catch let diagnostic as Diagnostic {
            throw DiagnosticList([diagnostic])
        }

        // Byte-wise escaping for `{{% CONTENT_TYPE: HTML }}`; must be registered before parsing.
        MustacheContentTypes.register(FastHTMLContentType(), named: "HTML")
        var sources: [(name: String, path: String, text: String)] = []
        for entry in entries where entry.hasSuffix(".mustache") {
            let path = prefix + entry
            if let problem = ProjectFolder.escapeProblem(path, root: directory) {
                diagnostics.append(Diagnostic(problem, at: SourceLocation(path: path)))
                continue
            }
            guard let data = fm.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                diagnostics.append(Diagnostic("cannot read template (not UTF-8 text?)", at: SourceLocation(path: path)))
                continue
            }
            sources.append((String(entry.dropLast(".mustache".count)), path, text))
        }

        // Compile the templates in parallel (parsing is most of a theme's loading time).
        let compiled = parallelMap(sources.count, chunk: 1) { [sources] i -> Result<MustacheTemplate, Diagnostic> in
            let (_, path, text) = sources[i]
            do {
                return .success(try MustacheTemplate(string: text))
            } catch let error as MustacheTemplate.ParserError {
                return .failure(
                    Diagnostic(
                        "template syntax error: \(Self.describe(error.error))",
                        at: SourceLocation(
                            path: path, line: error.context.lineNumber, column: error.context.columnNumber)))
            } catch {
                return .failure(Diagnostic("template error: \(error)", at: SourceLocation(path: path)))
            }
        }
        var library = MustacheLibrary()
        var names: [String] = []
        var texts: [(name: String, path: String, text: String)] = []
        for (i, source) in sources.enumerated() {
            switch compiled[i] {
            case .success(let template):
                library.register(template, named: source.name)
                names.append(source.name)
                texts.append(source)
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
            }
        }
        let known = Set(names)
        for template in Template.allCases where !known.contains(template.rawValue) {
            let path = prefix + template.fileName
            if !diagnostics.contains(where: { $0.location?.path == path }) {  // not already reported unreadable
                diagnostics.append(
                    Diagnostic("theme has no template '\(template.fileName)'", at: SourceLocation(path: path)))
            }
        }
        for (_, path, text) in texts {
            for reference in Self.references(in: text) where !known.contains(reference.name) {
                diagnostics.append(
                    Diagnostic(
                        "template refers to '\(reference.name)', but the theme has no '\(reference.name).mustache'",
                        at: SourceLocation(path: path, line: reference.line, column: reference.column)))
            }
        }

        // Assets: every regular file under assets/, recursively; hidden files are skipped, and symbolic
        // links only count when they name a file inside the theme.
        var assets: [String: [UInt8]] = [:]
        let assetRoot = prefix + "assets"
        if fm.fileExists(atPath: assetRoot, isDirectory: &isDirectory), isDirectory.boolValue {
            var pending = [""]
            while let relative = pending.popLast() {
                let absolute = relative.isEmpty ? assetRoot : assetRoot + "/" + relative
                let children: [String]
                do {
                    children = try ProjectFolder.visibleEntries(of: absolute)
                } catch let diagnostic as Diagnostic {
                    diagnostics.append(diagnostic)
                    continue
                }
                for child in children {
                    let childRelative = relative.isEmpty ? child : relative + "/" + child
                    let childPath = assetRoot + "/" + childRelative
                    guard let attributes = try? fm.attributesOfItem(atPath: childPath),
                        var type = attributes[.type] as? FileAttributeType
                    else { continue }
                    if type == .typeSymbolicLink {
                        if let problem = ProjectFolder.escapeProblem(childPath, root: directory) {
                            diagnostics.append(Diagnostic(problem, at: SourceLocation(path: childPath)))
                            continue
                        }
                        // A link inside the theme is read as the file it names (links to folders are not followed).
                        let target = try? fm.attributesOfItem(atPath: ProjectFolder.resolved(childPath) ?? childPath)
                        type = target?[.type] as? FileAttributeType == .typeRegular ? .typeRegular : .typeUnknown
                    }
                    if type == .typeDirectory {
                        pending.append(childRelative)
                    } else if type == .typeRegular {
                        guard let data = fm.contents(atPath: childPath) else {
                            diagnostics.append(Diagnostic("cannot read asset", at: SourceLocation(path: childPath)))
                            continue
                        }
                        assets["assets/" + childRelative] = [UInt8](data)
                    }
                }
            }
        }

        if !diagnostics.isEmpty { throw DiagnosticList(diagnostics) }
        self.library = library
        self.templateNames = names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        self.assets = assets
    }

    /// The template's output; every `Template` is known to be registered once the theme loaded.
    func render(_ context: Any, template: Template) -> String {
        contextLog?.record(template, context)
        guard let html = library.render(context, withTemplate: template.rawValue) else {
            preconditionFailure("theme loaded without template '\(template.fileName)'")
        }
        return html
    }

    private static func describe(_ error: Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return "\(error)" }
        switch error {
        case .sectionCloseNameIncorrect: return "a section is closed with a name that does not match its opening tag"
        case .unfinishedName: return "unfinished tag"
        case .expectedSectionEnd: return "a section is never closed"
        case .invalidSetDelimiter: return "badly formed set-delimiter tag"
        case .transformAppliedToInheritanceSection: return "a transform cannot be applied to an inheritance section"
        case .illegalTokenInsideInheritSection: return "illegal tag inside an inheritance section"
        case .textInsideInheritSection: return "text inside an inheritance section"
        case .invalidConfigVariableSyntax: return "badly formed pragma"
        case .unrecognisedConfigVariable: return "unknown pragma"
        @unknown default: return "\(error)"
        }
    }

    /// Partials (`{{> name}}`) and parents (`{{< name}}`) a template names, with 1-based positions.
    /// Only the default delimiters are recognised (the theme does not change them).
    static func references(in text: String) -> [(name: String, line: Int, column: Int)] {
        var result: [(String, Int, Int)] = []
        let bytes = Array(text.utf8)
        var line = 1
        var column = 1
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "{"), i + 2 < bytes.count, bytes[i + 1] == UInt8(ascii: "{"),
                bytes[i + 2] == UInt8(ascii: ">") || bytes[i + 2] == UInt8(ascii: "<")
            {
                var j = i + 3
                var name: [UInt8] = []
                while j + 1 < bytes.count, !(bytes[j] == UInt8(ascii: "}") && bytes[j + 1] == UInt8(ascii: "}")) {
                    name.append(bytes[j])
                    j += 1
                }
                let trimmed = String(decoding: name, as: UTF8.self).trimmingCharacters(in: .whitespaces)
                if !trimmed.isEmpty, !trimmed.hasPrefix("*") { result.append((trimmed, line, column)) }
            }
            if bytes[i] == 10 {
                line += 1
                column = 1
            } else if bytes[i] & 0xC0 != 0x80 {
                column += 1
            }
            i += 1
        }
        return result
    }
}

/// The contexts a theme rendered, by template, for the template-key test.
final class ContextLog: Sendable {
    private let entries = Mutex<[(template: Theme.Template, context: TemplateContext)]>([])

    func record(_ template: Theme.Template, _ context: Any) {
        guard let context = context as? TemplateContext else { return }
        entries.withLock { $0.append((template, context)) }
    }

    var all: [(template: Theme.Template, context: TemplateContext)] { entries.withLock { $0 } }
}
