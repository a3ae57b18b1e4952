/// Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): in a name or
/// title they reorder the neighbouring text of every page that shows it (`<title>`, pagers,
/// affiliation lists), so content may not contain them; the marks U+200E, U+200F and U+061C,
/// which do not, stay allowed.
public enum BidiControls {
    public static func contains(_ scalar: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }

    public static func message(_ scalar: Unicode.Scalar) -> String {
        "bidirectional control \\u{" + String(scalar.value, radix: 16, uppercase: true) + "} is not allowed: it "
            + "reorders the text around it wherever it is shown; write the text in its natural order"
    }
}

/// Which link and image destinations Markdown in the content may use: absolute `https:`, `http:`
/// and `mailto:` URLs. The renderer drops any other link to its text; the loader reports it first.
public enum MarkdownLinkRule {
    public static func isAllowed(_ url: String) -> Bool {
        var scheme = ""
        for byte in url.utf8 {
            if byte == UInt8(ascii: ":") { break }
            // Letters only: anything else before ':' (or no ':' at all) is not one of our schemes.
            guard (65...90).contains(byte) || (97...122).contains(byte) else { return false }
            scheme.unicodeScalars.append(Unicode.Scalar(byte | 0x20))
            if scheme.utf8.count > 6 { return false }
        }
        guard url.utf8.count > scheme.utf8.count else { return false }
        switch scheme {
        case "https", "http": return url.utf8.count > scheme.utf8.count + 3
        case "mailto": return url.utf8.count > scheme.utf8.count + 1
        default: return false
        }
    }

    /// Why `url` is refused, in the maintainer's terms.
    public static func problem(_ url: String) -> String {
        // Diagnostics escape invisible characters when printed; only the length is bounded here.
        let shown = url.count > 80 ? String(url.prefix(80)) + "…" : url
        let kind: String
        if url.hasPrefix("//") {
            kind = "a protocol-relative link"
        } else if url.hasPrefix("/") {
            kind = "an absolute path, which the archive cannot resolve"
        } else if url.lowercased().hasPrefix("javascript:") || url.lowercased().hasPrefix("data:")
            || url.lowercased().hasPrefix("vbscript:")
        {
            kind = "a script or data URL"
        } else if !url.contains(":") {
            kind = "a relative link, which the archive cannot resolve"
        } else {
            kind = "a URL of a scheme the archive does not publish"
        }
        return "link '\(shown)' is \(kind); links in Markdown must be absolute https:, http: or mailto: URLs "
            + "(otherwise the page shows only the link's text)"
    }
}

/// Lines of content end with LF or CRLF only. libyaml also ends a line at a lone CR, NEL, U+2028
/// and U+2029, and cmark-gfm at a lone CR, so a position either parser reports would name a
/// line the maintainer's editor and our own counting do not agree on.
public enum LineBreaks {
    /// The first line end other than LF and CRLF, at its 1-based line and column (columns count
    /// Unicode scalars, lines end at LF), with how many there are in all.
    public static func firstStray(in text: String) -> (line: Int, column: Int, scalar: Unicode.Scalar, count: Int)? {
        var first: (line: Int, column: Int, scalar: Unicode.Scalar)?
        var count = 0
        var line = 1
        var column = 1
        var pendingReturn: (line: Int, column: Int)?
        for scalar in text.unicodeScalars {
            if let carriage = pendingReturn {
                pendingReturn = nil
                if scalar.value != 0x0A {
                    count += 1
                    if first == nil { first = (carriage.line, carriage.column, "\r") }
                }
            }
            switch scalar.value {
            case 0x0A:
                line += 1
                column = 1
                continue
            case 0x0D:
                pendingReturn = (line, column)
            case 0x85, 0x2028, 0x2029:
                count += 1
                if first == nil { first = (line, column, scalar) }
            default:
                break
            }
            column += 1
        }
        if let carriage = pendingReturn {
            count += 1
            if first == nil { first = (carriage.line, carriage.column, "\r") }
        }
        return first.map { ($0.line, $0.column, $0.scalar, count) }
    }

    public static func message(_ scalar: Unicode.Scalar, count: Int) -> String {
        let name =
            scalar == "\r"
            ? "a carriage return without a line feed"
            : "line separator \\u{"
                + String(scalar.value, radix: 16, uppercase: true) + "}"
        let more = count > 1 ? " (\(count) in this file)" : ""
        return "\(name) ends a line here\(more); lines must end with LF or CRLF"
    }
}
