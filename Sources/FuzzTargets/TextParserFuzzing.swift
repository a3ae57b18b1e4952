import ArchiveContent
import ArchiveModel
import ArchiveNotebooks
import ArchiveRender
import QuantizedMLP

enum TextParserFuzzing {
    static let notebookPath = "Content/notebooks/fuzz.md"

    /// A notebook is either parsed or refused with diagnostics that point into the file.
    static func notebook(_ bytes: UnsafeRawBufferPointer) -> FuzzOutcome {
        let source = text(bytes)
        let lineCount = 1 + bytes.lazy.filter { $0 == 0x0A }.count
        do {
            let notebook = try NotebookParser.parse(source, path: notebookPath, id: "fuzz")
            for cell in notebook.cells {
                require(cell.location.path == notebookPath, "a cell is placed in another file")
                require((1...lineCount).contains(cell.location.line), "a cell is placed outside the file")
            }
            return .accepted
        } catch let list as DiagnosticList {
            require(!list.diagnostics.isEmpty, "an empty list of diagnostics was thrown")
            for diagnostic in list.diagnostics { requireLocated(diagnostic, lineCount: lineCount) }
        } catch let diagnostic as Diagnostic {
            requireLocated(diagnostic, lineCount: lineCount)
        } catch {
            require(false, "the notebook parser threw an unlocated error: \(error)")
        }
        return .refused
    }

    static func requireLocated(_ diagnostic: Diagnostic, lineCount: Int) {
        guard let location = diagnostic.location else {
            return require(false, "a diagnostic has no location: \(diagnostic)")
        }
        require(location.path == notebookPath, "a diagnostic names another file: \(diagnostic)")
        require(
            (1...lineCount + 1).contains(location.line) && location.column >= 1,
            "a diagnostic points outside the file: \(diagnostic)")
    }

    private static let renderer = MarkdownRenderer()

    /// cmark-gfm renders any text; the rendered page holds no script and no raw HTML the body
    /// brought (the renderer runs with raw HTML suppressed).
    static func markdown(_ bytes: UnsafeRawBufferPointer) -> FuzzOutcome {
        let body = text(bytes)
        let html = renderer.html(body, headingOffset: 1)
        let bytes = Array(html.utf8)
        require(!contains(bytes, lowercased: "<script"), "rendered Markdown holds a <script> element")
        for url in attributeValues(in: bytes, named: ["href", "src"]) {
            require(url.hasPrefix("#") || MarkdownLinkRule.isAllowed(url), "rendered Markdown links to '\(url)'")
        }
        let problems = BodyLinks.problems(inMarkdown: body, path: "Content/talks/fuzz.md", firstLine: 5)
        for problem in problems {
            require((problem.location?.line ?? 0) >= 5, "a link problem points above the body: \(problem)")
        }
        return problems.isEmpty ? .accepted : .refused
    }

    /// The values of ` name="…"` attributes, with the `&amp;` cmark writes for `&` undone (the
    /// renderer quotes every attribute with `"`; a quote inside a value is written `&quot;`).
    /// Bytes, not `String`: this check must not cost more than the renderer it checks.
    static func attributeValues(in html: [UInt8], named names: [String]) -> [String] {
        var values: [String] = []
        for name in names {
            let opening = Array(" \(name)=\"".utf8)
            var index = 0
            while let found = firstIndex(of: opening, in: html, from: index) {
                let valueStart = found + opening.count
                let valueEnd = html[valueStart...].firstIndex(of: UInt8(ascii: "\"")) ?? html.endIndex
                let value = String(decoding: html[valueStart..<valueEnd], as: UTF8.self)
                values.append(value.replacingOccurrences(of: "&amp;", with: "&"))
                index = valueEnd
            }
        }
        return values
    }

    static func firstIndex(of needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard needle.count <= bytes.count else { return nil }
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index] == needle[0], bytes[index..<index + needle.count].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    /// Whether `bytes`, with ASCII letters lowercased, contain `needle` (lowercase ASCII).
    static func contains(_ bytes: [UInt8], lowercased needle: String) -> Bool {
        let lowered = bytes.map { (65...90).contains($0) ? $0 | 0x20 : $0 }
        return firstIndex(of: Array(needle.utf8), in: lowered, from: 0) != nil
    }

    /// A configuration is either read into precisions or refused with an error.
    static func hlsConfig(_ bytes: UnsafeRawBufferPointer) -> FuzzOutcome {
        // Every error type the reader throws is a refusal; only a trap or a hang is a bug here.
        (try? HLSConfig(tree: try ConfigNode.parse(configFile: text(bytes)))) == nil ? .refused : .accepted
    }
}
