import ArchiveIndex
import ArchiveModel
import Foundation
import Testing

@testable import ArchiveRender

@Suite("iCalendar")
struct ICalendarTests {
    static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    static func calendars(_ site: RenderedSite) -> [(path: String, bytes: [UInt8])] {
        site.sortedPaths.filter { $0.hasSuffix(".ics") }.map { ($0, site.files[$0]!) }
    }

    @Test func everyCalendarOfTheFixtureSiteIsStrictlyValid() throws {
        let site = try Support.render()
        let calendars = Self.calendars(site)
        #expect(calendars.count == 18)
        for (path, bytes) in calendars {
            let checker = ICalendarChecker(bytes, name: path)
            #expect(checker.problems.isEmpty, "\(checker.problems.joined(separator: "\n"))")
            #expect(!checker.events.isEmpty, "\(path)")
        }
        let schedule = ICalendarChecker(site.files["schedule.ics"]!, name: "schedule.ics")
        // Every talk and every timetable block, the seminar without talks included.
        #expect(schedule.events.count == Fixtures.content().talks.count + Fixtures.content().sessions.count)
        let uids = Set(schedule.events.compactMap { $0.properties["UID"]?.value })
        #expect(uids.contains("talk-ganplifying@inter-experiment-machine-learning-workshop-4"))
        #expect(uids.contains("session-data-science-seminar@inter-experiment-machine-learning-workshop-4"))
        #expect(schedule.events.allSatisfy { $0.properties["DTSTAMP"]?.value == "20201023T160000Z" })
    }

    @Test func textIsEscapedAndLinesAreFoldedBetweenCharacters() {
        #expect(ICalendarText.text("a;b,c\\d\r\ne\nf\u{7}") == "a\\;b\\,c\\\\d\\ne\\nf")
        var ics = ICalendarText()
        let long = String(repeating: "é", count: 100) + String(repeating: "x", count: 100)
        ics.line("SUMMARY", long)
        let physical = ics.bytes.split(separator: 0x0A).map { Array($0) }
        for line in physical {
            #expect(line.last == 0x0D)
            #expect(line.count - 1 <= 75)
            #expect(String(validating: line.dropLast(), as: UTF8.self) != nil)
        }
        let unfolded = String(decoding: ics.bytes, as: UTF8.self).replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded == "SUMMARY:" + long + "\r\n")
    }

    @Test func theCheckerFindsWhatLaxParsersAccept() {
        let lax = "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:x\nSUMMARY:a;b\nEND:VEVENT\nEND:VCALENDAR\n"
        let problems = ICalendarChecker(Array(lax.utf8), name: "lax.ics").problems.joined(separator: "\n")
        for expected in ["bare LF", "exactly one PRODID", "event without DTSTAMP", "SUMMARY is not valid TEXT"] {
            #expect(problems.contains(expected), "\(expected) in \(problems)")
        }
    }

    /// A workshop either side of Zurich's change from CEST to CET (25 October 2020, 03:00 → 02:00):
    /// the VTIMEZONE states the transition, and every event resolves through it to the instant the
    /// time-zone database gives.
    @Test func eventsAcrossADaylightSavingChangeResolveToTheirInstants() throws {
        var content = Fixtures.content()
        content.workshop.startDate = CalendarDay(year: 2020, month: 10, day: 24)
        content.workshop.endDate = CalendarDay(year: 2020, month: 10, day: 26)
        let days = [CalendarDay(year: 2020, month: 10, day: 24), CalendarDay(year: 2020, month: 10, day: 26)]
        for i in content.sessions.indices {
            content.sessions[i].day = days[i % 2]
            content.sessions[i].utcOffsetMinutes = i % 2 == 0 ? 120 : 60
        }
        let site = try Support.render(content)
        let bytes = try #require(site.files["schedule.ics"])
        let checker = ICalendarChecker(bytes, name: "schedule.ics")
        #expect(checker.problems.isEmpty, "\(checker.problems.joined(separator: "\n"))")
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(
            text.contains("BEGIN:STANDARD\r\nDTSTART:20201025T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n"))
        let zone = try #require(TimeZone(identifier: "Europe/Zurich"))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        for event in checker.events {
            let local = try #require(event.properties["DTSTART"]?.value)
            let parts = DateComponents(
                year: Int(local.prefix(4)), month: Int(local.dropFirst(4).prefix(2)),
                day: Int(local.dropFirst(6).prefix(2)),
                hour: Int(local.dropFirst(9).prefix(2)), minute: Int(local.dropFirst(11).prefix(2)))
            #expect(event.start == calendar.date(from: parts), "\(local)")
        }
        #expect(Set(checker.events.compactMap { $0.start.map { zone.secondsFromGMT(for: $0) } }) == [7200, 3600])
    }

    /// Every calendar the real build wrote (`make test` builds the site into Output/ first).
    @Test(
        .enabled(
            if: FileManager.default.fileExists(
                atPath: repositoryRoot.appendingPathComponent("Output/schedule.ics").path)))
    func everyCalendarOfTheRealBuildIsStrictlyValid() throws {
        let output = Self.repositoryRoot.appendingPathComponent("Output")
        let paths = try FileManager.default.subpathsOfDirectory(atPath: output.path).filter { $0.hasSuffix(".ics") }
        #expect(paths.count > 100)
        for path in paths.sorted() {
            let bytes = try [UInt8](Data(contentsOf: output.appendingPathComponent(path)))
            let checker = ICalendarChecker(bytes, name: path)
            #expect(checker.problems.isEmpty, "\(checker.problems.joined(separator: "\n"))")
        }
    }
}
