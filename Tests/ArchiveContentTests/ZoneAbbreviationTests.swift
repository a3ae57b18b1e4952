import ArchiveModel
import XCTest

@testable import ArchiveContent

/// Time-zone abbreviations: Foundation's names (ICU metazones, tried in a few English locales)
/// and the small table for the zones Foundation names only by offset.
final class ZoneAbbreviationTests: XCTestCase {
    /// The hand-written table the archive used before it asked Foundation; every row, whether now
    /// answered by Foundation or still by the table, must give the same names in 2020.
    static let formerTable: [(zones: [String], standard: String, offset: Int, daylight: String?)] = [
        (
            zones: ["UTC", "Etc/UTC", "Etc/UCT", "Etc/Universal", "Etc/Zulu", "Universal", "Zulu"], standard: "UTC",
            offset: 0, daylight: nil
        ),
        (
            zones: [
                "GMT", "Etc/GMT", "Etc/Greenwich", "Greenwich", "Africa/Abidjan", "Africa/Accra", "Africa/Dakar",
                "Atlantic/Reykjavik",
            ], standard: "GMT", offset: 0, daylight: nil
        ),
        (
            zones: ["Europe/London", "Europe/Belfast", "Europe/Guernsey", "Europe/Isle_of_Man", "Europe/Jersey"],
            standard: "GMT", offset: 0, daylight: "BST"
        ),
        (
            zones: ["Europe/Lisbon", "Atlantic/Canary", "Atlantic/Madeira", "Atlantic/Faroe"], standard: "WET",
            offset: 0, daylight: "WEST"
        ),
        (
            zones: [
                "CET", "Europe/Zurich", "Europe/Berlin", "Europe/Paris", "Europe/Amsterdam", "Europe/Brussels",
                "Europe/Luxembourg", "Europe/Vienna", "Europe/Rome", "Europe/Madrid", "Europe/Prague", "Europe/Warsaw",
                "Europe/Budapest", "Europe/Stockholm", "Europe/Oslo", "Europe/Copenhagen", "Europe/Ljubljana",
                "Europe/Zagreb", "Europe/Belgrade", "Europe/Bratislava", "Europe/Monaco", "Europe/Malta",
                "Europe/Andorra", "Europe/Vaduz", "Europe/San_Marino", "Europe/Vatican", "Europe/Sarajevo",
                "Europe/Skopje", "Europe/Podgorica", "Europe/Tirane", "Europe/Gibraltar", "Europe/Busingen",
                "Africa/Ceuta", "Arctic/Longyearbyen",
            ], standard: "CET", offset: 60, daylight: "CEST"
        ),
        (
            zones: [
                "EET", "Europe/Athens", "Europe/Helsinki", "Europe/Kiev", "Europe/Kyiv", "Europe/Riga",
                "Europe/Tallinn", "Europe/Vilnius", "Europe/Sofia", "Europe/Bucharest", "Europe/Chisinau",
                "Europe/Mariehamn", "Asia/Nicosia", "Asia/Famagusta", "Asia/Beirut",
            ], standard: "EET", offset: 120, daylight: "EEST"
        ),
        (zones: ["Europe/Moscow", "Europe/Simferopol"], standard: "MSK", offset: 180, daylight: nil),
        (zones: ["Asia/Jerusalem", "Asia/Tel_Aviv", "Israel"], standard: "IST", offset: 120, daylight: "IDT"),
        (zones: ["Africa/Johannesburg"], standard: "SAST", offset: 120, daylight: nil),
        (zones: ["Asia/Kolkata", "Asia/Calcutta"], standard: "IST", offset: 330, daylight: nil),
        (
            zones: ["Asia/Shanghai", "Asia/Chongqing", "Asia/Harbin", "PRC", "Asia/Taipei"], standard: "CST",
            offset: 480, daylight: nil
        ),
        (zones: ["Asia/Hong_Kong"], standard: "HKT", offset: 480, daylight: nil),
        (zones: ["Australia/Perth"], standard: "AWST", offset: 480, daylight: nil),
        (zones: ["Asia/Tokyo", "Japan"], standard: "JST", offset: 540, daylight: nil),
        (zones: ["Asia/Seoul"], standard: "KST", offset: 540, daylight: nil),
        (zones: ["Australia/Darwin"], standard: "ACST", offset: 570, daylight: nil),
        (zones: ["Australia/Adelaide", "Australia/Broken_Hill"], standard: "ACST", offset: 570, daylight: "ACDT"),
        (zones: ["Australia/Brisbane"], standard: "AEST", offset: 600, daylight: nil),
        (
            zones: ["Australia/Sydney", "Australia/Melbourne", "Australia/Canberra", "Australia/Hobart"],
            standard: "AEST", offset: 600, daylight: "AEDT"
        ),
        (zones: ["Pacific/Auckland", "NZ"], standard: "NZST", offset: 720, daylight: "NZDT"),
        (zones: ["America/St_Johns"], standard: "NST", offset: -210, daylight: "NDT"),
        (
            zones: ["America/Halifax", "America/Glace_Bay", "America/Moncton", "Atlantic/Bermuda"], standard: "AST",
            offset: -240, daylight: "ADT"
        ),
        (zones: ["America/Puerto_Rico"], standard: "AST", offset: -240, daylight: nil),
        (
            zones: [
                "EST5EDT", "America/New_York", "America/Detroit", "America/Toronto", "America/Montreal",
                "America/Nassau", "America/Indiana/Indianapolis", "America/Kentucky/Louisville", "US/Eastern",
                "Canada/Eastern",
            ], standard: "EST", offset: -300, daylight: "EDT"
        ),
        (
            zones: [
                "CST6CDT", "America/Chicago", "America/Winnipeg", "America/Menominee", "America/Indiana/Knox",
                "US/Central", "Canada/Central",
            ], standard: "CST", offset: -360, daylight: "CDT"
        ),
        (
            zones: [
                "MST7MDT", "America/Denver", "America/Edmonton", "America/Boise", "US/Mountain", "Canada/Mountain",
            ], standard: "MST", offset: -420, daylight: "MDT"
        ),
        (zones: ["America/Phoenix", "US/Arizona"], standard: "MST", offset: -420, daylight: nil),
        (
            zones: [
                "PST8PDT", "America/Los_Angeles", "America/Vancouver", "America/Tijuana", "US/Pacific",
                "Canada/Pacific",
            ], standard: "PST", offset: -480, daylight: "PDT"
        ),
        (zones: ["America/Anchorage", "US/Alaska"], standard: "AKST", offset: -540, daylight: "AKDT"),
        (zones: ["Pacific/Honolulu", "US/Hawaii"], standard: "HST", offset: -600, daylight: nil),
    ]

    func testEveryRowOfTheFormerTableGivesTheSameNames() throws {
        var checked = 0
        for row in Self.formerTable {
            for identifier in row.zones {
                let zone = try XCTUnwrap(Zone(identifier: identifier), identifier)
                var seenStandard = false
                var seenDaylight = false
                for month in 1...12 {
                    let day = CalendarDay(year: 2020, month: month, day: 15)
                    let noon = TimeOfDay(hour: 12, minute: 0)
                    let offset = try XCTUnwrap(zone.utcOffsetMinutes(day: day, time: noon))
                    let name = zone.abbreviation(day: day, time: noon)
                    if offset == row.offset {
                        XCTAssertEqual(name, row.standard, "\(identifier) on \(day)")
                        seenStandard = true
                    } else if let daylight = row.daylight, offset == row.offset + 60 {
                        XCTAssertEqual(name, daylight, "\(identifier) on \(day)")
                        seenDaylight = true
                    } else {
                        XCTFail("\(identifier) on \(day): offset \(offset) is in no row")
                    }
                }
                XCTAssertTrue(seenStandard, identifier)
                XCTAssertEqual(seenDaylight, row.daylight != nil, identifier)
                checked += 1
            }
        }
        XCTAssertEqual(checked, 142)
    }

    func testNamesFollowTheZonesHistory() throws {
        // Lisbon kept Central European time from 1992 to 1996.
        let lisbon = try XCTUnwrap(Zone(identifier: "Europe/Lisbon"))
        let noon = TimeOfDay(hour: 12, minute: 0)
        XCTAssertEqual(lisbon.abbreviation(day: CalendarDay(year: 1994, month: 7, day: 1), time: noon), "CEST")
        XCTAssertEqual(lisbon.abbreviation(day: CalendarDay(year: 2020, month: 7, day: 1), time: noon), "WEST")
        XCTAssertEqual(lisbon.abbreviation(day: CalendarDay(year: 2020, month: 1, day: 1), time: noon), "WET")
    }

    func testZonesWithoutANameGetTheirOffset() throws {
        let noon = TimeOfDay(hour: 12, minute: 0)
        let day = CalendarDay(year: 2020, month: 10, day: 19)
        XCTAssertEqual(
            try XCTUnwrap(Zone(identifier: "America/Sao_Paulo")).abbreviation(day: day, time: noon), "UTC-03:00")
        XCTAssertEqual(try XCTUnwrap(Zone(identifier: "Etc/GMT-14")).abbreviation(day: day, time: noon), "UTC+14:00")
        // A local time skipped when the clocks go forward has no abbreviation.
        let zurich = try XCTUnwrap(Zone(identifier: "Europe/Zurich"))
        XCTAssertNil(
            zurich.abbreviation(day: CalendarDay(year: 2020, month: 3, day: 29), time: TimeOfDay(hour: 2, minute: 30)))
    }
}
