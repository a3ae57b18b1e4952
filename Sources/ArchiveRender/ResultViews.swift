import ArchiveModel

/// The view models of a notebook cell's results, for `notebook-cell.mustache` and the
/// `result-table` and `result-plot` partials it includes. Every value is plain text (the
/// templates escape it); the one exception is the SVG path data, which `SVGPlot` computes.
enum ResultViews {
    typealias Context = TemplateContext

    /// `cell3-roc`: the anchor of a table or plot and the stem of its downloads.
    static func stem(ordinal: Int, id: String) -> String { "cell\(ordinal + 1)-\(id)" }

    static func cell(_ result: CellResult, ordinal: Int, sourceDate: String) -> Context {
        let provenance = ResultFormat.provenance(result.provenance, sourceDate: sourceDate)
        return [
            "number": ordinal + 1,
            "tables": result.output.tables.map { table in
                self.table(table, id: stem(ordinal: ordinal, id: table.id), cell: ordinal + 1)
            },
            "plots": result.output.plots.map { plot in
                SVGPlot.context(plot, id: stem(ordinal: ordinal, id: plot.id))
            },
            "provenance": provenance,
            "kernelName": result.cell.kernelName,
            "inputs": result.provenance.inputs.map { ["path": $0.path, "sha256": $0.sha256] as Context },
            "hasInputs": !result.provenance.inputs.isEmpty,
            "seed": String(result.provenance.seed),
            "source": result.cell.source.isEmpty ? "# defaults" : result.cell.source,
        ]
    }

    /// A table: a first text column gives row headers, numbers and their headers are right-aligned,
    /// and a column with one value in every row is said once in the caption instead (the downloads
    /// keep it).
    static func table(_ table: ResultTable, id: String, cell: Int = 1) -> Context {
        let width = table.columns.count
        func isText(_ index: Int) -> Bool {
            table.rows.allSatisfy { row in
                guard index < row.count, case .text = row[index] else { return false }
                return true
            }
        }
        let candidates = Set(
            (0..<width).filter { index in
                guard table.rows.count > 1 else { return false }
                let values = table.rows.map { index < $0.count ? ResultFormat.display($0[index]) : "" }
                return Set(values).count == 1 && !(values.first ?? "").isEmpty
            })
        // Folding never leaves fewer than two columns.
        let constant = candidates.count <= width - 2 ? candidates : []
        let shown = (0..<width).filter { !constant.contains($0) }
        // The first column shown names its row when it is text.
        let rowHeader = shown.first.flatMap { isText($0) ? $0 : nil }
        let hasRowHeaders = rowHeader != nil
        let constants = constant.sorted().map { index -> Context in
            ["label": table.columns[index].label, "value": ResultFormat.display(table.rows[0][index])]
        }
        return [
            // Two cells may publish tables of one title (one per model variant): the cell tells
            // their scrolling regions apart.
            "regionLabel": "\(table.title), cell \(cell) (table; scrolls sideways when wide)",
            "id": id, "title": table.title,
            "constants": constants, "hasConstants": !constants.isEmpty, "hasRowHeaders": hasRowHeaders,
            "columns": shown.map { index -> Context in
                let isNumber = table.rows.contains { index < $0.count && $0[index].number != nil }
                return ["label": table.columns[index].label, "isNumber": isNumber && index != rowHeader]
            },
            "rows": table.rows.map { row -> Context in
                [
                    "cells": shown.filter { $0 < row.count }.map { index -> Context in
                        let value = row[index]
                        let isRowHeader = index == rowHeader
                        let isNumber = !isRowHeader && value.number != nil
                        return [
                            "text": ResultFormat.display(value), "isRowHeader": isRowHeader,
                            "isNumber": isNumber, "isPlain": !isRowHeader && !isNumber,
                        ]
                    }
                ]
            },
            "hasNote": table.note != nil, "note": table.note ?? "",
            "csv": id + ".csv", "json": id + ".json",
        ]
    }
}
