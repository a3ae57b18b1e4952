/// Abstracts are mostly text pasted from Indico, written as text rather than as Markdown. Before
/// cmark-gfm reads them, four readings of plain text that Markdown would change are kept as the
/// author wrote them:
/// - a TeX accent (`na\"ive`, `\'e`): Markdown would take `\"` for an escaped quote and drop the
///   backslash, so the backslash is doubled;
/// - a paragraph of its own that starts "1) " or "2) ": an enumeration in prose, not a list of one
///   item, so its `)` is escaped;
/// - reference lines ("[1] …" under each other): each keeps its own line (a hard line break);
/// - arXiv identifiers written as `arXiv:2007.14462` or `arxiv.org/abs/2004.02665` become links to
///   arxiv.org, as the materials list links them.
/// Code (fenced or indented) and `$…$` math are left alone.
enum AbstractText {
    static func prepare(_ markdown: String) -> String {
        guard
            markdown.contains("\\") || markdown.contains(")") || markdown.contains("[")
                || markdown.lowercased().contains("arxiv")
        else { return markdown }
        var lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var inFence = false
        var previousBlank = true
        var code = [Bool](repeating: false, count: lines.count)
        for index in lines.indices {
            let line = lines[index]
            let trimmed = line.drop { $0 == " " }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                inFence.toggle()
                code[index] = true
                previousBlank = false
                continue
            }
            let blank = trimmed.isEmpty
            code[index] = inFence || (!blank && line.count - trimmed.count >= 4 && previousBlank)
            previousBlank = blank
        }
        for index in lines.indices where !code[index] {
            var line = lines[index]
            let previous = index > 0 ? lines[index - 1] : ""
            let next = index + 1 < lines.count ? lines[index + 1] : ""
            let alone = previous.allSatisfy(\.isWhitespace) && next.allSatisfy(\.isWhitespace)
            if alone, let close = enumerationParen(line) { line.insert("\\", at: close) }
            line = outsideMath(line) { text in linkedArxiv(doubledAccents(text)) }
            // A reference starts a line of its own: the line before it ends in a hard break.
            if index + 1 < lines.count, !code[index + 1], isReference(lines[index + 1]),
                !line.allSatisfy(\.isWhitespace), !line.hasSuffix("\\")
            {
                line += "\\"
            }
            lines[index] = line
        }
        return lines.joined(separator: "\n")
    }

    /// The index of `)` in "12) text" at the start of a line.
    static func enumerationParen(_ line: String) -> String.Index? {
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 3 else { return nil }
        let close = line.index(line.startIndex, offsetBy: digits.count)
        guard close < line.endIndex, line[close] == ")", line[line.index(after: close)...].first == " " else {
            return nil
        }
        return close
    }

    static func isReference(_ line: String) -> Bool {
        let body = line.hasPrefix("+ ") || line.hasPrefix("- ") ? line.dropFirst(2) : Substring(line)
        guard body.first == "[", let close = body.firstIndex(of: "]") else { return false }
        let number = body[body.index(after: body.startIndex)..<close]
        return !number.isEmpty && number.allSatisfy(\.isNumber) && body[close...].dropFirst().first == " "
    }

    /// `transform` applied to the parts of `line` outside `$…$` and backtick code.
    static func outsideMath(_ line: String, _ transform: (String) -> String) -> String {
        guard line.contains("$") || line.contains("`") else { return transform(line) }
        var result = ""
        var part = ""
        var inside: Character?
        for character in line {
            if let open = inside {
                part.append(character)
                if character == open {
                    result += part
                    part = ""
                    inside = nil
                }
            } else if character == "$" || character == "`" {
                result += transform(part)
                part = String(character)
                inside = character
            } else {
                part.append(character)
            }
        }
        // An opening mark without its closing one is plain text (`Anomaly Awareness’ closes with a
        // typographic quote, "$5" is money).
        return result + transform(part)
    }

    static func doubledAccents(_ text: String) -> String {
        guard text.contains("\\") else { return text }
        var result = ""
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            result.append(character)
            if character == "\\", let accent = characters.first, "\"'`^~".contains(accent),
                characters.dropFirst().first?.isLetter == true || characters.dropFirst().first == "{"
            {
                result.append("\\")
            }
        }
        return result
    }

    static func linkedArxiv(_ text: String) -> String {
        guard text.lowercased().contains("arxiv") else { return text }
        var result = ""
        var rest = Substring(text)
        while let range = rest.range(of: "arxiv", options: .caseInsensitive) {
            result += rest[..<range.lowerBound]
            let previous = result.last
            let after = rest[range.upperBound...]
            let prefix = after.hasPrefix(":") ? 1 : after.hasPrefix(".org/abs/") ? 9 : 0
            // Not inside a URL or a link already.
            let free = previous != "/" && previous != "[" && previous != "(" && previous != "."
            if prefix > 0, free {
                let start = after.index(after.startIndex, offsetBy: prefix)
                var identifier = after[start...].prefix { $0.isASCII && ($0.isNumber || $0 == "." || $0 == "v") }
                while identifier.last == "." { identifier = identifier.dropLast() }
                let digits = identifier.filter(\.isNumber).count
                if identifier.contains("."), digits >= 8 {
                    let written = rest[range.lowerBound..<identifier.endIndex]
                    result += "[\(written)](https://arxiv.org/abs/\(identifier))"
                    rest = rest[identifier.endIndex...]
                    continue
                }
            }
            result += rest[range]
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
