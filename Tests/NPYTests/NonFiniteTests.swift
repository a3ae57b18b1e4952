import NPY
import XCTest

final class NonFiniteTests: XCTestCase {
    func testRequireFiniteNamesTheFirstNaNOrInfinity() throws {
        XCTAssertNoThrow(try NPYArray([Float(1), 2, 3]).requireFinite())
        XCTAssertThrowsError(try NPYArray([1.0, .infinity, .nan] as [Double]).requireFinite()) { error in
            XCTAssertEqual(error as? NPYError, .nonFinite(index: 1, value: "inf"))
            XCTAssertEqual("\(error)", "element 1 is inf; only finite numbers are accepted")
        }
        XCTAssertThrowsError(try NPYArray([Float(0), -.nan]).requireFinite())
        XCTAssertNoThrow(try NPYArray([Int64.max, Int64.min]).requireFinite())
    }
}
