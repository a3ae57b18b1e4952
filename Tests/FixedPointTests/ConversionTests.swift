import XCTest

@testable import FixedPoint

/// Every representable value, ties and overflows of small formats, against `ExactOracle`.
final class ConversionTests: XCTestCase {
    /// (width, integer bits, signed): negative I, I > W, W = 1, signed and unsigned.
    static let smallFormats: [(Int, Int, Bool)] = [
        (4, 2, true), (5, -1, true), (3, 5, true), (4, 1, false), (3, -2, false),
        (1, 1, true), (1, 0, false), (2, 0, false), (6, 3, true), (7, 9, false), (8, 0, false),
    ]
    static let oracleOverflowModes: [OverflowMode] = [.wrap, .saturate, .saturateToZero, .saturateSymmetric]

    static func allOracleFormats() -> [FixedPointType] {
        var out: [FixedPointType] = []
        for (w, i, s) in smallFormats {
            for q in QuantizationMode.allCases {
                for o in oracleOverflowModes {
                    out.append(FixedPointType(width: w, integerBits: i, isSigned: s, quantization: q, overflow: o))
                }
            }
        }
        return out
    }

    /// Reports at most a few mismatches per test, then a count.
    final class Mismatches {
        var count = 0
        func check(
            _ got: Int64, _ expected: Int, _ what: @autoclosure () -> String,
            file: StaticString = #filePath, line: UInt = #line
        ) {
            if got != Int64(expected) {
                count += 1
                if count <= 10 { XCTFail("\(what()): got raw \(got), expected \(expected)", file: file, line: line) }
            }
        }
        func finish(file: StaticString = #filePath, line: UInt = #line) {
            if count > 10 { XCTFail("\(count) mismatches in total", file: file, line: line) }
        }
    }

    /// Every multiple of 1/8 ulp over four times the range on either side, as a Double.
    func testEveryEighthUlpFromDouble() {
        let m = Mismatches()
        var checked = 0
        for t in Self.allOracleFormats() {
            let k = t.fractionalBits + 3
            let limit = 1 << (t.width + 5)
            for n in -limit...limit {
                let x = Double(sign: .plus, exponent: -k, significand: Double(n))
                let expected = ExactOracle.convert(numerator: n, exponent: -k, to: t)
                m.check(t.quantize(x).raw, expected, "\(t).quantize(\(x))")
                checked += 1
            }
        }
        m.finish()
        XCTAssertGreaterThan(checked, 900_000)
    }

    /// The same grid as values of a signed and an unsigned fixed-point source format,
    /// through `cast(to:)` (the Int64 path) and through the general 128-bit path.
    func testEveryEighthUlpFromFixedPointSources() {
        let m = Mismatches()
        for t in Self.allOracleFormats() {
            let k = t.fractionalBits + 3
            let limit = 1 << (t.width + 5)
            let signedSource = FixedPointType(width: t.width + 8, integerBits: t.integerBits + 5)
            let unsignedSource = FixedPointType(width: t.width + 7, integerBits: t.integerBits + 4, isSigned: false)
            for n in -limit...limit {
                let expected = ExactOracle.convert(numerator: n, exponent: -k, to: t)
                let v = FixedPointValue(raw: Int64(n), format: signedSource)
                m.check(v.cast(to: t).raw, expected, "\(v.debugDescription) -> \(t)")
                m.check(
                    t._convertGeneral(raw: v.storage, sourceFractionalBits: k, sourceWidth: v.format.width).raw,
                    expected, "general \(v.debugDescription) -> \(t)")
                if n >= 0 {
                    let u = FixedPointValue(raw: Int64(n), format: unsignedSource)
                    m.check(u.cast(to: t).raw, expected, "\(u.debugDescription) -> \(t)")
                    m.check(
                        t._convertGeneral(raw: u.storage, sourceFractionalBits: k, sourceWidth: u.format.width).raw,
                        expected, "general \(u.debugDescription) -> \(t)")
                }
            }
        }
        m.finish()
    }

    /// Sources whose fractional bits differ from the target's by about 64 or more,
    /// both ways: the shift-by-≥64 branches of both paths.
    func testVeryLargeAlignmentShifts() {
        let m = Mismatches()
        var rng = SplitMix64(seed: 7)
        for t in Self.allOracleFormats() {
            for delta in [-90, -70, -65, -64, -63, -62, 45, 50, 62, 63, 64, 65, 70, 90, 200] {
                let sourceF = t.fractionalBits + delta
                let source = FixedPointType(width: 48, integerBits: 48 - sourceF)
                for i in 0..<60 {
                    var n = Int(truncatingIfNeeded: rng.next() >> 25)  // |n| < 2^39
                    if i % 3 == 0 { n >>= Int(rng.next() % 38) }
                    if i == 0 { n = 1 } else if i == 1 { n = -1 }
                    let expected = ExactOracle.convert(numerator: n, exponent: -sourceF, to: t)
                    let v = FixedPointValue(raw: Int64(n), format: source)
                    m.check(v.cast(to: t).raw, expected, "\(v.debugDescription) -> \(t)")
                    m.check(
                        t._convertGeneral(raw: v.storage, sourceFractionalBits: sourceF, sourceWidth: 48).raw,
                        expected, "general \(v.debugDescription) -> \(t)")
                    let x = Double(sign: .plus, exponent: -sourceF, significand: Double(n))
                    if x.isNormal || x == 0 {
                        m.check(t.quantize(x).raw, expected, "\(t).quantize(\(x))")
                    }
                }
            }
        }
        m.finish()
    }

    /// The Int64 path and the 128-bit path agree on random values and formats of up to
    /// 64 bits, in every mode the Int64 path implements.
    func testFastAndGeneralPathsAgree() {
        var rng = SplitMix64(seed: 42)
        var mismatches = 0
        for _ in 0..<40_000 {
            let sourceSigned = rng.next() % 4 != 0
            let sourceWidth = 1 + Int(rng.next() % (sourceSigned ? 64 : 63))
            let source = FixedPointType(
                width: sourceWidth, integerBits: Int(rng.next() % 100) - 40,
                isSigned: sourceSigned)
            let targetSigned = rng.next() % 3 != 0
            let targetWidth = 1 + Int(rng.next() % (targetSigned ? 64 : 63))
            let target = FixedPointType(
                width: targetWidth, integerBits: Int(rng.next() % 100) - 40, isSigned: targetSigned,
                quantization: QuantizationMode.allCases[Int(rng.next() % 7)],
                overflow: Self.oracleOverflowModes[Int(rng.next() % 4)])
            XCTAssertTrue(target.supportsFastConversion)
            var bits = rng.next()
            if rng.next() % 2 == 0 { bits >>= rng.next() % 64 }
            let v = FixedPointValue(bitPattern: bits, format: source)
            let fast = v.cast(to: target)
            let general = target._convertGeneral(
                raw: v.storage, sourceFractionalBits: source.fractionalBits,
                sourceWidth: source.width)
            if fast != general {
                mismatches += 1
                if mismatches <= 10 {
                    XCTFail(
                        "\(v.debugDescription) -> \(target): fast \(fast.debugDescription), general \(general.debugDescription)"
                    )
                }
            }
            let x = Double(bitPattern: rng.next())
            let fromDouble = target.quantize(x)
            var m = Int64(bitPattern: x.bitPattern & 0x000F_FFFF_FFFF_FFFF)
            let e = Int((x.bitPattern >> 52) & 0x7FF)
            if e != 0 { m |= 1 << 52 }
            if x.sign == .minus { m = -m }
            let generalDouble = target._convertGeneral(
                raw: WideInt(m), sourceFractionalBits: e == 0 ? 1074 : 1075 - e,
                sourceWidth: 54)
            if m != 0 && fromDouble != generalDouble {
                mismatches += 1
                if mismatches <= 10 {
                    XCTFail(
                        "\(x) -> \(target): fast \(fromDouble.debugDescription), general \(generalDouble.debugDescription)"
                    )
                }
            }
        }
        XCTAssertEqual(mismatches, 0)
    }

    /// Values embedded in a wide (> 64-bit) format convert exactly as from a narrow one.
    func testWideSourcesMatchNarrowSources() {
        var rng = SplitMix64(seed: 3)
        for t in Self.allOracleFormats() {
            let k = t.fractionalBits + 3
            let narrow = FixedPointType(width: t.width + 8, integerBits: t.integerBits + 5)
            let wide = FixedPointType(width: 120, integerBits: 120 - k)
            let wideTarget = FixedPointType(
                width: 100, integerBits: 100 - t.fractionalBits - 40,
                quantization: t.quantization, overflow: t.overflow)
            for _ in 0..<40 {
                let n = Int64(Int(rng.next() % UInt64(1 << (t.width + 8))) - (1 << (t.width + 7)))
                let a = FixedPointValue(raw: n, format: narrow).cast(to: t)
                let b = FixedPointValue(raw: n, format: wide).cast(to: t)
                XCTAssertEqual(a, b)
                // Into a wide target with 40 more fractional bits nothing is lost.
                let c = FixedPointValue(raw: n, format: narrow).cast(to: wideTarget)
                XCTAssertTrue(c.isNumericallyEqual(to: FixedPointValue(raw: n, format: narrow)), c.debugDescription)
            }
        }
    }

    func testSpecialDoubles() throws {
        let sat = try FixedPointType.parse("ap_fixed<8,3,AP_RND,AP_SAT>")
        let wrap = try FixedPointType.parse("ap_fixed<8,3>")
        XCTAssertEqual(sat.quantize(0.0).raw, 0)
        XCTAssertEqual(sat.quantize(-0.0).raw, 0)
        XCTAssertFalse(sat.quantize(-0.0).isNegative)
        XCTAssertEqual(sat.quantize(.infinity), sat.greatestValue)
        XCTAssertEqual(sat.quantize(-.infinity), sat.leastValue)
        // NaN reads as (1.fraction)·2^1024 like in the headers: positive overflow.
        XCTAssertEqual(sat.quantize(.nan), sat.greatestValue)
        XCTAssertEqual(wrap.quantize(.infinity).raw, 0)
        XCTAssertEqual(wrap.quantize(1e300).raw, 0)
        // Subnormals: truncation floors a negative one to -1 ulp.
        XCTAssertEqual(wrap.quantize(-Double.leastNonzeroMagnitude).raw, -1)
        XCTAssertEqual(wrap.quantize(Double.leastNonzeroMagnitude).raw, 0)
        XCTAssertEqual(sat.quantize(-Double.leastNonzeroMagnitude).raw, 0)
        // AP_SAT_SYM never yields the most negative value.
        let sym = try FixedPointType.parse("ap_fixed<8,3,AP_TRN,AP_SAT_SYM>")
        XCTAssertEqual(sym.quantize(-4).raw, -127)
        XCTAssertEqual(sym.quantize(-100).raw, -127)
        XCTAssertEqual(sym.quantize(100).raw, 127)
    }

    func testWrapWithSaturationBitsAndSignMagnitude() throws {
        // Spot checks of the bit-level rules (the golden vectors cover them broadly).
        let w2 = try FixedPointType.parse("ap_fixed<6,6,AP_TRN,AP_WRAP,2>")
        XCTAssertEqual(w2.quantize(40).raw, 0b01_1000)  // 101000 wraps; MSB := 0, next := 1
        XCTAssertEqual(w2.quantize(-40).raw, -32 + 0b00_1000)  // 011000 -> 10 1000
        XCTAssertEqual(w2.quantize(20).raw, 20)  // in range: untouched
        let u2 = try FixedPointType.parse("ap_ufixed<4,4,AP_TRN,AP_WRAP,2>")
        XCTAssertEqual(u2.quantize(17).raw, 0b1101)
        XCTAssertEqual(u2.quantize(-1).raw, 0b1111)
        let sm = try FixedPointType.parse("ap_fixed<4,4,AP_TRN,AP_WRAP_SM>")
        XCTAssertEqual(sm.quantize(3).raw, 3)
        XCTAssertEqual(sm.quantize(9).raw, 6)  // 1001 -> ~ -> 0110, MSB := bit 4 of 9 = 0
    }
}

/// A small deterministic generator for test inputs.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
