// `archive kernel quantize --type T`: decimal numbers in, quantized values out.

import FixedPoint

public struct QuantizeTextError: Error, Equatable, CustomStringConvertible, Sendable {
    public var line: Int
    public var message: String
    public var description: String { "line \(line): error: \(message)" }
}

public enum QuantizeText {
    /// Parses a decimal number: optional sign, digits with an optional fraction (at least one
    /// digit), optional exponent `e`/`E` with optional sign. Surrounding spaces and tabs are
    /// ignored. Returns nil for anything else (hex floats, `inf`, `nan`, `1,5`, …).
    public static func parseDecimal(_ text: Substring) -> Double? {
        let s = text.trimmedOf(" \t\r")
        var bytes = Array(s.utf8)[...]
        guard !bytes.isEmpty else { return nil }
        if bytes.first == UInt8(ascii: "+") || bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        var digits = 0
        while let b = bytes.first, b >= 48 && b <= 57 {
            digits += 1
            bytes = bytes.dropFirst()
        }
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            while let b = bytes.first, b >= 48 && b <= 57 {
                digits += 1
                bytes = bytes.dropFirst()
            }
        }
        guard digits > 0 else { return nil }
        if let e = bytes.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if bytes.first == UInt8(ascii: "+") || bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
            var exponentDigits = 0
            while let b = bytes.first, b >= 48 && b <= 57 {
                exponentDigits += 1
                bytes = bytes.dropFirst()
            }
            guard exponentDigits > 0 else { return nil }
        }
        guard bytes.isEmpty else { return nil }
        return Double(s)  // correctly rounded; huge exponents give ±infinity, tiny ones ±0
    }

    /// One output line per non-blank input line: the value of `T x = value;` as its exact decimal
    /// expansion (which Double() reads back as exactly that value for formats of at most 53
    /// bits, and as the correctly rounded Double beyond). Throws on the first unparsable line.
    public static func run(_ input: String, type: FixedPointType) throws -> String {
        var out = ""
        var lineNumber = 0
        for line in input.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) { continue }
            guard let value = parseDecimal(line) else {
                throw QuantizeTextError(line: lineNumber, message: "not a decimal number: '\(line.trimmedOf(" \t\r"))'")
            }
            out += type.quantize(value).description
            out += "\n"
        }
        return out
    }
}
