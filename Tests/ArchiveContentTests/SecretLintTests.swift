import ArchiveContent
import ArchiveModel
import XCTest

/// Meeting passwords and access tokens are errors wherever a content file holds them, unless the
/// file's `allow_secrets` names the exact text; what was allowed is reported as a note.
final class SecretLintTests: XCTestCase {
    func testPasswordsAndTokensInBodyAndFrontMatterAreLocatedErrors() {
        let site = TestSite()
        site.edit(
            "Content/talks/opening.md", replacing: "Abstract with $x^2$.",
            with: "Abstract with $x^2$.\n\nZoom: meeting 123, **Password:** 723827.\n"
                + "Token ghp_abcdefghijklmnopqrstuvwxyz0123456789 and key AKIAIOSFODNN7EXAMPLE.")
        site.edit(
            "Content/talks/opening.md", replacing: "title: \"Welcome and <introduction>\"",
            with: "title: \"Welcome (passcode=Xy7pQ)\"")
        let diagnostics = site.diagnostics()
        XCTAssertEqual(
            diagnostics.map { String($0.prefix(while: { $0 != " " })) },
            [
                "Content/talks/opening.md:2:18:", "Content/talks/opening.md:19:22:",
                "Content/talks/opening.md:20:7:", "Content/talks/opening.md:20:56:",
            ], diagnostics.joined(separator: "\n"))
        XCTAssertTrue(diagnostics[1].contains("a meeting password 'Password:** 7…'"), diagnostics[1])
        XCTAssertTrue(diagnostics[2].contains("a GitHub token 'ghp_a…'"), diagnostics[2])
        XCTAssertTrue(diagnostics[3].contains("an AWS access key id"), diagnostics[3])
        for (diagnostic, secret) in zip(diagnostics, ["Xy7pQ", "723827", "bcdefghij", "IOSFODNN7"]) {
            XCTAssertFalse(diagnostic.contains(secret), "the message repeats the secret: \(diagnostic)")
        }
    }

    func testOrdinaryProseAboutPasswordsIsFine() {
        let site = TestSite()
        site.edit(
            "Content/talks/opening.md", replacing: "Abstract with $x^2$.",
            with: "Abstract with $x^2$: password hashing, the pwd command, ghp_ alone and AKIA12."
                + "\n\nPassword: ***")
        XCTAssertEqual(site.diagnostics(), [])
    }

    func testAllowedTextIsANoteAndUnusedEntriesWarn() throws {
        let site = TestSite()
        site.edit(
            "Content/talks/opening.md", replacing: "recording: recorded",
            with: "recording: recorded\nallow_secrets: [\"Password: none\", \"pwd: unused\"]")
        site.edit(
            "Content/talks/opening.md", replacing: "Abstract with $x^2$.",
            with: "Abstract with $x^2$. Password: none (the room is open).")
        XCTAssertEqual(
            site.diagnostics(),
            [
                "Content/talks/opening.md:12:35: warning: allow_secrets entry matches nothing in this file; remove it",
                "Content/talks/opening.md:18:22: note: a meeting password 'Password: n…' published: allowed by "
                    + "this file's allow_secrets",
            ])
        XCTAssertNoThrow(try site.load())
    }

    func testAllowSecretsMustBeAListOfTexts() {
        let site = TestSite()
        site.edit(
            "Content/talks/opening.md", replacing: "recording: recorded",
            with: "recording: recorded\nallow_secrets: yes")
        XCTAssertEqual(
            site.diagnostics(),
            [
                "Content/talks/opening.md:12:16: error: expected a list of texts for 'allow_secrets', found a single value"
            ])
    }
}
