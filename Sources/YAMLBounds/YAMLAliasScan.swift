/// A scan of YAML text for anchors (`&a`) and aliases (`*a`), run before Yams composes it.
///
/// Hand-written because Yams offers no event API and hashes mapping keys inside its compose step:
/// a few hundred bytes of nested aliases (`&a1 [*a0, *a0, …]`, ten levels) expand to 10¹⁰ nodes
/// there, and no later check can stop it.
///
/// The scan bounds the expansion from above without parsing the structure: an anchored node ends
/// no later than the first alias to it (YAML has no recursive aliases), so the size of anchor `a`
/// is at most one plus the items written between `&a` and that alias (or the end), where an alias
/// counts as the size of its anchor. Items are counted by their separators (`,`, `- `, `: `, line
/// ends), so plain YAML of `n` bytes never counts more than about `n`. Quoted scalars, comments and
/// block scalars (`|`, `>`) are skipped, so `*emphasis*` in text is no alias.
public enum YAMLAliasScan {
    /// The most nodes the aliases of one document may add to it.
    public static let maximumExpansion = 10_000

    /// A problem found: the 1-based line and column (in Unicode scalars) of the text, and what.
    public struct Problem: Equatable, Sendable {
        public var line: Int
        public var column: Int
        public var message: String

        public init(line: Int, column: Int, message: String) {
            self.line = line
            self.column = column
            self.message = message
        }
    }

    /// Nil when the aliases of `text` expand to at most `limit` nodes in all, and none is a key.
    public static func check(_ text: String, limit: Int = maximumExpansion) -> Problem? {
        var scanner = Scanner(Array(text.unicodeScalars), limit: limit)
        return scanner.run()
    }

    /// The 1-based line and column of every alias (`*a`) of `text`, in text order; meant for text
    /// `check` accepted (a composed node that came through an alias carries its anchor's position).
    public static func aliases(in text: String) -> [(line: Int, column: Int)] {
        var scanner = Scanner(Array(text.unicodeScalars), limit: .max / 4)
        _ = scanner.run()
        return scanner.aliases
    }

    private struct Scanner {
        let scalars: [Unicode.Scalar]
        let limit: Int
        var index = 0
        var line = 1
        var column = 1
        /// Open anchors: name → (size so far, still open).
        var anchors: [String: (size: Int, open: Bool)] = [:]
        var openNames: [String] = []
        var added = 0
        /// Where each alias is written, in text order.
        var aliases: [(line: Int, column: Int)] = []

        init(_ scalars: [Unicode.Scalar], limit: Int) {
            self.scalars = scalars
            self.limit = limit
        }

        func peek(_ offset: Int = 0) -> Unicode.Scalar? {
            index + offset < scalars.count ? scalars[index + offset] : nil
        }

        mutating func advance() {
            if scalars[index] == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += 1
        }

        static func isSpace(_ scalar: Unicode.Scalar?) -> Bool {
            scalar == nil || scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r"
        }

        static func endsName(_ scalar: Unicode.Scalar?) -> Bool {
            isSpace(scalar) || scalar == "," || scalar == "[" || scalar == "]" || scalar == "{" || scalar == "}"
        }

        /// Adds `weight` items to every open anchor.
        mutating func count(_ weight: Int) {
            for name in openNames { anchors[name]!.size = min(anchors[name]!.size + weight, Int.max / 4) }
        }

        mutating func name() -> String {
            var text = ""
            while !Self.endsName(peek()) {
                text.unicodeScalars.append(peek()!)
                advance()
            }
            return text
        }

        /// The indentation of the line the scanner is on.
        func indentation(ofLineAt position: Int) -> Int {
            var start = position
            while start > 0, scalars[start - 1] != "\n" { start -= 1 }
            var width = 0
            while start + width < scalars.count, scalars[start + width] == " " { width += 1 }
            return width
        }

        mutating func run() -> Problem? {
            var previous: Unicode.Scalar? = nil
            while let scalar = peek() {
                let atTokenStart =
                    previous == nil || Self.isSpace(previous) || previous == "[" || previous == "{"
                    || previous == ","
                switch scalar {
                case "#" where atTokenStart:
                    while let next = peek(), next != "\n" { advance() }
                    previous = " "
                    continue
                case "'" where atTokenStart, "\"" where atTokenStart:
                    skipQuoted(scalar)
                    count(1)
                    previous = "'"
                    continue
                case "|" where atTokenStart && isBlockScalarHeader(), ">" where atTokenStart && isBlockScalarHeader():
                    skipBlockScalar()
                    count(1)
                    previous = " "
                    continue
                case "&" where atTokenStart:
                    advance()
                    let anchor = name()
                    if anchors[anchor]?.open == true { openNames.removeAll { $0 == anchor } }
                    anchors[anchor] = (1, true)
                    openNames.append(anchor)
                    previous = "a"
                    continue
                case "*" where atTokenStart:
                    let (aliasLine, aliasColumn) = (line, column)
                    aliases.append((line, column))
                    advance()
                    let alias = name()
                    if let anchor = anchors[alias] {
                        if anchor.open {
                            anchors[alias]!.open = false
                            openNames.removeAll { $0 == alias }
                        }
                        let size = anchors[alias]!.size
                        added = min(added + size, Int.max / 4)
                        count(size)
                        if added > limit {
                            return Problem(
                                line: aliasLine, column: aliasColumn,
                                message:
                                    "aliases expand this YAML to more than \(limit) nodes (alias '*\(alias)' of "
                                    + "\(size) nodes); write the values out or use fewer aliases")
                        }
                        var after = index
                        while after < scalars.count, scalars[after] == " " { after += 1 }
                        if after < scalars.count, scalars[after] == ":",
                            after + 1 == scalars.count || Self.isSpace(scalars[after + 1])
                        {
                            return Problem(
                                line: aliasLine, column: aliasColumn,
                                message:
                                    "an alias ('*\(alias)') cannot be a mapping key")
                        }
                    }
                    previous = "a"
                    continue
                case "?" where atTokenStart && Self.isSpace(peek(1)) && startsLine():
                    return Problem(
                        line: line, column: column,
                        message:
                            "complex mapping keys ('? ') are not supported: keys are plain text")
                case ",", "\n":
                    count(1)
                case "-" where atTokenStart && Self.isSpace(peek(1)):
                    count(1)
                case ":" where Self.isSpace(peek(1)):
                    count(1)
                default:
                    break
                }
                previous = scalar
                advance()
            }
            return nil
        }

        /// Whether only spaces and sequence dashes come before the scanner on its line.
        func startsLine() -> Bool {
            var position = index
            while position > 0, scalars[position - 1] != "\n" {
                position -= 1
                guard scalars[position] == " " || scalars[position] == "-" else { return false }
            }
            return true
        }

        /// Whether the `|` or `>` at the scanner starts a block scalar: an optional indentation digit
        /// and chomping sign, then the end of the line or a comment.
        func isBlockScalarHeader() -> Bool {
            var offset = 1
            while let scalar = peek(offset), scalar == "+" || scalar == "-" || ("1"..."9").contains(scalar) {
                offset += 1
            }
            while peek(offset) == " " || peek(offset) == "\t" { offset += 1 }
            return peek(offset) == nil || peek(offset) == "\n" || peek(offset) == "\r" || peek(offset) == "#"
        }

        mutating func skipQuoted(_ quote: Unicode.Scalar) {
            advance()
            while let scalar = peek() {
                if quote == "\"", scalar == "\\" {
                    advance()
                    if peek() != nil { advance() }
                    continue
                }
                advance()
                if scalar == quote {
                    if quote == "'", peek() == "'" {
                        advance()
                        continue
                    }
                    return
                }
            }
        }

        /// Skips `|` or `>` and the lines after it that are more indented than its own line.
        mutating func skipBlockScalar() {
            let parentIndentation = indentation(ofLineAt: index)
            while let scalar = peek(), scalar != "\n" { advance() }
            while peek() == "\n" {
                var probe = index + 1
                var width = 0
                while probe < scalars.count, scalars[probe] == " " {
                    width += 1
                    probe += 1
                }
                let blank = probe >= scalars.count || scalars[probe] == "\n" || scalars[probe] == "\r"
                guard blank || width > parentIndentation else { return }
                advance()
                while let scalar = peek(), scalar != "\n" { advance() }
            }
        }
    }
}
