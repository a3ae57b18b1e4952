import ArchiveModel
import Foundation

/// Kernel results as text: values as a page shows them, the provenance caption, and the CSV and
/// JSON downloads. (The HTML of tables and plots is the theme's: `result-table.mustache`,
/// `result-plot.mustache`.)
enum ResultFormat {
    /// How a table value reads on the page; downloads keep full precision instead.
    static func display(_ value: TableValue) -> String {
        switch value {
        case .text(let text): return text
        case .integer(let number): return String(number)
        case .real(let number, let decimals): return fixed(number, decimals)
        case .measured(let number, let uncertainty, let decimals):
            return "\(fixed(number, decimals)) ± \(fixed(uncertainty, decimals))"
        }
    }

    static func fixed(_ value: Double, _ decimals: Int) -> String {
        if value.isNaN { return "n/a" }
        if value.isInfinite { return value > 0 ? "∞" : "−∞" }
        let text = String(format: "%.\(max(0, min(decimals, 12)))f", value)
        return text.hasPrefix("-") ? "−" + text.dropFirst() : text
    }

    /// The caption line that says where the numbers came from.
    /// Short, because it stands under every table and plot; the inputs with their SHA-256 are
    /// listed once per cell, collapsed (`notebook-cell.mustache`).
    static func provenance(_ provenance: Provenance, sourceDate: String) -> String {
        let count = provenance.inputs.count
        let inputs = count == 0 ? "" : count == 1 ? " from 1 input file" : " from \(count) input files"
        return "Computed at build time by kernel \(provenance.kernel) v\(provenance.version)"
            + inputs + "; sources of \(sourceDate)."
    }

    // MARK: Downloads

    /// RFC 4180 CSV with a header of column ids and full-precision numbers.
    static func csv(_ table: ResultTable) -> String {
        func field(_ text: String) -> String {
            text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        var headers: [String] = []
        for (index, column) in table.columns.enumerated() {
            headers.append(field(column.id))
            if table.rows.contains(where: { index < $0.count && isMeasured($0[index]) }) {
                headers.append(field(column.id + "_uncertainty"))
            }
        }
        var lines = [headers.joined(separator: ",")]
        for row in table.rows {
            var fields: [String] = []
            for (index, value) in row.enumerated() {
                let hasUncertainty = table.rows.contains { index < $0.count && isMeasured($0[index]) }
                switch value {
                case .text(let text): fields.append(field(text))
                case .integer(let number): fields.append(String(number))
                case .real(let number, _): fields.append(number.description)
                case .measured(let number, let uncertainty, _):
                    fields.append(number.description)
                    fields.append(uncertainty.description)
                    continue
                }
                if hasUncertainty { fields.append("") }
            }
            lines.append(fields.joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    private static func isMeasured(_ value: TableValue) -> Bool {
        if case .measured = value { return true }
        return false
    }

    /// JSON: `{"title", "columns": [{id, label}], "rows": [{id: value}], "provenance"}`; numbers
    /// round-trip exactly, non-finite ones are written as strings.
    static func json(_ table: ResultTable, provenance: Provenance, sourceDate: String) -> String {
        func number(_ value: Double) -> String { value.isFinite ? value.description : "\"\(value)\"" }
        var out = "{\n  \"id\": \(JSONText.quoted(table.id)),\n  \"title\": \(JSONText.quoted(table.title)),\n"
        out +=
            "  \"columns\": ["
            + table.columns.map {
                "{\"id\": \(JSONText.quoted($0.id)), \"label\": \(JSONText.quoted($0.label))}"
            }.joined(separator: ", ") + "],\n  \"rows\": [\n"
        out += table.rows.map { row in
            "    {"
                + zip(table.columns, row).map { column, value in
                    let key = JSONText.quoted(column.id)
                    switch value {
                    case .text(let text): return "\(key): \(JSONText.quoted(text))"
                    case .integer(let n): return "\(key): \(n)"
                    case .real(let x, _): return "\(key): \(number(x))"
                    case .measured(let x, let u, _):
                        return "\(key): {\"value\": \(number(x)), \"uncertainty\": \(number(u))}"
                    }
                }.joined(separator: ", ") + "}"
        }.joined(separator: ",\n")
        out += "\n  ],\n  \"provenance\": {\"kernel\": \(JSONText.quoted(provenance.kernel)), "
        out += "\"version\": \(JSONText.quoted(provenance.version)), \"seed\": \(provenance.seed), "
        out += "\"source_date\": \(JSONText.quoted(sourceDate)), \"inputs\": {"
        out += provenance.inputs.map { "\(JSONText.quoted($0.path)): \(JSONText.quoted($0.sha256))" }
            .joined(separator: ", ")
        out += "}}\n}\n"
        return out
    }
}
