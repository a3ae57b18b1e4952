/// The secrets lint: text that looks like a meeting password or an access token, wherever it is
/// written (a front-matter value, a comment, the Markdown body). Such text would be published with
/// the archive, so it is an error unless the file lists it under `allow_secrets`.
///
/// Two kinds are found: a password label followed by a value (`Password: 723827`,
/// `passcode=abc`, `**PWD**: x`), and tokens by their issuers' published prefixes (Indico `indp_`,
/// GitHub `ghp_`/`github_pat_`, GitLab `glpat-`, Slack `xox?-`, AWS key ids, PEM private keys).
/// Secrets inside URL queries (`?pwd=`) are the URL rule's (`URLCredentials`), which also knows
/// where a URL is published at all.
public enum SecretText {
    public struct Finding: Hashable, Sendable {
        /// 1-based line and column (in Unicode scalars) of the finding's first character.
        public var line: Int
        public var column: Int
        /// The text as written, e.g. `Password: 723827`; an `allow_secrets` entry names it exactly.
        public var text: String
        /// What it looks like, e.g. "a meeting password".
        public var kind: String

        /// The finding without its secret: the label or prefix and one more character, then "…".
        public var redacted: String {
            var shown = ""
            var count = 0
            for scalar in text.unicodeScalars {
                shown.unicodeScalars.append(scalar)
                count += 1
                if count >= prefixLength + 1 { break }
            }
            return shown + "…"
        }

        var prefixLength: Int

        public var message: String {
            "\(kind) '\(redacted)' would be published with the archive; remove it, or list the exact text "
                + "under 'allow_secrets' in this file if it is not a secret"
        }
    }

    /// Words that introduce a password when a ':' or '=' and a value follow.
    static let passwordLabels = ["password", "passwort", "passcode", "pass code", "passphrase", "pwd", "kennwort"]

    /// Token prefixes, the characters a token is made of after them, and the fewest such characters
    /// a real token has (shorter text is a word that happens to start the same way).
    static let tokenPrefixes: [(prefix: String, minimum: Int, kind: String)] = [
        ("indp_", 20, "an Indico API token"),
        ("ghp_", 20, "a GitHub token"), ("gho_", 20, "a GitHub token"), ("ghu_", 20, "a GitHub token"),
        ("ghs_", 20, "a GitHub token"), ("ghr_", 20, "a GitHub token"), ("github_pat_", 20, "a GitHub token"),
        ("glpat-", 20, "a GitLab token"),
        ("xoxb-", 10, "a Slack token"), ("xoxp-", 10, "a Slack token"), ("xoxa-", 10, "a Slack token"),
        ("xoxr-", 10, "a Slack token"), ("xoxs-", 10, "a Slack token"),
    ]

    /// AWS access key ids: one of these prefixes, then 16 upper-case letters and digits.
    static let awsKeyPrefixes = ["AKIA", "ASIA", "AGPA", "AIDA", "AROA"]

    /// Every finding in `text`, in text order; lines count from `firstLine`.
    public static func findings(in text: String, firstLine: Int = 1) -> [Finding] {
        let scalars = Array(text.unicodeScalars)
        var found: [Finding] = []
        var line = firstLine
        var lineStart = 0
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\n" {
                line += 1
                lineStart = index + 1
                index += 1
                continue
            }
            let atWordStart = index == 0 || !isWordCharacter(scalars[index - 1])
            if atWordStart, let match = match(scalars, at: index) {
                var text = ""
                text.unicodeScalars.append(contentsOf: scalars[index..<match.end])
                found.append(
                    Finding(
                        line: line, column: index - lineStart + 1, text: text, kind: match.kind,
                        prefixLength: match.prefixLength))
                index = match.end
                continue
            }
            index += 1
        }
        return found
    }

    private static func match(_ scalars: [Unicode.Scalar], at start: Int) -> (
        end: Int, kind: String, prefixLength: Int
    )? {
        if let end = passwordEnd(scalars, at: start) {
            return (end.value, "a meeting password", end.valueStart - start)
        }
        for token in tokenPrefixes where hasPrefix(scalars, token.prefix, at: start, caseSensitive: true) {
            let bodyStart = start + token.prefix.unicodeScalars.count
            var end = bodyStart
            while end < scalars.count, isTokenCharacter(scalars[end]) { end += 1 }
            if end - bodyStart >= token.minimum { return (end, token.kind, token.prefix.unicodeScalars.count) }
        }
        for prefix in awsKeyPrefixes where hasPrefix(scalars, prefix, at: start, caseSensitive: true) {
            var end = start + 4
            while end < scalars.count, isUpperOrDigit(scalars[end]) { end += 1 }
            if end - start == 20, end == scalars.count || !isWordCharacter(scalars[end]) {
                return (end, "an AWS access key id", 4)
            }
        }
        if hasPrefix(scalars, "-----BEGIN ", at: start, caseSensitive: true) {
            var end = start
            while end < scalars.count, scalars[end] != "\n" { end += 1 }
            var line = ""
            line.unicodeScalars.append(contentsOf: scalars[start..<end])
            if line.hasSuffix("PRIVATE KEY-----") { return (end, "a private key", 11) }
        }
        return nil
    }

    /// The end of `label: value` at `start`, and where its value starts; nil when no password label
    /// with a value starts there. Emphasis marks around the label or after the separator are
    /// skipped, so `**Password:** 723827` counts; a label inside a URL query is the URL rule's.
    private static func passwordEnd(_ scalars: [Unicode.Scalar], at start: Int) -> (value: Int, valueStart: Int)? {
        if start > 0, "?&;".unicodeScalars.contains(scalars[start - 1]) { return nil }
        guard
            let label = passwordLabels.first(where: { hasPrefix(scalars, $0, at: start, caseSensitive: false) })
        else { return nil }
        var index = start + label.unicodeScalars.count
        if index < scalars.count, isWordCharacter(scalars[index]) { return nil }
        func skip(_ set: String) {
            while index < scalars.count, set.unicodeScalars.contains(scalars[index]) { index += 1 }
        }
        skip("*_ \t")
        guard index < scalars.count, scalars[index] == ":" || scalars[index] == "=" else { return nil }
        index += 1
        skip("*_ \t")
        let valueStart = index
        while index < scalars.count, !scalars[index].properties.isWhitespace { index += 1 }
        let value = scalars[valueStart..<index]
        guard value.contains(where: { $0.properties.isAlphabetic || ("0"..."9").contains($0) }) else { return nil }
        return (index, valueStart)
    }

    private static func hasPrefix(
        _ scalars: [Unicode.Scalar], _ prefix: String, at start: Int, caseSensitive: Bool
    ) -> Bool {
        var index = start
        for expected in prefix.unicodeScalars {
            guard index < scalars.count else { return false }
            let actual = scalars[index]
            let same =
                caseSensitive
                ? actual == expected
                : (actual == expected || (("A"..."Z").contains(actual) && actual.value + 32 == expected.value))
            guard same else { return false }
            index += 1
        }
        return true
    }

    private static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_"
    }

    private static func isTokenCharacter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
            || scalar == "_" || scalar == "-"
    }

    private static func isUpperOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }

    /// An `allow_secrets` entry: the exact text of a finding that is not a secret, and where the
    /// entry itself is written (it repeats the text, so it is not a finding of its own).
    public struct Allowance: Sendable {
        public var text: String
        public var location: SourceLocation

        public init(_ text: String, at location: SourceLocation) {
            self.text = text
            self.location = location
        }

        func covers(_ finding: Finding) -> Bool {
            finding.line == location.line && finding.column >= location.column
                && finding.column <= location.column + 1
        }
    }

    /// The lint of one file: an error per finding, a note per finding its `allow_secrets` lists
    /// (so the build summary shows what was let through) and a warning per entry that matches nothing.
    public static func diagnostics(
        in text: String, path: String, firstLine: Int = 1, allowing allowances: [Allowance]
    ) -> [Diagnostic] {
        var result: [Diagnostic] = []
        var used = Set<String>()
        for finding in findings(in: text, firstLine: firstLine)
        where !allowances.contains(where: { $0.covers(finding) }) {
            let location = SourceLocation(path: path, line: finding.line, column: finding.column)
            if allowances.contains(where: { $0.text == finding.text }) {
                used.insert(finding.text)
                result.append(
                    Diagnostic(
                        "\(finding.kind) '\(finding.redacted)' published: allowed by this file's allow_secrets",
                        at: location, severity: .note))
            } else {
                result.append(Diagnostic(finding.message, at: location))
            }
        }
        for allowance in allowances where !used.contains(allowance.text) {
            result.append(
                Diagnostic(
                    "allow_secrets entry matches nothing in this file; remove it", at: allowance.location,
                    severity: .warning))
        }
        return result
    }
}
