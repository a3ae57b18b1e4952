import Jets
import JetsJSON
import XCTest

/// No jet read from JSON lines may be big enough to make the cubic correlators run for minutes.
final class JSONLinesJetLimitTests: XCTestCase {
    func particles(_ count: Int) -> String {
        "{\"particles\": [" + Array(repeating: "[1, 0, 0, 1.5]", count: count).joined(separator: ", ") + "]}\n"
    }

    func testJSONLinesJetAboveTheBoundIsALocatedError() throws {
        XCTAssertEqual(try JetsJSONLines.parse(particles(JetLimits.maximumParticles), file: "in.jsonl").count, 1)
        XCTAssertThrowsError(
            try JetsJSONLines.parse("\n" + particles(JetLimits.maximumParticles + 1), file: "in.jsonl")
        ) {
            XCTAssertEqual("\($0)", "in.jsonl:2: error: the jet has 1001 particles; at most 1000 are accepted per jet")
        }
    }
}
