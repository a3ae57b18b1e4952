import Jets
import XCTest

/// No jet may be big enough to make the cubic correlators run for minutes.
final class JetLimitTests: XCTestCase {
    func testDatasetJetAboveTheBoundIsRefused() {
        let rows = JetLimits.maximumParticles + 1
        XCTAssertThrowsError(
            try JetDataset(
                constituents: [Float](repeating: 1, count: (rows + 1) * 4),
                offsets: [0, 1, 1 + rows], labels: [0, 1])
        ) {
            XCTAssertTrue("\($0)".contains("jet 1 has 1001 particles"), "\($0)")
        }
    }
}
