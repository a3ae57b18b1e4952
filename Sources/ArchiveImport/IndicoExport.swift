import Foundation

/// An Indico date as the HTTP export writes it: `{date: "YYYY-MM-DD", time: "HH:MM:SS", tz}`,
/// resolved to an instant.
struct IndicoInstant {
    var date: Date
    var path: String
}

struct IndicoPerson {
    var firstName: String
    var lastName: String
    var affiliation: String?
    /// The event's person id (`person_id`, else `db_id`); nil in exports that carry none.
    var personID: String?
    var path: String

    var name: String { [firstName, lastName].filter { !$0.isEmpty }.joined(separator: " ") }
}

struct IndicoAttachment {
    var title: String
    var url: String
    var isFile: Bool
    var path: String
}

struct IndicoContribution {
    var id: String
    var title: String
    var description: String?
    var start: IndicoInstant
    var durationMinutes: Int
    var speakers: [IndicoPerson]
    var track: String?
    var attachments: [IndicoAttachment]
    /// Attachments left out because they are protected (never imported).
    var protectedCount: Int
    var path: String
}

struct IndicoSlot {
    var sessionID: String
    var sessionTitle: String
    var slotTitle: String?
    var description: String?
    var start: IndicoInstant
    var end: IndicoInstant
    var room: String?
    var conveners: [IndicoPerson]
    var contributions: [IndicoContribution]
    var numberOfSlots: Int
    var path: String
}

struct IndicoBreak {
    var title: String
    var start: IndicoInstant
    var end: IndicoInstant
    var path: String
}

struct IndicoEvent {
    var id: String
    var title: String
    var description: String?
    var timeZone: TimeZone
    var start: IndicoInstant
    var end: IndicoInstant
    var venue: String?
    var url: String?
    var chairs: [IndicoPerson]
    var slots: [IndicoSlot]
    /// Contributions outside any session.
    var contributions: [IndicoContribution]
    var breaks: [IndicoBreak] = []
}

/// Reads the two exports (`/export/event/<id>.json?detail=sessions` and, optionally,
/// `/export/timetable/<id>.json`, the only one with breaks) into the values above, reporting every
/// problem at its JSON path.
struct IndicoReader {
    let problems: ProblemList

    func event(_ root: JSONNode) -> IndicoEvent? {
        guard root.object() != nil else { return nil }
        let results = root["results"].array(required: true)
        guard results.count == 1, let event = results[0].object() else {
            if !results.isEmpty { root["results"].fail("expected one event, found \(results.count)") }
            return nil
        }
        let zoneName = event["timezone"].string()
        let timeZone = zoneName.flatMap { name -> TimeZone? in
            guard let zone = TimeZone(identifier: name) else {
                event["timezone"].fail("unknown time zone '\(name)'")
                return nil
            }
            return zone
        }
        let id = event["id"].string(numbersAllowed: true)
        let title = event["title"].string()
        let start = instant(event["startDate"])
        let end = instant(event["endDate"])
        let slots = event["sessions"].array().compactMap(slot)
        let contributions = event["contributions"].array().compactMap(contribution)
        let chairs = event["chairs"].array().compactMap(person)
        guard let id, let title, let timeZone, let start, let end else { return nil }
        return IndicoEvent(
            id: id, title: title, description: event["description"].optionalText, timeZone: timeZone,
            start: start, end: end, venue: event["roomFullname"].optionalText ?? event["location"].optionalText,
            url: event["url"].optionalText, chairs: chairs, slots: slots, contributions: contributions)
    }

    func instant(_ node: JSONNode) -> IndicoInstant? {
        guard node.object() != nil,
            let date = node["date"].string(), let time = node["time"].string(), let zoneName = node["tz"].string()
        else { return nil }
        guard let zone = TimeZone(identifier: zoneName) else {
            node["tz"].fail("unknown time zone '\(zoneName)'")
            return nil
        }
        let day = date.split(separator: "-").compactMap { Int($0) }
        let clock = time.split(separator: ":").compactMap { Int($0) }
        guard day.count == 3, (2...3).contains(clock.count) else {
            node.fail("expected a date YYYY-MM-DD and a time HH:MM:SS, found '\(date)' '\(time)'")
            return nil
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let components = DateComponents(
            year: day[0], month: day[1], day: day[2], hour: clock[0], minute: clock[1],
            second: clock.count > 2 ? clock[2] : 0)
        guard let instant = calendar.date(from: components), calendar.component(.hour, from: instant) == clock[0]
        else {
            node.fail("\(date) \(time) does not exist in \(zoneName) (the clocks skip it)")
            return nil
        }
        return IndicoInstant(date: instant, path: node.path)
    }

    func person(_ node: JSONNode) -> IndicoPerson? {
        guard node.object() != nil else { return nil }
        var first = node["first_name"].optionalText ?? ""
        var last = node["last_name"].optionalText ?? ""
        if first.isEmpty, last.isEmpty, let full = node["fullName"].optionalText {
            // "Last, First" is how Indico writes full names.
            let parts = full.split(separator: ",", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2 {
                (last, first) = (parts[0], parts[1])
            } else {
                last = full
            }
        }
        guard !(first.isEmpty && last.isEmpty) else {
            node.fail("a person without a name (first_name, last_name and fullName are empty)")
            return nil
        }
        let id =
            node["person_id"].string(required: false, numbersAllowed: true)
            ?? node["db_id"].string(required: false, numbersAllowed: true)
        return IndicoPerson(
            firstName: first.trimmingCharacters(in: .whitespaces), lastName: last.trimmingCharacters(in: .whitespaces),
            affiliation: node["affiliation"].optionalText?.trimmingCharacters(in: .whitespaces), personID: id,
            path: node.path)
    }

    func contribution(_ node: JSONNode) -> IndicoContribution? {
        guard node.object() != nil else { return nil }
        let id = node["id"].string(numbersAllowed: true)
        let title = node["title"].string()
        let start = instant(node["startDate"])
        var duration = node["duration"].integer(required: false)
        if duration == nil, let start, let end = instant(node["endDate"]) {
            duration = Int(end.date.timeIntervalSince(start.date) / 60)
        }
        if duration == nil { node["duration"].fail("missing duration (and no endDate)") }
        if let minutes = duration, minutes <= 0 || minutes > 1440 {
            node["duration"].fail("duration \(minutes) min is not between 1 and 1440")
            duration = nil
        }
        let speakers = node["speakers"].array().compactMap(person)
        var attachments: [IndicoAttachment] = []
        var protected = 0
        for folder in node["folders"].array() {
            for item in folder["attachments"].array() {
                guard item.object() != nil else { continue }
                if item["is_protected"].bool == true {
                    protected += 1
                    continue
                }
                let isFile = item["type"].string(required: false) == "file"
                guard let url = (isFile ? item["download_url"] : item["link_url"]).string() else { continue }
                attachments.append(
                    IndicoAttachment(
                        title: item["title"].optionalText ?? "", url: url, isFile: isFile, path: item.path))
            }
        }
        guard let id, let title, let start, let duration else { return nil }
        return IndicoContribution(
            id: id, title: title, description: node["description"].optionalText, start: start,
            durationMinutes: duration, speakers: speakers, track: node["track"].optionalText,
            attachments: attachments, protectedCount: protected, path: node.path)
    }

    func slot(_ node: JSONNode) -> IndicoSlot? {
        guard node.object() != nil else { return nil }
        let session = node["session"].object()
        let sessionID = session?["id"].string(numbersAllowed: true)
        let sessionTitle = session?["title"].string() ?? node["title"].string(required: false)
        let start = instant(node["startDate"])
        let end = instant(node["endDate"])
        var conveners = node["conveners"].array().compactMap(person)
        if conveners.isEmpty, let session { conveners = session["sessionConveners"].array().compactMap(person) }
        let contributions = node["contributions"].array().compactMap(contribution)
        guard let sessionID, let sessionTitle, let start, let end else { return nil }
        if end.date <= start.date { node["endDate"].fail("the slot ends before it starts") }
        return IndicoSlot(
            sessionID: sessionID, sessionTitle: sessionTitle, slotTitle: node["slotTitle"].optionalText,
            description: session?["description"].optionalText, start: start, end: end,
            room: node["roomFullname"].optionalText ?? node["room"].optionalText, conveners: conveners,
            contributions: contributions, numberOfSlots: session?["numSlots"].integer(required: false) ?? 1,
            path: node.path)
    }

    /// The breaks of `/export/timetable/<id>.json`: results → event id → YYYYMMDD → entries, where
    /// session entries nest their own `entries`.
    func breaks(_ root: JSONNode, eventID: String) -> [IndicoBreak] {
        guard root.object() != nil else { return [] }
        let days = root["results"][eventID]
        guard days.object() != nil else { return [] }
        var found: [IndicoBreak] = []
        func visit(_ entries: JSONNode) {
            for key in entries.keys {
                let entry = entries[key]
                guard entry.object() != nil else { continue }
                switch entry["entryType"].string(required: false) {
                case "Break":
                    if let start = instant(entry["startDate"]), let end = instant(entry["endDate"]) {
                        found.append(
                            IndicoBreak(
                                title: entry["title"].optionalText ?? "Break", start: start, end: end, path: entry.path)
                        )
                    }
                case "Session":
                    visit(entry["entries"])
                default:
                    break
                }
            }
        }
        for day in days.keys { visit(days[day]) }
        return found
    }
}
