import ArchiveContent
import ArchiveModel
import XCTest

/// A speaker or convener entry may give the affiliation of that appearance:
/// `{person: id, affiliation: "…"}` beside plain ids.
final class AppearanceAffiliationTests: XCTestCase {
    func testAffiliationPerAppearanceIsReadBesidePlainIDs() throws {
        let site = TestSite()
        site.edit(
            "Content/talks/opening.md", replacing: "  - ada-lovelace",
            with: "  - {person: ada-lovelace, affiliation: \"Analytical Engine Society\"}")
        site.edit(
            "Content/sessions/mon-morning.md", replacing: "  - grace-hopper",
            with: "  - person: grace-hopper\n    affiliation: \"US Navy\"")
        let content = try site.load()
        let talk = try XCTUnwrap(content.talks.first { $0.id == "opening" })
        XCTAssertEqual(talk.speakers, ["ada-lovelace", "grace-hopper"])
        XCTAssertEqual(talk.speakerAffiliations, ["ada-lovelace": "Analytical Engine Society"])
        let session = try XCTUnwrap(content.sessions.first { $0.id == "mon-morning" })
        XCTAssertEqual(session.convenerAffiliations, ["grace-hopper": "US Navy"])
        let ada = try XCTUnwrap(content.people.first { $0.id == "ada-lovelace" })
        XCTAssertEqual(ada.affiliations(at: "Analytical Engine Society"), ["Analytical Engine Society"])
        XCTAssertEqual(ada.affiliations(at: nil), ada.affiliations)
    }

    func testMalformedEntriesAreLocatedErrors() {
        let site = TestSite()
        site.edit(
            "Content/talks/opening.md", replacing: "  - ada-lovelace\n  - grace-hopper",
            with: "  - {person: ada-lovelace, afiliation: X}\n  - {affiliation: Y}\n  - [grace-hopper]\n"
                + "  - {person: nobody-at-all}")
        let diagnostics = site.diagnostics()
        XCTAssertEqual(
            diagnostics.map { String($0.prefix(while: { $0 != ";" })) },
            [
                "Content/talks/opening.md:7:28: error: unknown key 'afiliation' in entry of 'speakers'",
                "Content/talks/opening.md:8:5: error: missing required key 'person' in entry of 'speakers'",
                "Content/talks/opening.md:9:5: error: expected a person id or {person: id, affiliation: \"…\"} in "
                    + "'speakers', found a list",
                "Content/talks/opening.md:10:14: error: unknown person 'nobody-at-all' in 'speakers'",
            ], diagnostics.joined(separator: "\n"))
    }
}

/// Keys an import from Indico needs: `source` everywhere, and talks without tracks or a workshop
/// without series, edition and registrations.
final class ImportedContentKeyTests: XCTestCase {
    func testSourceKeysAndMissingTracksSeriesEditionAndRegistrationsAreAccepted() throws {
        let site = TestSite()
        site.edit(
            "Content/talks/opening.md", replacing: "tracks:\n  - analysis\n",
            with: "source: \"indico:event/1/contribution/7\"\n")
        site.edit(
            "Content/people/ada-lovelace.md", replacing: "---\n", with: "---\nsource: \"indico:event/1/person/3\"\n")
        for key in ["series", "edition", "registrations"] {
            let text = try String(contentsOfFile: site.root + "/Content/workshop.md", encoding: .utf8)
            let kept = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix(key + ":") }
            site.write("Content/workshop.md", kept.joined(separator: "\n"))
        }
        let content = try site.load()
        let talk = try XCTUnwrap(content.talks.first { $0.id == "opening" })
        XCTAssertEqual(talk.tracks, [])
        XCTAssertEqual(talk.source, "indico:event/1/contribution/7")
        XCTAssertEqual(content.people.first { $0.id == "ada-lovelace" }?.source, "indico:event/1/person/3")
        XCTAssertNil(content.workshop.series)
        XCTAssertNil(content.workshop.edition)
        XCTAssertNil(content.workshop.registrations)
        XCTAssertFalse(content.workshop.siteID.isEmpty)
    }
}

/// Sessions in different rooms may run in parallel; two in one room (or two without a room,
/// which share the venue) may not overlap.
final class RoomTests: XCTestCase {
    func testParallelSessionsNeedDifferentRooms() throws {
        let site = TestSite()
        let parallel = TestSite.tueTutorial.replacingOccurrences(of: "title: \"Tutorial\"", with: "title: \"Parallel\"")
        site.write("Content/sessions/tue-parallel.md", parallel)
        let diagnostics = site.diagnostics()
        XCTAssertEqual(diagnostics.count, 1, diagnostics.joined(separator: "\n"))
        XCTAssertTrue(
            diagnostics[0].hasPrefix(
                "Content/sessions/tue-tutorial.md:5:8: error: session 14:00–16:00 overlaps session "
                    + "Content/sessions/tue-parallel.md:5 in the venue"), diagnostics[0])
        site.write(
            "Content/sessions/tue-parallel.md",
            parallel.replacingOccurrences(of: "end: \"16:00\"", with: "end: \"16:00\"\nroom: \"Room B\""))
        XCTAssertEqual(site.diagnostics(), [])
        XCTAssertEqual(try site.load().sessions.first { $0.id == "tue-parallel" }?.room, "Room B")
        site.edit(
            "Content/sessions/tue-tutorial.md", replacing: "end: \"16:00\"", with: "end: \"16:00\"\nroom: \"Room B\"")
        XCTAssertTrue(site.diagnostics().first?.contains("in room 'Room B'") ?? false, "\(site.diagnostics())")
    }
}
