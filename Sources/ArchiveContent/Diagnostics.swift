import ArchiveModel
import Yams

/// Collects every problem of one run; the loader keeps going after an error wherever the rest of the
/// content can still be checked meaningfully.
final class DiagnosticCollector {
    private(set) var diagnostics: [Diagnostic] = []

    /// No error so far (warnings do not count).
    var isEmpty: Bool { !diagnostics.contains(where: \.isError) }

    func error(_ message: String, at location: SourceLocation?) {
        diagnostics.append(Diagnostic(message, at: location))
    }

    func append(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    func warning(_ message: String, at location: SourceLocation?) {
        diagnostics.append(Diagnostic(message, at: location, severity: .warning))
    }
}

/// A value together with where it was written.
struct Located<Value> {
    var value: Value
    var location: SourceLocation

    init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

/// One content file being read: its display path and how YAML marks map to file positions.
struct FileContext: Sendable {
    /// The path as shown in diagnostics (built from the content directory the user gave).
    let path: String
    /// Lines before the YAML's first line (1: the opening `---`).
    let lineOffset: Int

    /// Where the YAML's aliases (`*a`) are written, in text order.
    var aliases: [SourceLocation] = []

    init(path: String, lineOffset: Int = 1) {
        self.path = path
        self.lineOffset = lineOffset
    }

    /// Where `node`, read at or after `floor` (its key, or the item before it), is written. Yams
    /// resolves an alias to its anchored node, whose mark is the anchor's and so lies before the
    /// key: such a node is shown at the first alias after `floor`, where the maintainer wrote it.
    func location(_ node: Node, after floor: SourceLocation) -> SourceLocation {
        let written = location(node)
        guard written < floor, let alias = aliases.first(where: { $0 > floor }) else { return written }
        return alias
    }

    /// Line 1, column 1 of the file.
    var start: SourceLocation { SourceLocation(path: path, line: 1, column: 1) }

    /// Yams marks are 1-based and count columns in Unicode scalars, as this loader does; only the
    /// line needs the front-matter offset.
    func location(_ mark: Mark?) -> SourceLocation {
        guard let mark else { return SourceLocation(path: path, line: 1 + lineOffset, column: 1) }
        return SourceLocation(path: path, line: mark.line + lineOffset, column: mark.column)
    }

    func location(_ node: Node) -> SourceLocation { location(node.mark) }

    /// A position given by a 1-based line and column of the YAML text.
    func location(yamlLine line: Int, column: Int) -> SourceLocation {
        SourceLocation(path: path, line: line + lineOffset, column: column)
    }
}
