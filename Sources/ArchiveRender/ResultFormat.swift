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

    /// The line under a cell's results that says where its numbers came from, in a reader's words:
    /// the inputs by what they are (the jet sample, a model's weights), not by path; the paths, their
    /// SHA-256 and the seed are listed once per cell, collapsed (`notebook-cell.mustache`).
    static func provenance(_ provenance: Provenance, sourceDate: String) -> String {
        var data: [String] = []
        var models: [String] = []
        var others = 0
        for (path, _) in provenance.inputs {
            let parts = path.split(separator: "/").map(String.init)
            if parts.count >= 3, parts[0] == "data" {
                let name = parts[1] == "jets" ? "the jet sample" : "the \(parts[1]) data"
                if !data.contains(name) { data.append(name) }
            } else if parts.count >= 3, parts[0] == "models" {
                if !models.contains(parts[1]) { models.append(parts[1]) }
            } else {
                others += 1
            }
        }
        var sources = data
        if !models.isEmpty {
            let noun = models.count == 1 ? "model" : "models"
            sources.append("the weights of the \(Format.list(models)) \(noun)")
        }
        if others > 0 { sources.append(others == 1 ? "1 other file" : "\(others) other files") }
        let inputs = sources.isEmpty ? "" : " from " + Format.list(sources)
        return "Computed at build time by kernel \(provenance.kernel) v\(provenance.version)"
            + inputs + " · sources of \(sourceDate)."
    }

    // MARK: Downloads

    /// RFC 4180 CSV with a header of column ids and full-precision numbers.
    static func csv(_ table: ResultTable) -> String {
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

    /// RFC 4180 CSV of a plot's points, one row per point: series, x, y (headed by the axis labels).
    static func csv(_ plot: LinePlot) -> String {
        var lines = [["series", plot.xLabel, plot.yLabel].map(field).joined(separator: ",")]
        for series in plot.series {
            for point in series.points where point.count == 2 {
                lines.append([field(series.label), point[0].description, point[1].description].joined(separator: ","))
            }
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    private static func field(_ text: String) -> String {
        text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
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
