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
            yaml +=
                "x\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ",")
                + "]\n"
        }
        yaml += "? *a8\n: 1\n"
        let site = TestSite()
        site.write("Content/people/grace-hopper.md", "---\n" + yaml + "---\n")
        let start = Date()
        let diagnostics = site.diagnostics()
        XCTAssertLessThan(Date().timeIntervalSince(start), 2)
        XCTAssertEqual(diagnostics.count, 1, diagnostics.joined(separator: "\n"))
        XCTAssertTrue(
            diagnostics.first?.hasPrefix("Content/people/grace-hopper.md:7:") == true
                && diagnostics.first?.contains("aliases expand this YAML to more than") == true,
            diagnostics.first ?? "")
    }

    /// Yams gives an aliased value its anchor's position; the error must point where the alias is.
    func testErrorsInAliasedValuesPointAtTheAlias() {
        let site = TestSite()
        site.write(
            "Content/people/grace-hopper.md",
            """
            ---
            name: &n Grace Hopper
            sort_as: "Hopper, Grace"
            affiliations: &a ["Navy", "Yale"]
            aliases: [*n, "Amazing Grace", *n]
            ---
            """)
        site.write(
            "Content/people/emilie-du-chatelet.md",
            """
            ---
            name: "Émilie du Châtelet"
            affiliations: &a ["Paris", "Paris"]
            aliases: *a
            ---
            """)
        XCTAssertEqual(
            site.diagnostics().map { String($0.prefix(50)) },
            [
                "Content/people/emilie-du-chatelet.md:3:28: error: ",
                "Content/people/emilie-du-chatelet.md:4:10: error: ",
                "Content/people/grace-hopper.md:5:11: error: alias ",
                "Content/people/grace-hopper.md:5:32: error: 'Grace",
            ])
    }

    /// libyaml and cmark-gfm end a line at a lone CR (libyaml also at U+2028): the positions they
    /// report would then be below the line the editor shows, so only LF and CRLF end lines.
    func testLineEndsOtherThanLFAndCRLFAreRefusedWhereTheyAre() {
        let site = TestSite()
        site.edit("Content/talks/opening.md", replacing: "Abstract with", with: "Abstract\rwith\r")
        site.edit("Content/people/ada-lovelace.md", replacing: "Analytical", with: "Analytical\u{2028}")
        site.write("Content/people/grace-hopper.md", "---\r\nname: Grace Hopper\r\n---\r\n")
        XCTAssertEqual(
            site.diagnostics(),
            [
                "Content/people/ada-lovelace.md:4:16: error: line separator \\u{2028} ends a line here; "
                    + "lines must end with LF or CRLF",
                "Content/talks/opening.md:17:9: error: a carriage return without a line feed ends a line here "
                    + "(2 in this file); lines must end with LF or CRLF",
            ])
    }
}

/// The file system as a careless organiser or a hostile contributor leaves it.
final class HostileFolderTests: XCTestCase {
    func testUnreadableTalksFolderFailsTheLoadInsteadOfUnpublishingTheTalks() throws {
        let site = TestSite()
        let talks = site.contentDirectory + "/talks"
        XCTAssertEqual(chmod(talks, 0), 0)
        defer { chmod(talks, 0o755) }
        guard getuid() == 0, let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "setfsuid") else {
            XCTAssertEqual(site.diagnostics(), ["Content/talks:1:1: error: cannot list the folder: Permission denied"])
            return
        }
        // As root, only a thread without file-system capabilities sees the folder as unreadable.
        let setfsuid = unsafeBitCast(symbol, to: (@convention(c) (UInt32) -> Int32).self)
        _ = setfsuid(65534)
        let diagnostics = site.diagnostics()
        _ = setfsuid(0)
        XCTAssertTrue(
            diagnostics.contains("Content/talks:1:1: error: cannot list the folder: Permission denied"),
            diagnostics.joined(separator: "\n"))
    }

    func testSymbolicLinkOutOfTheContentFolderIsRefused() throws {
        let site = TestSite()
        try FileManager.default.createSymbolicLink(
            atPath: site.contentDirectory + "/people/root.md",
            withDestinationPath: "/etc/passwd")
        XCTAssertEqual(
            site.diagnostics(),
            [
                "Content/people/root.md:1:1: error: symbolic link leads outside Content (to /etc/passwd); "
                    + "only files inside it are read"
            ])
    }

    func testHiddenFilesAreIgnoredInEveryFolder() {
        let site = TestSite()
        site.write("Content/.DS_Store", "")
        site.write("Content/talks/.gitkeep", "")
        site.write("Content/people/.x.md.swp", "")
        XCTAssertEqual(site.diagnostics(), [])
    }
}

/// A name that looks like another person's but is spelt with other letters is probably the same
/// person entered twice (or an impersonation): a warning, not an error, since it may be right.
final class LookAlikeNameTests: XCTestCase {
    func testCyrillicHomoglyphOfAnExistingNameIsAWarning() throws {
        let site = TestSite()
        site.write("Content/people/zz-ada.md", "---\nname: \"\u{0410}da L\u{043E}velace\"\n---\n")
        let (content, warnings) = try ContentLoader(contentDirectory: site.contentDirectory).loadReportingWarnings()
        XCTAssertEqual(content.people.count, 4)
        XCTAssertEqual(
            warnings.map { $0.description.replacingOccurrences(of: site.root + "/", with: "") },
            [
                "Content/people/zz-ada.md:2:7: warning: name 'Аda Lоvelace' looks like 'Ada Lovelace' of "
                    + "Content/people/ada-lovelace.md but is written with other letters (U+0410 CYRILLIC CAPITAL "
                    + "LETTER A, U+043E CYRILLIC SMALL LETTER O); if it is the same person, merge the two files"
            ])
    }

    func testWarningsAreListedWithTheErrorsWhenTheLoadFails() {
        let site = TestSite()
        site.write("Content/people/zz-grace.md", "---\nname: \"Grace Brewster H\u{043E}pper\"\n---\n")
        site.edit("Content/talks/jets.md", replacing: "duration: 45", with: "duration: 0")
        XCTAssertEqual(
            site.diagnostics().map { String($0.prefix(38)) },
            [
                "Content/people/zz-grace.md:2:7: warnin",
                "Content/talks/jets.md:5:11: error: exp",
            ])
    }

    func testDifferentPeopleWithSimilarButDistinctNamesAreFine() {
        let site = TestSite()
        site.write("Content/people/zz-adam.md", "---\nname: \"Adam Lovelace\"\n---\n")
        site.write("Content/people/zz-ivan.md", "---\nname: \"\u{0418}\u{0432}\u{0430}\u{043D} Lovelace\"\n---\n")
        XCTAssertEqual(site.diagnostics(), [])
    }
}
