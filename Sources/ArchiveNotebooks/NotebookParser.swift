import ArchiveModel
import Foundation

/// Reads `Content/notebooks/<id>.md`: YAML front matter (title, authors, related, timeout,
/// summary) and Markdown prose in which every ```` ```kernel NAME ```` fence is a cell.
public enum NotebookParser {
    static let frontMatterKeys = ["title", "authors", "related", "timeout", "summary", "allow_secrets"]
    static let cellKeys = ["params", "seed", "expect"]

    /// `path` is the display path used in diagnostics; `id` the file name without `.md`.
    public static func parse(_ text: String, path: String, id: String) throws -> Notebook {
        var problems: [Diagnostic] = []
        if let stray = LineBreaks.firstStray(in: text) {
            throw Diagnostic(
                LineBreaks.message(stray.scalar, count: stray.count),
                at: SourceLocation(path: path, line: stray.line, column: stray.column))
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasSuffix("\r") ? line.dropLast() : line
        }
        guard lines.first == "---", let close = lines.dropFirst().firstIndex(of: "---") else {
            throw Diagnostic(
                "a notebook starts with YAML front matter between '---' lines",
                at: SourceLocation(path: path, line: 1, column: 1))
        }
        let header = lines[1..<close].joined(separator: "\n")
        var title = ""
        var summary: String?
        var authors: [String] = []
        var related: [String] = []
        var relatedLocations: [SourceLocation] = []
        var timeout = NotebookEngine.defaultTimeoutSeconds
        var allowances: [SecretText.Allowance] = []
        do {
            let node = try YAMLTree.parse(header, path: path, firstLine: 2)
            guard case .map(let pairs)? = node?.kind else {
                throw Diagnostic("front matter must be a mapping", at: SourceLocation(path: path, line: 2, column: 1))
            }
            for (key, keyLocation, value) in pairs {
                switch (key, value.kind) {
                case ("title", .scalar(.string(let text))): title = text
                case ("summary", .scalar(.string(let text))):
                    summary = checkedSummary(text, at: value.location, &problems)
                case ("authors", .list(let items)):
                    authors = strings(items, key: key, &problems)
                case ("allow_secrets", .list(let items)):
                    allowances = zip(strings(items, key: key, &problems), items).map { text, item in
                        SecretText.Allowance(text, at: item.location)
                    }
                case ("related", .list(let items)):
                    related = strings(items, key: key, &problems)
                    relatedLocations = items.map(\.location)
                case ("timeout", .scalar(.integer(let seconds)))
                where seconds > 0 && Double(seconds) <= NotebookEngine.maximumTimeoutSeconds:
                    timeout = Double(seconds)
                case ("timeout", .scalar(.real(let seconds)))
                where seconds > 0 && seconds <= NotebookEngine.maximumTimeoutSeconds:
                    timeout = seconds
                case ("timeout", _):
                    problems.append(
                        Diagnostic(
                            "'timeout' must be a number of seconds greater than 0 and at most "
                                + NotebookEngine.formatSeconds(NotebookEngine.maximumTimeoutSeconds),
                            at: value.location))
                case _ where frontMatterKeys.contains(key):
                    problems.append(Diagnostic("'\(key)' has the wrong type", at: value.location))
                default:
                    problems.append(
                        Diagnostic(
                            NearestName.message(
                                "unknown key '\(key)' in notebook", name: key, among: frontMatterKeys,
                                rest: "expected one of: " + frontMatterKeys.joined(separator: ", ")),
                            at: keyLocation))
                }
            }
            if title.isEmpty {
                problems.append(
                    Diagnostic("missing key 'title' in notebook", at: SourceLocation(path: path, line: 2, column: 1)))
            }
        } catch let diagnostic as Diagnostic {
            problems.append(diagnostic)
        }

        // The body: prose and cells. Other fences are tracked so their content is never read as a cell.
        var segments: [Notebook.Segment] = []
        var cells: [NotebookCell] = []
        var prose: [Substring] = []
        var index = close + 1
        func flushProse() {
            let text = prose.joined(separator: "\n")
            if !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { segments.append(.markdown(text)) }
            prose = []
        }
        while index < lines.count {
            let line = lines[index]
            guard let fence = Fence(line) else {
                prose.append(line)
                index += 1
                continue
            }
            let end = lines[(index + 1)...].firstIndex { fence.isClosed(by: $0) } ?? lines.count
            let words = fence.info.split(separator: " ", omittingEmptySubsequences: true)
            if words.first == "kernel" {
                flushProse()
                let location = SourceLocation(path: path, line: index + 1, column: fence.indent + 1)
                if end == lines.count {
                    problems.append(Diagnostic("cell is not closed by a fence", at: location))
                }
                guard words.count == 2 else {
                    problems.append(Diagnostic("a cell's info string is 'kernel NAME'", at: location))
                    index = end + 1
                    continue
                }
                let body = lines[(index + 1)..<end].joined(separator: "\n")
                do {
                    let cell = try parseCell(
                        body, path: path, location: location, kernel: String(words[1]),
                        ordinal: cells.count, firstLine: index + 2, problems: &problems)
                    segments.append(.cell(cells.count))
                    cells.append(cell)
                } catch let diagnostic as Diagnostic {
                    problems.append(diagnostic)
                }
            } else {
                prose.append(contentsOf: lines[index..<min(end + 1, lines.count)])
            }
            index = end + 1
        }
        flushProse()
        for (offset, line) in lines.enumerated() {
            for (column, scalar) in line.unicodeScalars.enumerated() where BidiControls.contains(scalar) {
                problems.append(
                    Diagnostic(
                        BidiControls.message(scalar),
                        at: SourceLocation(path: path, line: offset + 1, column: column + 1)))
            }
        }
        for problem in URLCredentials.problems(inText: text) {
            problems.append(
                Diagnostic(
                    problem.message,
                    at: SourceLocation(
                        path: path, line: problem.line,
                        column: problem.column)))
        }
        let secrets = SecretText.diagnostics(in: text, path: path, allowing: allowances)
        problems += secrets.filter(\.isError)
        if !problems.isEmpty { throw DiagnosticList(problems) }
        var notebook = Notebook(
            id: id, path: path, title: title, authors: authors, related: related,
            relatedLocations: relatedLocations, timeoutSeconds: timeout, segments: segments, cells: cells,
            summary: summary)
        notebook.notes = secrets.filter { !$0.isError }
        return notebook
    }

    /// The longest summary, in characters: a sentence or two, as for a talk's title.
    static let maximumSummaryLength = 2_000

    /// A summary is one paragraph of plain text: trimmed, not empty, bounded, without control
    /// or bidirectional-override characters.
    private static func checkedSummary(
        _ text: String, at location: SourceLocation,
        _ problems: inout [Diagnostic]
    ) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let problem: String?
        if trimmed.isEmpty {
            problem = "'summary' must not be empty"
        } else if trimmed.unicodeScalars.count > maximumSummaryLength {
            problem =
                "'summary' is \(trimmed.unicodeScalars.count) characters long; at most \(maximumSummaryLength) are allowed"
        } else if let bad = trimmed.unicodeScalars.first(where: { $0.properties.generalCategory == .control }) {
            let hex = String(bad.value, radix: 16, uppercase: true)
            problem =
                "'summary' must not contain control characters (found U+"
                + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ")"
        } else if let bidi = trimmed.unicodeScalars.first(where: BidiControls.contains) {
            problem = BidiControls.message(bidi)
        } else {
            problem = nil
        }
        if let problem { problems.append(Diagnostic(problem, at: location)) }
        return problem == nil ? trimmed : nil
    }

    private static func parseCell(
        _ body: String, path: String, location: SourceLocation, kernel: String,
        ordinal: Int, firstLine: Int, problems: inout [Diagnostic]
    ) throws -> NotebookCell {
        var cell = NotebookCell(
            notebookPath: path, ordinal: ordinal, location: location, kernelName: kernel,
            params: nil, seed: nil, expect: nil, source: body)
        guard let node = try YAMLTree.parse(body, path: path, firstLine: firstLine) else { return cell }
        guard case .map(let pairs) = node.kind else {
            throw Diagnostic(
                "a cell's body is a YAML mapping with keys: " + cellKeys.joined(separator: ", "), at: node.location)
        }
        for (key, keyLocation, value) in pairs {
            switch key {
            case "params": cell.params = value
            case "expect": cell.expect = value
            case "seed":
                // Read from the text: seeds span UInt64, beyond the YAML reader's Int.
                if case .scalar(let scalar) = value.kind, scalar.isPlainNumber, let text = value.text,
                    let seed = UInt64(text)
                {
                    cell.seed = seed
                } else {
                    problems.append(Diagnostic("'seed' must be an integer from 0 to \(UInt64.max)", at: value.location))
                }
            default:
                problems.append(
                    Diagnostic(
                        NearestName.message(
                            "unknown key '\(key)' in cell", name: key, among: cellKeys,
                            rest: "expected one of: " + cellKeys.joined(separator: ", ")), at: keyLocation))
            }
        }
        return cell
    }

    private static func strings(_ items: [ParameterNode], key: String, _ problems: inout [Diagnostic]) -> [String] {
        items.compactMap { item in
            if case .scalar(.string(let text)) = item.kind { return text }
            problems.append(Diagnostic("items of '\(key)' must be strings", at: item.location))
            return nil
        }
    }
}

/// A CommonMark code fence: up to three spaces, then three or more backticks or tildes.
struct Fence {
    let character: Character
    let length: Int
    let indent: Int
    let info: String

    init?(_ line: Substring) {
        let indent = line.prefix { $0 == " " }.count
        guard indent <= 3 else { return nil }
        let rest = line.dropFirst(indent)
        guard let first = rest.first, first == "`" || first == "~" else { return nil }
        let run = rest.prefix { $0 == first }.count
        guard run >= 3 else { return nil }
        let info = rest.dropFirst(run).trimmingCharacters(in: .whitespaces)
        if first == "`", info.contains("`") { return nil }
        self.character = first
        self.length = run
        self.indent = indent
        self.info = info
    }

    func isClosed(by line: Substring) -> Bool {
        let trimmed = line.drop { $0 == " " }
        guard line.count - trimmed.count <= 3 else { return false }
        let run = trimmed.prefix { $0 == character }.count
        return run >= length && trimmed.dropFirst(run).allSatisfy { $0 == " " || $0 == "\t" }
    }
}

extension KernelValue {
    /// An integer or a real, as a plain YAML scalar reads.
    fileprivate var isPlainNumber: Bool {
        switch self {
        case .integer, .real: return true
        default: return false
        }
    }
}
