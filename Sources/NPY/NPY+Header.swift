// The header of an `.npy` file: the Python dict literal that gives dtype, order and shape.

import Foundation

extension NPY {
    struct Header {
        var dtype: NPYDType
        var shape: [Int]
    }

    /// Parses the Python-literal header dictionary, e.g.
    /// `{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }`.
    static func parseHeader(_ raw: UnsafeRawBufferPointer) throws -> Header {
        var p = HeaderParser(bytes: Array(raw))
        var descr: String?
        var fortran: Bool?
        var shape: [Int]?
        p.skipSpace()
        try p.expect(UInt8(ascii: "{"))
        while true {
            p.skipSpace()
            if p.peek() == UInt8(ascii: "}") {
                p.pos += 1
                break
            }
            let key = try p.parseString()
            p.skipSpace()
            try p.expect(UInt8(ascii: ":"))
            p.skipSpace()
            switch key {
            case "descr":
                guard p.peek() == UInt8(ascii: "'") || p.peek() == UInt8(ascii: "\"") else {
                    throw NPYError.unsupportedDType("structured or non-string descr")
                }
                descr = try p.parseString()
            case "fortran_order":
                fortran = try p.parseBool()
            case "shape":
                shape = try p.parseShape()
            default:
                throw NPYError.malformedHeader("unexpected key '\(key)'")
            }
            p.skipSpace()
            if p.peek() == UInt8(ascii: ",") {
                p.pos += 1
                continue
            }
            p.skipSpace()
            if p.peek() == UInt8(ascii: "}") {
                p.pos += 1
                break
            }
            throw NPYError.malformedHeader("expected ',' or '}' at offset \(p.pos)")
        }
        guard let d = descr else { throw NPYError.malformedHeader("missing 'descr'") }
        guard let f = fortran else { throw NPYError.malformedHeader("missing 'fortran_order'") }
        guard let s = shape else { throw NPYError.malformedHeader("missing 'shape'") }
        guard let dtype = NPYDType(rawValue: d) else {
            if let first = d.first, first == ">" || first == "=" {
                // Report byte order first when the base type would otherwise be supported.
                let base = "<" + d.dropFirst()
                if NPYDType(rawValue: base) != nil { throw NPYError.unsupportedByteOrder(d) }
            }
            throw NPYError.unsupportedDType(d)
        }
        if f { throw NPYError.fortranOrder }
        return Header(dtype: dtype, shape: s)
    }

    struct HeaderParser {
        let bytes: [UInt8]
        var pos = 0

        func peek() -> UInt8? { pos < bytes.count ? bytes[pos] : nil }

        mutating func skipSpace() {
            while let c = peek(), c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { pos += 1 }
        }

        mutating func expect(_ c: UInt8) throws {
            guard peek() == c else {
                throw NPYError.malformedHeader("expected '\(Character(UnicodeScalar(c)))' at offset \(pos)")
            }
            pos += 1
        }

        mutating func parseString() throws -> String {
            guard let q = peek(), q == UInt8(ascii: "'") || q == UInt8(ascii: "\"") else {
                throw NPYError.malformedHeader("expected a quoted string at offset \(pos)")
            }
            pos += 1
            let start = pos
            while let c = peek(), c != q { pos += 1 }
            guard peek() == q else { throw NPYError.malformedHeader("unterminated string") }
            let s = String(decoding: bytes[start..<pos], as: UTF8.self)
            pos += 1
            return s
        }

        mutating func parseBool() throws -> Bool {
            if bytes[pos...].starts(with: Array("True".utf8)) {
                pos += 4
                return true
            }
            if bytes[pos...].starts(with: Array("False".utf8)) {
                pos += 5
                return false
            }
            throw NPYError.malformedHeader("expected True or False at offset \(pos)")
        }

        mutating func parseShape() throws -> [Int] {
            try expect(UInt8(ascii: "("))
            var dims: [Int] = []
            while true {
                skipSpace()
                if peek() == UInt8(ascii: ")") {
                    pos += 1
                    return dims
                }
                let start = pos
                while let c = peek(), c >= 0x30 && c <= 0x39 { pos += 1 }
                // Python 2 era files may write long integers as e.g. "3L".
                guard pos > start, let v = Int(String(decoding: bytes[start..<pos], as: UTF8.self)) else {
                    throw NPYError.malformedHeader("expected a non-negative integer in shape at offset \(start)")
                }
                if peek() == UInt8(ascii: "L") { pos += 1 }
                dims.append(v)
                skipSpace()
                if peek() == UInt8(ascii: ",") {
                    pos += 1
                    continue
                }
                skipSpace()
                if peek() == UInt8(ascii: ")") {
                    pos += 1
                    return dims
                }
                throw NPYError.malformedHeader("expected ',' or ')' in shape at offset \(pos)")
            }
        }
    }
}
