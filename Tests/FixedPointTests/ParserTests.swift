import FixedPoint
import XCTest

final class ParserTests: XCTestCase {
    func testSpellings() throws {
        let t = try FixedPointType.parse("ap_fixed<16,6>")
        XCTAssertEqual(t.width, 16)
        XCTAssertEqual(t.integerBits, 6)
        XCTAssertEqual(t.fractionalBits, 10)
        XCTAssertTrue(t.isSigned)
        XCTAssertEqual(t.quantization, .truncate)
        XCTAssertEqual(t.overflow, .wrap)
        XCTAssertEqual(t.saturationBits, 0)

        XCTAssertEqual(try FixedPointType.parse("fixed<16,6>"), t)
        XCTAssertEqual(try FixedPointType.parse("  ap_fixed < 16 , 6 >  "), t)
        XCTAssertEqual(try FixedPointType.parse("ap_fixed<16,6,AP_TRN,AP_WRAP,0>"), t)
        XCTAssertEqual(try FixedPointType.parse("fixed<16,6,TRN,WRAP>"), t)

        let u = try FixedPointType.parse("ufixed<8, 0, RND_CONV, SAT>")
        XCTAssertEqual(
            u,
            FixedPointType(
                width: 8, integerBits: 0, isSigned: false,
                quantization: .roundHalfToEven, overflow: .saturate))
        XCTAssertEqual(try FixedPointType.parse("ap_ufixed<8,0,AP_RND_CONV,AP_SAT>"), u)
        XCTAssertEqual(try FixedPointType.parse("ap_ufixed<8,0,ap_rnd_conv,ap_sat>"), u)

        let n = try FixedPointType.parse("ap_fixed<5,-1,AP_RND_MIN_INF,AP_WRAP_SM,2>")
        XCTAssertEqual(n.integerBits, -1)
        XCTAssertEqual(n.fractionalBits, 6)
        XCTAssertEqual(n.quantization, .roundHalfDown)
        XCTAssertEqual(n.overflow, .wrapSignMagnitude)
        XCTAssertEqual(n.saturationBits, 2)
        XCTAssertEqual(try FixedPointType.parse("ap_fixed<3,5>").fractionalBits, -2)

        XCTAssertEqual(try FixedPointType.parse("ap_int<8>"), FixedPointType(width: 8, integerBits: 8))
        XCTAssertEqual(try FixedPointType.parse("uint<4>"), FixedPointType(width: 4, integerBits: 4, isSigned: false))
    }

    func testEveryModeNameRoundTrips() throws {
        for q in QuantizationMode.allCases {
            for o in OverflowMode.allCases {
                let t = FixedPointType(width: 9, integerBits: 3, quantization: q, overflow: o, saturationBits: 1)
                XCTAssertEqual(try FixedPointType.parse(t.description), t)
                XCTAssertEqual(
                    try FixedPointType.parse("fixed<9,3,\(q.apName.dropFirst(3)),\(o.apName.dropFirst(3)),1>"), t)
            }
            XCTAssertEqual(QuantizationMode(apName: q.apName), q)
        }
        XCTAssertEqual(FixedPointType(width: 16, integerBits: 6).description, "ap_fixed<16,6>")
        XCTAssertEqual(
            FixedPointType(width: 8, integerBits: 0, isSigned: false, overflow: .saturate).description,
            "ap_ufixed<8,0,AP_TRN,AP_SAT>")
    }

    func testErrors() {
        func reason(_ text: String) -> FixedPointTypeParseError.Reason? {
            do {
                _ = try FixedPointType.parse(text)
                return nil
            } catch {
                XCTAssertTrue(error.description.contains("'\(text)'"), error.description)
                return error.reason
            }
        }
        XCTAssertEqual(reason("ap_fixd<8,3>"), .unknownTypeName("ap_fixd"))
        XCTAssertEqual(reason("ap_fixed<8,3"), .syntax("expected '>' at the end"))
        XCTAssertEqual(reason("ap_fixed 8,3"), .syntax("expected '<' after the type name"))
        XCTAssertEqual(reason("<8,3>"), .syntax("missing type name before '<'"))
        XCTAssertEqual(reason("ap_fixed<8>"), .wrongArgumentCount(typeName: "ap_fixed", expected: "2 to 5", found: 1))
        XCTAssertEqual(
            reason("ap_fixed<8,3,AP_RND,AP_SAT,0,1>"),
            .wrongArgumentCount(typeName: "ap_fixed", expected: "2 to 5", found: 6))
        XCTAssertEqual(reason("ap_int<8,3>"), .wrongArgumentCount(typeName: "ap_int", expected: "1", found: 2))
        XCTAssertEqual(reason("ap_fixed<8,,AP_RND>"), .syntax("argument 2 is empty"))
        XCTAssertEqual(reason("ap_fixed<8.5,3>"), .notAnInteger(parameter: "width", text: "8.5"))
        XCTAssertEqual(reason("ap_fixed<8,x>"), .notAnInteger(parameter: "integer bits", text: "x"))
        XCTAssertEqual(reason("ap_fixed<8,3,AP_ROUND>"), .unknownQuantizationMode("AP_ROUND"))
        XCTAssertEqual(reason("ap_fixed<8,3,AP_RND,AP_SATURATE>"), .unknownOverflowMode("AP_SATURATE"))
        XCTAssertEqual(reason("ap_fixed<8,3,AP_SAT>"), .unknownQuantizationMode("AP_SAT"))
        XCTAssertEqual(reason("ap_fixed<8,3,AP_RND,AP_SAT,z>"), .notAnInteger(parameter: "saturation bits", text: "z"))
        XCTAssertEqual(reason("ap_fixed<0,0>"), .unsupported("width 0 is outside 1...128 for signed formats"))
        XCTAssertEqual(reason("ap_ufixed<128,3>"), .unsupported("width 128 is outside 1...127 for unsigned formats"))
        XCTAssertEqual(reason("ap_fixed<8,3,AP_TRN,AP_WRAP,9>"), .unsupported("saturation bits 9 are outside 0...8"))
        XCTAssertEqual(
            reason("ap_ufixed<8,3,AP_TRN,AP_WRAP_SM>"),
            .unsupported("AP_WRAP_SM is not supported by unsigned formats (ap_ufixed rejects it too)"))
        XCTAssertNotNil(reason("ap_fixed<8,3> x"))
        XCTAssertNotNil(reason("ap_fixed<ap_fixed<8,3>>"))
        XCTAssertNotNil(reason("ap_fixed<8,99999>"))
        XCTAssertNotNil(reason(""))

        do {
            _ = try FixedPointType.parse("ap_fixed<8,3,AP_ROUND>")
        } catch {
            XCTAssertEqual(
                error.description,
                "invalid fixed-point type 'ap_fixed<8,3,AP_ROUND>': unknown quantization "
                    + "mode 'AP_ROUND' (expected one of AP_TRN, AP_TRN_ZERO, AP_RND, AP_RND_ZERO, AP_RND_MIN_INF, "
                    + "AP_RND_INF, AP_RND_CONV)")
        }
    }
}
