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
        let shown = "'" + String(url[..<afterScheme]) + host + "/…'"
        if authority.contains("@") {
            return "URL \(shown) carries a user name or password before the host; "
                + "credentials must not be published: link to the page without them"
        }
        let beforeFragment = rest.prefix { $0 != "#" }
        guard let mark = beforeFragment.firstIndex(of: "?") else { return nil }
        for pair in beforeFragment[beforeFragment.index(after: mark)...].split(whereSeparator: {
            $0 == "&" || $0 == ";"
        }) {
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
    public static func problems(inText text: String, firstLine: Int = 1) -> [(line: Int, column: Int, message: String)]
    {
        var found: [(line: Int, column: Int, message: String)] = []
        let scalars = Array(text.unicodeScalars)
        var line = firstLine
        var lineStart = 0
        var index = 0
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
}
