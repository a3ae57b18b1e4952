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
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    public var location: SourceLocation?
    public var message: String

    public init(_ message: String, at location: SourceLocation?) {
        self.message = message
        self.location = location
    }

    public var description: String {
        guard let location else { return "error: \(message)" }
        return "\(location.path):\(location.line):\(location.column): error: \(message)"
    }
}

/// Every problem of one run, reported together, in file order.
public struct DiagnosticList: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics.sorted { lhs, rhs in
            switch (lhs.location, rhs.location) {
            case let (l?, r?): return l == r ? lhs.message < rhs.message : l < r
            case (nil, _?): return true
            case (_?, nil): return false
            case (nil, nil): return lhs.message < rhs.message
            }
        }
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
