// Writing `.npy` files in format 1.0, laid out as NumPy writes them.

import Foundation

extension NPY {
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
