import Foundation

/// Front-matter text as the importer writes it: every string double-quoted (so `14:00` and
/// `2020-10-19` stay text), JSON escapes, one key per block.
enum YAMLText {
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += String(format: "\\u%04X", scalar.value)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    static func scalar(_ key: String, _ value: String) -> String { "\(key): \(quoted(value))" }

    static func number(_ key: String, _ value: Int) -> String { "\(key): \(value)" }

    static func list(_ key: String, _ items: [String]) -> String {
        items.isEmpty ? "\(key): []" : ([key + ":"] + items.map { "  - " + quoted($0) }).joined(separator: "\n")
    }

    /// Ids mapped to the file's id slug: lower-case ASCII words joined by hyphens, at most 60
    /// characters, cut at a word; "x" when nothing is left.
    static func slug(_ text: String, limit: Int = 60) -> String {
        var words: [String] = []
        var word = ""
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                word.unicodeScalars.append(scalar)
            } else if ("A"..."Z").contains(scalar) {
                word.unicodeScalars.append(Unicode.Scalar(scalar.value + 32)!)
            } else if scalar.properties.generalCategory == .nonspacingMark || scalar == "'" || scalar == "’" {
                continue
            } else if !word.isEmpty {
                words.append(word)
                word = ""
            }
        }
        if !word.isEmpty { words.append(word) }
        var slug = ""
        for word in words {
            let next = slug.isEmpty ? word : slug + "-" + word
            if next.count > limit, !slug.isEmpty { break }
            slug = String(next.prefix(limit))
        }
        return slug.isEmpty ? "x" : slug
    }
}

/// One content file the import produces: its top-level keys in order (each the full YAML text of
/// that key, continuation lines included) and its Markdown body.
struct ContentFile: Equatable {
    var path: String
    var keys: [(name: String, block: String)]
    var body: String?

    static func == (a: ContentFile, b: ContentFile) -> Bool {
        a.path == b.path && a.body == b.body && a.keys.map(\.name) == b.keys.map(\.name)
            && a.keys.map(\.block) == b.keys.map(\.block)
    }

    var text: String {
        var text = "---\n" + keys.map { $0.block + "\n" }.joined() + "---\n"
        if let body, !body.isEmpty { text += "\n" + body }
        return text
    }

    /// The keys and body of a file as written, by lines: a top-level key starts a line with a
    /// name and `:`; every other line (indented, list items, comments) belongs to the key before
    /// it. Line-based on purpose: a merge must keep a maintainer's formatting and comments, which a
    /// YAML parser would drop. Nil when the file has no front matter.
    static func parse(_ text: String, path: String) -> ContentFile? {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(
            separator: "\n", omittingEmptySubsequences: false)
        guard lines.first == "---", let close = lines.dropFirst().firstIndex(of: "---") else { return nil }
        var keys: [(name: String, block: String)] = []
        for line in lines[1..<close] {
            if let name = keyName(line) {
                keys.append((name, String(line)))
            } else if !keys.isEmpty {
                keys[keys.count - 1].block += "\n" + line
            } else {
                keys.append(("#", String(line)))
            }
        }
        let rest = lines[(close + 1)...].joined(separator: "\n")
        let body = rest.drop { $0 == "\n" }
        return ContentFile(path: path, keys: keys, body: body.isEmpty ? nil : String(body))
    }

    private static func keyName(_ line: Substring) -> String? {
        guard let first = line.first, first.isLetter || first == "_" else { return nil }
        let name = line.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        guard line.dropFirst(name.count).first == ":" else { return nil }
        return String(name)
    }

    func block(_ name: String) -> String? { keys.first { $0.name == name }?.block }
}
