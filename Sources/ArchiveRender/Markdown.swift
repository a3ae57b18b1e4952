import ArchiveModel
import CCmarkGFM
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// GitHub-flavoured Markdown to safe HTML, through the cmark-gfm C library.
///
/// Safety, in layers:
/// - cmark-gfm renders no raw HTML without `CMARK_OPT_UNSAFE` (not set); on top of that every raw
///   HTML node is turned into plain text before rendering, so `<script>` shows as text, never as a tag;
/// - links and images keep only `https:`, `http:` and `mailto:` destinations: any other link
///   (`javascript:`, `data:`, relative paths) is replaced by its text, and images become links
///   (an archive page loads nothing from elsewhere);
/// - the GFM `tagfilter` extension is attached as well.
///
/// TeX math between `$…$` or `$$…$$` is kept exactly as written: inside it, every ASCII punctuation
/// character is backslash-escaped before parsing, so `_`, `*` and `\{` lose their Markdown meaning.
public struct MarkdownRenderer: Sendable {
    /// Extensions attached to every parser.
    static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter"]

    private static let registered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    /// cmark-gfm's inline parser adds the extensions' special characters (`~` for strikethrough) to a
    /// global table before parsing inlines and removes them afterwards, so a document parsed while
    /// another finishes can lose strikethrough: parsing is serialised (the renderer parses
    /// sequentially anyway; tests run in parallel).
    private static let parserLock = NSLock()

    /// Plain texts already made: the calendars, schedules, feed and structured data all ask for
    /// the same abstracts.
    private let plainTexts = PlainTextMemo()

    public init() { _ = Self.registered }

    /// Renders a Markdown document. `headingOffset` demotes headings (`# x` becomes `<h3>` with 2),
    /// and no heading rises above `topLevel`, so that a page keeps a single `<h1>` and a sensible outline.
    public func html(_ markdown: String, headingOffset: Int = 0, topLevel: Int = 1) -> String {
        Self.withDocument(Self.protectMath(AbstractText.prepare(markdown))) { document, parser, options in
            Self.sanitize(document, headingOffset: headingOffset, topLevel: topLevel)
            return cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser))
        }
    }

    /// The document as plain text (cmark-gfm's plain-text renderer, no wrapping): what calendar
    /// entries and other text-only exports carry. Math keeps its TeX source.
    public func plainText(_ markdown: String) -> String {
        if let known = plainTexts.texts.withLock({ $0[markdown] }) { return known }
        let text = Self.withDocument(AbstractText.prepare(markdown)) { document, _, options in
            cmark_render_plaintext(document, options, 0)
        }.trimmingCharacters(in: .whitespacesAndNewlines)
        plainTexts.texts.withLock { $0[markdown] = text }
        return text
    }

    /// Parses `source` with the extensions attached and returns what `render` makes of the
    /// document (a C string that is freed here).
    private static func withDocument(
        _ source: String,
        render: (OpaquePointer, OpaquePointer, Int32) -> UnsafeMutablePointer<CChar>?
    ) -> String {
        Self.parserLock.lock()
        defer { Self.parserLock.unlock() }
        let options = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8
        guard let parser = cmark_parser_new(options) else { return "" }
        defer { cmark_parser_free(parser) }
        for name in Self.extensionNames {
            if let ext = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, ext)
            }
        }
        var utf8 = Array(source.utf8)
        if utf8.isEmpty { return "" }
        utf8.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                cmark_parser_feed(parser, $0, buffer.count)
            }
        }
        guard let document = cmark_parser_finish(parser) else { return "" }
        defer { cmark_node_free(document) }
        guard let rendered = render(document, parser, options) else { return "" }
        defer { free(rendered) }
        return String(cString: rendered)
    }

    // MARK: AST clean-up

    static func isAllowedURL(_ url: String) -> Bool { MarkdownLinkRule.isAllowed(url) }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }

    /// Moves `node`'s children in front of it, then frees it (its text stays, the wrapper goes).
    private static func unwrap(_ node: OpaquePointer) {
        while let child = cmark_node_first_child(node) {
            cmark_node_insert_before(node, child)
        }
        cmark_node_free(node)
    }

    private static func textNode(_ literal: String) -> OpaquePointer? {
        guard let node = cmark_node_new(CMARK_NODE_TEXT) else { return nil }
        cmark_node_set_literal(node, literal)
        return node
    }

    static func sanitize(_ document: OpaquePointer, headingOffset: Int, topLevel: Int = 1) {
        // Collect first, then edit: the iterator must not see a tree that changes under it.
        var links: [OpaquePointer] = []
        var images: [OpaquePointer] = []
        var htmlInline: [OpaquePointer] = []
        var htmlBlocks: [OpaquePointer] = []
        var headings: [OpaquePointer] = []
        guard let iterator = cmark_iter_new(document) else { return }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_LINK: links.append(node)
            case CMARK_NODE_IMAGE: images.append(node)
            case CMARK_NODE_HTML_INLINE: htmlInline.append(node)
            case CMARK_NODE_HTML_BLOCK: htmlBlocks.append(node)
            case CMARK_NODE_HEADING: headings.append(node)
            default: break
            }
        }
        cmark_iter_free(iterator)

        for node in htmlInline {
            if let text = textNode(string(cmark_node_get_literal(node))) {
                cmark_node_insert_before(node, text)
            }
            cmark_node_free(node)
        }
        for node in htmlBlocks {
            var literal = string(cmark_node_get_literal(node))
            while literal.last == "\n" { literal.removeLast() }
            if let paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH), let text = textNode(literal) {
                cmark_node_append_child(paragraph, text)
                cmark_node_insert_before(node, paragraph)
            }
            cmark_node_free(node)
        }
        for node in images {
            let url = string(cmark_node_get_url(node))
            if isAllowedURL(url), let link = cmark_node_new(CMARK_NODE_LINK) {
                cmark_node_set_url(link, url)
                cmark_node_set_title(link, cmark_node_get_title(node))
                while let child = cmark_node_first_child(node) { cmark_node_append_child(link, child) }
                if cmark_node_first_child(link) == nil, let text = textNode(url) {
                    cmark_node_append_child(link, text)
                }
                cmark_node_insert_before(node, link)
                cmark_node_free(node)
            } else {
                unwrap(node)
            }
        }
        for node in links where !isAllowedURL(string(cmark_node_get_url(node))) {
            unwrap(node)
        }
        if headingOffset != 0 || topLevel > 1 {
            for node in headings {
                let level = Int(cmark_node_get_heading_level(node)) + headingOffset
                cmark_node_set_heading_level(node, Int32(max(topLevel, min(6, level))))
            }
        }
    }

    // MARK: TeX math

    private static func isASCIIPunctuation(_ b: UInt8) -> Bool {
        (33...47).contains(b) || (58...64).contains(b) || (91...96).contains(b) || (123...126).contains(b)
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 }

    /// Escapes Markdown punctuation inside `$…$` and `$$…$$` spans (outside code) so TeX survives
    /// the Markdown parser unchanged. A `$` opens math when a non-space follows it, and closes it when
    /// a non-space precedes it and no digit follows (so "$5 and $10" stays text). Spans do not cross lines.
    static func protectMath(_ markdown: String) -> String {
        let bytes = Array(markdown.utf8)
        guard bytes.contains(UInt8(ascii: "$")) else { return markdown }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)

        var fence: (char: UInt8, count: Int)? = nil
        var previousBlank = true
        var inIndentedCode = false
        var lineStart = 0
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count && bytes[lineEnd] != 10 { lineEnd += 1 }
            let line = bytes[lineStart..<lineEnd]
            let hasNewline = lineEnd < bytes.count
            defer { lineStart = lineEnd + 1 }

            var indent = 0
            var i = line.startIndex
            while i < line.endIndex, line[i] == 32 {
                indent += 1
                i += 1
            }
            let tab = i < line.endIndex && line[i] == 9
            let blank = line.allSatisfy(isSpace)

            // Fenced code: ``` or ~~~, three or more, indented at most three spaces.
            var fenceRun = 0
            if indent < 4, i < line.endIndex, line[i] == UInt8(ascii: "`") || line[i] == UInt8(ascii: "~") {
                let c = line[i]
                var j = i
                while j < line.endIndex, line[j] == c {
                    fenceRun += 1
                    j += 1
                }
                if fenceRun >= 3 {
                    if let open = fence {
                        if open.char == c, fenceRun >= open.count { fence = nil }
                    } else {
                        fence = (c, fenceRun)
                    }
                    out += line
                    if hasNewline { out.append(10) }
                    previousBlank = false
                    continue
                }
            }
            let indented = (indent >= 4 || tab) && !blank
            inIndentedCode = indented && (previousBlank || inIndentedCode)
            if !blank {
                previousBlank = false
            } else {
                previousBlank = true
                inIndentedCode = false
            }
            if fence != nil || inIndentedCode || !line.contains(UInt8(ascii: "$")) {
                out += line
                if hasNewline { out.append(10) }
                continue
            }

            var k = line.startIndex
            while k < line.endIndex {
                let b = line[k]
                if b == UInt8(ascii: "\\") {
                    out.append(b)
                    if k + 1 < line.endIndex { out.append(line[k + 1]) }
                    k += 2
                    continue
                }
                if b == UInt8(ascii: "`") {
                    var run = 0
                    var j = k
                    while j < line.endIndex, line[j] == b {
                        run += 1
                        j += 1
                    }
                    // Find the matching closing run of the same length.
                    var m = j
                    var closeEnd: Int? = nil
                    while m < line.endIndex {
                        if line[m] == b {
                            var r = 0
                            var n = m
                            while n < line.endIndex, line[n] == b {
                                r += 1
                                n += 1
                            }
                            if r == run {
                                closeEnd = n
                                break
                            }
                            m = n
                        } else {
                            m += 1
                        }
                    }
                    let end = closeEnd ?? j
                    out += line[k..<end]
                    k = end
                    continue
                }
                if b == UInt8(ascii: "$") {
                    let display = k + 1 < line.endIndex && line[k + 1] == UInt8(ascii: "$")
                    let width = display ? 2 : 1
                    let contentStart = k + width
                    if contentStart < line.endIndex, !isSpace(line[contentStart]),
                        line[contentStart] != UInt8(ascii: "$"),
                        let close = findClose(line, from: contentStart, display: display)
                    {
                        out += line[k..<contentStart]
                        for c in line[contentStart..<close] {
                            if isASCIIPunctuation(c) { out.append(UInt8(ascii: "\\")) }
                            out.append(c)
                        }
                        out += line[close..<(close + width)]
                        k = close + width
                        continue
                    }
                    out += line[k..<contentStart]
                    k = contentStart
                    continue
                }
                out.append(b)
                k += 1
            }
            if hasNewline { out.append(10) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The index of the closing delimiter of a math span whose content starts at `start`.
    private static func findClose(_ line: ArraySlice<UInt8>, from start: Int, display: Bool) -> Int? {
        var k = start
        while k < line.endIndex {
            let b = line[k]
            if b == UInt8(ascii: "\\") {
                k += 2
                continue
            }
            if b == UInt8(ascii: "$") {
                if display {
                    if k + 1 < line.endIndex, line[k + 1] == UInt8(ascii: "$"), k > start, !isSpace(line[k - 1]) {
                        return k
                    }
                } else if k > start, !isSpace(line[k - 1]) {
                    let after = k + 1 < line.endIndex ? line[k + 1] : 32
                    if !(48...57).contains(after) && after != UInt8(ascii: "$") { return k }
                }
            }
            k += 1
        }
        return nil
    }
}

final class PlainTextMemo: Sendable {
    let texts = Mutex<[String: String]>([:])
}
