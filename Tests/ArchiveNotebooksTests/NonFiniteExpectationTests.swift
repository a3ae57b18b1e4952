import ArchiveModel
import Foundation
import XCTest

@testable import ArchiveNotebooks

/// `expect:` may not pass by arithmetic accident: an infinite band (`rtol × |inf|`) passes anything.
final class NonFiniteExpectationTests: XCTestCase {
    let output = KernelOutput(tables: [
        ResultTable(
            id: "t", title: "T", columns: [TableColumn("x", label: "X")], rows: [[.real(5, decimals: 3)]])
    ])
    let infinite = KernelOutput(tables: [
        ResultTable(
            id: "t", title: "T", columns: [TableColumn("x", label: "X")], rows: [[.real(.infinity, decimals: 3)]])
    ])

    func problems(_ yaml: String, against output: KernelOutput) throws -> [String] {
        let node = try XCTUnwrap(try YAMLTree.parse(yaml, path: "nb.md", firstLine: 1))
        let (expectation, parseProblems) = Expectation.parse(node)
        return (parseProblems + expectation.check(output)).map(\.description)
    }

    func testInfiniteOrNaNExpectedValueFailsAgainstAFiniteResult() throws {
        for value in [".inf", "-.inf", ".nan"] {
            let found = try problems("t:\n  rtol: 0.01\n  rows:\n    - {x: \(value)}", against: output)
            XCTAssertEqual(found.count, 1, value)
            XCTAssertTrue(found.first?.contains("row 1, x: ") == true, "\(value): \(found)")
        }
    }

    func testInfinityMatchesOnlyTheSameInfinity() throws {
        XCTAssertEqual(try problems("t:\n  rows:\n    - {x: .inf}", against: infinite), [])
        XCTAssertEqual(try problems("t:\n  rows:\n    - {x: -.inf}", against: infinite).count, 1)
        XCTAssertEqual(try problems("t:\n  rows:\n    - {x: 5}", against: infinite).count, 1)
    }

    func testInfiniteOrNegativeTolerancesAreRefused() throws {
        for tolerance in ["rtol: .inf", "atol: .inf", "atol: -1", "rtol: .nan", "atol: {x: .inf}"] {
            let found = try problems("t:\n  \(tolerance)\n  rows:\n    - {x: 1000}", against: output)
            XCTAssertTrue(
                found.first?.contains("a tolerance must be a finite, non-negative number") == true,
                "\(tolerance): \(found)")
        }
    }
}
