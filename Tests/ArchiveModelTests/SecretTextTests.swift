import ArchiveModel
import XCTest

final class SecretTextTests: XCTestCase {
    func testEachKindIsFoundAtItsColumn() {
        let text = """
            Join: pwd=abc (Webex) and Passwort : geheim1
            indp_ABCDEFGHIJKLMNOPQRSTUVWXYZ glpat-abcdefghijklmnopqrst1 xoxb-1234567890-abc
            -----BEGIN RSA PRIVATE KEY-----
            """
        let findings = SecretText.findings(in: text)
        XCTAssertEqual(findings.map { "\($0.line):\($0.column)" }, ["1:7", "1:27", "2:1", "2:33", "2:61", "3:1"])
        XCTAssertEqual(
            findings.map(\.kind),
            [
                "a meeting password", "a meeting password", "an Indico API token", "a GitLab token", "a Slack token",
                "a private key",
            ])
        XCTAssertEqual(findings[1].text, "Passwort : geheim1")
    }

    func testWordsThatMerelyStartLikeATokenOrLabelAreNotFindings() {
        for text in [
            "ghp_short", "AKIAIOSFODNN7EXAMPLEX", "xAKIAIOSFODNN7EXAMPLE", "passwords: many", "password:", "pwd: -",
            "https://zoom.us/j/1?pwd=abc", "notindp_ABCDEFGHIJKLMNOPQRSTUVWXYZ", "-----BEGIN CERTIFICATE-----",
        ] {
            XCTAssertEqual(SecretText.findings(in: text).map(\.text), [], text)
        }
    }

    func testGitHubAnnotationsEscapeTheirProperties() {
        let diagnostic = Diagnostic(
            "50% done\nnext", at: SourceLocation(path: "Content/a,b:c.md", line: 3, column: 7))
        XCTAssertEqual(diagnostic.githubAnnotation, "::error file=Content/a%2Cb%3Ac.md,line=3,col=7::50%25 done%0Anext")
        XCTAssertEqual(Diagnostic("w", at: nil, severity: .warning).githubAnnotation, "::warning::w")
        XCTAssertEqual(Diagnostic("n", at: nil, severity: .note).githubAnnotation, "::notice::n")
    }

    func testNearestNameSuggestsOnlyTypos() {
        XCTAssertEqual(NearestName.suggestion(for: "sesion", among: ["session", "speakers"]), "session")
        XCTAssertEqual(NearestName.suggestion(for: "simon-akr", among: ["simon-akar", "simon-baker"]), "simon-akar")
        XCTAssertEqual(NearestName.suggestion(for: "tilte", among: ["title"]), "title")
        XCTAssertNil(NearestName.suggestion(for: "hopper", among: ["grace-hopper"]))
        XCTAssertNil(NearestName.suggestion(for: "x", among: ["title"]))
        XCTAssertEqual(NearestName.suggestion(for: "ab", among: ["ac", "aa"]), "aa", "ties go to byte order")
    }
}
