/// The rule that keeps secrets out of the archive: no URL may carry a user name, password or token.
public enum URLCredentials {
    /// Query keys that carry a password or token (Zoom's `pwd`, access tokens, signed-URL
    /// signatures): a link with one would publish the secret with the archive.
    public static let secretQueryKeys: Set<String> = [
        "pwd", "pass", "passwd", "password", "passcode", "pin", "token", "access_token", "auth",
        "auth_token", "apikey", "api_key", "key", "secret", "sig", "signature", "x-amz-signature",
        "x-amz-credential",
    ]

    /// nil unless `url` carries a credential: a user name or password before the host
    /// (`https://user:pass@host/`) or a query key of `secretQueryKeys`. The message names the URL
    /// only up to its host, so that it does not print the secret it is about.
    public static func problem(in url: String) -> String? {
        guard let colon = url.firstIndex(of: ":"), url[colon...].hasPrefix("://") else { return nil }
        let afterScheme = url.index(colon, offsetBy: 3)
        let rest = url[afterScheme...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let host = authority.split(separator: "@", omittingEmptySubsequences: false).last ?? ""
        let shown = "'" + escaped(String(url[..<afterScheme]) + host) + "/…'"
        if authority.contains("@") {
            return "URL \(shown) carries a user name or password before the host; "
                + "credentials must not be published: link to the page without them"
        }
        let beforeFragment = rest.prefix { $0 != "#" }
        guard let mark = beforeFragment.firstIndex(of: "?") else { return nil }
        for pair in beforeFragment[beforeFragment.index(after: mark)...].split(whereSeparator: { $0 == "&" || $0 == ";" }) {
            let key = pair.prefix { $0 != "=" }.lowercased()
            if secretQueryKeys.contains(key) {
                return "URL \(shown) carries a secret in its query ('\(key)='); "
                    + "passwords and tokens must not be published: remove the parameter"
            }
        }
        return nil
    }

    /// Every URL in free text (Markdown prose, links, autolinks) that carries a credential, with its
    /// 1-based line (counted from `firstLine`) and column in Unicode scalars.
    public static func problems(inText text: String, firstLine: Int = 1) -> [(line: Int, column: Int, message: String)] {
        var found: [(line: Int, column: Int, message: String)] = []
        let scalars = Array(text.unicodeScalars)
        var line = firstLine, lineStart = 0, index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\n" {
                line += 1
                lineStart = index + 1
            } else if scalar == ":", index + 2 < scalars.count, scalars[index + 1] == "/", scalars[index + 2] == "/" {
                var start = index
                while start > lineStart, isSchemeCharacter(scalars[start - 1]) { start -= 1 }
                var end = index
                while end < scalars.count, !endsURL(scalars[end]) { end += 1 }
                var url = ""
                url.unicodeScalars.append(contentsOf: scalars[start..<end])
                if let message = problem(in: url) { found.append((line, start - lineStart + 1, message)) }
                index = end
                continue
            }
            index += 1
        }
        return found
    }

    private static func isSchemeCharacter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
            || scalar == "+" || scalar == "-" || scalar == "."
    }

    /// Where a URL written in prose ends: white space, a control character, or the brackets and
    /// quotes Markdown puts around it.
    private static func endsURL(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
            || "<>()[]\"'`".unicodeScalars.contains(scalar)
    }

    private static func escaped(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

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
        let shown = Diagnostic.visible(url.count > 80 ? String(url.prefix(80)) + "…" : url)
        let kind: String
        if url.hasPrefix("//") {
            kind = "a protocol-relative link"
        } else if url.hasPrefix("/") {
            kind = "an absolute path, which the archive cannot resolve"
        } else if url.lowercased().hasPrefix("javascript:") || url.lowercased().hasPrefix("data:")
                    || url.lowercased().hasPrefix("vbscript:") {
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
