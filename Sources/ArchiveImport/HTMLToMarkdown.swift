import CLibXML2
import Foundation

/// Indico descriptions are HTML (from its rich-text editor) or plain text. HTML is parsed with
/// libxml2's HTML parser and written as Markdown: paragraphs, line breaks, emphasis, code, lists
/// and links (absolute `https:`, `http:` and `mailto:` only) are kept; scripts, styles and
/// every other tag are dropped, their text kept. TeX (`$p_T$`) passes through as written.
enum HTMLToMarkdown {
    static func convert(_ text: String) -> String {
        guard text.contains("<") else { return tidy(text) }
        let bytes = Array(("<html><body>" + text + "</body></html>").utf8)
        let options = Int32(
            HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                | HTML_PARSE_NOIMPLIED.rawValue)
        let document: htmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                htmlReadMemory($0, Int32(buffer.count), "description.html", "UTF-8", options)
            }
        }
        guard let document else { return tidy(text) }
        defer { xmlFreeDoc(document) }
        var writer = Writer()
        if let root = xmlDocGetRootElement(document) { writer.visitChildren(of: root) }
        writer.endBlock()
        return tidy(writer.blocks.joined(separator: "\n\n"))
    }

    /// Trailing spaces off each line, blank runs collapsed, one final newline (or "").
    static func tidy(_ text: String) -> String {
        var lines: [String] = []
        for line in text.replacingOccurrences(of: "\r\n", with: "\n").split(
            separator: "\n", omittingEmptySubsequences: false)
        {
            var kept = String(line)
            while kept.last == " " || kept.last == "\t" { kept.removeLast() }
            if kept.isEmpty, lines.last?.isEmpty ?? true { continue }
            lines.append(kept)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    struct Writer {
        var blocks: [String] = []
        var current = ""
        var listDepth = 0

        mutating func endBlock() {
            let block = current.trimmingCharacters(in: .whitespaces)
            if !block.isEmpty { blocks.append(block) }
            current = ""
        }

        mutating func visitChildren(of node: xmlNodePtr) {
            var child = node.pointee.children
            var ordinal = 0
            while let current = child {
                if current.pointee.type == XML_ELEMENT_NODE, Self.name(current) == "li" { ordinal += 1 }
                visit(current, ordinal: ordinal, ordered: Self.name(node) == "ol")
                child = current.pointee.next
            }
        }

        mutating func visit(_ node: xmlNodePtr, ordinal: Int, ordered: Bool) {
            switch node.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                append(Self.escaped(Self.collapsed(Self.content(node)), atLineStart: current.isEmpty))
            case XML_ELEMENT_NODE:
                let name = Self.name(node)
                switch name {
                case "script", "style", "head", "title", "noscript", "iframe", "object", "template":
                    return
                case "br":
                    current += "\\\n"
                case "p", "div", "blockquote", "pre", "table", "tr", "section", "article":
                    endBlock()
                    visitChildren(of: node)
                    endBlock()
                case "h1", "h2", "h3", "h4", "h5", "h6":
                    // Bold, not a heading: the page owns the heading levels.
                    endBlock()
                    current += "**"
                    visitChildren(of: node)
                    current += "**"
                    endBlock()
                case "ul", "ol":
                    endBlock()
                    listDepth += 1
                    visitChildren(of: node)
                    listDepth -= 1
                    endBlock()
                case "li":
                    if !current.isEmpty { current += "\n" }
                    current += String(repeating: "  ", count: max(listDepth - 1, 0)) + (ordered ? "\(ordinal). " : "- ")
                    visitChildren(of: node)
                case "strong", "b":
                    wrap(node, "**")
                case "em", "i":
                    wrap(node, "*")
                case "code", "tt":
                    wrap(node, "`")
                case "a":
                    let href = Self.attribute(node, "href") ?? ""
                    let isPublishable = ["https://", "http://", "mailto:"].contains { href.lowercased().hasPrefix($0) }
                    if isPublishable, !href.contains(where: { $0 == " " || $0 == ")" || $0 == "<" || $0 == ">" }) {
                        current += "["
                        visitChildren(of: node)
                        current += "](\(href))"
                    } else {
                        visitChildren(of: node)
                    }
                default:
                    visitChildren(of: node)
                }
            default:
                return
            }
        }

        mutating func wrap(_ node: xmlNodePtr, _ mark: String) {
            current += mark
            visitChildren(of: node)
            current += mark
        }

        mutating func append(_ text: String) {
            if current.isEmpty || current.hasSuffix("\n") {
                current += text.drop { $0 == " " }
            } else {
                current += text
            }
        }

        static func name(_ node: xmlNodePtr) -> String {
            node.pointee.name.map { String(cString: $0) } ?? ""
        }

        static func content(_ node: xmlNodePtr) -> String {
            node.pointee.content.map { String(cString: $0) } ?? ""
        }

        static func attribute(_ node: xmlNodePtr, _ name: String) -> String? {
            guard let value = xmlGetProp(node, name) else { return nil }
            defer { archive_xml_free(value) }
            return String(cString: value)
        }

        /// Runs of white space as one space, as a browser shows HTML text.
        static func collapsed(_ text: String) -> String {
            var result = ""
            var space = false
            for character in text {
                if character.isWhitespace {
                    space = true
                } else {
                    if space { result += " " }
                    space = false
                    result.append(character)
                }
            }
            if space { result += " " }
            return result
        }

        /// Text that Markdown would otherwise read as markup: `<` before a letter (raw HTML, which
        /// the page drops), and at the start of a line `#`, `>` and list markers. Backslashes, `*`
        /// and `_` stay: TeX uses them, and the renderer keeps `$…$` as written.
        static func escaped(_ text: String, atLineStart: Bool) -> String {
            var result = ""
            var previous: Character?
            for character in text {
                if previous == "<", character.isLetter || character == "/" || character == "!" || character == "?" {
                    result.insert("\\", at: result.index(before: result.endIndex))
                }
                result.append(character)
                previous = character
            }
            if atLineStart {
                let trimmed = result.drop { $0 == " " }
                if let first = trimmed.first, "#>+-".contains(first) {
                    result = "\\" + trimmed
                } else if let dot = trimmed.firstIndex(where: { !$0.isNumber }), dot != trimmed.startIndex,
                    trimmed[dot] == "." || trimmed[dot] == ")"
                {
                    result = String(trimmed[..<dot]) + "\\" + trimmed[dot...]
                }
            }
            return result
        }
    }
}
