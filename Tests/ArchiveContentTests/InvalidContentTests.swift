import ArchiveContent
import ArchiveModel
import Foundation
import XCTest

extension XCTestCase {
    func assertDiagnostics(
        _ site: TestSite, _ expected: [String], file: StaticString = #filePath,
        line: UInt = #line
    ) {
        let actual = site.diagnostics()
        XCTAssertEqual(actual, expected, "\n" + actual.joined(separator: "\n"), file: file, line: line)
    }
}

/// One test per class of bad input in files, keys, values and times, each asserting the exact
/// diagnostics (path, line, column, message) of a run on the valid test site with one file broken.
final class InvalidContentTests: XCTestCase {
    // MARK: Files and front matter

    func testMalformedYAML() {
        let site = TestSite()
        site.edit("Content/talks/opening.md", replacing: "session: mon-morning", with: "session: mon: morning")
        site.edit(
            "Content/talks/jets.md", replacing: "tracks: [data-reduction, analysis]",
            with: "tracks: [data-reduction, analysis")
        assertDiagnostics(
            site,
            [
                "Content/talks/jets.md:8:10: error: malformed YAML: did not find expected ',' or ']' "
                    + "(while parsing a flow sequence at line 7, column 9)",
                "Content/talks/opening.md:3:13: error: malformed YAML: mapping values are not allowed in this context",
            ])
    }

    func testDuplicateKeyIsReportedAtTheRepetition() {
        let site = TestSite()
        site.edit("Content/talks/jets.md", replacing: "duration: 45", with: "duration: 45\ntitle: Again")
        site.edit("Content/workshop.md", replacing: "    number: 1\n", with: "    number: 1\n    number: 3\n")
        assertDiagnostics(
            site,
            [
                "Content/talks/jets.md:6:1: error: duplicate key 'title' (first given at line 2)",
                "Content/workshop.md:20:5: error: duplicate key 'number' (first given at line 19)",
            ])
    }

    func testMissingAndUnclosedFrontMatter() {
        let site = TestSite()
        site.write("Content/talks/opening.md", "title: \"No front matter\"\n")
        site.write("Content/talks/jets.md", "---\ntitle: \"Never closed\"\nsession: mon-morning\n")
        site.write("Content/people/grace-hopper.md", "")
        site.write("Content/people/emilie-du-chatelet.md", "---\n---\n")
        assertDiagnostics(
            site,
            [
                "Content/people/emilie-du-chatelet.md:1:1: error: missing required key 'name' in person",
                "Content/people/grace-hopper.md:1:1: error: missing front matter: the file must start with a line '---'",
                "Content/talks/jets.md:4:1: error: front matter is not closed: expected a line '---' after the YAML",
                "Content/talks/opening.md:1:1: error: missing front matter: the file must start with a line '---'",
            ])
    }

    func testNonUTF8FileIsReportedAtTheFirstBadByte() {
        let site = TestSite()
        // "École Universit\xE9" in Latin-1: the column counts characters, not bytes ("É" is 2 bytes).
        let bytes =
            Array("---\nname: \"Émilie du Châtelet\"\naffiliations: [\"École Universit".utf8) + [0xE9]
            + Array("\"]\n---\n".utf8)
        site.write("Content/people/emilie-du-chatelet.md", bytes: bytes)
        site.write("Content/talks/opening.md", bytes: Array(TestSite.opening.utf8) + [0xC3, 0x28])
        assertDiagnostics(
            site,
            [
                "Content/people/emilie-du-chatelet.md:3:32: error: file is not valid UTF-8",
                "Content/talks/opening.md:17:21: error: file is not valid UTF-8",
            ])
    }

    func testControlCharacters() {
        let site = TestSite()
        site.edit(
            "Content/talks/opening.md", replacing: "title: \"Welcome and <introduction>\"",
            with: "title: \"Welcome\\a\"")
        site.edit("Content/talks/jets.md", replacing: "title: Jets at 14:00", with: "title: Jets \u{7} at 14:00")
        assertDiagnostics(
            site,
            [
                "Content/talks/jets.md:2:13: error: control character U+0007 is not allowed in front matter",
                "Content/talks/opening.md:2:8: error: 'title' must not contain control characters (found U+0007)",
            ])
    }

    func testColumnsCountCharactersNotBytes() {
        let site = TestSite()
        site.edit("Content/talks/jets.md", replacing: "title: Jets at 14:00", with: "title: Jets – ünïcödé 🎉")
        site.edit(
            "Content/talks/jets.md", replacing: "tracks: [data-reduction, analysis]",
            with: "tracks: [\"dätä\", analysys, \"🎉\", \"e\u{301}\", anályses]")
        assertDiagnostics(
            site,
            [
                // A quoted value's position is its opening quote.
                "Content/talks/jets.md:7:10: error: unknown track 'dätä'; the tracks of Content/workshop.md are: "
                    + "analysis, data-reduction",
                "Content/talks/jets.md:7:18: error: unknown track 'analysys'; did you mean 'analysis'? The tracks of "
                    + "Content/workshop.md are: analysis, data-reduction",
                "Content/talks/jets.md:7:28: error: unknown track '🎉'; the tracks of Content/workshop.md are: "
                    + "analysis, data-reduction",
                // "é" written as e + U+0301 is one Character but two Unicode scalars; columns count scalars.
                "Content/talks/jets.md:7:33: error: unknown track 'e\u{301}'; the tracks of Content/workshop.md are: "
                    + "analysis, data-reduction",
                "Content/talks/jets.md:7:39: error: unknown track 'anályses'; did you mean 'analysis'? The tracks of "
                    + "Content/workshop.md are: analysis, data-reduction",
            ])
    }

    func testInvalidFileNames() {
        let site = TestSite()
        // Hidden, so not content (one rule for every folder): neither read nor reported.
        site.write("Content/talks/..evil.md", TestSite.jets)
        site.write("Content/talks/Bad Name.md", TestSite.jets)
        site.write("Content/people/Ada.md", TestSite.ada)
        site.write("Content/sessions/mon--morning.md", TestSite.monMorning)
        site.write("Content/talks/notes.txt", "notes")
        site.makeFolder("Content/talks/drafts")
        site.makeFolder("Content/talks/folder.md")
        assertDiagnostics(
            site,
            [
                "Content/people/Ada.md:1:1: error: invalid file name 'Ada.md': an id is lower-case ASCII letters, "
                    + "digits and single hyphens ([a-z0-9]+(-[a-z0-9]+)*)",
                "Content/sessions/mon--morning.md:1:1: error: invalid file name 'mon--morning.md': an id is lower-case "
                    + "ASCII letters, digits and single hyphens ([a-z0-9]+(-[a-z0-9]+)*)",
                "Content/talks/Bad Name.md:1:1: error: invalid file name 'Bad Name.md': an id is lower-case ASCII "
                    + "letters, digits and single hyphens ([a-z0-9]+(-[a-z0-9]+)*)",
                "Content/talks/drafts:1:1: error: unexpected folder 'drafts' in Content/talks; expected <id>.md files",
                "Content/talks/folder.md:1:1: error: expected a file, found a folder",
                "Content/talks/notes.txt:1:1: error: unexpected file 'notes.txt' in Content/talks; expected <id>.md files",
            ])
    }

    func testUnexpectedTopLevelEntries() {
        let site = TestSite()
        site.write("Content/README.md", "# notes\n")
        site.makeFolder("Content/Talks")
        let expected =
            "; expected workshop.md and the folders sessions, talks and people "
            + "(data, models and notebooks are read by a later stage)"
        assertDiagnostics(
            site,
            [
                "Content/README.md:1:1: error: unexpected file 'README.md' in Content" + expected,
                "Content/Talks:1:1: error: unexpected folder 'Talks' in Content" + expected,
            ])
    }

    func testMissingWorkshopAndContentFolder() {
        let site = TestSite()
        site.remove("Content/workshop.md")
        assertDiagnostics(
            site,
            [
                "Content/workshop.md:1:1: error: missing file: Content/workshop.md holds the workshop's title, dates, "
                    + "time zone and tracks"
            ])
        let missing = TestSite([:])
        missing.remove("Content")
        assertDiagnostics(missing, ["error: content folder 'Content' does not exist"])
    }

    // MARK: Keys and shapes

    func testUnknownKey() {
        let site = TestSite()
        site.edit("Content/talks/jets.md", replacing: "speakers: []", with: "speaker: []")
        site.edit("Content/talks/opening.md", replacing: "  slides:", with: "  slide:")
        assertDiagnostics(
            site,
            [
                "Content/talks/jets.md:6:1: error: unknown key 'speaker' in talk; did you mean 'speakers'? Expected one of: "
                    + "title, session, start, duration, speakers, tracks, recording, recording_note, materials, "
                    + "source, allow_secrets",
                "Content/talks/opening.md:13:3: error: unknown key 'slide' in materials; did you mean 'slides'? Expected one of: "
                    + "slides, video, code, arxiv",
            ])
    }

    func testMissingKey() {
        let site = TestSite()
        site.edit("Content/talks/opening.md", replacing: "duration: 30\n", with: "")
        site.edit("Content/talks/jets.md", replacing: "title: Jets at 14:00", with: "title:")
        site.edit("Content/sessions/mon-morning.md", replacing: "    duration: 15\n", with: "")
        assertDiagnostics(
            site,
            [
                "Content/sessions/mon-morning.md:10:5: error: missing required key 'duration' in break",
                "Content/talks/jets.md:2:1: error: missing value for 'title' in talk",
                "Content/talks/opening.md:2:1: error: missing required key 'duration' in talk",
            ])
    }

    func testWrongShapes() {
        let site = TestSite()
        site.edit("Content/talks/jets.md", replacing: "speakers: []", with: "speakers: ada-lovelace")
        site.edit("Content/talks/jets.md", replacing: "title: Jets at 14:00", with: "title: [Jets, at, 14]")
        site.edit("Content/talks/opening.md", replacing: "  - grace-hopper", with: "  - {id: grace-hopper}")
        site.edit(
            "Content/people/grace-hopper.md", replacing: "name: Grace Brewster Hopper",
            with: "name:\n  first: Grace")
        site.write("Content/people/emilie-du-chatelet.md", "---\n- name\n---\n")
        assertDiagnostics(
            site,
            [
                "Content/people/emilie-du-chatelet.md:2:1: error: expected a mapping of keys to values for the person, "
                    + "found a list",
                "Content/people/grace-hopper.md:3:3: error: expected text for 'name', found a mapping",
                "Content/talks/jets.md:2:8: error: expected text for 'title', found a list",
                "Content/talks/jets.md:6:11: error: expected a list for 'speakers', found a single value",
                // A mapping is the per-appearance form, {person: id, affiliation: "…"}.
                "Content/talks/opening.md:8:5: error: missing required key 'person' in entry of 'speakers'",
                "Content/talks/opening.md:8:6: error: unknown key 'id' in entry of 'speakers'; expected one of: "
                    + "person, affiliation",
            ])
    }

    func testInvalidValues() {
        let site = TestSite()
        site.edit("Content/sessions/mon-morning.md", replacing: "kind: plenary", with: "kind: panel")
        site.edit("Content/talks/jets.md", replacing: "recording: video-with-recorded-qa", with: "recording: yes")
        site.edit("Content/talks/jets.md", replacing: "duration: 45", with: "duration: 0")
        site.edit("Content/talks/opening.md", replacing: "duration: 30", with: "duration: 12.5")
        site.edit("Content/talks/hands-on.md", replacing: "tracks: [analysis]", with: "tracks: []")
        site.edit("Content/workshop.md", replacing: "edition: 2", with: "edition: second")
        site.edit("Content/workshop.md", replacing: "registrations: 120", with: "registrations: -1")
        site.edit(
            "Content/workshop.md", replacing: "source_date: \"2020-10-20T18:00\"",
            with: "source_date: \"2020-10-20 18:00\"")
        site.edit(
            "Content/talks/opening.md", replacing: "[2008.06545, hep-ph/0307015]",
            with: "[2008.06545, \"arXiv:2008.06545\", 2008.06545]")
        site.edit(
            "Content/people/ada-lovelace.md", replacing: "name: \"Ada Lovelace\"", with: "name: \"Dr Ada Lovelace\"")
        assertDiagnostics(
            site,
            [
                "Content/people/ada-lovelace.md:2:7: error: name must not include a title ('Dr'); write the name alone",
                "Content/sessions/mon-morning.md:3:7: error: invalid session kind 'panel'; expected one of: plenary, "
                    + "workshop, tutorial, seminar, walk-through",
                // An empty track list is allowed (an import from an event without tracks): "No track".
                "Content/talks/jets.md:5:11: error: expected a duration in whole minutes (1 to 1440) for 'duration', "
                    + "found '0'",
                "Content/talks/jets.md:8:12: error: invalid recording 'yes'; expected one of: recorded, not-recorded, "
                    + "video-with-recorded-qa, unknown",
                "Content/talks/opening.md:5:11: error: expected a duration in whole minutes (1 to 1440) for 'duration', "
                    + "found '12.5'",
                "Content/talks/opening.md:14:23: error: invalid arXiv id 'arXiv:2008.06545'; expected e.g. 2008.06545, "
                    + "2008.06545v2 or hep-ph/0307015",
                "Content/talks/opening.md:14:43: error: '2008.06545' is listed twice in 'arxiv'",
                "Content/workshop.md:5:10: error: expected an edition number (1 or more) for 'edition', found 'second'",
                "Content/workshop.md:12:16: error: expected a number of registrations (0 or more) for 'registrations', "
                    + "found '-1'",
                "Content/workshop.md:13:14: error: invalid date and time '2020-10-20 18:00'; expected YYYY-MM-DDTHH:MM",
            ])
    }

    // MARK: Times and days

    func testInvalidTime() {
        let site = TestSite()
        site.edit("Content/talks/opening.md", replacing: "start: \"09:00\"", with: "start: \"25:00\"")
        site.edit("Content/sessions/tue-tutorial.md", replacing: "end: \"16:00\"", with: "end: 9:5")
        site.edit("Content/sessions/mon-morning.md", replacing: "    start: \"10:30\"", with: "    start: \"10:60\"")
        assertDiagnostics(
            site,
            [
                "Content/sessions/mon-morning.md:11:12: error: invalid time '10:60'; expected \"HH:MM\" from 00:00 to 23:59",
                "Content/sessions/tue-tutorial.md:6:6: error: invalid time '9:5'; expected \"HH:MM\" from 00:00 to 23:59",
                "Content/talks/opening.md:4:8: error: invalid time '25:00'; expected \"HH:MM\" from 00:00 to 23:59",
            ])
    }

    func testInvalidDay() {
        let site = TestSite()
        site.edit("Content/sessions/mon-morning.md", replacing: "day: 2020-10-19", with: "day: 2020-02-30")
        site.edit("Content/sessions/tue-tutorial.md", replacing: "day: \"2020-10-20\"", with: "day: \"2020-10-21\"")
        site.edit("Content/workshop.md", replacing: "start_date: \"2020-10-19\"", with: "start_date: \"19.10.2020\"")
        assertDiagnostics(
            site,
            [
                "Content/sessions/mon-morning.md:4:6: error: invalid day '2020-02-30'; expected a calendar date YYYY-MM-DD",
                "Content/workshop.md:6:13: error: invalid day '19.10.2020'; expected a calendar date YYYY-MM-DD",
            ])
        // With valid workshop dates, a session day after the workshop is refused.
        site.write("Content/workshop.md", TestSite.workshop)
        site.write("Content/sessions/mon-morning.md", TestSite.monMorning)
        assertDiagnostics(
            site,
            [
                "Content/sessions/tue-tutorial.md:4:6: error: day 2020-10-21 is outside the workshop (2020-10-19 to 2020-10-20)"
            ])
    }

    func testSessionMustEndAfterItStarts() {
        let site = TestSite()
        site.edit("Content/sessions/tue-tutorial.md", replacing: "end: \"16:00\"", with: "end: \"14:00\"")
        site.edit("Content/workshop.md", replacing: "end_date: 2020-10-20", with: "end_date: 2020-10-18")
        assertDiagnostics(
            site,
            [
                "Content/sessions/mon-morning.md:4:6: error: day 2020-10-19 is outside the workshop (2020-10-19 to 2020-10-18)",
                "Content/sessions/tue-tutorial.md:4:6: error: day 2020-10-20 is outside the workshop (2020-10-19 to 2020-10-18)",
                "Content/sessions/tue-tutorial.md:6:6: error: session ends at 14:00, not after it starts (14:00)",
                "Content/workshop.md:7:11: error: end_date 2020-10-18 is before start_date 2020-10-19",
            ])
    }

    func testUnknownTimeZone() {
        let site = TestSite()
        site.edit("Content/workshop.md", replacing: "time_zone: \"Europe/Zurich\"", with: "time_zone: \"Europe/Zurch\"")
        assertDiagnostics(
            site,
            [
                "Content/workshop.md:8:12: error: unknown time zone 'Europe/Zurch'; expected an IANA name such as Europe/Zurich"
            ])
        site.write(
            "Content/workshop.md", TestSite.workshop.replacingOccurrences(of: "\"Europe/Zurich\"", with: "GMT+2"))
        assertDiagnostics(
            site,
            [
                "Content/workshop.md:8:12: error: unknown time zone 'GMT+2'; expected an IANA name such as Europe/Zurich"
            ])
    }

    func testLocalTimesThatDoNotExist() {
        // In Zurich the clocks went from 02:00 to 03:00 on 28 March 2021.
        let site = TestSite()
        site.edit("Content/workshop.md", replacing: "start_date: \"2020-10-19\"", with: "start_date: \"2021-03-28\"")
        site.edit("Content/workshop.md", replacing: "end_date: 2020-10-20", with: "end_date: 2021-03-29")
        site.edit(
            "Content/workshop.md", replacing: "source_date: \"2020-10-20T18:00\"",
            with: "source_date: \"2021-03-28T02:15\"")
        site.edit("Content/sessions/mon-morning.md", replacing: "day: 2020-10-19", with: "day: 2021-03-28")
        site.edit("Content/sessions/tue-tutorial.md", replacing: "day: \"2020-10-20\"", with: "day: \"2021-03-29\"")
        site.write(
            "Content/sessions/night.md",
            """
            ---
            title: "Night shift"
            kind: seminar
            day: 2021-03-28
            start: "02:30"
            end: "03:30"
            ---
            """)
        site.write(
            "Content/sessions/early.md",
            """
            ---
            title: "Early"
            kind: seminar
            day: 2021-03-28
            start: "01:30"
            end: "03:30"
            room: "Room 2"
            ---
            """)
        assertDiagnostics(
            site,
            [
                "Content/sessions/early.md:6:6: error: the clocks change during this session (Europe/Zurich); split it at the change",
                "Content/sessions/night.md:5:8: error: local time 02:30 does not exist on 2021-03-28 in Europe/Zurich "
                    + "(the clocks skip it)",
                "Content/workshop.md:13:14: error: local time 02:15 does not exist on 2021-03-28 in Europe/Zurich "
                    + "(the clocks skip it)",
            ])
        site.remove("Content/sessions/night.md")
        site.remove("Content/sessions/early.md")
        site.edit("Content/workshop.md", replacing: "2021-03-28T02:15", with: "2021-03-28T03:15")
        let content = try! site.load()
        XCTAssertEqual(content.workshop.sourceDate.iso8601, "2021-03-28T03:15+02:00")
        XCTAssertEqual(content.workshop.timeZoneAbbreviation, "CEST")
        XCTAssertEqual(content.sessions.map(\.utcOffsetMinutes), [120, 120])
    }
}
