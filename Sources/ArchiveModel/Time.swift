/// A calendar day in the workshop's time zone.
public struct CalendarDay: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// ISO 8601, `2020-10-19`; also the day's slug.
    public var description: String {
        "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }

    public static func < (a: CalendarDay, b: CalendarDay) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }
}

/// A wall-clock time in the workshop's time zone, as minutes after midnight.
public struct TimeOfDay: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var minutes: Int

    public init(minutes: Int) { self.minutes = minutes }
    public init(hour: Int, minute: Int) { self.minutes = hour * 60 + minute }

    public var hour: Int { minutes / 60 }
    public var minute: Int { minutes % 60 }

    /// `14:05`.
    public var description: String {
        "\(hour < 10 ? "0" : "")\(hour):\(minute < 10 ? "0" : "")\(minute)"
    }

    public func adding(minutes delta: Int) -> TimeOfDay { TimeOfDay(minutes: minutes + delta) }

    public static func < (a: TimeOfDay, b: TimeOfDay) -> Bool { a.minutes < b.minutes }
}

/// A local date and time with the UTC offset that the workshop's time zone had then,
/// resolved by the loader so that rendering needs no time-zone database.
public struct ZonedDateTime: Hashable, Sendable {
    public var day: CalendarDay
    public var time: TimeOfDay
    /// Offset from UTC in minutes (+120 for CEST).
    public var utcOffsetMinutes: Int

    public init(day: CalendarDay, time: TimeOfDay, utcOffsetMinutes: Int) {
        self.day = day
        self.time = time
        self.utcOffsetMinutes = utcOffsetMinutes
    }

    /// `2020-10-19T14:00+02:00`, valid in an HTML `<time datetime>` attribute.
    public var iso8601: String {
        let sign = utcOffsetMinutes < 0 ? "-" : "+"
        let offset = abs(utcOffsetMinutes)
        let hours = offset / 60
        let minutes = offset % 60
        return "\(day)T\(time)\(sign)\(hours < 10 ? "0" : "")\(hours):\(minutes < 10 ? "0" : "")\(minutes)"
    }
}
