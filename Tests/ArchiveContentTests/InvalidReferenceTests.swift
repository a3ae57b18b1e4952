import ArchiveContent
import ArchiveModel
import Foundation
import XCTest

/// One test per class of bad input across files (references, timetable, duplicates, links),
/// each asserting the exact diagnostics of a run on the valid test site with one file broken.
final class InvalidReferenceTests: XCTestCase {
    // MARK: References

    func testUnknownSpeaker() {
        let site = TestSite()
        site.edit("Content/talks/opening.md", replacing: "  - grace-hopper", with: "  - grace-hoper")
        assertDiagnostics(
            site,
            [
                "Content/talks/opening.md:8:5: error: unknown person 'grace-hoper' in 'speakers'; "
                    + "did you mean 'grace-hopper'? No file Content/people/grace-hoper.md"
            ])
    }

    func testUnknownOrganiserAndConvener() {
        let site = TestSite()
        site.edit("Content/workshop.md", replacing: "  - \"ada-lovelace\"", with: "  - \"Ada Lovelace\"")
        site.edit("Content/sessions/mon-morning.md", replacing: "  - grace-hopper", with: "  - hopper")
        assertDiagnostics(
            site,
            [
                "Content/sessions/mon-morning.md:8:5: error: unknown person 'hopper' in 'conveners'; "
                    + "no file Content/people/hopper.md",
                "Content/workshop.md:11:5: error: unknown person 'Ada Lovelace' in 'organisers'; "
                    + "did you mean 'ada-lovelace'? No file Content/people/Ada Lovelace.md",
            ])
    }

    func testUnknownTrack() {
        let site = TestSite()
        site.edit(
            "Content/talks/jets.md", replacing: "tracks: [data-reduction, analysis]",
            with: "tracks: [data-reduction, analysys]")
        assertDiagnostics(
            site,
            [
                "Content/talks/jets.md:7:26: error: unknown track 'analysys'; did you mean 'analysis'? The tracks of "
                    + "Content/workshop.md are: analysis, data-reduction"
            ])
    }

    func testUnknownSession() {
        let site = TestSite()
        site.edit("Content/talks/opening.md", replacing: "session: mon-morning", with: "session: tue-morning")
        assertDiagnostics(
            site,
            [
                "Content/talks/opening.md:3:10: error: unknown session 'tue-morning'; did you mean 'mon-morning'? No file "
                    + "Content/sessions/tue-morning.md"
            ])
    }

    func testReferencesToFilesThatFailedToParseAreNotReportedAgain() {
        let site = TestSite()
        site.write("Content/people/grace-hopper.md", "---\nname: [\n---\n")
        site.write("Content/sessions/mon-morning.md", "---\ntitle: x: y\n---\n")
        XCTAssertEqual(site.diagnostics().count, 2, site.diagnostics().joined(separator: "\n"))
    }

    // MARK: Timetable

    func testOverlappingTalks() {
        let site = TestSite()
        site.edit("Content/talks/opening.md", replacing: "duration: 30", with: "duration: 40")
        assertDiagnostics(
            site,
            [
                "Content/talks/jets.md:4:8: error: talk 09:30–10:15 overlaps Content/talks/opening.md (09:00–09:40)"
            ])
    }

    func testTalksOverlappingBreaks() {
        let site = TestSite()
        site.edit("Content/talks/jets.md", replacing: "duration: 45", with: "duration: 70")
        site.write(
            "Content/talks/late.md",
            """
            ---
            title: "Late"
            session: mon-morning
            start: "10:40"
            duration: 10
            tracks: [analysis]
            recording: unknown
            ---
            """)
        assertDiagnostics(
            site,
            [
                "Content/sessions/mon-morning.md:11:12: error: break 'Coffee break' 10:30–10:45 overlaps "
                    + "Content/talks/jets.md (09:30–10:40)",
                "Content/talks/late.md:4:8: error: talk 10:40–10:50 overlaps break 'Coffee break' in "
                    + "Content/sessions/mon-morning.md (10:30–10:45)",
            ])
    }

    func testTalkOutsideItsSession() {
        let site = TestSite()
        site.edit("Content/talks/jets.md", replacing: "start: 09:30", with: "start: 11:30")
        site.edit("Content/talks/hands-on.md", replacing: "start: \"14:00\"", with: "start: \"13:30\"")
        site.edit("Content/sessions/mon-morning.md", replacing: "    start: \"10:30\"", with: "    start: \"11:50\"")
        assertDiagnostics(
            site,
            [
                "Content/sessions/mon-morning.md:11:12: error: break 'Coffee break' 11:50–12:05 is outside its session "
                    + "(09:00–12:00)",
                "Content/sessions/mon-morning.md:11:12: error: break 'Coffee break' 11:50–12:05 overlaps "
                    + "Content/talks/jets.md (11:30–12:15)",
                "Content/talks/hands-on.md:4:8: error: talk 13:30–15:30 is outside its session "
                    + "Content/sessions/tue-tutorial.md (14:00–16:00)",
                "Content/talks/jets.md:4:8: error: talk 11:30–12:15 is outside its session "
                    + "Content/sessions/mon-morning.md (09:00–12:00)",
            ])
    }

    // MARK: Duplicates

    func testDuplicateTrackIDs() {
        let site = TestSite()
        site.edit("Content/workshop.md", replacing: "  - id: \"data-reduction\"", with: "  - id: \"analysis\"")
        site.edit("Content/talks/jets.md", replacing: "tracks: [data-reduction, analysis]", with: "tracks: [analysis]")
        assertDiagnostics(
            site,
            [
                "Content/workshop.md:18:9: error: duplicate track id 'analysis' (first declared at line 15)"
            ])
        site.write("Content/workshop.md", TestSite.workshop.replacingOccurrences(of: "number: 1", with: "number: 2"))
        assertDiagnostics(
            site,
            [
                "Content/workshop.md:19:13: error: duplicate track number 2 (already used by track 'analysis')"
            ])
    }

    func testDuplicatePeople() {
        let site = TestSite()
        // Across people, names are compared without case, accents, punctuation and extra spaces; a
        // person's own aliases may differ from the name in just those (source spellings), not repeat it.
        site.edit(
            "Content/people/grace-hopper.md", replacing: "name: Grace Brewster Hopper",
            with: "name: \"ADA  Lovelace\"\naliases: [Grace Hopper, \"Grace Hopper\", grace-hopper]")
        site.edit(
            "Content/people/emilie-du-chatelet.md", replacing: "name: \"Émilie du Châtelet\"",
            with:
                "name: \"Émilie du Châtelet\"\naliases: [\"Augusta Ada King\", \"Émilie du Châtelet\", emilie du chatelet]"
        )
        assertDiagnostics(
            site,
            [
                "Content/people/emilie-du-chatelet.md:3:11: error: alias 'Augusta Ada King' is also a name or alias of "
                    + "Content/people/ada-lovelace.md; merge the two people or tell them apart",
                "Content/people/emilie-du-chatelet.md:3:31: error: alias 'Émilie du Châtelet' repeats this person's "
                    + "name or another alias",
                "Content/people/grace-hopper.md:2:7: error: name 'ADA  Lovelace' is also a name or alias of "
                    + "Content/people/ada-lovelace.md; merge the two people or tell them apart",
                "Content/people/grace-hopper.md:3:25: error: 'Grace Hopper' is listed twice in 'aliases'",
            ])
    }

    func testDuplicateListEntries() {
        let site = TestSite()
        site.edit("Content/talks/opening.md", replacing: "  - grace-hopper", with: "  - ada-lovelace")
        site.edit(
            "Content/talks/jets.md", replacing: "tracks: [data-reduction, analysis]",
            with: "tracks: [analysis, analysis]")
        assertDiagnostics(
            site,
            [
                "Content/talks/jets.md:7:20: error: 'analysis' is listed twice in 'tracks'",
                "Content/talks/opening.md:8:5: error: 'ada-lovelace' is listed twice in 'speakers'",
            ])
    }

    // MARK: Links

    func testJavascriptLinkIsRefused() {
        let site = TestSite()
        site.edit(
            "Content/workshop.md", replacing: "url: \"https://indico.example.org/event/1/\"",
            with: "url: \"javascript:alert(1)\"")
        site.edit(
            "Content/talks/opening.md", replacing: "slides: \"https://indico.example.org/slides.pdf\"",
            with: "slides: \"mailto:ada@example.org\"\n  video: \"https:///no-host\"\n  code: \"https://x.org/a b\"")
        assertDiagnostics(
            site,
            [
                "Content/talks/opening.md:13:11: error: URL 'mailto:ada@example.org' is not allowed; expected an https: "
                    + "or http: URL",
                "Content/talks/opening.md:14:10: error: URL 'https:///no-host' has no host; expected an https: or http: URL",
                "Content/talks/opening.md:15:9: error: URL 'https://x.org/a b' contains a space; expected an https: or "
                    + "http: URL",
                "Content/workshop.md:24:10: error: URL 'javascript:alert(1)' is not allowed; expected an https:, http: "
                    + "or mailto: URL",
            ])
    }

    // MARK: Everything at once

    func testAllProblemsOfARunAreReportedTogetherInFileOrder() {
        let site = TestSite()
        site.edit("Content/workshop.md", replacing: "time_zone: \"Europe/Zurich\"", with: "time_zone: Mars/Olympus")
        site.edit("Content/talks/jets.md", replacing: "speakers: []", with: "speaker: []")
        site.edit("Content/talks/jets.md", replacing: "start: 09:30", with: "start: 9:30")
        site.edit("Content/talks/opening.md", replacing: "  - grace-hopper", with: "  - nobody")
        site.edit("Content/talks/opening.md", replacing: "session: mon-morning", with: "session: nowhere")
        site.write("Content/talks/Bad.md", TestSite.jets)
        site.write("Content/people/grace-hopper.md", "---\nname: [\n---\n")
        assertDiagnostics(
            site,
            [
                "Content/people/grace-hopper.md:3:1: error: malformed YAML: did not find expected node content "
                    + "(while parsing a flow node at line 3, column 1)",
                "Content/talks/Bad.md:1:1: error: invalid file name 'Bad.md': an id is lower-case ASCII letters, digits "
                    + "and single hyphens ([a-z0-9]+(-[a-z0-9]+)*)",
                "Content/talks/jets.md:4:8: error: invalid time '9:30'; expected \"HH:MM\" from 00:00 to 23:59",
                "Content/talks/jets.md:6:1: error: unknown key 'speaker' in talk; did you mean 'speakers'? Expected one of: "
                    + "title, session, start, duration, speakers, tracks, recording, recording_note, materials, "
                    + "source, allow_secrets",
                "Content/talks/opening.md:3:10: error: unknown session 'nowhere'; no file Content/sessions/nowhere.md",
                "Content/talks/opening.md:8:5: error: unknown person 'nobody' in 'speakers'; no file Content/people/nobody.md",
                "Content/workshop.md:8:12: error: unknown time zone 'Mars/Olympus'; expected an IANA name such as "
                    + "Europe/Zurich",
            ])
    }
}
