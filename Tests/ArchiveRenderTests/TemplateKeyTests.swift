import ArchiveIndex
import ArchiveModel
import Foundation
import Testing

@testable import ArchiveRender

/// swift-mustache has no strict mode: a misspelt key renders as blank. This test renders the
/// fixture site (with a notebook) through a theme that keeps every context it is given, then walks
/// each template's tags with the context it was rendered with and requires every key a tag names
/// to exist in that context or an enclosing one, in every section that is rendered.
@Suite("Template keys")
struct TemplateKeyTests {
    static func notebook() -> ExecutedNotebook {
        let cell = NotebookCell(
            notebookPath: "notebooks/demo.md", ordinal: 0,
            location: SourceLocation(path: "notebooks/demo.md", line: 9, column: 1),
            kernelName: "demo", params: nil, seed: nil, expect: nil, source: "params: {n: 3}")
        let table = ResultTable(
            id: "rates", title: "Rates",
            columns: [TableColumn("name", label: "Name"), TableColumn("n", label: "Count")],
            rows: [[.text("a"), .integer(3)], [.integer(1), .real(0.5, decimals: 2)]], note: "A note.")
        let plot = LinePlot(
            id: "roc", title: "ROC", xLabel: "x", yLabel: "y",
            series: [.init(label: "a", points: [(0, 0), (1, 1)]), .init(label: "b", points: [(0, 1), (1, 0)])],
            textAlternative: "Two lines.")
        let notebook = Notebook(
            id: "demo", path: "notebooks/demo.md", title: "Demo", authors: ["A. Author"],
            related: ["ganplifying"], relatedLocations: [SourceLocation(path: "notebooks/demo.md", line: 4)],
            timeoutSeconds: 10, segments: [.markdown("Some *prose*."), .cell(0)], cells: [cell],
            summary: "What it shows.")
        let result = CellResult(
            cell: cell, output: KernelOutput(tables: [table], plots: [plot]),
            provenance: Provenance(kernel: "demo", version: "1", inputs: [("data/x.npy", "ab")], seed: 1),
            executionReason: nil, seconds: 0)
        return ExecutedNotebook(notebook: notebook, results: [result], sourceDate: "2020-10-23")
    }

    @Test func everyKeyATemplateUsesExistsInItsContext() throws {
        let log = ContextLog()
        let theme = try Theme(directory: Support.themeDirectory, contextLog: log)
        _ = try SiteRenderer(theme: theme).render(SiteIndex(content: Fixtures.content(), notebooks: [Self.notebook()]))
        var sources: [String: String] = [:]
        for name in theme.templateNames {
            sources[name] = try String(contentsOfFile: Support.themeDirectory + "/\(name).mustache", encoding: .utf8)
        }
        var checker = KeyChecker(sources: sources)
        let entries = log.all
        for entry in entries { checker.check(entry.template.rawValue, stack: [entry.context]) }
        #expect(checker.problems.isEmpty, "\(checker.problems.sorted().joined(separator: "\n"))")
        #expect(checker.visitedTemplates.isSuperset(of: Theme.Template.allCases.map(\.rawValue)))
        // The walk reached the tags inside lists, partials and the layout's blocks.
        #expect(
            checker.checkedKeys.isSuperset(of: ["text", "points", "proseHTML", "documentTitle", "kernelName", "href"]))
    }

    @Test func aMisspeltKeyIsFound() {
        var checker = KeyChecker(sources: ["page": "{{#items}}<a href=\"{{hreff}}\">{{title}}</a>{{/items}}"])
        checker.check("page", stack: [["items": [["href": "x", "title": "t"] as TemplateContext]]])
        #expect(checker.problems == ["page: no key 'hreff' (in items)"])
    }
}

/// Walks Mustache tags (default delimiters, as the theme uses) with a stack of contexts.
struct KeyChecker {
    let sources: [String: String]
    private(set) var problems: Set<String> = []
    private(set) var checkedKeys: Set<String> = []
    private(set) var visitedTemplates: Set<String> = []

    enum Tag {
        case text
        case variable(String)
        case section(String)
        case inverted(String)
        case close(String)
        case partial(String)
        case
            parent(String)
        case block(String)
    }

    /// The tags of a template, in order (comments, pragmas and text dropped).
    static func tags(_ source: String) -> [Tag] {
        var tags: [Tag] = []
        var rest = Substring(source)
        while let open = rest.range(of: "{{") {
            rest = rest[open.upperBound...]
            let triple = rest.hasPrefix("{")
            guard let close = rest.range(of: triple ? "}}}" : "}}") else { break }
            var body = String(rest[rest.startIndex..<close.lowerBound])
            rest = rest[close.upperBound...]
            if triple { body.removeFirst() }
            let sigil = body.first ?? " "
            let name = { String(body.dropFirst()).trimmingCharacters(in: .whitespaces) }
            switch sigil {
            case "!", "%": continue
            case "#": tags.append(.section(name()))
            case "^": tags.append(.inverted(name()))
            case "/": tags.append(.close(name()))
            case ">": tags.append(.partial(name()))
            case "<": tags.append(.parent(name()))
            case "$": tags.append(.block(name()))
            case "&": tags.append(.variable(name()))
            default: tags.append(.variable(body.trimmingCharacters(in: .whitespaces)))
            }
        }
        return tags
    }

    mutating func check(_ template: String, stack: [TemplateContext]) {
        visitedTemplates.insert(template)
        guard let source = sources[template] else {
            problems.insert("no template '\(template)'")
            return
        }
        walk(Self.tags(source)[...], template: template, stack: stack, path: [])
    }

    /// The value of a (possibly dotted) name, looked up from the innermost context out.
    func lookUp(_ name: String, _ stack: [TemplateContext]) -> Any?? {
        // `.` and swift-mustache's sequence functions (`first()`, `last()`, `index()`, …).
        if name == "." || name.hasSuffix("()") { return .some(nil) }
        let parts = name.split(separator: ".").map(String.init)
        for context in stack.reversed() {
            guard var value = context.child(named: parts[0]) else { continue }
            for part in parts.dropFirst() {
                guard let next = (value as? TemplateContext)?.child(named: part) else { return nil }
                value = next
            }
            return .some(value)
        }
        return nil
    }

    private mutating func walk(_ tags: ArraySlice<Tag>, template: String, stack: [TemplateContext], path: [String]) {
        var index = tags.startIndex
        while index < tags.endIndex {
            let tag = tags[index]
            index += 1
            switch tag {
            case .text, .close: continue
            case .variable(let name):
                checkedKeys.insert(name)
                if lookUp(name, stack) == nil { report(name, template, path) }
            case .partial(let name), .parent(let name):
                check(name, stack: stack)
            case .block:
                continue  // a block's content is walked where it stands, with the same contexts
            case .section(let name), .inverted(let name):
                let end = Self.matchingClose(tags, from: index, name: name)
                let body = tags[index..<end]
                index = min(end + 1, tags.endIndex)
                checkedKeys.insert(name)
                guard let found = lookUp(name, stack) else {
                    report(name, template, path)
                    continue
                }
                let value = found ?? nil
                var inverted = false
                if case .inverted = tag { inverted = true }
                let truthy: Bool
                switch value {
                case let flag as Bool: truthy = flag
                case let list as [Any]: truthy = !list.isEmpty
                case nil: truthy = false
                default: truthy = true
                }
                if inverted {
                    if !truthy { walk(body, template: template, stack: stack, path: path + ["^" + name]) }
                } else if let list = value as? [TemplateContext] {
                    for element in list {
                        walk(body, template: template, stack: stack + [element], path: path + [name])
                    }
                } else if let context = value as? TemplateContext {
                    walk(body, template: template, stack: stack + [context], path: path + [name])
                } else if truthy {
                    walk(body, template: template, stack: stack, path: path + [name])
                }
            }
        }
    }

    private mutating func report(_ name: String, _ template: String, _ path: [String]) {
        problems.insert(
            "\(template): no key '\(name)'" + (path.isEmpty ? "" : " (in \(path.joined(separator: " › ")))"))
    }

    static func matchingClose(_ tags: ArraySlice<Tag>, from start: Int, name: String) -> Int {
        var depth = 0
        var index = start
        while index < tags.endIndex {
            switch tags[index] {
            case .section(let n) where n == name, .inverted(let n) where n == name: depth += 1
            case .close(let n) where n == name:
                if depth == 0 { return index }
                depth -= 1
            default: break
            }
            index += 1
        }
        return tags.endIndex
    }
}
