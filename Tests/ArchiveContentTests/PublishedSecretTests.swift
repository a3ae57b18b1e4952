import ArchiveContent
import ArchiveModel
import Foundation
import XCTest

/// Links that carry a password or token must never reach the site, wherever they are written.
final class PublishedSecretTests: XCTestCase {
    func testMaterialURLWithUserAndPasswordIsRefused() {
        let site = TestSite()
        site.edit(
            "Content/talks/opening.md", replacing: "https://indico.example.org/slides.pdf",
            with: "https://alice:hunter2@indico.example.org/slides.pdf")
        let diagnostics = site.diagnostics()
        XCTAssertEqual(diagnostics.count, 1, diagnostics.joined(separator: "\n"))
        XCTAssertTrue(diagnostics[0].hasPrefix("Content/talks/opening.md:13:"), diagnostics[0])
        XCTAssertTrue(diagnostics[0].contains("user name or password"), diagnostics[0])
        XCTAssertFalse(diagnostics[0].contains("hunter2"), "the diagnostic must not repeat the secret")
    }

    func testMeetingPasscodeInQueryIsRefused() {
        let site = TestSite()
        site.edit(
            "Content/talks/opening.md", replacing: "https://indico.example.org/slides.pdf",
            with: "https://cern.zoom.us/j/123?PWD=abc123")
        let diagnostics = site.diagnostics()
        XCTAssertEqual(diagnostics.count, 1, diagnostics.joined(separator: "\n"))
        XCTAssertTrue(diagnostics[0].contains("'pwd='") && !diagnostics[0].contains("abc123"), diagnostics[0])
    }

    func testCredentialsInMarkdownLinksAndTextAreRefusedWithTheirPlace() {
        let site = TestSite()
        site.edit(
            "Content/talks/opening.md", replacing: "Abstract with $x^2$.",
            with: "Abstract with $x^2$.\n\nJoin [here](https://zoom.us/j/1?pwd=s3cret) or at\n"
                + "  <https://bob:pw@example.org/room>.")
        let diagnostics = site.diagnostics()
        XCTAssertEqual(diagnostics.count, 2, diagnostics.joined(separator: "\n"))
        XCTAssertTrue(diagnostics[0].hasPrefix("Content/talks/opening.md:19:13: error:"), diagnostics[0])
        XCTAssertTrue(diagnostics[1].hasPrefix("Content/talks/opening.md:20:4: error:"), diagnostics[1])
    }

    func testOrdinaryQueriesAndAtSignsInPathsStayAllowed() throws {
        let site = TestSite()
        site.edit(
            "Content/talks/opening.md", replacing: "https://indico.example.org/slides.pdf",
            with: "https://indico.example.org/event/1/@list?view=standard&keyword=jets")
        XCTAssertEqual(site.diagnostics(), [])
    }

    func testControlCharactersInBodiesAreRefused() {
        let site = TestSite()
        site.edit("Content/talks/opening.md", replacing: "Abstract with", with: "Abstract\u{1B}[31m with\u{01}")
        let diagnostics = site.diagnostics()
        XCTAssertEqual(diagnostics.count, 2, diagnostics.joined(separator: "\n"))
        XCTAssertTrue(
            diagnostics[0].hasPrefix("Content/talks/opening.md:17:9: error: control character U+001B"),
            diagnostics[0])
    }

    func testPersonBodyIsRefusedNotDropped() {
        let site = TestSite()
        site.write("Content/people/emilie-du-chatelet.md", "---\nname: \"Émilie du Châtelet\"\n---\n\n\nA biography.\n")
        XCTAssertEqual(
            site.diagnostics().map { String($0.prefix(42)) },
            ["Content/people/emilie-du-chatelet.md:6:1: "])
    }
}

/// Bidirectional overrides would reorder the text around a name or title on every page.
final class BidiControlTests: XCTestCase {
    func testOverrideInTitleOrBodyIsRefused() {
        let site = TestSite()
        site.edit("Content/talks/opening.md", replacing: "Welcome and", with: "Welcome \u{202E}and")
        site.edit("Content/talks/opening.md", replacing: "Abstract with", with: "Abstract \u{2067}with")
        let diagnostics = site.diagnostics()
        XCTAssertEqual(diagnostics.count, 2, diagnostics.joined(separator: "\n"))
        XCTAssertTrue(
            diagnostics[0].hasPrefix("Content/talks/opening.md:2:17: error: bidirectional control \\u{202E}"),
            diagnostics[0])
        XCTAssertTrue(
            diagnostics[1].hasPrefix("Content/talks/opening.md:17:10: error: bidirectional control \\u{2067}"),
            diagnostics[1])
    }

    func testRightToLeftNamesWithoutControlsAreFine() {
        let site = TestSite()
        site.edit(
            "Content/people/emilie-du-chatelet.md", replacing: "Émilie du Châtelet", with: "إميلي \u{200F}du Châtelet")
        XCTAssertEqual(site.diagnostics(), [])
    }
}

/// Markdown links the page would silently lose are reported where they are written.
final class MarkdownLinkReportTests: XCTestCase {
    func testDroppedLinksAndImagesAreLocatedErrors() {
        let site = TestSite()
        site.edit(
            "Content/talks/opening.md", replacing: "Abstract with $x^2$.",
            with: """
                Abstract with $x^2$: [run](javascript:alert(1)) and [file](/etc/passwd).
                ![plot](//evil.example/x.png), see [slides](slides.pdf) or [ref][r].
                Fine: [paper](https://arxiv.org/abs/2008.06545) and <mailto:a@example.org>.

                [r]: notes.html
                """)
        let diagnostics = site.diagnostics()
        XCTAssertEqual(
            diagnostics.map { String($0.prefix(while: { $0 != " " })) },
            [
                "Content/talks/opening.md:17:22:", "Content/talks/opening.md:17:53:", "Content/talks/opening.md:18:1:",
                "Content/talks/opening.md:18:36:", "Content/talks/opening.md:18:60:",
            ], diagnostics.joined(separator: "\n"))
        XCTAssertTrue(diagnostics[0].contains("link 'javascript:alert(1)' is a script or data URL"), diagnostics[0])
        XCTAssertTrue(diagnostics[1].contains("is an absolute path"), diagnostics[1])
        XCTAssertTrue(diagnostics[2].contains("is a protocol-relative link"), diagnostics[2])
        XCTAssertTrue(diagnostics[3].contains("is a relative link"), diagnostics[3])
    }
}
