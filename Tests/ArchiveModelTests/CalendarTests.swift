import ArchiveModel
import Foundation
import XCTest

/// The hand-written calendar against Foundation's Gregorian calendar, day by day.
final class CalendarTests: XCTestCase {
    func testEveryDayFrom1890To2110MatchesFoundation() throws {
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = try XCTUnwrap(TimeZone(identifier: "UTC"))
        var date = try XCTUnwrap(gregorian.date(from: DateComponents(year: 1890, month: 1, day: 1)))
        let end = try XCTUnwrap(gregorian.date(from: DateComponents(year: 2110, month: 12, day: 31)))
        var checked = 0
        while date <= end {
            let parts = gregorian.dateComponents([.year, .month, .day, .weekday], from: date)
            let day = CalendarDay(year: parts.year!, month: parts.month!, day: parts.day!)
            let days = Int((date.timeIntervalSince1970 / 86_400).rounded())
            XCTAssertEqual(day.daysSinceEpoch, days, "\(day)")
            XCTAssertEqual(CalendarDay(daysSinceEpoch: days), day)
            // Foundation: 1 = Sunday … 7 = Saturday; ISO: 1 = Monday … 7 = Sunday.
            XCTAssertEqual(day.isoWeekday, (parts.weekday! + 5) % 7 + 1, "\(day)")
            if parts.day == 1 {
                let length = gregorian.range(of: .day, in: .month, for: date)!.count
                XCTAssertEqual(CalendarDay.daysInMonth(year: day.year, month: day.month), length, "\(day)")
            }
            XCTAssertEqual(day.adding(days: 1), CalendarDay(daysSinceEpoch: days + 1))
            date = gregorian.date(byAdding: .day, value: 1, to: date)!
            checked += 1
        }
        XCTAssertEqual(checked, 80_718)
    }

    func testCenturyLeapYearRule() {
        XCTAssertEqual(CalendarDay.daysInMonth(year: 1900, month: 2), 28)
        XCTAssertEqual(CalendarDay.daysInMonth(year: 2000, month: 2), 29)
        XCTAssertEqual(CalendarDay.daysInMonth(year: 2024, month: 2), 29)
        XCTAssertEqual(CalendarDay.daysInMonth(year: 2023, month: 2), 28)
    }
}
