import Foundation
import XCTest

@testable import NPY

final class NPYTests: XCTestCase {
    /// Bytes of a header exactly as NumPy 2.x `np.save` writes it (format 1.0,
    /// header padded with spaces to a 64-byte boundary, ending in '\n').
    private func numpyHeader(_ dict: String) -> [UInt8] {
        var h = dict
        let total = 10 + h.utf8.count + 1
        h += String(repeating: " ", count: (64 - total % 64) % 64) + "\n"
        return [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(h.utf8.count & 0xFF), UInt8(h.utf8.count >> 8)]
            + Array(h.utf8)
    }

    private func le<T: FixedWidthInteger>(_ v: T) -> [UInt8] {
        withUnsafeBytes(of: v.littleEndian) { Array($0) }
    }

    func testEncodeMatchesNumPyBytes() throws {
        // np.save(io.BytesIO(), np.array([1.5, -2.25, 3.0])) — 152 bytes, header length 118.
        let arr = try NPYArray([1.5, -2.25, 3.0] as [Double])
        let bytes = try NPY.encode(arr)
        let expected =
            numpyHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }")
            + le((1.5 as Double).bitPattern) + le((-2.25 as Double).bitPattern) + le((3.0 as Double).bitPattern)
        XCTAssertEqual(bytes.count, 152)
        XCTAssertEqual(Array(bytes[8..<10]), [0x76, 0x00])
        XCTAssertEqual(bytes, expected)

        let m = try NPYArray((0..<6).map { Int64($0) }, shape: [2, 3])
        let mb = try NPY.encode(m)
        XCTAssertEqual(mb.count, 176)
        XCTAssertEqual(Array(mb[10..<69]), Array("{'descr': '<i8', 'fortran_order': False, 'shape': (2, 3), }".utf8))
        XCTAssertEqual(mb[127], 0x0A)
    }

    func testDecodeNumPyBytes() throws {
        let bytes =
            numpyHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 4), }")
            + [0x00, 0x00, 0x00, 0x3F, 0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0, 0x00, 0x00, 0x80, 0x40]
        let a = try NPY.decode(bytes)
        XCTAssertEqual(a.shape, [1, 4])
        XCTAssertEqual(a.floats, [0.5, 1.0, -2.0, 4.0])
        XCTAssertNil(a.doubles)
    }

    func testRoundTrips() throws {
        let cases: [NPYArray] = [
            try NPYArray([Float]([1, -2.5, .pi, 0, -0.0, 3.4e38, 1e-45]), shape: [7]),
            try NPYArray([Float]([1, 2, 3, 4, 5, 6, 7, 8]), shape: [2, 4]),
            try NPYArray([Double]([1e-300, -1e300, 0.1, 2.0 / 3.0, .infinity, -.infinity]), shape: [3, 2]),
            try NPYArray([Int64]([Int64.min, -1, 0, 1, Int64.max]), shape: [5]),
            try NPYArray([Double]([42]), shape: []),  // 0-d scalar
            try NPYArray([Float](), shape: [0]),  // empty
            try NPYArray([Int64](), shape: [2, 0, 3]),  // empty, 3-d
            try NPYArray([Int64](repeating: 7, count: 24), shape: [2, 3, 4]),
        ]
        for a in cases {
            let bytes = try NPY.encode(a)
            XCTAssertEqual(bytes[6], 1)
            XCTAssertEqual(bytes[7], 0)
            let hlen = Int(bytes[8]) | Int(bytes[9]) << 8
            XCTAssertEqual((10 + hlen) % 64, 0, "data must start 64-byte aligned")
            let b = try NPY.decode(bytes)
            XCTAssertEqual(b, a)
        }
        // NaN survives bit-exactly.
        let nan = try NPY.decode(NPY.encode(NPYArray([Double.nan])))
        XCTAssertTrue(nan.doubles![0].isNaN)
    }

    func testFileRoundTrip() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("npytest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("a.npy")
        let a = try NPYArray([Float](repeating: 1.25, count: 12), shape: [3, 4])
        try NPY.write(a, to: url)
        XCTAssertEqual(try NPY.read(contentsOf: url), a)
        XCTAssertEqual(try NPY.read(path: url.path), a)
        XCTAssertThrowsError(try NPY.read(path: dir.appendingPathComponent("missing.npy").path)) { e in
            guard case NPYError.io = e else { return XCTFail("\(e)") }
        }
    }

    func testVersion2Header() throws {
        var h = "{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }"
        let total = 12 + h.utf8.count + 1
        h += String(repeating: " ", count: (64 - total % 64) % 64) + "\n"
        let n = h.utf8.count
        let bytes: [UInt8] =
            [0x93] + Array("NUMPY".utf8) + [2, 0] + le(UInt32(n)) + Array(h.utf8) + le(Int64(-5)) + le(Int64(9))
        let a = try NPY.decode(bytes)
        XCTAssertEqual(a.shape, [2])
        XCTAssertEqual(a.int64s, [-5, 9])
    }

    func testHeaderVariants() throws {
        // Key order, double quotes, no trailing comma, extra spaces, Python-2 long suffix.
        let bytes =
            numpyHeader("{ \"shape\" : ( 2 , 1L ) , 'fortran_order':False,'descr':'<f8' }")
            + le((1.0 as Double).bitPattern) + le((2.0 as Double).bitPattern)
        let a = try NPY.decode(bytes)
        XCTAssertEqual(a.shape, [2, 1])
        XCTAssertEqual(a.doubles, [1, 2])
        // Trailing bytes after the data are ignored.
        XCTAssertEqual(try NPY.decode(bytes + [1, 2, 3]), a)
    }

    func testErrors() throws {
        func expect(_ bytes: [UInt8], _ check: (NPYError) -> Bool, file: StaticString = #filePath, line: UInt = #line) {
            XCTAssertThrowsError(try NPY.decode(bytes), file: file, line: line) { e in
                guard let ne = e as? NPYError, check(ne) else {
                    return XCTFail("unexpected error \(e)", file: file, line: line)
                }
                XCTAssertFalse(ne.description.isEmpty)
            }
        }
        let good = try NPY.encode(NPYArray([1.0, 2.0, 3.0] as [Double]))
        // Bad magic.
        expect(Array("PK\u{3}\u{4}not numpy".utf8)) { $0 == .badMagic }
        expect([]) { $0 == .badMagic }
        var bad = good
        bad[1] = UInt8(ascii: "n")
        expect(bad) { $0 == .badMagic }
        // Unsupported versions.
        var v3 = good
        v3[6] = 3
        expect(v3) { $0 == .unsupportedVersion(major: 3, minor: 0) }
        var v11 = good
        v11[7] = 1
        expect(v11) { $0 == .unsupportedVersion(major: 1, minor: 1) }
        // Big-endian and native-order descriptors.
        expect(
            numpyHeader("{'descr': '>f8', 'fortran_order': False, 'shape': (1,), }") + [0, 0, 0, 0, 0, 0, 0xF0, 0x3F]
        ) {
            $0 == .unsupportedByteOrder(">f8")
        }
        expect(numpyHeader("{'descr': '>i8', 'fortran_order': False, 'shape': (0,), }")) {
            $0 == .unsupportedByteOrder(">i8")
        }
        expect(numpyHeader("{'descr': '=f4', 'fortran_order': False, 'shape': (0,), }")) {
            $0 == .unsupportedByteOrder("=f4")
        }
        // Other dtypes.
        for d in ["<i4", "|u1", "<f2", "<c16", "|b1", "<U3", "|O"] {
            expect(numpyHeader("{'descr': '\(d)', 'fortran_order': False, 'shape': (0,), }")) {
                $0 == .unsupportedDType(d)
            }
        }
        expect(numpyHeader("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (0,), }")) {
            if case .unsupportedDType = $0 { return true } else { return false }
        }
        // Fortran order.
        expect(
            numpyHeader("{'descr': '<f8', 'fortran_order': True, 'shape': (2, 2), }") + [UInt8](repeating: 0, count: 32)
        ) {
            $0 == .fortranOrder
        }
        // Truncated data.
        expect(Array(good.dropLast(1))) { $0 == .truncated(expectedBytes: 24, availableBytes: 23) }
        expect(Array(good.prefix(128))) { $0 == .truncated(expectedBytes: 24, availableBytes: 0) }
        // Truncated header / malformed headers.
        expect(Array(good.prefix(40))) { if case .malformedHeader = $0 { return true } else { return false } }
        expect(Array(good.prefix(9))) { if case .malformedHeader = $0 { return true } else { return false } }
        for h in [
            "{'descr': '<f8', 'fortran_order': False}",
            "{'descr': '<f8', 'shape': (1,)}",
            "{'fortran_order': False, 'shape': (1,)}",
            "not a dict",
            "{'descr': '<f8', 'fortran_order': Maybe, 'shape': (1,)}",
            "{'descr': '<f8', 'fortran_order': False, 'shape': (-1,)}",
            "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), 'extra': 1}",
            "{'descr': '<f8', 'fortran_order': False, 'shape': [1]}",
        ] {
            expect(numpyHeader(h) + [UInt8](repeating: 0, count: 8)) {
                if case .malformedHeader = $0 { return true } else { return false }
            }
        }
        // Shape overflow.
        expect(numpyHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (4294967296, 4294967296), }")) {
            if case .invalidShape = $0 { return true } else { return false }
        }
    }

    func testArrayShapeValidation() {
        XCTAssertThrowsError(try NPYArray([1, 2, 3] as [Double], shape: [2, 2]))
        XCTAssertThrowsError(try NPYArray([1, 2] as [Double], shape: [-1, -2]))
        XCTAssertNoThrow(try NPYArray([1, 2, 3, 4] as [Double], shape: [2, 2]))
    }
}
