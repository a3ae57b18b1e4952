import ArchiveContent
import ArchiveModel
import Foundation
import XCTest

/// Content written to hurt the build: each test reproduces one attack and asserts the located error.
final class HostileContentTests: XCTestCase {
    /// A person file of nine levels of `&aN [*aN-1 × 10]` ending in `? *a8 : 1` (a 10⁹-node key,
    /// which Yams would hash for its duplicate check): refused before Yams composes it.
    func testAliasBombAsMappingKeyIsRefusedQuickly() {
        var yaml = "name: Bomb\nx0: &a0 x\n"
        for level in 1..<9 {
            yaml += "x\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ",")
                + "]\n"
        }
        yaml += "? *a8\n: 1\n"
        let site = TestSite()
        site.write("Content/people/grace-hopper.md", "---\n" + yaml + "---\n")
        let start = Date()
        let diagnostics = site.diagnostics()
        XCTAssertLessThan(Date().timeIntervalSince(start), 2)
        XCTAssertEqual(diagnostics.count, 1, diagnostics.joined(separator: "\n"))
        XCTAssertTrue(diagnostics.first?.hasPrefix("Content/people/grace-hopper.md:7:") == true
                      && diagnostics.first?.contains("aliases expand this YAML to more than") == true,
                      diagnostics.first ?? "")
    }
}
