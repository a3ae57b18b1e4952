// Reading `.npy` files: magic string, version, header length, header, then the
// little-endian payload.

import Foundation

extension NPY {
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
        let major = bytes[6]
        let minor = bytes[7]
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
            data = .float32(
                [Float](unsafeUninitializedCapacity: count) { buf, initialized in
                    for i in 0..<count {
                        buf[i] = Float(
                            bitPattern: UInt32(
                                littleEndian: payload.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)))
                    }
                    initialized = count
                })
        case .float64:
            data = .float64(
                [Double](unsafeUninitializedCapacity: count) { buf, initialized in
                    for i in 0..<count {
                        buf[i] = Double(
                            bitPattern: UInt64(
                                littleEndian: payload.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self)))
                    }
                    initialized = count
                })
        case .int64:
            data = .int64(
                [Int64](unsafeUninitializedCapacity: count) { buf, initialized in
                    for i in 0..<count {
                        buf[i] = Int64(littleEndian: payload.loadUnaligned(fromByteOffset: 8 * i, as: Int64.self))
                    }
                    initialized = count
                })
        }
        return try NPYArray(shape: header.shape, data: data)
    }
}
