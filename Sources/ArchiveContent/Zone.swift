import ArchiveModel
import Foundation

/// The workshop's time zone: converts its wall-clock times to UTC offsets once, at load time, so
/// that nothing later needs the time-zone database.
struct Zone {
    let identifier: String
    private let zone: TimeZone

    /// nil for a name that is not an IANA time-zone identifier. Foundation also accepts spellings
    /// such as `GMT+2` and gives them another identifier; those are refused, except `UTC`.
    init?(identifier: String) {
        guard let zone = TimeZone(identifier: identifier),
            zone.identifier == identifier || identifier == "UTC"
        else { return nil }
        self.identifier = identifier
        self.zone = zone
    }

    /// The UTC offset in minutes that the local time `time` on `day` has, or nil when that local
    /// time does not exist (skipped when the clocks go forward). A local time that occurs twice
    /// (when the clocks go back) is taken in its first occurrence, i.e. with the larger offset.
    func utcOffsetMinutes(day: CalendarDay, time: TimeOfDay) -> Int? {
        let local = (day.daysSinceEpoch * 1440 + time.minutes) * 60
        var candidates: [Int] = []
        for probe in [local - 86_400, local + 86_400] {
            let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(probe)))
            if !candidates.contains(offset) { candidates.append(offset) }
        }
        let valid = candidates.filter {
            zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(local - $0))) == $0
        }
        guard let offset = valid.max() else { return nil }
        return offset / 60
    }

    /// The abbreviation in force at the local time `time` on `day`, e.g. `CEST`, or nil when that
    /// local time does not exist. Foundation's `zzz` format (ICU's metazones, which follow a
    /// zone's history) gives a name in some English locale for most zones; the few it gives only
    /// as `GMT+3` come from a small table. Any other zone gets `UTC+02:00` (`UTC` for offset 0).
    func abbreviation(day: CalendarDay, time: TimeOfDay) -> String? {
        guard let offset = utcOffsetMinutes(day: day, time: time) else { return nil }
        if let name = Zone.namedByTable(identifier, offset: offset) { return name }
        let instant = Date(
            timeIntervalSince1970: TimeInterval((day.daysSinceEpoch * 1440 + time.minutes - offset) * 60))
        if let name = Zone.namedByFoundation(zone, at: instant) { return name }
        if offset == 0 { return "UTC" }
        let sign = offset < 0 ? "-" : "+"
        let hours = abs(offset) / 60
        let minutes = abs(offset) % 60
        return "UTC\(sign)\(hours < 10 ? "0" : "")\(hours):\(minutes < 10 ? "0" : "")\(minutes)"
    }

    /// Tried in this order; the first that names the zone at that instant with letters wins
    /// (`en_GB` names European zones, `en_US` North American ones, the others their regions').
    static let nameLocales = ["en_GB", "en_US", "en_CA", "en_AU", "en_IE", "en_HK", "en_JP", "en_SG", "en_ZA"]

    static func namedByFoundation(_ zone: TimeZone, at instant: Date) -> String? {
        for locale in nameLocales {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: locale)
            formatter.timeZone = zone
            formatter.dateFormat = "zzz"
            let name = formatter.string(from: instant)
            if !name.isEmpty, name.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic }) { return name }
        }
        return nil
    }

    /// Zones whose usual names Foundation gives in no English locale (or, for the Crown
    /// dependencies, only in winter), each used only at the offset it belongs to, so that a
    /// historical rule never gets a wrong name.
    static func namedByTable(_ identifier: String, offset: Int) -> String? {
        for (zones, standard, standardOffset, daylight) in unnamedByFoundation where zones.contains(identifier) {
            if offset == standardOffset { return standard }
            if let daylight, offset == standardOffset + 60 { return daylight }
        }
        return nil
    }

    private static let unnamedByFoundation: [(zones: Set<String>, standard: String, offset: Int, daylight: String?)] = [
        (["UTC", "Etc/UTC", "Etc/UCT", "Etc/Universal", "Etc/Zulu", "Universal", "Zulu"], "UTC", 0, nil),
        (["Europe/Guernsey", "Europe/Isle_of_Man", "Europe/Jersey"], "GMT", 0, "BST"),
        (["EET", "Asia/Famagusta"], "EET", 120, "EEST"),
        (["Europe/Moscow", "Europe/Simferopol"], "MSK", 180, nil),
        (["Asia/Jerusalem", "Asia/Tel_Aviv", "Israel"], "IST", 120, "IDT"),
        (["Asia/Shanghai", "Asia/Chongqing", "Asia/Harbin", "PRC", "Asia/Taipei"], "CST", 480, nil),
        (["Asia/Seoul"], "KST", 540, nil),
    ]
}
