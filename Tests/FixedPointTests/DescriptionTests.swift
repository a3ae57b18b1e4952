import XCTest

@testable import FixedPoint

/// `description` is the exact decimal value and parses back to `doubleValue`.
final class DescriptionTests: XCTestCase {
    func testEveryValueOfSmallFormats() throws {
        for text in [
            "ap_fixed<4,2>", "ap_fixed<5,-1>", "ap_fixed<3,5>", "ap_ufixed<4,1>", "ap_fixed<12,1>",
            "ap_ufixed<10,-20>", "ap_fixed<16,6>",
        ] {
            let t = try FixedPointType.parse(text)
            let lo = t.isSigned ? -(1 << (t.width - 1)) : 0
            let hi = t.isSigned ? (1 << (t.width - 1)) - 1 : (1 << t.width) - 1
            for n in lo...hi {
                let v = FixedPointValue(raw: Int64(n), format: t)
                let expected = ExactOracle.decimal(numerator: n, fractionalBits: t.fractionalBits)
                XCTAssertEqual(v.description, expected)
                XCTAssertEqual(Double(v.description), v.doubleValue)
                XCTAssertEqual(v.doubleValue, Double(sign: .plus, exponent: -t.fractionalBits, significand: Double(n)))
                XCTAssertEqual(v.rawDescription, String(n))
            }
        }
        let t = try FixedPointType.parse("ap_fixed<8,3>")
        XCTAssertEqual(t.quantize(-1.375).description, "-1.375")
        XCTAssertEqual(t.quantize(0).description, "0")
        XCTAssertEqual(t.quantize(2).description, "2")
        XCTAssertEqual(t.quantize(0.03125).description, "0.03125")
        XCTAssertEqual(t.quantize(1.37).debugDescription, "ap_fixed<8,3>(1.34375, raw 43)")
        XCTAssertEqual(try FixedPointType.parse("ap_fixed<4,12>").quantize(-1024).description, "-1024")
        XCTAssertEqual(
            try FixedPointType.parse("ap_ufixed<2,-40>").quantize(0x1p-41).description,
            "0.00000000000045474735088646411895751953125")
    }

    /// Wide values: exact text (checked by dividing back) that reads as `doubleValue`,
    /// which is correctly rounded when more than 53 bits are significant.
    func testWideValues() throws {
        var rng = SplitMix64(seed: 99)
        for text in [
            "ap_fixed<64,20>", "ap_ufixed<64,64>", "ap_fixed<100,40>", "ap_fixed<128,70>",
            "ap_ufixed<127,-5>", "ap_fixed<128,200>", "ap_fixed<60,-300>",
        ] {
            let t = try FixedPointType.parse(text)
            for i in 0..<300 {
                var high = Int64(bitPattern: rng.next())
                var low = rng.next()
                if i % 3 == 0 { high >>= 40 }
                let s = WideInt(high: high, low: low).truncated(toWidth: t.width, signed: t.isSigned)
                let v = FixedPointValue(storage: s, format: t)
                let text = v.description
                XCTAssertEqual(Double(text), v.doubleValue, "\(v.debugDescription)")
                // The decimal has exactly max(F, 0) digits or fewer after the point and,
                // scaled by 2^F, gives the raw integer back.
                if let dot = text.firstIndex(of: ".") {
                    XCTAssertLessThanOrEqual(text.distance(from: dot, to: text.endIndex) - 1, max(t.fractionalBits, 0))
                }
                XCTAssertEqual(reference(v), v.doubleValue, v.debugDescription)
            }
        }
    }

    /// Correctly rounded double of a 128-bit value by an independent route: split into
    /// two exactly representable halves where possible, else compare with neighbours.
    func reference(_ v: FixedPointValue) -> Double {
        let (h, l) = v.storage.magnitude
        // magnitude = h·2^64 + l; Double(h)·2^64 + Double(l) rounds twice, so instead
        // round the top 64 significant bits with an explicit sticky bit by hand.
        var top: UInt64
        var shift = 0
        if h == 0 {
            top = l
        } else {
            shift = 64 - h.leadingZeroBitCount
            top = shift == 64 ? h : (h << UInt64(64 - shift)) | (l >> UInt64(shift))
            let rest = shift == 64 ? l : l & ((1 << UInt64(shift)) - 1)
            // Round top to 53 bits by hand (ties to even, sticky from `rest`).
            let lz = top.leadingZeroBitCount
            precondition(lz == 0)
            let dropped = top & 0x7FF
            var kept = top >> 11
            let half: UInt64 = 0x400
            if dropped > half || (dropped == half && (rest != 0 || kept & 1 == 1)) {
                kept += 1
            }
            let d = Double(sign: .plus, exponent: shift + 11 - v.format.fractionalBits, significand: Double(kept))
            return v.isNegative ? -d : d
        }
        let d = Double(sign: .plus, exponent: -v.format.fractionalBits, significand: Double(top))
        return v.isNegative ? -d : d
    }
}
