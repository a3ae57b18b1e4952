import ArchiveModel
import Foundation
import XCTest

@testable import ArchiveNotebooks

/// Notebooks written to hurt the build: each test reproduces one attack and asserts the located error.
final class HostileNotebookTests: XCTestCase {
    static func bomb(levels: Int, indent: String = "") -> String {
        var yaml = "\(indent)x0: &a0 x\n"
        for level in 1..<levels {
            yaml +=
                "\(indent)x\(level): &a\(level) ["
                + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ",") + "]\n"
        }
        return yaml + "\(indent)? *a\(levels - 1)\n\(indent): 1\n"
    }

    func diagnostics(_ text: String) -> [String] {
        do {
            _ = try NotebookParser.parse(text, path: "nb.md", id: "nb")
            return []
        } catch let list as DiagnosticList {
            return list.diagnostics.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }

    func testLoneCarriageReturnInCellYAMLIsRefusedAtItsLine() {
        XCTAssertEqual(
            diagnostics("---\ntitle: T\n---\nProse.\n\n```kernel sum\nparams:\n  a:\r 1\n```\n"),
            [
                "nb.md:8:5: error: a carriage return without a line feed ends a line here; "
                    + "lines must end with LF or CRLF"
            ])
    }

    func testAliasBombInFrontMatterIsRefusedQuickly() {
        let start = Date()
        let found = diagnostics("---\ntitle: Bomb\n" + Self.bomb(levels: 9) + "---\nProse.\n")
        XCTAssertLessThan(Date().timeIntervalSince(start), 2)
        XCTAssertEqual(found.count, 1, found.joined(separator: "\n"))
        XCTAssertTrue(
            found.first?.hasPrefix("nb.md:7:") == true && found.first?.contains("aliases expand") == true,
            found.first ?? "")
    }

    func testAliasBombInCellYAMLIsRefusedQuickly() {
        let start = Date()
        let found = diagnostics(
            "---\ntitle: Bomb\n---\nProse.\n\n```kernel sum\nparams:\n"
                + Self.bomb(levels: 9, indent: "  ") + "```\n")
        XCTAssertLessThan(Date().timeIntervalSince(start), 2)
        XCTAssertEqual(found.count, 1, found.joined(separator: "\n"))
        XCTAssertTrue(
            found.first?.hasPrefix("nb.md:12:") == true && found.first?.contains("aliases expand") == true,
            found.first ?? "")
    }
}

/// `summary` used to be accepted and dropped; it is now the notebook's one-paragraph description.
final class NotebookSummaryTests: XCTestCase {
    func testSummaryIsKeptTrimmed() throws {
        let notebook = try NotebookParser.parse(
            "---\ntitle: T\nsummary: \"  What it shows.  \"\n---\nProse.\n",
            path: "nb.md", id: "nb")
        XCTAssertEqual(notebook.summary, "What it shows.")
        XCTAssertNil(try NotebookParser.parse("---\ntitle: T\n---\n", path: "nb.md", id: "nb").summary)
    }

    func testEmptyOrControlCharacterSummaryIsALocatedError() {
        for (summary, message) in [
            ("\" \"", "'summary' must not be empty"),
            ("\"a\\u0007b\"", "'summary' must not contain control characters (found U+0007)"),
        ] {
            XCTAssertThrowsError(
                try NotebookParser.parse("---\ntitle: T\nsummary: \(summary)\n---\n", path: "nb.md", id: "nb")
            ) {
                XCTAssertEqual(
                    ($0 as? DiagnosticList)?.diagnostics.map(\.description), ["nb.md:3:10: error: " + message])
            }
        }
    }
}

/// A notebook is content like any other: the secrets lint reads its front matter, prose and cells.
final class NotebookSecretTests: XCTestCase {
    func testPasswordInProseIsAnErrorUnlessAllowed() throws {
        let body = "---\ntitle: T\n---\nThe room: https://example.org/room, passcode: 9911.\n"
        XCTAssertThrowsError(try NotebookParser.parse(body, path: "n.md", id: "n")) { error in
            XCTAssertEqual(
                (error as? DiagnosticList)?.diagnostics.map { String($0.description.prefix(38)) },
                ["n.md:4:37: error: a meeting password '"])
        }
        let allowed = body.replacingOccurrences(of: "title: T", with: "title: T\nallow_secrets: [\"passcode: 9911.\"]")
        let notebook = try NotebookParser.parse(allowed, path: "n.md", id: "n")
        XCTAssertEqual(notebook.notes.map(\.severity), [.note])
        XCTAssertEqual(notebook.notes.first?.location?.line, 5)
    }
}
