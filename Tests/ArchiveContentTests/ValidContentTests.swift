import ArchiveContent
import ArchiveModel
import Foundation
import XCTest

final class ValidContentTests: XCTestCase {
    func testValidSiteLoadsWithTheRightValues() throws {
        let site = TestSite()
        let content = try site.load()
        let workshop = content.workshop
        XCTAssertEqual(workshop.title, "Test Workshop on Machine Learning")
        XCTAssertEqual(workshop.shortTitle, "TWML 2020")
        XCTAssertEqual(workshop.series, "Test Workshops")
        XCTAssertEqual(workshop.edition, 2)
        XCTAssertEqual(workshop.startDate, CalendarDay(year: 2020, month: 10, day: 19))
        XCTAssertEqual(workshop.endDate, CalendarDay(year: 2020, month: 10, day: 20))
        XCTAssertEqual(workshop.timeZone, "Europe/Zurich")
        XCTAssertEqual(workshop.timeZoneAbbreviation, "CEST")
        XCTAssertEqual(workshop.venue, "Online")
        XCTAssertEqual(workshop.organisers, ["ada-lovelace"])
        XCTAssertEqual(workshop.registrations, 120)
        XCTAssertEqual(workshop.sourceDate.iso8601, "2020-10-20T18:00+02:00")
        XCTAssertEqual(
            workshop.tracks,
            [
                Track(
                    id: "data-reduction", number: 1, title: "ML for data reduction",
                    summary: "Reconstruction and tagging"),
                Track(id: "analysis", number: 2, title: "ML for analysis", summary: nil),
            ])
        XCTAssertEqual(
            workshop.links,
            [
                Link(title: "Event page", url: "https://indico.example.org/event/1/"),
                Link(title: "Contact", url: "mailto:organisers@example.org"),
            ])
        XCTAssertEqual(workshop.descriptionMarkdown, "A workshop about *things*.\n")
        XCTAssertEqual(workshop.sourcePath, site.contentDirectory + "/workshop.md")

        XCTAssertEqual(content.sessions.map(\.id), ["mon-morning", "tue-tutorial"])
        let monday = content.sessions[0]
        XCTAssertEqual(monday.title, "Plenary: Monday morning")
        XCTAssertEqual(monday.kind, .plenary)
        XCTAssertEqual(monday.day, CalendarDay(year: 2020, month: 10, day: 19))
        XCTAssertEqual(monday.start, TimeOfDay(hour: 9, minute: 0))
        XCTAssertEqual(monday.end, TimeOfDay(hour: 12, minute: 0))
        XCTAssertEqual(monday.utcOffsetMinutes, 120)
        XCTAssertEqual(monday.conveners, ["grace-hopper"])
        XCTAssertEqual(
            monday.breaks, [Break(title: "Coffee break", start: TimeOfDay(hour: 10, minute: 30), durationMinutes: 15)])
        XCTAssertEqual(monday.descriptionMarkdown, "The opening session.\n")
        XCTAssertEqual(content.sessions[1].kind, .tutorial)
        XCTAssertNil(content.sessions[1].descriptionMarkdown)

        XCTAssertEqual(content.talks.map(\.id), ["hands-on", "jets", "opening"])
        let opening = content.talks[2]
        XCTAssertEqual(opening.title, "Welcome and <introduction>", "HTML in a title is text; the renderer escapes it")
        XCTAssertEqual(opening.session, "mon-morning")
        XCTAssertEqual(opening.start, TimeOfDay(hour: 9, minute: 0))
        XCTAssertEqual(opening.durationMinutes, 30)
        XCTAssertEqual(opening.speakers, ["ada-lovelace", "grace-hopper"])
        XCTAssertEqual(opening.tracks, ["analysis"])
        XCTAssertEqual(opening.recording, .recorded)
        XCTAssertNil(opening.recordingNote)
        XCTAssertEqual(
            opening.materials,
            Materials(
                slides: "https://indico.example.org/slides.pdf",
                arxiv: ["2008.06545", "hep-ph/0307015"]))
        XCTAssertEqual(opening.abstractMarkdown, "Abstract with $x^2$.\n")
        let jets = content.talks[1]
        XCTAssertEqual(jets.title, "Jets at 14:00", "scalars are read as written")
        XCTAssertEqual(jets.start, TimeOfDay(hour: 9, minute: 30), "unquoted 09:30 is not a YAML 1.1 number")
        XCTAssertEqual(jets.speakers, [])
        XCTAssertEqual(jets.tracks, ["data-reduction", "analysis"], "tracks keep the order written")
        XCTAssertEqual(jets.recording, .videoWithRecordedQA)
        XCTAssertEqual(jets.recordingNote, "due to slow internet connection")
        XCTAssertTrue(jets.materials.isEmpty)
        XCTAssertNil(jets.abstractMarkdown)
        XCTAssertNil(content.talks[0].abstractMarkdown, "a body of blank lines is no abstract")

        XCTAssertEqual(content.people.map(\.id), ["ada-lovelace", "emilie-du-chatelet", "grace-hopper"])
        XCTAssertEqual(
            content.people[0],
            Person(
                id: "ada-lovelace", name: "Ada Lovelace",
                affiliations: ["Analytical Engine Society"],
                aliases: ["Augusta Ada King"], sortKey: "Lovelace, Ada",
                sourcePath: site.contentDirectory + "/people/ada-lovelace.md"))
        XCTAssertEqual(content.people[1].sortKey, "Châtelet, Émilie du")
        XCTAssertEqual(content.people[1].affiliations, [])
        XCTAssertEqual(content.people[2].sortKey, "Hopper, Grace", "sort_as wins")
    }

    func testLoadingIsDeterministic() throws {
        let site = TestSite()
        XCTAssertEqual(try site.load(), try site.load())
    }

    func testPathsAreBuiltFromTheDirectoryAsGiven() throws {
        let site = TestSite()
        let content = try ContentLoader(contentDirectory: site.contentDirectory + "/").load()
        XCTAssertEqual(content.talks[0].sourcePath, site.contentDirectory + "/talks/hands-on.md")
    }

    func testLaterStageFoldersAndHiddenFilesAreIgnored() throws {
        let site = TestSite()
        site.write("Content/data/jets/events.npy", bytes: [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 0xFF])
        site.write("Content/models/model.bin", bytes: [0xFF, 0xFE])
        site.write("Content/notebooks/lund.md", "not front matter")
        site.write("Content/.gitkeep", "")
        site.write("Content/talks/.opening.md.swp", "swap")
        XCTAssertEqual(site.diagnostics(), [])
    }

    func testByteOrderMarkAndCRLFLineEndsAreAccepted() throws {
        let site = TestSite()
        let crlf = TestSite.opening.replacingOccurrences(of: "\n", with: "\r\n")
        site.write("Content/talks/opening.md", bytes: [0xEF, 0xBB, 0xBF] + Array(crlf.utf8))
        let content = try site.load()
        XCTAssertEqual(content.talks[2].title, "Welcome and <introduction>")
        XCTAssertEqual(content.talks[2].abstractMarkdown, "Abstract with $x^2$.\n")
    }

    func testNullOptionalValuesAreAbsent() throws {
        let site = TestSite()
        site.edit("Content/workshop.md", replacing: "venue: \"Online\"", with: "venue: ~")
        site.edit("Content/talks/jets.md", replacing: "speakers: []", with: "speakers:")
        let content = try site.load()
        XCTAssertNil(content.workshop.venue)
        XCTAssertEqual(content.talks[1].speakers, [])
    }

    func testSiteIDDefaultsToTheSeriesAndEditionAndCanBeGiven() throws {
        let site = TestSite()
        let series = try XCTUnwrap(try site.load().workshop.series)
        XCTAssertEqual(try site.load().workshop.siteID, Workshop.defaultSiteID(series: series, edition: 2))
        XCTAssertEqual(
            Workshop.defaultSiteID(series: "LPCC Inter-experiment ML Workshop", edition: 4),
            "lpcc-inter-experiment-ml-workshop-4")
        let accented = TestSite()
        accented.edit(
            "Content/workshop.md", replacing: "series: \"Test Workshops\"", with: "series: \"Écoles d’été — Physique\"")
        XCTAssertEqual(try accented.load().workshop.siteID, "ecoles-d-ete-physique-2")
        site.edit("Content/workshop.md", replacing: "edition: 2", with: "edition: 2\nsite_id: iml2020.example.org")
        XCTAssertEqual(try site.load().workshop.siteID, "iml2020.example.org")
        for bad in ["IML", "a..b", "-a", "a b", "a_b", "\"\""] {
            XCTAssertFalse(Workshop.isValidSiteID(bad), bad)
        }
        let broken = TestSite()
        broken.edit("Content/workshop.md", replacing: "edition: 2", with: "edition: 2\nsite_id: Not Valid")
        XCTAssertEqual(
            broken.diagnostics().first { $0.contains("site id") },
            "Content/workshop.md:6:10: error: invalid site id 'Not Valid'; expected lower-case letters and digits "
                + "in words joined by '.' or '-', e.g. iml2020.example.org")
    }

    func testTimeZoneAbbreviations() throws {
        func abbreviation(_ zone: String, _ start: String = "2020-10-19") throws -> String {
            let site = TestSite()
            site.edit("Content/workshop.md", replacing: "time_zone: \"Europe/Zurich\"", with: "time_zone: \(zone)")
            return try site.load().workshop.timeZoneAbbreviation
        }
        XCTAssertEqual(try abbreviation("America/New_York"), "EDT")
        XCTAssertEqual(try abbreviation("Asia/Tokyo"), "JST")
        XCTAssertEqual(try abbreviation("UTC"), "UTC")
        XCTAssertEqual(try abbreviation("Asia/Kathmandu"), "NPT")  // Foundation names it (en_CA)
        XCTAssertEqual(try abbreviation("America/Sao_Paulo"), "UTC-03:00")
    }

    func testSessionOffsetsFollowTheClocks() throws {
        // The clocks went back in Zurich on 25 October 2020: CEST (+120) before, CET (+60) after.
        let site = TestSite()
        site.edit("Content/workshop.md", replacing: "end_date: 2020-10-20", with: "end_date: 2020-10-26")
        site.edit("Content/sessions/tue-tutorial.md", replacing: "day: \"2020-10-20\"", with: "day: \"2020-10-26\"")
        let sessions = try site.load().sessions
        XCTAssertEqual(sessions.map(\.utcOffsetMinutes), [120, 60])
    }

    /// The real workshop content, when it is there: it must load, and quickly.
    func testRealContentLoads() throws {
        let contentDirectory = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Content").path
        guard FileManager.default.fileExists(atPath: contentDirectory + "/workshop.md") else {
            throw XCTSkip("no Content/workshop.md next to the package")
        }
        let loader = ContentLoader(contentDirectory: contentDirectory)
        do {
            let content = try loader.load()
            XCTAssertGreaterThan(content.talks.count, 0)
            XCTAssertEqual(content.workshop.timeZoneAbbreviation, "CEST")
        } catch let list as DiagnosticList {
            XCTFail("the real content has problems:\n\(list)")
        }
    }
}
