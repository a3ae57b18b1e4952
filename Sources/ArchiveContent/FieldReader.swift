import ArchiveModel
import Yams

/// Strict reading of one YAML mapping (a file's front matter, a track, a break, …): unknown keys,
/// missing required keys and values of the wrong shape are reported where they are written. Scalars
/// are read as the raw text of the file, so `14:00` or `2020-10-19` are never reinterpreted by
/// YAML 1.1 rules, and quoted and plain spellings are equivalent.
final class FieldReader {
    let file: FileContext
    /// What the mapping describes, in messages: "talk", "track", …
    let entity: String
    /// Where the mapping starts (its first key); missing keys are reported here.
    let location: SourceLocation
    let diagnostics: DiagnosticCollector
    private var entries: [String: (key: Node, value: Node)] = [:]

    /// Returns nil (after reporting) when `node` is not a mapping. `nil` for `node` stands for an
    /// empty front matter, which is an empty mapping at line 1, column 1.
    init?(
        _ node: Node?, entity: String, keys: [String], required: Set<String>, file: FileContext,
        diagnostics: DiagnosticCollector
    ) {
        self.file = file
        self.entity = entity
        self.diagnostics = diagnostics
        var pairs: [(key: Node, value: Node)] = []
        if let node {
            if case .mapping(let mapping) = node {
                pairs = Array(mapping)
            } else if !Self.isNull(node) {
                diagnostics.error(
                    "expected a mapping of keys to values for the \(entity), found \(Self.describe(node))",
                    at: file.location(node))
                return nil
            }
            location = file.location(node)
        } else {
            location = file.start
        }
        for (key, value) in pairs {
            guard case .scalar(let scalar) = key else {
                diagnostics.error("keys must be plain names, found \(Self.describe(key))", at: file.location(key))
                continue
            }
            guard keys.contains(scalar.string) else {
                diagnostics.error(
                    NearestName.message(
                        "unknown key '\(Self.printable(scalar.string))' in \(entity)", name: scalar.string,
                        among: keys, rest: "expected one of: " + keys.joined(separator: ", ")),
                    at: file.location(key))
                continue
            }
            entries[scalar.string] = (key, value)
        }
        for key in keys where required.contains(key) {
            if let entry = entries[key] {
                if Self.isNull(entry.value) {
                    diagnostics.error("missing value for '\(key)' in \(entity)", at: file.location(entry.key))
                }
            } else {
                diagnostics.error("missing required key '\(key)' in \(entity)", at: location)
            }
        }
    }

    // MARK: Shapes

    /// `~`, `null` or nothing, written plainly: YAML's null, which stands for an absent optional value.
    static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    static func describe(_ node: Node) -> String {
        switch node {
        case .scalar: return isNull(node) ? "nothing" : "a single value"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        case .alias: return "an alias"
        }
    }

    /// Text safe to quote in a one-line message: control characters are escaped.
    static func printable(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if Values.isControl(scalar) {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    // MARK: Values

    /// The value of `key`, nil when absent or null (a required key's absence is already reported).
    func value(_ key: String) -> Node? {
        guard let entry = entries[key], !Self.isNull(entry.value) else { return nil }
        return entry.value
    }

    /// Where the value of `key` is written (at its alias when it is one).
    func location(ofValue node: Node, _ key: String) -> SourceLocation {
        guard let entry = entries[key] else { return file.location(node) }
        return file.location(node, after: file.location(entry.key))
    }

    /// The raw text of a single value.
    func scalar(_ key: String, expected: String = "a single value") -> Located<String>? {
        guard let node = value(key) else { return nil }
        guard case .scalar(let scalar) = node else {
            diagnostics.error(
                "expected \(expected) for '\(key)', found \(Self.describe(node))",
                at: location(ofValue: node, key))
            return nil
        }
        return Located(scalar.string, at: location(ofValue: node, key))
    }

    /// Text such as a title or a name: trimmed, not empty, no control characters (`multiline`
    /// allows line breaks).
    func text(_ key: String, multiline: Bool = false) -> Located<String>? {
        guard let raw = scalar(key, expected: "text") else { return nil }
        return checkedText(raw, what: "'\(key)'", multiline: multiline)
    }

    /// The longest text a front-matter value may hold, in Unicode scalars: a title or a name is a
    /// line, and a megabyte one would only break the pages (and libxml2's 10 MB text limit).
    static let maximumTextLength = 2_000

    func checkedText(_ raw: Located<String>, what: String, multiline: Bool = false) -> Located<String>? {
        if raw.value.unicodeScalars.count > Self.maximumTextLength {
            diagnostics.error(
                "\(what) is \(raw.value.unicodeScalars.count) characters long; at most "
                    + "\(Self.maximumTextLength) are allowed", at: raw.location)
            return nil
        }
        let trimmed = Values.trimmed(raw.value)
        if trimmed.isEmpty {
            diagnostics.error("\(what) must not be empty", at: raw.location)
            return nil
        }
        if let bad = trimmed.unicodeScalars.first(where: {
            Values.isControl($0) && !(multiline && $0 == "\n")
        }) {
            diagnostics.error(
                "\(what) must not contain control characters (found \(SourceText.codePoint(bad)))",
                at: raw.location)
            return nil
        }
        return Located(trimmed, at: raw.location)
    }

    /// A whole number (digits only) of at least `minimum`.
    func integer(_ key: String, minimum: Int, maximum: Int = .max, meaning: String) -> Located<Int>? {
        guard let raw = scalar(key, expected: meaning) else { return nil }
        guard let number = Values.wholeNumber(raw.value), number >= minimum, number <= maximum else {
            diagnostics.error(
                "expected \(meaning) for '\(key)', found '\(Self.printable(raw.value))'", at: raw.location)
            return nil
        }
        return Located(number, at: raw.location)
    }

    /// The items of a list; nil when absent, null or not a list (reported).
    func sequence(_ key: String) -> [Node]? {
        guard let node = value(key) else { return nil }
        guard case .sequence(let sequence) = node else {
            diagnostics.error(
                "expected a list for '\(key)', found \(Self.describe(node))",
                at: location(ofValue: node, key))
            return nil
        }
        return Array(sequence)
    }

    /// A list of single values (ids, names); items of another shape and repeated items are reported
    /// and left out.
    func scalarList(_ key: String, item: String, text: Bool = false) -> [Located<String>] {
        guard let list = value(key), let nodes = sequence(key) else { return [] }
        var result: [Located<String>] = []
        var seen: Set<String> = []
        // Items of an aliased list are all at the alias; an aliased item is at the alias after the
        // item before it.
        let listLocation = location(ofValue: list, key)
        let aliasedList = listLocation != file.location(list)
        var floor = listLocation
        for node in nodes {
            let written = aliasedList ? listLocation : file.location(node, after: floor)
            floor = max(floor, written)
            guard case .scalar(let scalar) = node, !Self.isNull(node) else {
                diagnostics.error("expected \(item) in '\(key)', found \(Self.describe(node))", at: written)
                continue
            }
            var entry = Located(scalar.string, at: written)
            if text {
                guard let checked = checkedText(entry, what: "an entry of '\(key)'") else { continue }
                entry = checked
            }
            guard seen.insert(entry.value).inserted else {
                diagnostics.error("'\(Self.printable(entry.value))' is listed twice in '\(key)'", at: entry.location)
                continue
            }
            result.append(entry)
        }
        return result
    }
}
