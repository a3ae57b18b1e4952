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
        XCTAssertTrue(diagnostics[0].hasPrefix("Content/talks/opening.md:5:11: error: expected a duration in whole "
                                               + "minutes (1 to 1440)"), diagnostics[0])
        XCTAssertFalse(diagnostics[0].contains("34:01"))
    }

    func testTalkRunningPastMidnightIsRefusedWithoutA24HourClock() {
        let site = TestSite()
        site.edit("Content/talks/opening.md", replacing: "start: \"09:00\"", with: "start: \"23:30\"")
        site.edit("Content/talks/opening.md", replacing: "duration: 30", with: "duration: 45")
        let diagnostics = site.diagnostics()
        XCTAssertEqual(diagnostics.count, 1, diagnostics.joined(separator: "\n"))
        XCTAssertTrue(diagnostics[0].hasPrefix("Content/talks/opening.md:5:11: error: talk at 23:30 for 45 min runs "
                                               + "past midnight"), diagnostics[0])
    }

    func testHugeIntegersAreRefusedNotTrapped() {
        let site = TestSite()
        site.edit("Content/talks/opening.md", replacing: "duration: 30", with: "duration: 99999999999999999999999")
        XCTAssertEqual(site.diagnostics().count, 1)
    }
}
