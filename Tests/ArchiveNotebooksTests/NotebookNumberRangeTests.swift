import ArchiveModel
import Foundation
import XCTest

@testable import ArchiveNotebooks

/// Every number a notebook gives is range-checked before the engine converts it.
final class NotebookNumberRangeTests: XCTestCase {
    func parse(_ text: String) throws -> Notebook {
        try NotebookParser.parse(text, path: "nb.md", id: "nb")
    }

    func messages(_ text: String) -> [String] {
        do {
            _ = try parse(text)
            return []
        } catch let list as DiagnosticList {
            return list.diagnostics.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }

    func testHugeOrInfiniteTimeoutIsALocatedErrorNotATrap() {
        for value in ["1e10", ".inf", "3601", "0", "-5", ".nan"] {
            let found = messages("---\ntitle: T\ntimeout: \(value)\n---\nProse.\n")
            XCTAssertEqual(found.count, 1, value)
            XCTAssertTrue(
                found.first?.hasPrefix("nb.md:3:10: error: 'timeout' must be a number of seconds") == true,
                "\(value): \(found)")
        }
        XCTAssertEqual(try parse("---\ntitle: T\ntimeout: 3600\n---\n").timeoutSeconds, 3600)
    }

    func testEveryUInt64SeedIsAccepted() throws {
        let notebook = try parse("---\ntitle: T\n---\n```kernel sum\nseed: 18446744073709551615\n```\n")
        XCTAssertEqual(notebook.cells.first?.seed, UInt64.max)
        for bad in ["18446744073709551616", "-1", "1.5", "\"7\"", "1e3"] {
            let found = messages("---\ntitle: T\n---\n```kernel sum\nseed: \(bad)\n```\n")
            XCTAssertEqual(found.count, 1, bad)
            XCTAssertTrue(
                found.first?.hasPrefix("nb.md:5:7: error: 'seed' must be an integer from 0 to") == true,
                "\(bad): \(found)")
        }
    }

    func testCredentialURLsInNotebookProseAreRefused() {
        let found = messages("---\ntitle: T\n---\nSee the [recording](https://u:p@cds.example.org/v).\n")
        XCTAssertEqual(found.count, 1)
        XCTAssertTrue(found.first?.hasPrefix("nb.md:4:21: error: URL 'https://cds.example.org/…'") == true, "\(found)")
    }
}
