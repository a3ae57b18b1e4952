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
              zone.identifier == identifier || identifier == "UTC" else { return nil }
        self.identifier = identifier
        self.zone = zone
    }

    /// The UTC offset in minutes that the local time `time` on `day` has, or nil when that local
    /// time does not exist (skipped when the clocks go forward). A local time that occurs twice
    /// (when the clocks go back) is taken in its first occurrence, i.e. with the larger offset.
    func utcOffsetMinutes(day: CalendarDay, time: TimeOfDay) -> Int? {
        let local = (Values.daysSinceEpoch(day) * 1440 + time.minutes) * 60
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

    /// The abbreviation shown beside times for a given offset, e.g. `CEST`. Foundation on Linux
    /// only gives `GMT+2`, so well-known zones come from a small table (used only when the offset
    /// matches the table's, so historical rules never get a wrong name); any other zone gets
    /// `UTC+02:00` (`UTC` for offset 0).
    func abbreviation(utcOffsetMinutes offset: Int) -> String {
        for entry in Zone.abbreviations where entry.zones.contains(identifier) {
            if offset == entry.standardOffset { return entry.standard }
            if let daylight = entry.daylight, offset == entry.standardOffset + 60 { return daylight }
        }
        if offset == 0 { return "UTC" }
        let sign = offset < 0 ? "-" : "+"
        let hours = abs(offset) / 60, minutes = abs(offset) % 60
        return "UTC\(sign)\(hours < 10 ? "0" : "")\(hours):\(minutes < 10 ? "0" : "")\(minutes)"
    }

    private struct Abbreviation {
        let zones: Set<String>
        let standard: String
        let standardOffset: Int
        let daylight: String?
    }

    private static let abbreviations: [Abbreviation] = [
        Abbreviation(zones: ["UTC", "Etc/UTC", "Etc/UCT", "Etc/Universal", "Etc/Zulu", "Universal", "Zulu"],
                     standard: "UTC", standardOffset: 0, daylight: nil),
        Abbreviation(zones: ["GMT", "Etc/GMT", "Etc/Greenwich", "Greenwich", "Africa/Abidjan", "Africa/Accra",
                             "Africa/Dakar", "Atlantic/Reykjavik"],
                     standard: "GMT", standardOffset: 0, daylight: nil),
        Abbreviation(zones: ["Europe/London", "Europe/Belfast", "Europe/Guernsey", "Europe/Isle_of_Man", "Europe/Jersey"],
                     standard: "GMT", standardOffset: 0, daylight: "BST"),
        Abbreviation(zones: ["Europe/Lisbon", "Atlantic/Canary", "Atlantic/Madeira", "Atlantic/Faroe"],
                     standard: "WET", standardOffset: 0, daylight: "WEST"),
        Abbreviation(zones: ["CET", "Europe/Zurich", "Europe/Berlin", "Europe/Paris", "Europe/Amsterdam",
                             "Europe/Brussels", "Europe/Luxembourg", "Europe/Vienna", "Europe/Rome", "Europe/Madrid",
                             "Europe/Prague", "Europe/Warsaw", "Europe/Budapest", "Europe/Stockholm", "Europe/Oslo",
                             "Europe/Copenhagen", "Europe/Ljubljana", "Europe/Zagreb", "Europe/Belgrade",
                             "Europe/Bratislava", "Europe/Monaco", "Europe/Malta", "Europe/Andorra", "Europe/Vaduz",
                             "Europe/San_Marino", "Europe/Vatican", "Europe/Sarajevo", "Europe/Skopje",
                             "Europe/Podgorica", "Europe/Tirane", "Europe/Gibraltar", "Europe/Busingen",
                             "Africa/Ceuta", "Arctic/Longyearbyen"],
                     standard: "CET", standardOffset: 60, daylight: "CEST"),
        Abbreviation(zones: ["EET", "Europe/Athens", "Europe/Helsinki", "Europe/Kiev", "Europe/Kyiv", "Europe/Riga",
                             "Europe/Tallinn", "Europe/Vilnius", "Europe/Sofia", "Europe/Bucharest",
                             "Europe/Chisinau", "Europe/Mariehamn", "Asia/Nicosia", "Asia/Famagusta",
                             "Asia/Beirut"],
                     standard: "EET", standardOffset: 120, daylight: "EEST"),
        Abbreviation(zones: ["Europe/Moscow", "Europe/Simferopol"], standard: "MSK", standardOffset: 180, daylight: nil),
        Abbreviation(zones: ["Asia/Jerusalem", "Asia/Tel_Aviv", "Israel"], standard: "IST", standardOffset: 120, daylight: "IDT"),
        Abbreviation(zones: ["Africa/Johannesburg"], standard: "SAST", standardOffset: 120, daylight: nil),
        Abbreviation(zones: ["Asia/Kolkata", "Asia/Calcutta"], standard: "IST", standardOffset: 330, daylight: nil),
        Abbreviation(zones: ["Asia/Shanghai", "Asia/Chongqing", "Asia/Harbin", "PRC", "Asia/Taipei"],
                     standard: "CST", standardOffset: 480, daylight: nil),
        Abbreviation(zones: ["Asia/Hong_Kong"], standard: "HKT", standardOffset: 480, daylight: nil),
        Abbreviation(zones: ["Australia/Perth"], standard: "AWST", standardOffset: 480, daylight: nil),
        Abbreviation(zones: ["Asia/Tokyo", "Japan"], standard: "JST", standardOffset: 540, daylight: nil),
        Abbreviation(zones: ["Asia/Seoul"], standard: "KST", standardOffset: 540, daylight: nil),
        Abbreviation(zones: ["Australia/Darwin"], standard: "ACST", standardOffset: 570, daylight: nil),
        Abbreviation(zones: ["Australia/Adelaide", "Australia/Broken_Hill"], standard: "ACST", standardOffset: 570,
                     daylight: "ACDT"),
        Abbreviation(zones: ["Australia/Brisbane"], standard: "AEST", standardOffset: 600, daylight: nil),
        Abbreviation(zones: ["Australia/Sydney", "Australia/Melbourne", "Australia/Canberra", "Australia/Hobart"],
                     standard: "AEST", standardOffset: 600, daylight: "AEDT"),
        Abbreviation(zones: ["Pacific/Auckland", "NZ"], standard: "NZST", standardOffset: 720, daylight: "NZDT"),
        Abbreviation(zones: ["America/St_Johns"], standard: "NST", standardOffset: -210, daylight: "NDT"),
        Abbreviation(zones: ["America/Halifax", "America/Glace_Bay", "America/Moncton", "Atlantic/Bermuda"],
                     standard: "AST", standardOffset: -240, daylight: "ADT"),
        Abbreviation(zones: ["America/Puerto_Rico"], standard: "AST", standardOffset: -240, daylight: nil),
        Abbreviation(zones: ["EST5EDT", "America/New_York", "America/Detroit", "America/Toronto", "America/Montreal",
                             "America/Nassau", "America/Indiana/Indianapolis", "America/Kentucky/Louisville",
                             "US/Eastern", "Canada/Eastern"],
                     standard: "EST", standardOffset: -300, daylight: "EDT"),
        Abbreviation(zones: ["CST6CDT", "America/Chicago", "America/Winnipeg", "America/Menominee",
                             "America/Indiana/Knox", "US/Central", "Canada/Central"],
                     standard: "CST", standardOffset: -360, daylight: "CDT"),
        Abbreviation(zones: ["MST7MDT", "America/Denver", "America/Edmonton", "America/Boise", "US/Mountain",
                             "Canada/Mountain"],
                     standard: "MST", standardOffset: -420, daylight: "MDT"),
        Abbreviation(zones: ["America/Phoenix", "US/Arizona"], standard: "MST", standardOffset: -420, daylight: nil),
        Abbreviation(zones: ["PST8PDT", "America/Los_Angeles", "America/Vancouver", "America/Tijuana", "US/Pacific",
                             "Canada/Pacific"],
                     standard: "PST", standardOffset: -480, daylight: "PDT"),
        Abbreviation(zones: ["America/Anchorage", "US/Alaska"], standard: "AKST", standardOffset: -540, daylight: "AKDT"),
        Abbreviation(zones: ["Pacific/Honolulu", "US/Hawaii"], standard: "HST", standardOffset: -600, daylight: nil),
    ]
}
