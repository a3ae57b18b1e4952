import ArchiveIndex
import ArchiveModel

/// Words and numbers as the pages show them, formatted by hand: no Foundation formatter, no locale,
/// no clock, so that output is fast and identical on every machine.
enum Format {
    static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    static let months = [
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December",
    ]

    static func weekday(_ day: CalendarDay) -> String { weekdays[day.isoWeekday - 1] }
    static func month(_ day: CalendarDay) -> String { months[max(1, min(12, day.month)) - 1] }

    /// `Tuesday 20 October 2020`.
    static func longDate(_ day: CalendarDay) -> String {
        "\(weekday(day)) \(day.day) \(month(day)) \(day.year)"
    }

    /// `Tue 20 Oct`.
    static func shortDate(_ day: CalendarDay) -> String {
        "\(weekday(day).prefix(3)) \(day.day) \(month(day).prefix(3))"
    }

    /// `19–23 October 2020`, `30 September – 2 October 2020`, `30 December 2020 – 2 January 2021`.
    static func dateRange(_ start: CalendarDay, _ end: CalendarDay) -> String {
        if start == end { return "\(start.day) \(month(start)) \(start.year)" }
        if start.year != end.year {
            return "\(start.day) \(month(start)) \(start.year) – \(end.day) \(month(end)) \(end.year)"
        }
        if start.month != end.month {
            return "\(start.day) \(month(start)) – \(end.day) \(month(end)) \(end.year)"
        }
        return "\(start.day)–\(end.day) \(month(end)) \(end.year)"
    }

    /// `UTC+02:00`, `UTC−03:30` (with a minus sign), `UTC`.
    static func utcOffset(_ minutes: Int) -> String {
        if minutes == 0 { return "UTC" }
        let sign = minutes < 0 ? "\u{2212}" : "+"
        let m = abs(minutes)
        return "UTC\(sign)\(twoDigits(m / 60)):\(twoDigits(m % 60))"
    }

    /// `+02:00` as used in `datetime` attributes.
    static func isoOffset(_ minutes: Int) -> String {
        let sign = minutes < 0 ? "-" : "+"
        let m = abs(minutes)
        return "\(sign)\(twoDigits(m / 60)):\(twoDigits(m % 60))"
    }

    static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// `2020-10-20T10:25+02:00`: a valid global date and time string for `<time datetime>`.
    /// A time past midnight (a block running over 24:00) moves to the next day.
    static func isoDateTime(_ day: CalendarDay, _ time: TimeOfDay, offset: Int) -> String {
        let carry = time.minutes >= 0 ? time.minutes / 1440 : (time.minutes - 1439) / 1440
        let minutes = time.minutes - carry * 1440
        return "\(day.adding(days: carry))T\(TimeOfDay(minutes: minutes))\(isoOffset(offset))"
    }

    /// `10:25`; times past midnight wrap (`24:30` → `00:30`).
    static func clock(_ time: TimeOfDay) -> String {
        let m = ((time.minutes % 1440) + 1440) % 1440
        return TimeOfDay(minutes: m).description
    }

    /// `30 min`, `1 h`, `1 h 15 min`.
    static func shortDuration(_ minutes: Int) -> String {
        let h = minutes / 60
        let m = minutes % 60
        if h == 0 { return "\(m) min" }
        return m == 0 ? "\(h) h" : "\(h) h \(m) min"
    }

    /// `30 minutes`, `1 hour`, `1 hour 15 minutes`.
    static func longDuration(_ minutes: Int) -> String {
        let h = minutes / 60
        let m = minutes % 60
        let mins = m == 1 ? "1 minute" : "\(m) minutes"
        if h == 0 { return mins }
        let hours = h == 1 ? "1 hour" : "\(h) hours"
        return m == 0 ? hours : "\(hours) \(mins)"
    }

    /// `PT30M`, `PT1H15M`: a valid duration string for `<time datetime>`.
    static func isoDuration(_ minutes: Int) -> String {
        let h = minutes / 60
        let m = minutes % 60
        if h == 0 { return "PT\(m)M" }
        return m == 0 ? "PT\(h)H" : "PT\(h)H\(m)M"
    }

    /// `1 talk`, `3 talks`.
    static func count(_ n: Int, _ singular: String, _ plural: String) -> String {
        n == 1 ? "1 \(singular)" : "\(n) \(plural)"
    }

    /// `A`, `A and B`, `A, B and C`.
    static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
        }
    }

    static func sessionKind(_ kind: SessionKind) -> String {
        switch kind {
        case .plenary: "Plenary"
        case .workshop: "Workshop session"
        case .tutorial: "Tutorial"
        case .seminar: "Seminar"
        case .walkThrough: "Walk-through"
        }
    }

    static func recording(_ status: RecordingStatus) -> String {
        switch status {
        case .recorded: "Recorded"
        case .notRecorded: "Not recorded"
        case .videoWithRecordedQA: "Shown as a pre-recorded video; the questions and answers were recorded"
        case .unknown: "Unknown whether it was recorded"
        }
    }

    /// A short label for timetables, or nil when there is nothing worth flagging there.
    static func recordingFlag(_ status: RecordingStatus) -> String? {
        switch status {
        case .recorded, .unknown: nil
        case .notRecorded: "not recorded"
        case .videoWithRecordedQA: "pre-recorded video"
        }
    }
}
