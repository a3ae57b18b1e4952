import FixedPoint
import NeuralNet
import XCTest

@testable import QuantizedMLP

final class ArithmeticTests: XCTestCase {
    static let targets: [FixedPointType] = {
        var out: [FixedPointType] = []
        for (w, i, s) in [(6, 2, true), (5, -1, true), (4, 6, true), (8, 3, false), (16, 6, true), (3, 0, false)] {
            for q in QuantizationMode.allCases {
                for o in [OverflowMode.wrap, .saturate, .saturateToZero, .saturateSymmetric] {
                    out.append(FixedPointType(width: w, integerBits: i, isSigned: s, quantization: q, overflow: o))
                }
            }
        }
        return out
    }()

    /// RawConverter against FixedPointValue.cast (itself checked against the ap_types headers):
    /// every raw value of small sources, into every mode of several targets.
    func testRawConverterMatchesFixedPointCast() {
        let sources = [
            FixedPointType(width: 8, integerBits: 3), FixedPointType(width: 9, integerBits: 9),
            FixedPointType(width: 7, integerBits: -2), FixedPointType(width: 8, integerBits: 4, isSigned: false),
        ]
        for source in sources {
            let lo: Int64 = source.isSigned ? -(1 << (source.width - 1)) : 0
            let hi: Int64 = source.isSigned ? (1 << (source.width - 1)) - 1 : (1 << source.width) - 1
            for target in Self.targets {
                let c = RawConverter(from: source, to: target)
                for raw in lo...hi {
                    let expected = FixedPointValue(raw: raw, format: source).cast(to: target).raw
                    XCTAssertEqual(c.convert(raw), expected, "\(source) raw \(raw) → \(target)")
                }
            }
        }
    }

    func testRawConverterOnWideProducts() {
        var rng = Xoshiro256(seed: 5)
        let source = FixedPointType(width: 40, integerBits: 14)
        for target in Self.targets {
            let c = RawConverter(from: source, to: target)
            for _ in 0..<300 {
                let raw = Int64(bitPattern: rng.next()) >> 24
                XCTAssertEqual(c.convert(raw), FixedPointValue(raw: raw, format: source).cast(to: target).raw)
            }
        }
    }

    /// Float inputs are converted as `input_t x = (double)f;`.
    func testInputQuantizerMatchesQuantize() {
        var rng = Xoshiro256(seed: 6)
        var values: [Float] = [
            0, -0, 0.5, -0.5, 1.5, -1.5, 0.03125, -0.03125, 31.99, -32, 1e-30, -1e-30, 1e30, -1e30,
            .infinity, -.infinity, .nan, .leastNonzeroMagnitude, Float(0x1p-10), Float(-0x1p-10) * 3,
        ]
        for _ in 0..<500 { values.append(Float(rng.nextGaussian() * 8)) }
        for t in Self.targets {
            let q = InputQuantizer(t)
            for v in values {
                XCTAssertEqual(q.quantize(v), t.quantize(Double(v)).raw, "\(v) → \(t)")
            }
        }
    }

    /// Weight text as hls4ml writes it: N = max(0, fractional bits) decimals, half-to-even on the
    /// exact binary value (Python's format), read back and quantized.
    func testWeightTextFormatting() throws {
        let t = try FixedPointType.parse("ap_fixed<8,3>")  // 5 fractional digits
        XCTAssertEqual(HLSWeightText.text(0.1, type: t), "0.10000")
        XCTAssertEqual(HLSWeightText.text(-1.25, type: t), "-1.25000")
        XCTAssertEqual(HLSWeightText.format(2.5, digits: 0), "2")  // tie to even
        XCTAssertEqual(HLSWeightText.format(3.5, digits: 0), "4")
        XCTAssertEqual(HLSWeightText.format(0.125, digits: 2), "0.12")  // exact binary tie
        XCTAssertEqual(HLSWeightText.text(3.7, type: try FixedPointType.parse("ap_fixed<4,6>")), "4")  // F < 0 → {:.0f}
        // The text path differs from direct truncation just below an ulp multiple:
        // 0.0937499 is 0.09375 - 1e-7 (3/32 is a multiple of 2^-5); printed with 5 digits it is
        // "0.09375", which ap_fixed<8,3> holds exactly, whereas truncating the float gives 2/32.
        let f: Float = 0.0937499
        XCTAssertEqual(HLSWeightText.text(f, type: t), "0.09375")
        XCTAssertEqual(HLSWeightText.quantize(f, type: t).raw, 3)
        XCTAssertEqual(t.quantize(Double(f)).raw, 2)
        // Away from such cases both agree.
        var rng = Xoshiro256(seed: 4)
        for _ in 0..<1000 {
            let w = Float(rng.nextDouble(in: -3, 3))
            let a = HLSWeightText.quantize(w, type: t).raw
            let b = t.quantize(Double(w)).raw
            XCTAssert(a == b || a == b + 1, "\(w)")
        }
    }

    func testHLSConfigResolutionAndErrors() throws {
        let c = try HLSConfig(
            compact:
                "ap_fixed<16,6>; accum=ap_fixed<24,12>; fc1=ap_fixed<10,4>; fc1.result=ap_fixed<8,3>; softmax.table_size=256; softmax.implementation=latency"
        )
        XCTAssertEqual(c.precision(layer: "fc1", .result).description, "ap_fixed<8,3>")
        XCTAssertEqual(c.precision(layer: "fc1", .weight).description, "ap_fixed<10,4>")
        XCTAssertEqual(c.precision(layer: "fc2", .accum).description, "ap_fixed<24,12>")
        XCTAssertEqual(c.precision(layer: "fc2", .weight).description, "ap_fixed<16,6>")
        XCTAssertEqual(c.softmaxTableSize, 256)
        XCTAssertEqual(c.softmaxImplementation, .latency)
        XCTAssertEqual(c.expTableType.description, "ap_fixed<18,8,AP_RND,AP_SAT>")
        XCTAssertThrowsError(try HLSConfig(compact: "ap_fixed<16,6>; fc9.weight=ap_fixed<8,3>"))
        XCTAssertThrowsError(try HLSConfig(compact: "ap_fixed<16,6>; fc1.wieght=ap_fixed<8,3>"))
        XCTAssertThrowsError(try HLSConfig(compact: "fc1.weight=ap_fixed<8,3>"))  // no default
        XCTAssertThrowsError(try HLSConfig(compact: "ap_fixed<16,6>; fc1.table_size=5"))
        XCTAssertThrowsError(try HLSConfig(compact: "ap_fixd<16,6>"))
        // The tree form (what a YAML file gives).
        let tree = ConfigNode.map([
            ("Model", .map([("Precision", .scalar("fixed<16,6>")), ("ReuseFactor", .scalar("1"))])),
            (
                "LayerName",
                .map([
                    (
                        "softmax",
                        .map([
                            ("exp_table_t", .scalar("ap_fixed<18,8,AP_RND,AP_SAT>")),
                            ("Precision", .map([("result", .scalar("ufixed<16,0>"))])),
                        ])
                    )
                ])
            ),
        ])
        let t = try HLSConfig(tree: tree)
        XCTAssertEqual(t.precision(layer: "softmax", .result).description, "ap_ufixed<16,0>")
        XCTAssertEqual(t.precision(layer: "softmax", .accum).description, "ap_fixed<16,6>")
    }
}
