import ArchiveModel
import CCmarkGFM

/// The links and images of a Markdown body that the renderer would drop (relative paths,
/// `javascript:`, `//host`, …), found with cmark-gfm's own parser so that what is reported is
/// exactly what the page would lose. Only the core parser is used: it is safe to run from the
/// loader's parallel readers, and the extensions add no explicit links.
public enum BodyLinks {
    static func check(_ file: FrontMatterFile, diagnostics: DiagnosticCollector) {
        guard let body = file.body else { return }
        for problem in problems(inMarkdown: body, path: file.context.path, firstLine: file.bodyLine) {
            diagnostics.error(problem.message, at: problem.location)
        }
    }

    /// The dropped links of `markdown` whose first line is line `firstLine` of the file at `path`
    /// (notebooks use this for their prose).
    public static func problems(inMarkdown body: String, path: String, firstLine: Int) -> [Diagnostic] {
        guard body.contains("](") || body.contains("<") || body.contains("]:") else { return [] }
        guard let document = parse(body) else { return [] }
        defer { cmark_node_free(document) }
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        guard let iterator = cmark_iter_new(document) else { return [] }
        defer { cmark_iter_free(iterator) }
        var found: [Diagnostic] = []
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            guard type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE else { continue }
            let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
            guard !MarkdownLinkRule.isAllowed(url) else { continue }
            let line = Int(cmark_node_get_start_line(node))
            let byteColumn = Int(cmark_node_get_start_column(node))
            found.append(
                Diagnostic(
                    MarkdownLinkRule.problem(url),
                    at: SourceLocation(
                        path: path, line: firstLine + line - 1,
                        column: scalarColumn(byteColumn, in: line <= lines.count ? lines[line - 1] : ""))))
        }
        return found
    }

    private static func parse(_ text: String) -> OpaquePointer? {
        guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8) else { return nil }
        defer { cmark_parser_free(parser) }
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                cmark_parser_feed(parser, $0, buffer.count)
            }
        }
        return cmark_parser_finish(parser)
    }

    /// cmark counts columns in bytes; diagnostics count Unicode scalars.
    private static func scalarColumn(_ byteColumn: Int, in line: Substring) -> Int {
        let prefix = line.utf8.prefix(max(0, byteColumn - 1))
        return String(decoding: prefix, as: UTF8.self).unicodeScalars.count + 1
    }
}
