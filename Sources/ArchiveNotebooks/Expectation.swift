import ArchiveModel

/// A cell's `expect:` block: published numbers pinned with tolerances. Reals compare as
/// `|obtained − expected| ≤ atol + rtol·|expected|` (numpy's `isclose`); integers and text exactly.
///
///     expect:
///       summary:                 # table id
///         rtol: 1.0e-6           # a number for every column, or {column: number}
///         atol: {auc: 0.001}
///         rows:
///           - {class: W, jets: 1200, auc: 0.93}
struct Expectation {
    struct TableExpectation {
        var tableID: String
        var location: SourceLocation
        var rtol: (all: Double, columns: [String: Double])
        var atol: (all: Double, columns: [String: Double])
        var rows: [(location: SourceLocation, values: [(column: String, value: KernelValue, location: SourceLocation)])]
    }

    static let defaultRelativeTolerance = 1e-9

    var tables: [TableExpectation]

    /// Parses the block; shape errors are diagnostics pointing at the offending YAML.
    static func parse(_ node: ParameterNode) -> (Expectation, [Diagnostic]) {
        var problems: [Diagnostic] = []
        guard case .map(let tablePairs) = node.kind else {
            return (
                Expectation(tables: []), [Diagnostic("'expect' must map table ids to expectations", at: node.location)]
            )
        }
        var tables: [TableExpectation] = []
        for (tableID, _, body) in tablePairs {
            guard case .map(let keys) = body.kind else {
                problems.append(
                    Diagnostic("expectation of table '\(tableID)' must be a mapping with rows", at: body.location))
                continue
            }
            var table = TableExpectation(
                tableID: tableID, location: body.location,
                rtol: (defaultRelativeTolerance, [:]), atol: (0, [:]), rows: [])
            for (key, keyLocation, value) in keys {
                switch key {
                case "rtol": table.rtol = tolerance(value, defaultAll: defaultRelativeTolerance, &problems)
                case "atol": table.atol = tolerance(value, defaultAll: 0, &problems)
                case "rows":
                    guard case .list(let rows) = value.kind else {
                        problems.append(Diagnostic("'rows' must be a list of mappings", at: value.location))
                        continue
                    }
                    for row in rows {
                        guard case .map(let cells) = row.kind else {
                            problems.append(
                                Diagnostic("each expected row must be a mapping column: value", at: row.location))
                            continue
                        }
                        table.rows.append((row.location, cells.map { ($0.key, $0.value.value, $0.value.location) }))
                    }
                default:
                    problems.append(
                        Diagnostic(
                            "unknown key '\(key)' in expectation; expected one of: rtol, atol, rows",
                            at: keyLocation))
                }
            }
            tables.append(table)
        }
        return (Expectation(tables: tables), problems)
    }

    private static func tolerance(
        _ node: ParameterNode, defaultAll: Double,
        _ problems: inout [Diagnostic]
    ) -> (all: Double, columns: [String: Double]) {
        func number(_ node: ParameterNode) -> Double? {
            switch node.kind {
            case .scalar(.integer(let value)) where value >= 0: return Double(value)
            case .scalar(.real(let value)) where value >= 0 && value.isFinite: return value
            default:
                problems.append(Diagnostic("a tolerance must be a finite, non-negative number", at: node.location))
                return nil
            }
        }
        if case .map(let pairs) = node.kind {
            var columns: [String: Double] = [:]
            for pair in pairs { columns[pair.key] = number(pair.value) }
            return (defaultAll, columns)
        }
        return (number(node) ?? defaultAll, [:])
    }

    /// Compares obtained tables; returns one diagnostic per table that differs, with a diff.
    func check(_ output: KernelOutput) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for expected in tables {
            guard let table = output.tables.first(where: { $0.id == expected.tableID }) else {
                let ids = output.tables.map(\.id).joined(separator: ", ")
                problems.append(
                    Diagnostic(
                        "expected table '\(expected.tableID)' was not produced; tables: \(ids)",
                        at: expected.location))
                continue
            }
            var lines: [String] = []
            if table.rows.count != expected.rows.count {
                lines.append("    rows: expected \(expected.rows.count), obtained \(table.rows.count)")
            }
            for (rowIndex, row) in expected.rows.enumerated() where rowIndex < table.rows.count {
                for cell in row.values {
                    guard let column = table.columns.firstIndex(where: { $0.id == cell.column }) else {
                        let ids = table.columns.map(\.id).joined(separator: ", ")
                        problems.append(
                            Diagnostic(
                                "table '\(table.id)' has no column '\(cell.column)'; columns: \(ids)",
                                at: cell.location))
                        continue
                    }
                    let obtained = table.rows[rowIndex][column]
                    if let mismatch = compare(cell.value, obtained, column: cell.column, expected: expected) {
                        lines.append("    row \(rowIndex + 1), \(cell.column): \(mismatch)")
                    }
                }
            }
            if !lines.isEmpty {
                let message =
                    "table '\(table.id)' differs from its expectation (expected vs obtained):\n"
                    + lines.joined(separator: "\n")
                problems.append(Diagnostic(message, at: expected.location))
            }
        }
        return problems
    }

    private func compare(
        _ expected: KernelValue, _ obtained: TableValue, column: String,
        expected table: TableExpectation
    ) -> String? {
        switch (expected, obtained) {
        case (.string(let want), .text(let got)):
            return want == got ? nil : "expected '\(want)', obtained '\(got)'"
        case (.integer(let want), .integer(let got)):
            return want == got ? nil : "expected \(want), obtained \(got) (counts compare exactly)"
        case (.integer, _), (.real, _):
            guard let got = obtained.number else { return "expected a number, obtained \(obtained)" }
            let want: Double
            if case .integer(let value) = expected {
                want = Double(value)
            } else if case .real(let value) = expected {
                want = value
            } else {
                return nil
            }
            // An infinite tolerance band would pass anything: ±inf matches only itself, NaN nothing.
            if want.isNaN { return "NaN cannot be expected (it equals nothing); expect a number" }
            if want.isInfinite { return got == want ? nil : "expected \(want), obtained \(got)" }
            let rtol = table.rtol.columns[column] ?? table.rtol.all
            let atol = table.atol.columns[column] ?? table.atol.all
            let allowed = atol + rtol * abs(want)
            let difference = abs(got - want)
            if difference <= allowed { return nil }
            return
                "expected \(want), obtained \(got) (|difference| \(difference) > atol \(atol) + rtol \(rtol) × |expected|)"
        default:
            return "expected \(expected.canonicalJSON), obtained \(obtained)"
        }
    }
}
