import Jets
import XCTest

/// No jet may be big enough to make the cubic correlators run for minutes.
final class JetLimitTests: XCTestCase {
    func particles(_ count: Int) -> String {
        "{\"particles\": [" + Array(repeating: "[1, 0, 0, 1.5]", count: count).joined(separator: ", ") + "]}\n"
    }

    func testJSONLinesJetAboveTheBoundIsALocatedError() throws {
        XCTAssertEqual(try JetsJSONLines.parse(particles(JetLimits.maximumParticles), file: "in.jsonl").count, 1)
        XCTAssertThrowsError(try JetsJSONLines.parse("\n" + particles(JetLimits.maximumParticles + 1), file: "in.jsonl")) {
            XCTAssertEqual("\($0)", "in.jsonl:2: error: the jet has 1001 particles; at most 1000 are accepted per jet")
        }
    }

    func testDatasetJetAboveTheBoundIsRefused() {
        let rows = JetLimits.maximumParticles + 1
        XCTAssertThrowsError(try JetDataset(constituents: [Float](repeating: 1, count: (rows + 1) * 4),
                                            offsets: [0, 1, 1 + rows], labels: [0, 1])) {
            XCTAssertTrue("\($0)".contains("jet 1 has 1001 particles"), "\($0)")
        }
    }
}
