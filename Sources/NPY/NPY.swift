// NPY: a small reader/writer for NumPy's `.npy` format.
//
// Supported:
//   * reading format versions 1.0 and 2.0 (header length as little-endian
//     UInt16 resp. UInt32; header is an ASCII Python dict literal);
//   * writing format version 1.0 (header padded with spaces and a final
//     newline so that the data starts at a multiple of 64 bytes, as NumPy does);
//   * little-endian dtypes '<f4' (Float), '<f8' (Double), '<i8' (Int64);
//   * C (row-major) order only.
//
// Everything else is rejected with a specific `NPYError`: bad magic, other
// format versions, big-endian or native-order ('>', '=') descriptors, other
// dtypes, `fortran_order: True`, malformed headers, and truncated data.
// Trailing bytes after the data are tolerated (NumPy itself ignores them).

import Foundation

/// Element type of an `.npy` array.
public enum NPYDType: String, Sendable, Equatable, CaseIterable {
    case float32 = "<f4"
    case float64 = "<f8"
    case int64 = "<i8"

    /// Bytes per element.
    public var itemSize: Int {
        switch self {
        case .float32: return 4
        case .float64, .int64: return 8
        }
    }
}

/// The typed payload of an `.npy` array (flattened, C order).
public enum NPYData: Sendable, Equatable {
    case float32([Float])
    case float64([Double])
    case int64([Int64])

    public var dtype: NPYDType {
        switch self {
        case .float32: return .float32
        case .float64: return .float64
        case .int64: return .int64
        }
    }

    public var count: Int {
        switch self {
        case .float32(let a): return a.count
        case .float64(let a): return a.count
        case .int64(let a): return a.count
        }
    }
}

/// An n-dimensional array as stored in an `.npy` file.
public struct NPYArray: Sendable, Equatable {
    /// Shape; `[]` is a 0-d (scalar) array holding one element.
    public let shape: [Int]
    /// Elements in C (row-major) order; `data.count == shape.reduce(1, *)`.
    public let data: NPYData

    public var dtype: NPYDType { data.dtype }
    public var count: Int { data.count }

    /// Creates an array, checking that the element count matches the shape.
    public init(shape: [Int], data: NPYData) throws {
        guard shape.allSatisfy({ $0 >= 0 }) else {
            throw NPYError.invalidShape("negative dimension in \(shape)")
        }
        let (n, overflow) = NPYArray.product(shape)
        guard !overflow, n == data.count else {
            throw NPYError.invalidShape("shape \(shape) does not hold \(data.count) elements")
        }
        self.shape = shape
        self.data = data
    }

    public init(_ values: [Float], shape: [Int]? = nil) throws {
        try self.init(shape: shape ?? [values.count], data: .float32(values))
    }

    public init(_ values: [Double], shape: [Int]? = nil) throws {
        try self.init(shape: shape ?? [values.count], data: .float64(values))
    }

    public init(_ values: [Int64], shape: [Int]? = nil) throws {
        try self.init(shape: shape ?? [values.count], data: .int64(values))
    }

    /// The elements if the dtype is '<f4', else nil.
    public var floats: [Float]? { if case .float32(let a) = data { return a } else { return nil } }
    /// The elements if the dtype is '<f8', else nil.
    public var doubles: [Double]? { if case .float64(let a) = data { return a } else { return nil } }
    /// The elements if the dtype is '<i8', else nil.
    public var int64s: [Int64]? { if case .int64(let a) = data { return a } else { return nil } }

    /// Throws `NPYError.nonFinite` at the first NaN or infinity: weights and inputs must be
    /// numbers, or every result computed from them silently is not.
    public func requireFinite() throws {
        switch data {
        case .float32(let values):
            if let index = values.firstIndex(where: { !$0.isFinite }) { throw NPYError.nonFinite(index: index, value: "\(values[index])") }
        case .float64(let values):
            if let index = values.firstIndex(where: { !$0.isFinite }) { throw NPYError.nonFinite(index: index, value: "\(values[index])") }
        case .int64:
            return
        }
    }

    static func product(_ shape: [Int]) -> (Int, Bool) {
        var n = 1
        for d in shape {
            let (p, o) = n.multipliedReportingOverflow(by: d)
            if o { return (0, true) }
            n = p
        }
        return (n, false)
    }
}

/// Errors raised while reading or writing `.npy` data.
public enum NPYError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The file does not start with "\x93NUMPY".
    case badMagic
    /// A format version other than 1.0 or 2.0.
    case unsupportedVersion(major: UInt8, minor: UInt8)
    /// The header dictionary could not be parsed or lacks a required key.
    case malformedHeader(String)
    /// A big-endian ('>') or native-order ('=') descriptor.
    case unsupportedByteOrder(String)
    /// A dtype other than '<f4', '<f8', '<i8'.
    case unsupportedDType(String)
    /// `fortran_order: True`.
    case fortranOrder
    /// Fewer bytes than the header announces.
    case truncated(expectedBytes: Int, availableBytes: Int)
    /// A shape that is negative, overflows, or does not match the data.
    case invalidShape(String)
    /// The header would not fit a version-1.0 file.
    case headerTooLarge(Int)
    /// An I/O failure (message from the system).
    case io(String)
    /// A NaN or infinite element where only numbers are allowed (flat index, C order).
    case nonFinite(index: Int, value: String)

    public var description: String {
        switch self {
        case .badMagic:
            return "not an .npy file (bad magic string; expected \\x93NUMPY)"
        case let .unsupportedVersion(major, minor):
            return "unsupported .npy format version \(major).\(minor) (only 1.0 and 2.0 are read)"
        case .malformedHeader(let m):
            return "malformed .npy header: \(m)"
        case .unsupportedByteOrder(let d):
            return "unsupported byte order in dtype '\(d)' (only little-endian '<' is supported)"
        case .unsupportedDType(let d):
            return "unsupported dtype '\(d)' (supported: '<f4', '<f8', '<i8')"
        case .fortranOrder:
            return "Fortran-ordered arrays are not supported (fortran_order must be False)"
        case let .truncated(e, a):
            return "truncated .npy data: expected \(e) bytes of array data, found \(a)"
        case .invalidShape(let m):
            return "invalid shape: \(m)"
        case .headerTooLarge(let n):
            return "header of \(n) bytes is too large for .npy format 1.0"
        case .io(let m):
            return "I/O error: \(m)"
        case let .nonFinite(index, value):
            return "element \(index) is \(value); only finite numbers are accepted"
        }
    }
}

public enum NPY {
    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]  // \x93NUMPY

    // MARK: Reading

    /// Reads an `.npy` file.
    public static func read(contentsOf url: URL) throws -> NPYArray {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw NPYError.io("\(url.path): \(error.localizedDescription)")
        }
        return try decode(data)
    }

    /// Reads an `.npy` file at a path.
    public static func read(path: String) throws -> NPYArray {
        try read(contentsOf: URL(fileURLWithPath: path))
    }

    /// Decodes the bytes of an `.npy` file.
    public static func decode(_ data: Data) throws -> NPYArray {
        try data.withUnsafeBytes { try decode(bytes: $0) }
    }

    /// Decodes the bytes of an `.npy` file.
    public static func decode(_ bytes: [UInt8]) throws -> NPYArray {
        try bytes.withUnsafeBytes { try decode(bytes: $0) }
    }

    /// Decodes the bytes of an `.npy` file.
    public static func decode(bytes: UnsafeRawBufferPointer) throws -> NPYArray {
        let n = bytes.count
        guard n >= 6, (0..<6).allSatisfy({ bytes[$0] == magic[$0] }) else { throw NPYError.badMagic }
        guard n >= 8 else { throw NPYError.malformedHeader("file ends inside the version field") }
        let major = bytes[6], minor = bytes[7]
        let headerLength: Int
        let headerStart: Int
        switch (major, minor) {
        case (1, 0):
            guard n >= 10 else { throw NPYError.malformedHeader("file ends inside the header-length field") }
            headerLength = Int(bytes[8]) | (Int(bytes[9]) << 8)
            headerStart = 10
        case (2, 0):
            guard n >= 12 else { throw NPYError.malformedHeader("file ends inside the header-length field") }
            headerLength = Int(bytes[8]) | (Int(bytes[9]) << 8) | (Int(bytes[10]) << 16) | (Int(bytes[11]) << 24)
            headerStart = 12
        default:
            throw NPYError.unsupportedVersion(major: major, minor: minor)
        }
        guard headerStart + headerLength <= n else {
            throw NPYError.malformedHeader("header of \(headerLength) bytes runs past the end of the file (\(n) bytes)")
        }
        let headerBytes = UnsafeRawBufferPointer(rebasing: bytes[headerStart..<(headerStart + headerLength)])
        let header = try parseHeader(headerBytes)
        let dataStart = headerStart + headerLength
        let (count, overflow) = NPYArray.product(header.shape)
        guard !overflow else { throw NPYError.invalidShape("shape \(header.shape) overflows") }
        let (nbytes, o2) = count.multipliedReportingOverflow(by: header.dtype.itemSize)
        guard !o2 else { throw NPYError.invalidShape("shape \(header.shape) overflows") }
        let available = n - dataStart
        guard available >= nbytes else { throw NPYError.truncated(expectedBytes: nbytes, availableBytes: available) }
        let payload = UnsafeRawBufferPointer(rebasing: bytes[dataStart..<(dataStart + nbytes)])
        let data: NPYData
        switch header.dtype {
        case .float32:
            data = .float32([Float](unsafeUninitializedCapacity: count) { buf, initialized in
                for i in 0..<count {
                    buf[i] = Float(bitPattern: UInt32(littleEndian: payload.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)))
                }
                initialized = count
            })
        case .float64:
            data = .float64([Double](unsafeUninitializedCapacity: count) { buf, initialized in
                for i in 0..<count {
                    buf[i] = Double(bitPattern: UInt64(littleEndian: payload.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self)))
                }
                initialized = count
            })
        case .int64:
            data = .int64([Int64](unsafeUninitializedCapacity: count) { buf, initialized in
                for i in 0..<count {
                    buf[i] = Int64(littleEndian: payload.loadUnaligned(fromByteOffset: 8 * i, as: Int64.self))
                }
                initialized = count
            })
        }
        return try NPYArray(shape: header.shape, data: data)
    }

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
            if p.peek() == UInt8(ascii: "}") { p.pos += 1; break }
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
            if p.peek() == UInt8(ascii: ",") { p.pos += 1; continue }
            p.skipSpace()
            if p.peek() == UInt8(ascii: "}") { p.pos += 1; break }
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
            if bytes[pos...].starts(with: Array("True".utf8)) { pos += 4; return true }
            if bytes[pos...].starts(with: Array("False".utf8)) { pos += 5; return false }
            throw NPYError.malformedHeader("expected True or False at offset \(pos)")
        }

        mutating func parseShape() throws -> [Int] {
            try expect(UInt8(ascii: "("))
            var dims: [Int] = []
            while true {
                skipSpace()
                if peek() == UInt8(ascii: ")") { pos += 1; return dims }
                let start = pos
                while let c = peek(), c >= 0x30 && c <= 0x39 { pos += 1 }
                // Python 2 era files may write long integers as e.g. "3L".
                guard pos > start, let v = Int(String(decoding: bytes[start..<pos], as: UTF8.self)) else {
                    throw NPYError.malformedHeader("expected a non-negative integer in shape at offset \(start)")
                }
                if peek() == UInt8(ascii: "L") { pos += 1 }
                dims.append(v)
                skipSpace()
                if peek() == UInt8(ascii: ",") { pos += 1; continue }
                skipSpace()
                if peek() == UInt8(ascii: ")") { pos += 1; return dims }
                throw NPYError.malformedHeader("expected ',' or ')' in shape at offset \(pos)")
            }
        }
    }

    // MARK: Writing

    /// Encodes an array as an `.npy` (format 1.0) byte string.
    public static func encode(_ array: NPYArray) throws -> [UInt8] {
        let shapeText: String
        switch array.shape.count {
        case 0: shapeText = "()"
        case 1: shapeText = "(\(array.shape[0]),)"
        default: shapeText = "(" + array.shape.map(String.init).joined(separator: ", ") + ")"
        }
        var header = "{'descr': '\(array.dtype.rawValue)', 'fortran_order': False, 'shape': \(shapeText), }"
        // magic(6) + version(2) + length(2) + header + padding + '\n' ≡ 0 (mod 64)
        let unpadded = 10 + header.utf8.count + 1
        let padding = (64 - unpadded % 64) % 64
        header += String(repeating: " ", count: padding) + "\n"
        let hlen = header.utf8.count
        guard hlen <= Int(UInt16.max) else { throw NPYError.headerTooLarge(hlen) }
        var out: [UInt8] = []
        out.reserveCapacity(10 + hlen + array.count * array.dtype.itemSize)
        out += magic
        out += [1, 0, UInt8(hlen & 0xFF), UInt8(hlen >> 8)]
        out += Array(header.utf8)
        switch array.data {
        case .float32(let a):
            for v in a { appendLE(&out, v.bitPattern) }
        case .float64(let a):
            for v in a { appendLE(&out, v.bitPattern) }
        case .int64(let a):
            for v in a { appendLE(&out, UInt64(bitPattern: v)) }
        }
        return out
    }

    @inline(__always)
    static func appendLE<T: FixedWidthInteger>(_ out: inout [UInt8], _ v: T) {
        var le = v.littleEndian
        withUnsafeBytes(of: &le) { out.append(contentsOf: $0) }
    }

    /// Writes an array as an `.npy` (format 1.0) file, replacing any existing file.
    public static func write(_ array: NPYArray, to url: URL) throws {
        let bytes = try encode(array)
        do {
            try Data(bytes).write(to: url, options: .atomic)
        } catch {
            throw NPYError.io("\(url.path): \(error.localizedDescription)")
        }
    }

    /// Writes an array as an `.npy` (format 1.0) file at a path.
    public static func write(_ array: NPYArray, path: String) throws {
        try write(array, to: URL(fileURLWithPath: path))
    }
}
