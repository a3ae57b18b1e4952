// JSON-lines input/output for the `archive jets` command.
//
// Input: one jet per line, a JSON object with a "particles" key holding a
// non-empty array of [px, py, pz, E] number arrays; other keys are ignored (but
// must be valid JSON); blank (whitespace-only) lines are skipped; a UTF-8 BOM at
// the start of the file is skipped. Lines end at '\n' ("\r\n" is accepted).
//
// A line is rejected (and the whole input with it) for: malformed JSON or
// trailing characters after the object, a top-level value that is not an
// object, a missing or duplicated "particles" key, a "particles" value that is
// not an array of 4-number arrays, an empty particle list, a non-number
// component (e.g. the string "NaN"), a component that overflows to ±∞ (e.g.
// 1e999), or one whose magnitude exceeds 1e100 (squares and sums of such
// momenta would overflow; see `JetsJSONLines.maxComponentMagnitude`).
// Errors carry the 1-based line number and render as "FILE:LINE: error: …".
//
// Output: `lundRecord` / `featuresRecord` write Float64 values with Swift's
// `description`, which is the shortest string that round-trips exactly and is
// valid JSON for every finite value (e.g. "0.1", "1e-05", "1e+20", "-0.0").

import Foundation

/// A rejected input line.
public struct JetsInputError: Error, Equatable, CustomStringConvertible, Sendable {
    public let file: String
    /// 1-based line number.
    public let line: Int
    public let message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { "\(file):\(line): error: \(message)" }
}

/// One parsed input jet.
public struct JetsInputJet: Equatable, Sendable {
    /// 1-based line number in the input.
    public var line: Int
    public var particles: [PseudoJet]
}

public enum JetsJSONLines {
    /// Largest accepted |component| of an input momentum.
    public static let maxComponentMagnitude = 1e100

    /// Parses a whole JSON-lines input; throws the first bad line's error.
    public static func parse(_ text: String, file: String) throws -> [JetsInputJet] {
        var s = text
        return try s.withUTF8 { try parse(bytes: UnsafeRawBufferPointer($0), file: file) }
    }

    /// Parses a whole JSON-lines input; throws the first bad line's error.
    public static func parse(_ data: Data, file: String) throws -> [JetsInputJet] {
        try data.withUnsafeBytes { try parse(bytes: $0, file: file) }
    }

    /// Parses a whole JSON-lines input; throws the first bad line's error.
    public static func parse(bytes raw: UnsafeRawBufferPointer, file: String) throws -> [JetsInputJet] {
        let buf = raw.bindMemory(to: UInt8.self)
        var jets: [JetsInputJet] = []
        var lineNo = 0
        var pos = 0
        if buf.count >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF { pos = 3 }
        while pos < buf.count {
            lineNo += 1
            var end = pos
            while end < buf.count && buf[end] != 0x0A { end += 1 }
            var parser = LineParser(buf: buf, pos: pos, end: end)
            do {
                if let particles = try parser.parseLine() {
                    guard particles.count <= JetLimits.maximumParticles else {
                        throw LineError(message: "the jet has \(particles.count) particles; at most "
                                        + "\(JetLimits.maximumParticles) are accepted per jet")
                    }
                    jets.append(JetsInputJet(line: lineNo, particles: particles))
                }
            } catch let e as LineError {
                throw JetsInputError(file: file, line: lineNo, message: e.message)
            }
            pos = end + 1
        }
        return jets
    }

    struct LineError: Error { let message: String }

    struct LineParser {
        let buf: UnsafeBufferPointer<UInt8>
        var pos: Int
        let start: Int
        let end: Int

        init(buf: UnsafeBufferPointer<UInt8>, pos: Int, end: Int) {
            self.buf = buf
            self.pos = pos
            self.start = pos
            self.end = end
        }

        var column: Int { pos - start + 1 }

        func fail(_ m: String) -> LineError { LineError(message: m) }

        func describeHere() -> String {
            if pos >= end { return "end of line" }
            let c = buf[pos]
            if c >= 0x20 && c < 0x7F { return "'\(Character(UnicodeScalar(c)))' at column \(column)" }
            return "byte 0x\(String(c, radix: 16)) at column \(column)"
        }

        @inline(__always) mutating func skipSpace() {
            while pos < end {
                let c = buf[pos]
                if c == 0x20 || c == 0x09 || c == 0x0D { pos += 1 } else { break }
            }
        }

        @inline(__always) func peek() -> UInt8? { pos < end ? buf[pos] : nil }

        mutating func expect(_ c: UInt8, _ what: String) throws {
            skipSpace()
            guard pos < end, buf[pos] == c else { throw fail("malformed JSON: expected \(what), found \(describeHere())") }
            pos += 1
        }

        /// Returns nil for a blank line.
        mutating func parseLine() throws -> [PseudoJet]? {
            skipSpace()
            if pos >= end { return nil }
            guard buf[pos] == UInt8(ascii: "{") else {
                throw fail("expected a JSON object ('{'), found \(describeHere())")
            }
            pos += 1
            var particles: [PseudoJet]? = nil
            skipSpace()
            if peek() == UInt8(ascii: "}") {
                pos += 1
            } else {
                while true {
                    skipSpace()
                    guard peek() == UInt8(ascii: "\"") else {
                        throw fail("malformed JSON: expected an object key string, found \(describeHere())")
                    }
                    let key = try parseString()
                    try expect(UInt8(ascii: ":"), "':' after object key")
                    skipSpace()
                    if key == "particles" {
                        if particles != nil { throw fail("duplicate \"particles\" key") }
                        particles = try parseParticles()
                    } else {
                        try skipValue(depth: 0)
                    }
                    skipSpace()
                    guard let c = peek() else { throw fail("malformed JSON: unterminated object (expected ',' or '}')") }
                    pos += 1
                    if c == UInt8(ascii: ",") { continue }
                    if c == UInt8(ascii: "}") { break }
                    pos -= 1
                    throw fail("malformed JSON: expected ',' or '}', found \(describeHere())")
                }
            }
            skipSpace()
            if pos < end { throw fail("malformed JSON: unexpected \(describeHere()) after the object") }
            guard let ps = particles else { throw fail("missing \"particles\" key") }
            guard !ps.isEmpty else { throw fail("empty particle list") }
            return ps
        }

        mutating func parseParticles() throws -> [PseudoJet] {
            guard peek() == UInt8(ascii: "[") else {
                throw fail("\"particles\" must be an array of [px, py, pz, E] arrays, found \(describeHere())")
            }
            pos += 1
            var out: [PseudoJet] = []
            skipSpace()
            if peek() == UInt8(ascii: "]") { pos += 1; return out }
            var index = 0
            while true {
                skipSpace()
                guard peek() == UInt8(ascii: "[") else {
                    throw fail("particle \(index) must be an array [px, py, pz, E], found \(describeHere())")
                }
                pos += 1
                var comps = (0.0, 0.0, 0.0, 0.0)
                var k = 0
                skipSpace()
                if peek() == UInt8(ascii: "]") {
                    pos += 1
                } else {
                    while true {
                        skipSpace()
                        guard let c = peek(), c == UInt8(ascii: "-") || (c >= 0x30 && c <= 0x39) else {
                            if pos < end && (buf[pos] == UInt8(ascii: "\"") || buf[pos] == UInt8(ascii: "n")
                                             || buf[pos] == UInt8(ascii: "t") || buf[pos] == UInt8(ascii: "f")
                                             || buf[pos] == UInt8(ascii: "[") || buf[pos] == UInt8(ascii: "{")) {
                                throw fail("particle \(index) component \(k) is not a number (found \(describeHere()))")
                            }
                            throw fail("malformed JSON: expected a number, found \(describeHere())")
                        }
                        let numStart = pos
                        let v = try parseNumber()
                        if !v.isFinite {
                            let text = String(decoding: UnsafeBufferPointer(rebasing: buf[numStart..<pos]), as: UTF8.self)
                            throw fail("particle \(index) component \(k) (\(text)) is not finite")
                        }
                        if Swift.abs(v) > JetsJSONLines.maxComponentMagnitude {
                            let text = String(decoding: UnsafeBufferPointer(rebasing: buf[numStart..<pos]), as: UTF8.self)
                            throw fail("particle \(index) component \(k) (\(text)) exceeds 1e100 in magnitude")
                        }
                        switch k {
                        case 0: comps.0 = v
                        case 1: comps.1 = v
                        case 2: comps.2 = v
                        case 3: comps.3 = v
                        default: break
                        }
                        k += 1
                        skipSpace()
                        guard let d = peek() else { throw fail("malformed JSON: unterminated particle array") }
                        pos += 1
                        if d == UInt8(ascii: ",") { continue }
                        if d == UInt8(ascii: "]") { break }
                        pos -= 1
                        throw fail("malformed JSON: expected ',' or ']', found \(describeHere())")
                    }
                }
                guard k == 4 else {
                    throw fail("particle \(index) has \(k) component\(k == 1 ? "" : "s"), expected 4 (px, py, pz, E)")
                }
                out.append(PseudoJet(px: comps.0, py: comps.1, pz: comps.2, E: comps.3))
                index += 1
                skipSpace()
                guard let d = peek() else { throw fail("malformed JSON: unterminated \"particles\" array") }
                pos += 1
                if d == UInt8(ascii: ",") { continue }
                if d == UInt8(ascii: "]") { return out }
                pos -= 1
                throw fail("malformed JSON: expected ',' or ']' in \"particles\", found \(describeHere())")
            }
        }

        /// Skips any JSON value (validating it).
        mutating func skipValue(depth: Int) throws {
            guard depth < 512 else { throw fail("JSON nested too deeply") }
            skipSpace()
            guard let c = peek() else { throw fail("malformed JSON: expected a value, found end of line") }
            switch c {
            case UInt8(ascii: "\""):
                _ = try parseString(decode: false)
            case UInt8(ascii: "{"):
                pos += 1
                skipSpace()
                if peek() == UInt8(ascii: "}") { pos += 1; return }
                while true {
                    skipSpace()
                    guard peek() == UInt8(ascii: "\"") else {
                        throw fail("malformed JSON: expected an object key string, found \(describeHere())")
                    }
                    _ = try parseString(decode: false)
                    try expect(UInt8(ascii: ":"), "':' after object key")
                    try skipValue(depth: depth + 1)
                    skipSpace()
                    guard let d = peek() else { throw fail("malformed JSON: unterminated object") }
                    pos += 1
                    if d == UInt8(ascii: ",") { continue }
                    if d == UInt8(ascii: "}") { return }
                    pos -= 1
                    throw fail("malformed JSON: expected ',' or '}', found \(describeHere())")
                }
            case UInt8(ascii: "["):
                pos += 1
                skipSpace()
                if peek() == UInt8(ascii: "]") { pos += 1; return }
                while true {
                    try skipValue(depth: depth + 1)
                    skipSpace()
                    guard let d = peek() else { throw fail("malformed JSON: unterminated array") }
                    pos += 1
                    if d == UInt8(ascii: ",") { continue }
                    if d == UInt8(ascii: "]") { return }
                    pos -= 1
                    throw fail("malformed JSON: expected ',' or ']', found \(describeHere())")
                }
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            case UInt8(ascii: "-"), 0x30...0x39:
                _ = try parseNumber()
            default:
                throw fail("malformed JSON: unexpected \(describeHere())")
            }
        }

        mutating func literal(_ word: StaticString) throws {
            let n = word.utf8CodeUnitCount
            let w = word.utf8Start
            guard pos + n <= end else { throw fail("malformed JSON: unexpected \(describeHere())") }
            for i in 0..<n where buf[pos + i] != w[i] { throw fail("malformed JSON: unexpected \(describeHere())") }
            pos += n
        }

        /// Parses a JSON string starting at the opening quote. Returns the
        /// decoded string if `decode` (else "").
        mutating func parseString(decode: Bool = true) throws -> String {
            pos += 1  // opening quote
            let s0 = pos
            var simple = true
            while true {
                guard pos < end else { throw fail("malformed JSON: unterminated string") }
                let c = buf[pos]
                if c == UInt8(ascii: "\"") { break }
                if c < 0x20 { throw fail("malformed JSON: control character in string at column \(column)") }
                if c == UInt8(ascii: "\\") {
                    simple = false
                    pos += 1
                    guard pos < end else { throw fail("malformed JSON: unterminated string") }
                    switch buf[pos] {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                         UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                        pos += 1
                    case UInt8(ascii: "u"):
                        guard pos + 4 < end else { throw fail("malformed JSON: bad \\u escape") }
                        for i in 1...4 where !isHex(buf[pos + i]) { throw fail("malformed JSON: bad \\u escape at column \(column)") }
                        pos += 5
                    default:
                        throw fail("malformed JSON: bad escape at column \(column)")
                    }
                    continue
                }
                pos += 1
            }
            let s1 = pos
            pos += 1  // closing quote
            guard decode else { return "" }
            let raw = UnsafeBufferPointer(rebasing: buf[s0..<s1])
            if simple { return String(decoding: raw, as: UTF8.self) }
            // Decode escapes (keys only; rare).
            var scalars = String.UnicodeScalarView()
            var units: [UInt16] = []
            var i = s0
            func flushUnits() {
                if !units.isEmpty {
                    scalars.append(contentsOf: String(decoding: units, as: UTF16.self).unicodeScalars)
                    units.removeAll()
                }
            }
            var bytes: [UInt8] = []
            func flushBytes() {
                if !bytes.isEmpty {
                    scalars.append(contentsOf: String(decoding: bytes, as: UTF8.self).unicodeScalars)
                    bytes.removeAll()
                }
            }
            while i < s1 {
                let c = buf[i]
                if c == UInt8(ascii: "\\") {
                    let e = buf[i + 1]
                    if e == UInt8(ascii: "u") {
                        flushBytes()
                        var v: UInt16 = 0
                        for k in 2...5 { v = v << 4 | UInt16(hexValue(buf[i + k])) }
                        units.append(v)
                        i += 6
                        continue
                    }
                    flushUnits()
                    switch e {
                    case UInt8(ascii: "b"): bytes.append(0x08)
                    case UInt8(ascii: "f"): bytes.append(0x0C)
                    case UInt8(ascii: "n"): bytes.append(0x0A)
                    case UInt8(ascii: "r"): bytes.append(0x0D)
                    case UInt8(ascii: "t"): bytes.append(0x09)
                    default: bytes.append(e)
                    }
                    i += 2
                } else {
                    flushUnits()
                    bytes.append(c)
                    i += 1
                }
            }
            flushUnits()
            flushBytes()
            return String(scalars)
        }

        @inline(__always) func isHex(_ c: UInt8) -> Bool {
            (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)
        }

        @inline(__always) func hexValue(_ c: UInt8) -> UInt8 {
            if c <= 0x39 { return c - 0x30 }
            if c <= 0x46 { return c - 0x41 + 10 }
            return c - 0x61 + 10
        }

        /// Parses a number with strict JSON grammar
        /// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? and converts it with
        /// correct rounding (exact fast path for ≤ 19 significant digits and
        /// |exponent| ≤ 22, else the standard library's decimal conversion).
        mutating func parseNumber() throws -> Double {
            let s0 = pos
            var negative = false
            if buf[pos] == UInt8(ascii: "-") { negative = true; pos += 1 }
            guard pos < end, buf[pos] >= 0x30 && buf[pos] <= 0x39 else {
                throw fail("malformed JSON: bad number at column \(column)")
            }
            var mantissa: UInt64 = 0
            var digits = 0       // significant digits accumulated into mantissa
            var dropped = false  // more than 19 significant digits
            var exp10 = 0
            if buf[pos] == 0x30 {
                pos += 1
                if pos < end && buf[pos] >= 0x30 && buf[pos] <= 0x39 {
                    throw fail("malformed JSON: leading zero in number at column \(column)")
                }
            } else {
                while pos < end, buf[pos] >= 0x30 && buf[pos] <= 0x39 {
                    if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(buf[pos] - 0x30); digits += 1 }
                    else { exp10 += 1; if buf[pos] != 0x30 { dropped = true } }
                    pos += 1
                }
            }
            if pos < end && buf[pos] == UInt8(ascii: ".") {
                pos += 1
                guard pos < end, buf[pos] >= 0x30 && buf[pos] <= 0x39 else {
                    throw fail("malformed JSON: expected a digit after '.' at column \(column)")
                }
                while pos < end, buf[pos] >= 0x30 && buf[pos] <= 0x39 {
                    let d = buf[pos] - 0x30
                    if mantissa == 0 && d == 0 {
                        exp10 -= 1  // leading zeros of the fraction are not significant
                    } else if digits < 19 {
                        mantissa = mantissa &* 10 &+ UInt64(d); digits += 1; exp10 -= 1
                    } else if d != 0 {
                        dropped = true
                    }
                    pos += 1
                }
            }
            if pos < end && (buf[pos] == UInt8(ascii: "e") || buf[pos] == UInt8(ascii: "E")) {
                pos += 1
                var eneg = false
                if pos < end && (buf[pos] == UInt8(ascii: "+") || buf[pos] == UInt8(ascii: "-")) {
                    eneg = buf[pos] == UInt8(ascii: "-"); pos += 1
                }
                guard pos < end, buf[pos] >= 0x30 && buf[pos] <= 0x39 else {
                    throw fail("malformed JSON: expected a digit in exponent at column \(column)")
                }
                var e = 0
                while pos < end, buf[pos] >= 0x30 && buf[pos] <= 0x39 {
                    if e < 100_000 { e = e * 10 + Int(buf[pos] - 0x30) }
                    pos += 1
                }
                exp10 += eneg ? -e : e
            }
            if mantissa == 0 && !dropped { return negative ? -0.0 : 0.0 }
            if !dropped && mantissa <= (1 << 53) && exp10 >= -22 && exp10 <= 22 {
                var v = Double(mantissa)
                if exp10 >= 0 { v *= LineParser.pow10[exp10] } else { v /= LineParser.pow10[-exp10] }
                return negative ? -v : v
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: buf[s0..<pos]), as: UTF8.self)
            guard let v = Double(text) else {
                // Out of range for the standard library parser: classify by exponent sign.
                return exp10 > 0 ? (negative ? -.infinity : .infinity) : (negative ? -0.0 : 0.0)
            }
            return v
        }

        static let pow10: [Double] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                                      1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22]
    }

    // MARK: - Output

    /// Appends `{"declusterings": [{"delta": …, "kt": …, "z": …, "m": …, "psi": …}, …]}`
    /// (no trailing newline).
    public static func appendLundRecord(_ ds: [LundDeclustering], to out: inout String) {
        out += "{\"declusterings\": ["
        for (i, d) in ds.enumerated() {
            if i > 0 { out += ", " }
            out += "{\"delta\": "
            out += d.delta.description
            out += ", \"kt\": "
            out += d.kt.description
            out += ", \"z\": "
            out += d.z.description
            out += ", \"m\": "
            out += d.m.description
            out += ", \"psi\": "
            out += d.psi.description
            out += "}"
        }
        out += "]}"
    }

    /// The Lund JSON record of one jet (no trailing newline).
    public static func lundRecord(_ ds: [LundDeclustering]) -> String {
        var s = ""
        appendLundRecord(ds, to: &s)
        return s
    }

    /// Appends `{"pt": …, "mass": …, …}` with keys `JetFeatures.names` in order;
    /// `n_constituents` and `n_primary` are written as integers.
    public static func appendFeaturesRecord(_ f: JetFeatures, to out: inout String) {
        out += "{"
        let v = f.vector
        for (i, name) in JetFeatures.names.enumerated() {
            if i > 0 { out += ", " }
            out += "\""
            out += name
            out += "\": "
            if name == "n_constituents" || name == "n_primary" {
                out += String(Int(v[i]))
            } else {
                out += v[i].description
            }
        }
        out += "}"
    }

    /// The features JSON record of one jet (no trailing newline).
    public static func featuresRecord(_ f: JetFeatures) -> String {
        var s = ""
        appendFeaturesRecord(f, to: &s)
        return s
    }
}
