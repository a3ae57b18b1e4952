import ArchiveModel
import Foundation

/// An iCalendar (RFC 5545) file written line by line: TEXT escaping, folding at 75 octets (never
/// inside a UTF-8 sequence) and CRLF line ends. Hand-written because no listed package writes
/// iCalendar, and the format is a few dozen lines of rules.
struct ICalendarText {
    private(set) var bytes: [UInt8] = []

    /// `NAME;PARAM=…:value`; `value` must already be in its property's form (see `text`).
    mutating func line(_ name: String, _ value: String, parameters: String = "") {
        let content = Array((name + parameters + ":" + value).utf8)
        var start = 0
        var limit = 75
        while content.count - start > limit {
            var end = start + limit
            // Back off to the first byte of a UTF-8 sequence, so no character is split.
            while end > start, content[end] & 0xC0 == 0x80 { end -= 1 }
            bytes += content[start..<end]
            bytes += [0x0D, 0x0A, 0x20]
            start = end
            limit = 74  // a continuation line starts with one space
        }
        bytes += content[start...]
        bytes += [0x0D, 0x0A]
    }

    /// RFC 5545 TEXT: backslash, semicolon and comma escaped, line breaks as `\n`, other control
    /// characters dropped (TEXT cannot carry them).
    static func text(_ value: String) -> String {
        // Byte by byte: every character that changes is ASCII, and most text needs no change.
        var out: [UInt8] = []
        out.reserveCapacity(value.utf8.count + 16)
        var previousWasCR = false
        for byte in value.utf8 {
            defer { previousWasCR = byte == 0x0D }
            switch byte {
            case 0x5C: out += [0x5C, 0x5C]  // \ → \\
            case 0x3B: out += [0x5C, 0x3B]  // ;
            case 0x2C: out += [0x5C, 0x2C]  // ,
            case 0x0D: out += [0x5C, 0x6E]  // CR → \n
            case 0x0A: if !previousWasCR { out += [0x5C, 0x6E] }
            case 0..<0x20, 0x7F: continue
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `20201019T140000`: a local date-time.
    static func local(_ day: CalendarDay, _ time: TimeOfDay, seconds: Int = 0) -> String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let year = String(repeating: "0", count: max(0, 4 - String(day.year).count)) + String(day.year)
        return "\(year)\(two(day.month))\(two(day.day))T\(two(time.hour))\(two(time.minute))\(two(seconds))"
    }

    /// `20201023T120000Z`: a moment in UTC.
    static func utc(_ moment: ZonedDateTime) -> String {
        let minutes = moment.day.daysSinceEpoch * 1440 + moment.time.minutes - moment.utcOffsetMinutes
        let day = CalendarDay(daysSinceEpoch: Int((Double(minutes) / 1440).rounded(.down)))
        let rest = minutes - day.daysSinceEpoch * 1440
        return local(day, TimeOfDay(minutes: rest)) + "Z"
    }

    /// `+0200`.
    static func offset(seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let minutes = abs(seconds) / 60
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return sign + two(minutes / 60) + two(minutes % 60) + (abs(seconds) % 60 == 0 ? "" : two(abs(seconds) % 60))
    }
}

/// A `VTIMEZONE` made from the time-zone database: the observance in force at the start of the
/// span and every transition up to its end, each as a `STANDARD` or `DAYLIGHT` sub-component with
/// a single onset (no `RRULE`), so the file states exactly the offsets the tz database gives.
struct TimeZoneComponent {
    struct Transition {
        var onset: Date
        var before: Int
        var after: Int
        var isDaylight: Bool
    }

    let identifier: String
    /// Every transition from a year before `start` to `end`, read from the tz database once (the
    /// database look-ups are most of the cost of a calendar, and every file shares them).
    private let transitions: [Transition]
    private let fallback: (offset: Int, isDaylight: Bool)

    init?(_ identifier: String, from start: Date, to end: Date) {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        self.identifier = identifier
        var transitions: [Transition] = []
        var cursor = start.addingTimeInterval(-400 * 86_400)
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next <= end {
            transitions.append(
                Transition(
                    onset: next, before: zone.secondsFromGMT(for: next.addingTimeInterval(-1)),
                    after: zone.secondsFromGMT(for: next), isDaylight: zone.isDaylightSavingTime(for: next)))
            cursor = next
        }
        self.transitions = transitions
        fallback = (zone.secondsFromGMT(for: start), zone.isDaylightSavingTime(for: start))
    }

    /// The `VTIMEZONE` for events from `start` to `end` (within the span given at creation).
    func write(from start: Date, to end: Date, into ics: inout ICalendarText) {
        ics.line("BEGIN", "VTIMEZONE")
        ics.line("TZID", identifier)
        // The transition in force at `start` (the last one at or before it), then those up to `end`.
        let inForce = transitions.last { $0.onset <= start }
        let onsets = (inForce.map { [$0] } ?? []) + transitions.filter { $0.onset > start && $0.onset <= end }
        if onsets.isEmpty {
            // No change in the span (or ever): one observance since 1970.
            let offset = inForce?.after ?? fallback.offset
            Self.observance(
                fallback.isDaylight ? "DAYLIGHT" : "STANDARD", onset: "19700101T000000", from: offset, to: offset,
                into: &ics)
        }
        for transition in onsets {
            // The onset is written in the local time in force before it (RFC 5545, 3.6.5).
            let local = Int(transition.onset.timeIntervalSince1970) + transition.before
            let day = CalendarDay(daysSinceEpoch: Int((Double(local) / 86_400).rounded(.down)))
            let seconds = local - day.daysSinceEpoch * 86_400
            let text = ICalendarText.local(day, TimeOfDay(minutes: seconds / 60), seconds: seconds % 60)
            Self.observance(
                transition.isDaylight ? "DAYLIGHT" : "STANDARD", onset: text, from: transition.before,
                to: transition.after, into: &ics)
        }
        ics.line("END", "VTIMEZONE")
    }

    private static func observance(_ kind: String, onset: String, from: Int, to: Int, into ics: inout ICalendarText) {
        ics.line("BEGIN", kind)
        ics.line("DTSTART", onset)
        ics.line("TZOFFSETFROM", ICalendarText.offset(seconds: from))
        ics.line("TZOFFSETTO", ICalendarText.offset(seconds: to))
        ics.line("END", kind)
    }
}
