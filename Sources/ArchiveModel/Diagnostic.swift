/// A position in a content file: 1-based line and column, columns counted in characters.
public struct SourceLocation: Hashable, Sendable, Comparable {
    /// The path as the user gave it (relative to the working directory when possible).
    public var path: String
    public var line: Int
    public var column: Int

    public init(path: String, line: Int = 1, column: Int = 1) {
        self.path = path
        self.line = line
        self.column = column
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.path, a.line, a.column) < (b.path, b.line, b.column)
    }
}

/// One problem found in the content or the theme, printed as `path:line:col: error: message`.
/// A warning (`path:line:col: warning: message`) names something that is probably a mistake but
/// does not stop the build.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    /// A note records something let through on purpose (e.g. text an `allow_secrets` entry
    /// permits), so that the build summary shows it.
    public enum Severity: String, Hashable, Sendable {
        case error, warning, note
    }

    public var location: SourceLocation?
    public var message: String
    public var severity: Severity

    public init(_ message: String, at location: SourceLocation?, severity: Severity = .error) {
        self.message = message
        self.location = location
        self.severity = severity
    }

    public var isError: Bool { severity == .error }

    public var description: String {
        guard let location else { return "\(severity.rawValue): \(Self.visible(message))" }
        return "\(Self.visible(location.path)):\(location.line):\(location.column): \(severity.rawValue): "
            + Self.visible(message)
    }

    /// `text` with every character a terminal would not show as itself written `\u{200B}`:
    /// controls other than line feed and tab, and format characters (zero-width spaces and
    /// joiners, bidirectional controls such as U+202E, the byte-order mark). An id holding a
    /// zero-width space must not look valid, nor a message be reordered by the content it quotes.
    public static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isInvisible) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if isInvisible(scalar) {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value == 0x0A || value == 0x09 { return false }
        if value < 0x20 || (0x7F...0x9F).contains(value) { return true }
        switch scalar.properties.generalCategory {
        case .format, .lineSeparator, .paragraphSeparator: return true
        default: return false
        }
    }
}

/// Every problem of one run, reported together, in file order.
public struct DiagnosticList: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics.sorted { lhs, rhs in
            switch (lhs.location, rhs.location) {
            case (let l?, let r?): return l == r ? lhs.message < rhs.message : l < r
            case (nil, _?): return true
            case (_?, nil): return false
            case (nil, nil): return lhs.message < rhs.message
            }
        }
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
