/// A parameter value from a cell's YAML, with where it was written (for diagnostics).
public indirect enum KernelValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case integer(Int)
    case real(Double)
    case string(String)
    case list([KernelValue])
    /// Keys in the order written; canonical form sorts them.
    case map([(key: String, value: KernelValue)])

    public static func == (a: KernelValue, b: KernelValue) -> Bool { a.canonicalJSON == b.canonicalJSON }
    public func hash(into hasher: inout Hasher) { hasher.combine(canonicalJSON) }

    /// JSON with sorted keys and shortest round-tripping numbers: the form that is hashed into a
    /// cache address, so that reordering keys or re-spelling `1.0` as `1.00` never re-executes a cell.
    public var canonicalJSON: String {
        var out = ""
        write(to: &out)
        return out
    }

    private func write(to out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .integer(let value): out += String(value)
        case .real(let value):
            if value == value.rounded(), abs(value) < 1e15 { out += String(Int(value)) } else { out += "\(value)" }
        case .string(let value): out += JSONText.quoted(value)
        case .list(let values):
            out += "["
            for (i, value) in values.enumerated() {
                if i > 0 { out += "," }
                value.write(to: &out)
            }
            out += "]"
        case .map(let pairs):
            out += "{"
            for (i, pair) in pairs.sorted(by: { $0.key < $1.key }).enumerated() {
                if i > 0 { out += "," }
                out += JSONText.quoted(pair.key)
                out += ":"
                pair.value.write(to: &out)
            }
            out += "}"
        }
    }
}

/// JSON text helpers shared by the cache address and the published downloads.
public enum JSONText {
    /// A JSON string literal; every control character escaped.
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
