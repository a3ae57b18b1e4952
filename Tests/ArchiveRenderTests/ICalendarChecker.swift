import Foundation

/// A strict RFC 5545 reader for the archive's calendars (the popular parsers accept missing
/// DTSTAMPs, LF line ends and 200-octet lines, so they cannot be the check). It reports every
/// rule a file breaks and, for a valid file, gives each event's start and end as UTC instants
/// resolved through the file's own VTIMEZONE.
struct ICalendarChecker {
    struct Event {
        var properties: [String: (parameters: [String: String], value: String)] = [:]
        var start: Date?
        var end: Date?
    }

    private(set) var problems: [String] = []
    private(set) var events: [Event] = []
    /// TZID → observances (onset as local seconds since 1970 in the offset before it, offset after).
    private(set) var zones: [String: [(onset: Int, from: Int, to: Int)]] = [:]

    init(_ bytes: [UInt8], name: String) {
        var lines: [(text: String, number: Int)] = []
        var start = 0
        var physical = 0
        for i in bytes.indices where bytes[i] == 0x0A {
            physical += 1
            let crlf = i > start && bytes[i - 1] == 0x0D
            // A bare LF is reported, and the line is read on so that its content is checked too.
            if !crlf { problems.append("\(name):\(physical): bare LF") }
            let raw = Array(bytes[start..<(crlf ? i - 1 : i)])
            start = i + 1
            if raw.contains(0x0D) { problems.append("\(name):\(physical): bare CR") }
            if raw.count > 75 { problems.append("\(name):\(physical): \(raw.count) octets (at most 75)") }
            guard let text = String(validating: raw, as: UTF8.self) else {
                problems.append("\(name):\(physical): not UTF-8 (a fold split a character?)")
                continue
            }
            if text.first == " " || text.first == "\t" {
                guard !lines.isEmpty else {
                    problems.append("\(name):\(physical): continuation without a line")
                    continue
                }
                lines[lines.count - 1].text += text.dropFirst()
            } else {
                lines.append((text, physical))
            }
        }
        if start != bytes.count { problems.append("\(name): the last line does not end in CRLF") }
        parse(lines, name: name)
    }

    /// `NAME;P=V;…:value`, with quoted parameter values kept whole.
    static func split(_ line: String) -> (name: String, parameters: [String: String], value: String)? {
        var inQuotes = false
        guard
            let colon = line.firstIndex(where: { c in
                if c == "\"" { inQuotes.toggle() }
                return c == ":" && !inQuotes
            })
        else { return nil }
        let head = line[..<colon].split(separator: ";", omittingEmptySubsequences: false)
        var parameters: [String: String] = [:]
        for parameter in head.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { return nil }
            parameters[String(pair[0])] = String(pair[1])
        }
        let name = String(head[0])
        guard !name.isEmpty, name.allSatisfy({ $0.isUppercase || $0 == "-" || $0.isNumber }) else { return nil }
        return (name, parameters, String(line[line.index(after: colon)...]))
    }

    /// TEXT: no unescaped `;` or `,`, backslashes only before `\ ; , n N`.
    static func isValidText(_ value: String, list: Bool = false) -> Bool {
        var escaped = false
        for c in value {
            if escaped {
                guard "\\;,nN".contains(c) else { return false }
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else if c == ";" || (c == "," && !list) {
                return false
            } else if c.asciiValue.map({ $0 < 0x20 }) ?? false {
                return false
            }
        }
        return !escaped
    }

    static func localSeconds(_ text: String) -> Int? {
        let digits = Array(text.utf8)
        guard digits.count == 15, digits[8] == UInt8(ascii: "T"),
            let y = Int(text.prefix(4)), let mo = Int(text.dropFirst(4).prefix(2)),
            let d = Int(text.dropFirst(6).prefix(2)),
            let h = Int(text.dropFirst(9).prefix(2)), let mi = Int(text.dropFirst(11).prefix(2)),
            let s = Int(text.dropFirst(13).prefix(2)), (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60,
            s < 61
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let date = calendar.date(from: DateComponents(year: y, month: mo, day: d, hour: h, minute: mi, second: s))
        else { return nil }
        return Int(date.timeIntervalSince1970)
    }

    static func offset(_ text: String) -> Int? {
        guard text.count == 5 || text.count == 7, let sign = text.first, sign == "+" || sign == "-",
            let h = Int(text.dropFirst().prefix(2)), let m = Int(text.dropFirst(3).prefix(2))
        else { return nil }
        let s = text.count == 7 ? Int(text.suffix(2)) ?? 0 : 0
        return (sign == "-" ? -1 : 1) * (h * 3600 + m * 60 + s)
    }

    private mutating func parse(_ lines: [(text: String, number: Int)], name: String) {
        var stack: [String] = []
        var calendarProperties: [String: Int] = [:]
        var event: Event?
        var zone: String?
        var observance: [String: String] = [:]
        var uids: Set<String> = []
        for (text, number) in lines {
            let at = "\(name):\(number)"
            guard let (property, parameters, value) = Self.split(text) else {
                problems.append("\(at): not a content line: \(text)")
                continue
            }
            switch property {
            case "BEGIN":
                stack.append(value)
                if value == "VEVENT" { event = Event() }
                if value == "STANDARD" || value == "DAYLIGHT" { observance = [:] }
                continue
            case "END":
                guard stack.last == value else {
                    problems.append("\(at): END:\(value) closes \(stack.last ?? "nothing")")
                    continue
                }
                stack.removeLast()
                if value == "VEVENT", let finished = event {
                    finishEvent(finished, at: at, uids: &uids)
                    event = nil
                }
                if value == "STANDARD" || value == "DAYLIGHT", let zone {
                    guard let onset = observance["DTSTART"].flatMap(Self.localSeconds),
                        let from = observance["TZOFFSETFROM"].flatMap(Self.offset),
                        let to = observance["TZOFFSETTO"].flatMap(Self.offset)
                    else {
                        problems.append("\(at): \(value) needs DTSTART, TZOFFSETFROM and TZOFFSETTO")
                        continue
                    }
                    zones[zone, default: []].append((onset, from, to))
                }
                if value == "VTIMEZONE" { zone = nil }
                continue
            default: break
            }
            switch stack.last {
            case "VCALENDAR"?: calendarProperties[property, default: 0] += 1
            case "VTIMEZONE"?:
                if property == "TZID" {
                    if zones[value] != nil { problems.append("\(at): VTIMEZONE \(value) given twice") }
                    zone = value
                    zones[value] = []
                }
            case "STANDARD"?, "DAYLIGHT"?: observance[property] = value
            case "VEVENT"?:
                if event?.properties[property] != nil { problems.append("\(at): \(property) twice in one event") }
                event?.properties[property] = (parameters, value)
            default: problems.append("\(at): \(property) outside any component")
            }
        }
        if !stack.isEmpty { problems.append("\(name): unclosed \(stack.joined(separator: ", "))") }
        for required in ["VERSION", "PRODID"] where calendarProperties[required] != 1 {
            problems.append("\(name): VCALENDAR needs exactly one \(required)")
        }
        var resolved = events
        for index in resolved.indices { resolve(&resolved[index], name: name) }
        events = resolved
        let used = Set(events.compactMap { $0.properties["DTSTART"]?.parameters["TZID"] })
        if used != Set(zones.keys) {
            problems.append("\(name): VTIMEZONEs \(zones.keys.sorted()) for TZIDs \(used.sorted())")
        }
    }

    private mutating func finishEvent(_ event: Event, at: String, uids: inout Set<String>) {
        for required in ["UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"] where event.properties[required] == nil {
            problems.append("\(at): event without \(required)")
        }
        if let uid = event.properties["UID"]?.value, !uids.insert(uid).inserted {
            problems.append("\(at): UID \(uid) used twice")
        }
        if let stamp = event.properties["DTSTAMP"]?.value,
            !(stamp.hasSuffix("Z") && Self.localSeconds(String(stamp.dropLast())) != nil)
        {
            problems.append("\(at): DTSTAMP \(stamp) is not a UTC date-time")
        }
        for key in ["SUMMARY", "DESCRIPTION", "LOCATION"] {
            if let value = event.properties[key]?.value, !Self.isValidText(value) {
                problems.append("\(at): \(key) is not valid TEXT: \(value)")
            }
        }
        if let value = event.properties["CATEGORIES"]?.value, !Self.isValidText(value, list: true) {
            problems.append("\(at): CATEGORIES is not a valid TEXT list")
        }
        for key in ["DTSTART", "DTEND"] {
            guard let property = event.properties[key] else { continue }
            if property.parameters["TZID"] == nil { problems.append("\(at): \(key) without TZID") }
            if Self.localSeconds(property.value) == nil {
                problems.append("\(at): \(key) \(property.value) is no local date-time")
            }
        }
        events.append(event)
    }

    /// Local time → UTC through the VTIMEZONE: the observance with the latest onset not after it.
    private mutating func resolve(_ event: inout Event, name: String) {
        func instant(_ key: String) -> Date? {
            guard let property = event.properties[key], let zone = property.parameters["TZID"],
                let local = Self.localSeconds(property.value), let observances = zones[zone]
            else { return nil }
            let sorted = observances.sorted { $0.onset < $1.onset }
            guard let rule = sorted.last(where: { $0.onset <= local }) else {
                problems.append("\(name): \(property.value) is before every observance of \(zone)")
                return nil
            }
            return Date(timeIntervalSince1970: TimeInterval(local - rule.to))
        }
        event.start = instant("DTSTART")
        event.end = instant("DTEND")
        if let start = event.start, let end = event.end, end <= start {
            problems.append("\(name): \(event.properties["UID"]?.value ?? "?") ends before it starts")
        }
    }
}
