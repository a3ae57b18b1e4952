import ArchiveContent
import ArchiveModel
import Foundation
import XCTest

/// Numbers the content gives are range-checked where they are read, never shown out of range.
final class ContentNumberRangeTests: XCTestCase {
    func testDurationBeyondADayIsRefused() {
        let site = TestSite()
        site.edit("Content/talks/opening.md", replacing: "duration: 30", with: "duration: 1441")
        let diagnostics = site.diagnostics()
        XCTAssertEqual(diagnostics.count, 1, diagnostics.joined(separator: "\n"))
        XCTAssertTrue(
            diagnostics[0].hasPrefix(
                "Content/talks/opening.md:5:11: error: expected a duration in whole "
                    + "minutes (1 to 1440)"), diagnostics[0])
        XCTAssertFalse(diagnostics[0].contains("34:01"))
    }

    func testTalkRunningPastMidnightIsRefusedWithoutA24HourClock() {
        let site = TestSite()
        site.edit("Content/talks/opening.md", replacing: "start: \"09:00\"", with: "start: \"23:30\"")
        site.edit("Content/talks/opening.md", replacing: "duration: 30", with: "duration: 45")
        let diagnostics = site.diagnostics()
        XCTAssertEqual(diagnostics.count, 1, diagnostics.joined(separator: "\n"))
        XCTAssertTrue(
            diagnostics[0].hasPrefix(
                "Content/talks/opening.md:5:11: error: talk at 23:30 for 45 min runs "
                    + "past midnight"), diagnostics[0])
    }

    func testHugeIntegersAreRefusedNotTrapped() {
        let site = TestSite()
        site.edit("Content/talks/opening.md", replacing: "duration: 30", with: "duration: 99999999999999999999999")
        XCTAssertEqual(site.diagnostics().count, 1)
    }
}

/// Overlap reports stay linear in the number of talks and readable in length.
final class OverlapReportTests: XCTestCase {
    func talk(start: String) -> String {
        "---\ntitle: T\nsession: mon-morning\nstart: \"\(start)\"\nduration: 30\nspeakers: []\ntracks: [analysis]\n"
            + "recording: unknown\n---\n"
    }

    func testThousandsOfTalksAtOneTimeGiveACappedReport() {
        let site = TestSite()
        for index in 0..<1000 {
            site.write("Content/talks/t\(index).md", talk(start: "10:00"))
        }
        let diagnostics = site.diagnostics()
        XCTAssertEqual(diagnostics.count, 21, diagnostics.suffix(3).joined(separator: "\n"))
        XCTAssertEqual(
            diagnostics.first, "Content/sessions/mon-morning.md:1:1: error: and 980 more overlaps in this session")
        XCTAssertEqual(diagnostics.filter { $0.contains("overlaps Content/talks/") }.count, 20)
    }

    func testAChainOfOverlapsReportsEachTalkOnce() {
        let site = TestSite()
        // 09:00 opening (30 min) is followed by talks every 10 minutes, each running 30.
        for (index, start) in ["09:10", "09:20"].enumerated() {
            site.write("Content/talks/t\(index).md", talk(start: start))
        }
        let diagnostics = site.diagnostics()
        XCTAssertEqual(diagnostics.count, 3, diagnostics.joined(separator: "\n"))
    }
}

final class RepeatedMistakeTests: XCTestCase {
    func testUnknownTrackIsReportedOnceWithItsCount() {
        let site = TestSite()
        site.edit("Content/talks/opening.md", replacing: "  - analysis", with: "  - analysys")
        site.edit("Content/talks/hands-on.md", replacing: "tracks: [analysis]", with: "tracks: [analysys]")
        let diagnostics = site.diagnostics()
        XCTAssertEqual(
            diagnostics,
            [
                "Content/talks/hands-on.md:7:10: error: unknown track 'analysys' (also used by 1 other talk); did you "
                    + "mean 'analysis'? The tracks of Content/workshop.md are: analysis, data-reduction"
            ])
    }
}

/// Sizes are bounded where the content is read, with the file and line named.
final class ContentSizeTests: XCTestCase {
    func testHugeNameIsRefusedInThePersonFile() {
        let site = TestSite()
        site.write(
            "Content/people/emilie-du-chatelet.md", "---\nname: \"" + String(repeating: "é", count: 2001) + "\"\n---\n")
        XCTAssertEqual(
            site.diagnostics(),
            [
                "Content/people/emilie-du-chatelet.md:2:7: error: 'name' is 2001 characters long; at most 2000 are allowed"
            ])
    }

    func testHugeFileIsRefusedBeforeItIsParsed() {
        let site = TestSite()
        site.write("Content/talks/jets.md", TestSite.jets + String(repeating: "x", count: 1 << 20))
        let diagnostics = site.diagnostics()
        XCTAssertEqual(diagnostics.count, 1)
        XCTAssertTrue(
            diagnostics.first?.hasPrefix("Content/talks/jets.md:1:1: error: file is 1048") == true
                && diagnostics.first?.hasSuffix("bytes; content files are at most 1048576 bytes (1 MiB)") == true,
            "\(diagnostics)")
    }
}
