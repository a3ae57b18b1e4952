import XCTest
import YAMLBounds

final class YAMLAliasScanTests: XCTestCase {
    /// Ten levels of `&aN [*aN-1 × 10]`: 10¹⁰ nodes once expanded.
    static func bomb(levels: Int, asKey: Bool) -> String {
        var text = "a0: &a0 x\n"
        for level in 1..<levels {
            let aliases = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ",")
            text += "a\(level): &a\(level) [\(aliases)]\n"
        }
        text += asKey ? "? *a\(levels - 1)\n: 1\n" : "b: *a\(levels - 1)\n"
        return text
    }

    func testAliasBombIsRefusedAtTheAliasThatExceedsTheBound() throws {
        let problem = try XCTUnwrap(YAMLAliasScan.check(Self.bomb(levels: 10, asKey: false)))
        XCTAssertTrue(problem.message.hasPrefix("aliases expand this YAML to more than 10000 nodes"), problem.message)
        // Level 4 (`a4: &a4 [*a3, …]`) is the first whose aliases pass 10,000 nodes.
        XCTAssertEqual(problem.line, 5)
    }

    func testComplexKeyIsRefused() {
        let problem = YAMLAliasScan.check(Self.bomb(levels: 3, asKey: true))
        XCTAssertEqual(problem?.message, "complex mapping keys ('? ') are not supported: keys are plain text")
        XCTAssertEqual(problem?.line, 4)
        XCTAssertEqual(problem?.column, 1)
    }

    func testAliasAsKeyIsRefused() {
        let problem = YAMLAliasScan.check("a: &k x\n*k : 1\n")
        XCTAssertEqual(problem, .init(line: 2, column: 1, message: "an alias ('*k') cannot be a mapping key"))
    }

    func testOrdinaryAliasesAndTextThatLooksLikeAliasesPass() {
        XCTAssertNil(YAMLAliasScan.check("base: &b {x: 1, y: 2}\none: *b\ntwo: *b\n"))
        XCTAssertNil(YAMLAliasScan.check("title: \"*bold* & *more*\"\nnote: '&x *x'\n# *a comment\n"))
        let block = "text: |\n" + String(repeating: "  *a* &a *a* *a* *a*\n", count: 2000) + "done: 1\n"
        XCTAssertNil(YAMLAliasScan.check(block))
        XCTAssertNil(YAMLAliasScan.check("query: a ? b\nratio: 3:4\n"))
    }

    /// Many uses of a small anchor are fine; the bound is on the total.
    func testTotalExpansionIsBounded() {
        let many = "a: &a [1, 2, 3]\n" + (0..<1000).map { "k\($0): *a\n" }.joined()
        XCTAssertNil(YAMLAliasScan.check(many))
        let more = "a: &a [1, 2, 3]\n" + (0..<5000).map { "k\($0): *a\n" }.joined()
        // `&a [1, 2, 3]` counts 5 items (the anchor, two commas, the line end, one more per use):
        // the 2,000th use passes 10,000.
        XCTAssertEqual(YAMLAliasScan.check(more)?.line, 2002)
    }
}
