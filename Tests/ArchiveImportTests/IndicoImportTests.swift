import ArchiveContent
import ArchiveModel
import Foundation
import XCTest

@testable import ArchiveImport

/// The Indico import on a fixture written from Indico's documented export format: two parallel
/// rooms, a session of two slots either side of a DST change, times written in UTC, contributions
/// outside sessions, a protected attachment, HTML descriptions, and breaks from the timetable.
final class IndicoImportTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/indico")

    var root: URL!
    var content: String { root.appendingPathComponent("Content").path }
    var options: IndicoImport.Options {
        .init(contentDirectory: content, series: "LPCC Inter-experiment Machine Learning Workshop", edition: 5)
    }

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("indico-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: root) }

    /// The fixture's event export, changed by `edit`, written beside the test's content.
    func eventFile(_ edit: (inout [String: Any]) -> Void = { _ in }) throws -> String {
        let data = try Data(contentsOf: Self.fixtures.appendingPathComponent("event.json"))
        var object = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        var results = try XCTUnwrap(object["results"] as? [[String: Any]])
        edit(&results[0])
        object["results"] = results
        let path = root.appendingPathComponent("event-\(UUID().uuidString.prefix(8)).json").path
        try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]).write(to: URL(fileURLWithPath: path))
        return path
    }

    var timetable: String { Self.fixtures.appendingPathComponent("timetable.json").path }

    @discardableResult
    func runImport(_ event: String) throws -> IndicoImport.Outcome {
        let outcome = try IndicoImport.plan(eventFile: event, timetableFile: timetable, options: options)
        try IndicoImport.write(outcome, contentDirectory: content)
        return outcome
    }

    func text(_ path: String) throws -> String { try String(contentsOfFile: content + "/" + path, encoding: .utf8) }

    func testTheImportedContentLoadsWithTimesInTheEventZone() throws {
        let outcome = try runImport(try eventFile())
        XCTAssertEqual(outcome.changes.count, 18)
        let loaded = try ContentLoader(contentDirectory: content).load()
        XCTAssertEqual(loaded.sessions.count, 6)
        XCTAssertEqual(loaded.talks.count, 7)
        XCTAssertEqual(
            loaded.people.map(\.id),
            ["david-rousseau", "francesco-armando-di-bello", "jessica-nicole-howard", "simon-akar"])
        func talk(_ id: String) throws -> Talk { try XCTUnwrap(loaded.talks.first { $0.id == id }, id) }
        // 09:00 UTC on 29 October is 11:00 CEST; on 1 November, after the clocks went back, 10:00 CET.
        XCTAssertEqual(try talk("anomaly-detection-at-the-lhc").start.description, "11:00")
        let late = try XCTUnwrap(loaded.sessions.first { $0.id == "plenary-2" })
        XCTAssertEqual("\(late.day) \(late.start)–\(late.end)", "2021-11-01 10:00–12:00")
        XCTAssertEqual(late.utcOffsetMinutes, 60)
        XCTAssertEqual(loaded.sessions.first { $0.id == "plenary-1" }?.utcOffsetMinutes, 120)
        // Parallel rooms: two sessions at the same time.
        let parallel = loaded.sessions.filter { $0.id.hasPrefix("parallel-") }.map { "\($0.day) \($0.start)" }
        XCTAssertEqual(parallel, ["2021-10-29 14:00", "2021-10-29 14:00"])
        XCTAssertEqual(
            loaded.sessions.filter { $0.id.hasPrefix("parallel-") }.map(\.room),
            ["40/S2-B01 - Room 2", "40/S2-A01 - Room 1"])
        XCTAssertNil(loaded.sessions.first { $0.id == "welcome" }?.room, "outside sessions: the venue")
        // Contributions outside sessions get a session of their own.
        XCTAssertEqual(try talk("welcome").session, "welcome")
        // One person under two spellings and two affiliations, each appearance with its own.
        let howard = try XCTUnwrap(loaded.people.first { $0.id == "jessica-nicole-howard" })
        XCTAssertEqual(howard.aliases, ["Jessica N. Howard"])
        XCTAssertEqual(
            try talk("graph-tracking").speakerAffiliations,
            ["jessica-nicole-howard": "University of California Irvine (US)"])
        XCTAssertEqual(
            loaded.sessions.first { $0.id == "plenary-2" }?.convenerAffiliations, ["david-rousseau": "IJCLab-Orsay"])
        XCTAssertEqual(
            loaded.people.first { $0.id == "francesco-armando-di-bello" }?.sortKey, "Di Bello, Francesco Armando")
        // Materials by kind; the protected file is never imported; scripts are dropped, links kept.
        let jets = try talk("jet-tagging-with-graph-networks")
        XCTAssertEqual(jets.materials.slides, "https://indico.example.org/event/4242/attachments/1/2/slides.pdf")
        XCTAssertEqual(jets.materials.video, "https://www.youtube.com/watch?v=abc123")
        XCTAssertEqual(jets.materials.arxiv, ["2008.06545"])
        XCTAssertEqual(jets.tracks, ["algorithms"])
        XCTAssertEqual(
            jets.abstractMarkdown,
            "We present *LundNet*, see [the paper](https://arxiv.org/abs/2012.08526).\n\n- fast\n- exact\n")
        for path in try FileManager.default.subpathsOfDirectory(atPath: content) where path.hasSuffix(".md") {
            let body = try text(path)
            XCTAssertFalse(
                body.contains("internal-notes") || body.contains("alert(") || body.contains("emailHash"), path)
        }
        // Breaks come from the timetable; one outside every session is reported, not imported.
        XCTAssertEqual(loaded.sessions.first { $0.id == "plenary-1" }?.breaks.map(\.title), ["Coffee break"])
        XCTAssertTrue(outcome.notes.contains { $0.contains("break 'Lunch'") }, "\(outcome.notes)")
        XCTAssertEqual(loaded.workshop.series, "LPCC Inter-experiment Machine Learning Workshop")
        XCTAssertNil(loaded.workshop.registrations)
        XCTAssertEqual(try talk("welcome").recording, .unknown)
    }

    func testARerunWritesNothing() throws {
        let event = try eventFile()
        try runImport(event)
        let again = try IndicoImport.plan(eventFile: event, timetableFile: timetable, options: options)
        XCTAssertEqual(again.changes.map(\.path), [])
        XCTAssertEqual(again.conflicts, [])
    }

    func testHandEditsAreKeptRenamedTalksKeepTheirFileAndConflictsAreReported() throws {
        try runImport(try eventFile())
        let welcome = try text("talks/welcome.md")
        try welcome.replacingOccurrences(of: "title: \"Welcome\"", with: "title: \"Welcome!\"")
            .replacingOccurrences(
                of: "recording: \"unknown\"", with: "tracks: [\"algorithms\"]\nrecording: \"recorded\""
            )
            .write(toFile: content + "/talks/welcome.md", atomically: true, encoding: .utf8)
        let changed = try eventFile { event in
            var top = event["contributions"] as! [[String: Any]]
            top[0]["title"] = "Welcome and introduction"
            top[0]["startDate"] = ["date": "2021-10-29", "time": "09:05:00", "tz": "Europe/Zurich"]
            top[0]["duration"] = 10
            event["contributions"] = top
            var slots = event["sessions"] as! [[String: Any]]
            var contributions = slots[2]["contributions"] as! [[String: Any]]
            contributions[0]["title"] = "Tracking with graphs"
            slots[2]["contributions"] = contributions
            event["sessions"] = slots
        }
        let outcome = try runImport(changed)
        XCTAssertEqual(
            outcome.conflicts,
            [
                "talks/welcome.md: 'title' was edited here and changed in the export; kept this file's "
                    + "(the export now has: title: \"Welcome and introduction\")"
            ])
        let merged = try text("talks/welcome.md")
        XCTAssertTrue(merged.contains("title: \"Welcome!\""), merged)
        XCTAssertTrue(merged.contains("start: \"09:05\"") && merged.contains("duration: 10"), merged)
        XCTAssertTrue(merged.contains("tracks: [\"algorithms\"]") && merged.contains("recording: \"recorded\""), merged)
        XCTAssertTrue(try text("talks/graph-tracking.md").contains("title: \"Tracking with graphs\""))
        XCTAssertFalse(FileManager.default.fileExists(atPath: content + "/talks/tracking-with-graphs.md"))
        XCTAssertNoThrow(try ContentLoader(contentDirectory: content).load())
    }

    func testEveryProblemOfTheExportIsReportedAtItsJSONPath() throws {
        let broken = try eventFile { event in
            var slots = event["sessions"] as! [[String: Any]]
            var contributions = slots[0]["contributions"] as! [[String: Any]]
            contributions[0]["title"] = nil
            contributions[1]["startDate"] = ["date": "2021-10-29", "time": "13:00:00", "tz": "Europe/Zurich"]
            slots[0]["contributions"] = contributions
            slots[1]["endDate"] = ["date": "2021-11-01", "time": "12:00:00", "tz": "Mars/Olympus"]
            slots[3]["roomFullname"] = "40/S2-A01 - Room 1"
            event["sessions"] = slots
        }
        XCTAssertThrowsError(try IndicoImport.plan(eventFile: broken, timetableFile: timetable, options: options)) {
            error in
            let name = (broken as NSString).lastPathComponent
            XCTAssertEqual(
                (error as? ImportProblems)?.problems.map(\.description),
                [
                    "\(name): results[0].sessions[0].contributions[0].title: error: missing value",
                    "\(name): results[0].sessions[1].endDate.tz: error: unknown time zone 'Mars/Olympus'",
                    "\(name): results[0].sessions[0].contributions[1].startDate: error: contribution 'Anomaly detection "
                        + "at the LHC' (2021-10-29 13:00, 30 min) is outside its slot (2021-10-29 10:00–12:00)",
                    "\(name): results[0].sessions[3].startDate: error: slot 'Parallel: Calorimetry' overlaps slot "
                        + "results[0].sessions[2] ('Parallel: Tracking') in room '40/S2-A01 - Room 1'",
                ])
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: content))
    }

    func testHTMLBecomesMarkdownWithoutScripts() {
        XCTAssertEqual(
            HTMLToMarkdown.convert(
                "<h2>Goals</h2><p>Measure $p_T$ &amp; <b>η</b><br>fast.</p><ol><li>one</li><li>two</li></ol>"
                    + "<p><a href=\"javascript:alert(1)\">x</a> <a href=\"https://cern.ch\">CERN</a></p>"
                    + "<style>p{}</style><script>alert(1)</script><p># not a heading, <tag></p>"),
            "**Goals**\n\nMeasure $p_T$ & **η**\\\nfast.\n\n1. one\n2. two\n\nx [CERN](https://cern.ch)\n\n"
                + "\\# not a heading,\n")
        XCTAssertEqual(HTMLToMarkdown.convert("Plain text\r\n\r\n\r\nwith lines  "), "Plain text\n\nwith lines\n")
    }
}
