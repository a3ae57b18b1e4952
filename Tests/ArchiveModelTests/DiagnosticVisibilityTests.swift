import ArchiveModel
import XCTest

/// A diagnostic shows exactly what is in the file: invisible characters are written out.
final class DiagnosticVisibilityTests: XCTestCase {
    func testInvisibleCharactersAreEscapedInMessagesAndPaths() {
        let diagnostic = Diagnostic(
            "unknown speaker 'ada\u{200B}' in \u{202E}txt.exe",
            at: SourceLocation(path: "Content/talks/a\u{FEFF}.md", line: 2, column: 3))
        XCTAssertEqual(
            diagnostic.description,
            "Content/talks/a\\u{FEFF}.md:2:3: error: unknown speaker 'ada\\u{200B}' in \\u{202E}txt.exe")
    }

    func testOrdinaryTextNewlinesAndTabsAreKept() {
        let text = "table 'x' differs:\n\trow 1: Émilie du Châtelet, 東京, עברית"
        XCTAssertEqual(Diagnostic.visible(text), text)
        XCTAssertEqual(Diagnostic.visible("a\u{1B}[31m"), "a\\u{1B}[31m")
    }
}
