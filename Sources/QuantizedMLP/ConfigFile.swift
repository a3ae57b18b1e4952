// Reading an hls4ml configuration file (`archive kernel mlp --config FILE`).
//
// Accepted: JSON, or the YAML subset hls4ml configurations are written in: nested block
// mappings (`key: value`, indentation by spaces), scalars plain or quoted ('…' / "…"),
// `#` comments, and flow mappings of scalars on one line (`Precision: {weight: …, bias: …}`).
// Sequences, anchors and multi-line scalars are rejected with the line number.

import Foundation

extension ConfigNode {
    public static func parse(configFile text: String) throws -> ConfigNode {
        let trimmed = text.trimmedOf(" \t\r\n")
        if trimmed.hasPrefix("{") && trimmed.contains("\"") {
            guard let object = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) else {
                throw HLSConfigError("the configuration is not valid JSON")
            }
            return try fromJSON(object)
        }
        return try parseYAML(text)
    }

    static func fromJSON(_ object: Any) throws -> ConfigNode {
        if let d = object as? [String: Any] {
            return .map(try d.keys.sorted().map { ($0, try fromJSON(d[$0]!)) })
        }
        if let s = object as? String { return .scalar(s) }
        if let n = object as? NSNumber { return .scalar(n.stringValue) }
        throw HLSConfigError("unsupported JSON value in the configuration: \(object)")
    }

    static func unquote(_ s: String, line: Int) throws -> String {
        if s.count >= 2, (s.hasPrefix("'") && s.hasSuffix("'")) || (s.hasPrefix("\"") && s.hasSuffix("\"")) {
            return String(s.dropFirst().dropLast())
        }
        if s.hasPrefix("[") || s.hasPrefix("-") && s.count == 1 || s.hasPrefix("&") || s.hasPrefix("*") || s == "|" || s == ">" {
            throw HLSConfigError("line \(line): unsupported YAML value '\(s)'")
        }
        return s
    }

    static func stripComment(_ line: Substring) -> String {
        var inSingle = false, inDouble = false
        var out = ""
        var previous: Character = " "
        for c in line {
            if c == "'" && !inDouble { inSingle.toggle() }
            if c == "\"" && !inSingle { inDouble.toggle() }
            if c == "#" && !inSingle && !inDouble && (previous == " " || previous == "\t" || out.isEmpty) { break }
            out.append(c)
            previous = c
        }
        return out
    }

    static func parseFlowMap(_ s: String, line: Int) throws -> ConfigNode {
        let inner = s.dropFirst().dropLast()
        var pairs: [(String, ConfigNode)] = []
        // Split at commas outside <…> (types contain commas).
        var depth = 0, current = ""
        var items: [String] = []
        for c in inner {
            if c == "<" { depth += 1 }
            if c == ">" { depth -= 1 }
            if c == "," && depth == 0 { items.append(current); current = "" } else { current.append(c) }
        }
        items.append(current)
        for item in items where !item.trimmedOf(" ").isEmpty {
            guard let colon = item.firstIndex(of: ":") else { throw HLSConfigError("line \(line): expected 'key: value' in '{…}'") }
            let k = try unquote(item[..<colon].trimmedOf(" "), line: line)
            let v = try unquote(item[item.index(after: colon)...].trimmedOf(" "), line: line)
            pairs.append((k, .scalar(v)))
        }
        return .map(pairs)
    }

    static func parseYAML(_ text: String) throws -> ConfigNode {
        struct Frame { var indent: Int; var key: String; var pairs: [(String, ConfigNode)] }
        var stack = [Frame(indent: -1, key: "", pairs: [])]
        func close(above indent: Int) {
            while stack.count > 1 && stack.last!.indent >= indent {
                let f = stack.removeLast()
                stack[stack.count - 1].pairs.append((f.key, .map(f.pairs)))
            }
        }
        var pendingKey: (key: String, indent: Int)? = nil
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = stripComment(raw)
            if line.trimmedOf(" \t\r").isEmpty || line.hasPrefix("---") { continue }
            if line.contains("\t") { throw HLSConfigError("line \(n + 1): tabs are not allowed for indentation") }
            let indent = line.prefix { $0 == " " }.count
            let content = line.trimmedOf(" \r")
            if let p = pendingKey {
                if indent > p.indent {
                    stack.append(Frame(indent: indent, key: p.key, pairs: []))
                } else {
                    close(above: indent)
                    stack[stack.count - 1].pairs.append((p.key, .map([])))
                }
                pendingKey = nil
            }
            close(above: indent + 1)
            if stack.last!.indent != indent && stack.count > 1 && stack.last!.indent > indent {
                throw HLSConfigError("line \(n + 1): inconsistent indentation")
            }
            guard let colon = content.firstIndex(of: ":") else {
                throw HLSConfigError("line \(n + 1): expected 'key: value'")
            }
            let key = try unquote(content[..<colon].trimmedOf(" "), line: n + 1)
            let value = content[content.index(after: colon)...].trimmedOf(" ")
            if value.isEmpty {
                pendingKey = (key, indent)
            } else if value.hasPrefix("{") && value.hasSuffix("}") {
                stack[stack.count - 1].pairs.append((key, try parseFlowMap(value, line: n + 1)))
            } else {
                stack[stack.count - 1].pairs.append((key, .scalar(try unquote(value, line: n + 1))))
            }
        }
        if let p = pendingKey { stack[stack.count - 1].pairs.append((p.key, .map([]))) }
        close(above: 0)
        return .map(stack[0].pairs)
    }
}
