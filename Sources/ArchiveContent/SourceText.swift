import ArchiveModel
import YAMLBounds
import Yams

/// A content file split into its YAML front matter and its Markdown body.
struct FrontMatterFile {
    let context: FileContext
    let yaml: String
    /// The Markdown after the closing `---`, line endings normalised to LF, leading blank lines and
    /// trailing white space removed, ending with one newline; nil when it is empty or only white space.
    let body: String?
    /// The line of the file on which `body` starts (its first non-blank line).
    var bodyLine = 1
}

/// Byte-level reading of content files: UTF-8 validation, the front-matter split and the YAML
/// parse, each reporting problems at `line:column` of the file (columns count Unicode scalars).
enum SourceText {
    private static let newline: UInt8 = 0x0A
    private static let carriageReturn: UInt8 = 0x0D

    /// Index of the first byte of the first ill-formed UTF-8 sequence, or nil when `bytes` is valid
    /// UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF).
    static func firstInvalidUTF8(in bytes: [UInt8]) -> Int? {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let trailing: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: trailing = 1
            case 0xE0:
                trailing = 2
                low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: trailing = 2
            case 0xED:
                trailing = 2
                high = 0x9F
            case 0xF0:
                trailing = 3
                low = 0x90
            case 0xF1...0xF3: trailing = 3
            case 0xF4:
                trailing = 3
                high = 0x8F
            default: return index
            }
            guard index + trailing < count else { return index }
            guard bytes[index + 1] >= low, bytes[index + 1] <= high else { return index }
            if trailing >= 2 {
                for offset in 2...trailing where bytes[index + offset] & 0xC0 != 0x80 { return index }
            }
            index += trailing + 1
        }
        return nil
    }

    /// 1-based line and column (in Unicode scalars) of byte `offset`, which must start a scalar; the
    /// bytes before it must be valid UTF-8.
    static func position(ofByte offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for byte in bytes[..<offset] {
            if byte == newline {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }

    /// Whether `line` (without its `\n`) is a front-matter delimiter: `---` and optional trailing
    /// spaces, tabs or a carriage return.
    private static func isDelimiter(_ line: ArraySlice<UInt8>) -> Bool {
        var end = line.endIndex
        while end > line.startIndex, [0x20, 0x09, carriageReturn].contains(line[end - 1]) { end -= 1 }
        return line[line.startIndex..<end].elementsEqual([0x2D, 0x2D, 0x2D])
    }

    /// Splits a file that is already known to be valid UTF-8. A leading byte-order mark is accepted
    /// and ignored.
    static func split(_ bytes: [UInt8], path: String, diagnostics: DiagnosticCollector) -> FrontMatterFile? {
        var context = FileContext(path: path, lineOffset: 1)
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        let firstEnd = bytes[start...].firstIndex(of: newline) ?? bytes.endIndex
        guard isDelimiter(bytes[start..<firstEnd]) else {
            diagnostics.error("missing front matter: the file must start with a line '---'", at: context.start)
            return nil
        }
        let yamlStart = min(firstEnd + 1, bytes.endIndex)
        var lineStart = yamlStart
        while lineStart < bytes.endIndex {
            let lineEnd = bytes[lineStart...].firstIndex(of: newline) ?? bytes.endIndex
            if isDelimiter(bytes[lineStart..<lineEnd]) {
                let yaml = String(decoding: bytes[yamlStart..<lineStart], as: UTF8.self)
                if bytes[yamlStart..<lineStart].contains(UInt8(ascii: "*")) {
                    context.aliases = YAMLAliasScan.aliases(in: yaml).map {
                        context.location(yamlLine: $0.line, column: $0.column)
                    }
                }
                let bodyStart = min(lineEnd + 1, bytes.endIndex)
                let text = body(bytes[bodyStart...])
                let linesBefore = bytes[..<bodyStart].lazy.filter { $0 == newline }.count
                return FrontMatterFile(
                    context: context, yaml: yaml, body: text.text,
                    bodyLine: linesBefore + 1 + text.skippedLines)
            }
            lineStart = lineEnd + 1
        }
        let end = position(ofByte: bytes.count, in: bytes)
        diagnostics.error(
            "front matter is not closed: expected a line '---' after the YAML",
            at: SourceLocation(path: path, line: end.line, column: end.column))
        return nil
    }

    private static func body(_ bytes: ArraySlice<UInt8>) -> (text: String?, skippedLines: Int) {
        var normalised: [UInt8] = []
        normalised.reserveCapacity(bytes.count + 1)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == carriageReturn, index + 1 < bytes.endIndex, bytes[index + 1] == newline {
                index += 1
                continue
            }
            normalised.append(byte)
            index += 1
        }
        func isWhitespace(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x09 || byte == newline || byte == carriageReturn
        }
        guard let lastContent = normalised.lastIndex(where: { !isWhitespace($0) }) else { return (nil, 0) }
        // Drop whole blank lines at the start (indentation of the first text line is significant).
        var first = 0
        var skippedLines = 0
        var cursor = 0
        while cursor <= lastContent {
            if normalised[cursor] == newline {
                first = cursor + 1
                skippedLines += 1
            } else if !isWhitespace(normalised[cursor]) {
                break
            }
            cursor += 1
        }
        var text = Array(normalised[first...lastContent])
        text.append(newline)
        return (String(decoding: text, as: UTF8.self), skippedLines)
    }

    /// Reports every character libyaml refuses to read (C0 controls except tab, LF and CR, DEL,
    /// C1 controls except NEL, U+FFFE, U+FFFF); returns false when there was one.
    static func checkCharacters(_ file: FrontMatterFile, diagnostics: DiagnosticCollector) -> Bool {
        var line = 1
        var column = 1
        var clean = true
        for scalar in file.yaml.unicodeScalars {
            let value = scalar.value
            if value == 0x0A {
                line += 1
                column = 1
                continue
            }
            let allowed =
                value == 0x09 || value == 0x0D || (0x20...0x7E).contains(value) || value == 0x85
                || (0xA0...0xD7FF).contains(value) || (0xE000...0xFFFD).contains(value) || value >= 0x10000
            if !allowed {
                diagnostics.error(
                    "control character \(codePoint(scalar)) is not allowed in front matter",
                    at: file.context.location(yamlLine: line, column: column))
                clean = false
            } else if BidiControls.contains(scalar) {
                diagnostics.error(
                    BidiControls.message(scalar), at: file.context.location(yamlLine: line, column: column))
                clean = false
            }
            column += 1
        }
        return clean
    }

    static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// Parses the front matter into a node tree. Returns `.failure` after reporting when the YAML is
    /// malformed, `.success(nil)` when it is empty.
    static func compose(_ file: FrontMatterFile, diagnostics: DiagnosticCollector) -> Node?? {
        if let problem = YAMLAliasScan.check(file.yaml) {
            diagnostics.error(
                problem.message, at: file.context.location(yamlLine: problem.line, column: problem.column))
            return nil
        }
        do {
            // Scalars are read as written, so no implicit-type rules are needed: `.basic` spares the
            // regular-expression matching of every key (Yams hashes keys to find duplicates), and
            // naming the encoding spares a look-up of the environment per file.
            return .some(try Yams.compose(yaml: file.yaml, .basic, .default, .utf8))
        } catch let error as YamlError {
            report(error, in: file, diagnostics: diagnostics)
            return nil
        } catch {
            diagnostics.error("malformed YAML: \(error)", at: file.context.location(yamlLine: 1, column: 1))
            return nil
        }
    }

    private static func report(_ error: YamlError, in file: FrontMatterFile, diagnostics: DiagnosticCollector) {
        let context = file.context
        func explain(_ problem: String, _ yamlContext: YamlError.Context?) -> String {
            guard let yamlContext else { return "malformed YAML: \(problem)" }
            let position = context.location(yamlContext.mark)
            return
                "malformed YAML: \(problem) (\(yamlContext.text) at line \(position.line), column \(position.column))"
        }
        switch error {
        case .scanner(let yamlContext, let problem, let mark, _),
            .parser(let yamlContext, let problem, let mark, _),
            .composer(let yamlContext, let problem, let mark, _):
            diagnostics.error(explain(problem, yamlContext), at: context.location(mark))
        case .reader(let problem, let offset, _, let yaml):
            // Yams gives the offset in Characters of the YAML text.
            var line = 1
            var column = 1
            for character in yaml.prefix(offset ?? 0) {
                if character.isNewline {
                    line += 1
                    column = 1
                } else {
                    column += character.unicodeScalars.count
                }
            }
            diagnostics.error("malformed YAML: \(problem)", at: context.location(yamlLine: line, column: column))
        case .duplicatedKeysInMapping(let duplicates, let yamlContext):
            // The mark is the first occurrence of the alphabetically first duplicated key.
            for (index, key) in duplicates.sorted().enumerated() {
                let mark = yamlContext.mark
                let later = index > 0 ? [] : keyLines(key, column: mark.column, in: file.yaml).filter { $0 > mark.line }
                if let repeated = later.first {
                    diagnostics.error(
                        "duplicate key '\(key)' (first given at line \(mark.line + context.lineOffset))",
                        at: context.location(yamlLine: repeated, column: mark.column))
                } else {
                    diagnostics.error("duplicate key '\(key)'", at: context.location(yamlContext.mark))
                }
            }
        default:
            diagnostics.error("malformed YAML: \(error)", at: context.location(yamlLine: 1, column: 1))
        }
    }

    /// Yams reports a repeated key at the mapping's first key only. The lines (1-based, of the YAML)
    /// where `key` is written as a block-mapping key at `column`, so that the repetition itself can
    /// be pointed at; flow mappings are not found and fall back to Yams' position.
    private static func keyLines(_ key: String, column: Int, in yaml: String) -> [Int] {
        var lines: [Int] = []
        for (index, line) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let scalars = Array(line.unicodeScalars)
            guard scalars.count >= column,
                scalars[..<(column - 1)].allSatisfy({ $0 == " " || $0 == "-" })
            else { continue }
            let rest = String(String.UnicodeScalarView(scalars[(column - 1)...]))
            for candidate in [key, "\"\(key)\"", "'\(key)'"] where rest.hasPrefix(candidate) {
                if rest.dropFirst(candidate.count).drop(while: { $0 == " " }).hasPrefix(":") {
                    lines.append(index + 1)
                    break
                }
            }
        }
        return lines
    }
}
