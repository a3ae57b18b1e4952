import XCTest

@testable import FixedPoint

/// Full-precision products, sums, differences and negations: result types and exact values.
final class ArithmeticTests: XCTestCase {
    func format(_ text: String) -> FixedPointType {
        do { return try FixedPointType.parse(text) } catch { fatalError("\(error)") }
    }

    func testResultTypesFollowApFixedRType() {
        let a = format("ap_fixed<4,2>")
        let u = format("ap_ufixed<3,1>")
        XCTAssertEqual(FixedPointType.product(a, u), format("ap_fixed<7,3>"))
        // I = max(2 + 0, 1 + 1) + 1 = 3, F = max(2, 2) = 2.
        XCTAssertEqual(FixedPointType.sum(a, u), format("ap_fixed<5,3>"))
        XCTAssertEqual(FixedPointType.sum(u, a), format("ap_fixed<5,3>"))
        XCTAssertEqual(FixedPointType.difference(u, a), format("ap_fixed<5,3>"))
        XCTAssertEqual(FixedPointType.negation(u), format("ap_fixed<4,2>"))

        let u1 = format("ap_ufixed<4,1>")
        let u3 = format("ap_ufixed<4,3>")
        XCTAssertEqual(FixedPointType.product(u1, u3), format("ap_ufixed<8,4>"))
        XCTAssertEqual(FixedPointType.sum(u1, u3), format("ap_ufixed<7,4>"))
        XCTAssertEqual(FixedPointType.difference(u1, u3), format("ap_fixed<7,4>"))

        // Negative I and I > W.
        let n = format("ap_fixed<5,-1>")
        let p = format("ap_fixed<3,5>")
        XCTAssertEqual(FixedPointType.product(n, p), format("ap_fixed<8,4>"))
        XCTAssertEqual(FixedPointType.sum(n, p), format("ap_fixed<12,6>"))  // I = 6, F = max(6, -2)
        XCTAssertEqual(FixedPointType.negation(p), format("ap_fixed<4,6>"))

        // The MLP case: <16,6> x <16,6> is <32,12>; two of those sum to <33,13>.
        let h = format("ap_fixed<16,6,AP_RND,AP_SAT>")
        let prod = FixedPointType.product(h, h)
        XCTAssertEqual(prod, format("ap_fixed<32,12>"))
        XCTAssertEqual(FixedPointType.sum(prod, prod), format("ap_fixed<33,13>"))
        // 64 x 64 bits fits the 128-bit storage.
        XCTAssertEqual(
            FixedPointType.product(format("ap_fixed<64,20>"), format("ap_fixed<64,30>")),
            format("ap_fixed<128,50>"))
    }

    /// Every pair of values of small formats: exact results that lie inside the result range.
    func testAllPairsOfSmallFormats() {
        let formats = [
            format("ap_fixed<4,2>"), format("ap_ufixed<3,1>"), format("ap_fixed<5,-1>"),
            format("ap_fixed<3,5>"), format("ap_ufixed<4,1>"), format("ap_ufixed<4,3>"),
            format("ap_fixed<1,1>"), format("ap_ufixed<2,-3>"),
        ]
        func values(_ t: FixedPointType) -> [FixedPointValue] {
            let lo = t.isSigned ? -(1 << (t.width - 1)) : 0
            let hi = t.isSigned ? (1 << (t.width - 1)) - 1 : (1 << t.width) - 1
            return (lo...hi).map { FixedPointValue(raw: Int64($0), format: t) }
        }
        func inRange(_ v: FixedPointValue) -> Bool {
            !(v.storage < v.format.minimumRaw) && !(v.format.maximumRaw < v.storage)
        }
        var checked = 0
        for ta in formats {
            for tb in formats {
                let f = max(ta.fractionalBits, tb.fractionalBits)
                for a in values(ta) {
                    for b in values(tb) {
                        let p = a * b
                        XCTAssertEqual(p.raw, a.raw * b.raw)
                        XCTAssertEqual(p.format.fractionalBits, ta.fractionalBits + tb.fractionalBits)
                        XCTAssertTrue(inRange(p), p.debugDescription)
                        let sa = a.raw << (f - ta.fractionalBits)
                        let sb = b.raw << (f - tb.fractionalBits)
                        let s = a + b
                        XCTAssertEqual(s.format.fractionalBits, f)
                        XCTAssertEqual(s.raw, sa + sb)
                        XCTAssertTrue(
                            inRange(s), "\(a.debugDescription) + \(b.debugDescription) = \(s.debugDescription)")
                        let d = a - b
                        XCTAssertEqual(d.raw, sa - sb)
                        XCTAssertTrue(d.format.isSigned)
                        XCTAssertTrue(
                            inRange(d), "\(a.debugDescription) - \(b.debugDescription) = \(d.debugDescription)")
                        XCTAssertEqual(p.doubleValue, a.doubleValue * b.doubleValue)
                        XCTAssertEqual(s.doubleValue, a.doubleValue + b.doubleValue)
                        checked += 1
                    }
                }
                for a in values(ta) {
                    let n = -a
                    XCTAssertEqual(n.raw, -a.raw)
                    XCTAssertTrue(inRange(n))
                }
            }
        }
        XCTAssertGreaterThan(checked, 10_000)
    }

    /// Wide operands (the 128-bit path) give the same values as narrow ones.
    func testWideArithmeticMatchesNarrow() {
        var rng = SplitMix64(seed: 11)
        let a32 = format("ap_fixed<32,16>")
        let b32 = format("ap_fixed<32,2>")
        for _ in 0..<2000 {
            let a = FixedPointValue(bitPattern: rng.next(), format: a32)
            let b = FixedPointValue(bitPattern: rng.next(), format: b32)
            let p = a * b  // 64 bits: Int64 path
            let aw = a.cast(to: format("ap_fixed<79,63>"))
            let bw = b.cast(to: format("ap_fixed<48,18>"))
            let pw = aw * bw  // 127 bits
            XCTAssertEqual(pw.format, format("ap_fixed<127,81>"))
            XCTAssertTrue(pw.isNumericallyEqual(to: p), "\(pw.debugDescription) vs \(p.debugDescription)")
            let s = p + p
            let sw = pw + aw  // 128 bits
            XCTAssertEqual(sw.format, format("ap_fixed<128,82>"))
            XCTAssertTrue(sw.isNumericallyEqual(to: p + a), "\(sw.debugDescription) vs \((p + a).debugDescription)")
            XCTAssertTrue((s - p).isNumericallyEqual(to: p))
            XCTAssertEqual(pw.doubleValue, p.doubleValue)
        }
    }

    /// A multiply-accumulate loop as the MLP does it: product cast to the accumulator type.
    func testMultiplyAccumulateMatchesExactArithmetic() {
        let data = format("ap_fixed<16,6,AP_RND,AP_SAT>")
        let weight = format("ap_fixed<16,6>")
        let accum = format("ap_fixed<32,12,AP_TRN,AP_SAT>")
        var rng = SplitMix64(seed: 5)
        for _ in 0..<100 {
            var acc = accum.zero
            var exact: Int64 = 0  // raw of the exact sum in units of 2^-20
            for _ in 0..<16 {
                let x = data.quantize(Double(Int64(bitPattern: rng.next()) >> 40) / 1_000_000)
                let w = weight.quantize(Double(Int64(bitPattern: rng.next()) >> 44) / 100_000)
                let p = x * w
                XCTAssertEqual(p.format, format("ap_fixed<32,12>"))
                acc = (acc + p.cast(to: accum)).cast(to: accum)
                exact += x.raw * w.raw
            }
            // |x| < 8.4 and |w| < 5.3: sixteen products stay far inside <32,12>'s ±2048.
            XCTAssertEqual(acc.raw, exact)
        }
    }
}
