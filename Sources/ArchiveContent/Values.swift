import ArchiveModel
import Foundation

/// Parsing and checking of single values, by hand on UTF-8 (no regular expressions, no formatters).
enum Values {
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    private static func isLowerASCII(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
    private static func isUpperASCII(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }

    private static func number(_ bytes: ArraySlice<UInt8>) -> Int {
        bytes.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }

    /// Unicode's control characters (general category Cc): C0, DEL and C1.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }

    /// Digits only, at most 9 of them.
    static func wholeNumber(_ text: String) -> Int? {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= 9, bytes.allSatisfy(isDigit) else { return nil }
        return number(bytes[...])
    }

    /// `[a-z0-9]+(-[a-z0-9]+)*`: safe as a path component and stable as a URL.
    static func isValidID(_ text: String) -> Bool {
        var previousWasHyphen = true  // no leading hyphen
        for byte in text.utf8 {
            if byte == 0x2D {
                if previousWasHyphen { return false }
                previousWasHyphen = true
            } else if isLowerASCII(byte) || isDigit(byte) {
                previousWasHyphen = false
            } else {
                return false
            }
        }
        return !previousWasHyphen
    }

    /// `HH:MM`, 00:00 to 23:59.
    static func time(_ text: String) -> TimeOfDay? {
        let bytes = Array(text.utf8)
        guard bytes.count == 5, bytes[2] == 0x3A, isDigit(bytes[0]), isDigit(bytes[1]), isDigit(bytes[3]),
            isDigit(bytes[4])
        else { return nil }
        let hour = number(bytes[0..<2])
        let minute = number(bytes[3..<5])
        guard hour < 24, minute < 60 else { return nil }
        return TimeOfDay(hour: hour, minute: minute)
    }

    /// `YYYY-MM-DD`, a real day of the proleptic Gregorian calendar (year 0001 and later).
    static func day(_ text: String) -> CalendarDay? {
        day(Array(text.utf8)[...])
    }

    private static func day(_ bytes: ArraySlice<UInt8>) -> CalendarDay? {
        let b = Array(bytes)
        guard b.count == 10, b[4] == 0x2D, b[7] == 0x2D,
            [0, 1, 2, 3, 5, 6, 8, 9].allSatisfy({ isDigit(b[$0]) })
        else { return nil }
        let year = number(b[0..<4])
        let month = number(b[5..<7])
        let day = number(b[8..<10])
        guard year >= 1, (1...12).contains(month), day >= 1, day <= CalendarDay.daysInMonth(year: year, month: month)
        else {
            return nil
        }
        return CalendarDay(year: year, month: month, day: day)
    }

    /// `YYYY-MM-DDTHH:MM`.
    static func dateTime(_ text: String) -> (CalendarDay, TimeOfDay)? {
        let bytes = Array(text.utf8)
        guard bytes.count == 16, bytes[10] == 0x54, let day = day(bytes[0..<10]),
            let time = time(String(decoding: bytes[11...], as: UTF8.self))
        else { return nil }
        return (day, time)
    }

    // MARK: URLs and arXiv ids

    /// nil when `url` is an absolute `https:`/`http:` URL with a host (or, when `allowMailto`, a
    /// `mailto:` address); otherwise the reason it is refused.
    static func urlProblem(_ url: String, allowMailto: Bool) -> String? {
        let allowed = allowMailto ? "an https:, http: or mailto: URL" : "an https: or http: URL"
        if let bad = url.unicodeScalars.first(where: {
            $0.value <= 0x20 || $0.value == 0x7F || (0x80...0x9F).contains($0.value)
                || "\"<>\\`".unicodeScalars.contains($0)
        }) {
            return
                "URL '\(FieldReader.printable(url))' contains \(bad == " " ? "a space" : "the character \(SourceText.codePoint(bad))"); expected \(allowed)"
        }
        for scheme in ["https://", "http://"] where url.hasPrefix(scheme) {
            let host = url.dropFirst(scheme.count).prefix { $0 != "/" && $0 != "?" && $0 != "#" }
            if host.isEmpty || host.hasPrefix("@") || host.hasSuffix(":") {
                return "URL '\(url)' has no host; expected \(allowed)"
            }
            return URLCredentials.problem(in: url)
        }
        if allowMailto, url.hasPrefix("mailto:") {
            let address = url.dropFirst("mailto:".count)
            if let at = address.firstIndex(of: "@"), at != address.startIndex,
                address.index(after: at) != address.endIndex
            {
                return nil
            }
            return "URL '\(url)' is not a mailto: address; expected \(allowed)"
        }
        return "URL '\(FieldReader.printable(url))' is not allowed; expected \(allowed)"
    }

    /// `2008.06545`, `2008.06545v2` or the old style `hep-ph/0307015`, `math.GT/0309136`.
    static func isArxivID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        if let dot = bytes.firstIndex(of: 0x2E), dot == 4, bytes[..<4].allSatisfy(isDigit) {
            var index = 5
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            guard (4...5).contains(index - 5) else { return false }
            if index == bytes.count { return true }
            guard bytes[index] == 0x76, index + 1 < bytes.count else { return false }
            return bytes[(index + 1)...].allSatisfy(isDigit)
        }
        guard let slash = bytes.firstIndex(of: 0x2F) else { return false }
        let archive = bytes[..<slash]
        let number = bytes[(slash + 1)...]
        guard number.count == 7, number.allSatisfy(isDigit) else { return false }
        var name = archive[...]
        if let dot = archive.firstIndex(of: 0x2E) {
            let subject = archive[(dot + 1)...]
            guard subject.count == 2, subject.allSatisfy(isUpperASCII) else { return false }
            name = archive[..<dot]
        }
        return !name.isEmpty && name.allSatisfy { isLowerASCII($0) || $0 == 0x2D }
    }

    // MARK: People

    /// A name compared for duplicates: case, diacritics, punctuation and spacing ignored
    /// ("Jean-Roch Vlimant" = "jean roch  vlimant" = "Jéan Roch Vlimant").
    static func normalisedName(_ name: String) -> String {
        var result = ""
        var pendingSpace = false
        for scalar in name.decomposedStringWithCanonicalMapping.unicodeScalars {
            let properties = scalar.properties
            if properties.generalCategory == .nonspacingMark { continue }
            if properties.isAlphabetic || properties.numericType != nil {
                if pendingSpace, !result.isEmpty { result += " " }
                pendingSpace = false
                result += properties.lowercaseMapping
            } else {
                pendingSpace = true
            }
        }
        return result
    }

    /// "Family, Given" from the last word of the name.
    static func sortKey(forName name: String) -> String {
        let words = name.split(whereSeparator: { $0.isWhitespace })
        guard words.count > 1, let last = words.last else { return name }
        return "\(last), \(words.dropLast().joined(separator: " "))"
    }

    /// A leading academic or social title ("Dr", "Prof."), which names must not contain.
    static func leadingTitle(_ name: String) -> String? {
        guard let first = name.split(separator: " ").first else { return nil }
        let word = first.hasSuffix(".") ? first.dropLast() : first[...]
        let titles: Set<String> = ["Dr", "Mr", "Mrs", "Ms", "Miss", "Prof", "Professor", "Sir"]
        return titles.contains(String(word)) && name.split(separator: " ").count > 1 ? String(first) : nil
    }
}
