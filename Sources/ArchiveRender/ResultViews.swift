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
                self.table(table, id: stem(ordinal: ordinal, id: table.id), provenance: provenance, cell: ordinal + 1)
            },
            "plots": result.output.plots.map { plot in
                SVGPlot.context(plot, id: stem(ordinal: ordinal, id: plot.id), provenance: provenance)
            },
            "kernelName": result.cell.kernelName,
            "inputs": result.provenance.inputs.map { ["path": $0.path, "sha256": $0.sha256] as Context },
            "hasInputs": !result.provenance.inputs.isEmpty,
            "seed": String(result.provenance.seed),
            "source": result.cell.source.isEmpty ? "# defaults" : result.cell.source,
        ]
    }

    /// A table: a first text column gives row headers, numbers are right-aligned.
    static func table(_ table: ResultTable, id: String, provenance: String, cell: Int = 1) -> Context {
        [
            // Two cells may publish tables of one title (one per model variant): the cell tells
            // their scrolling regions apart.
            "regionLabel": "\(table.title), cell \(cell) (table; scrolls sideways when wide)",
            "id": id, "title": table.title, "provenance": provenance,
            "columns": table.columns.map { ["label": $0.label] as Context },
            "rows": table.rows.map { row -> Context in
                [
                    "cells": row.enumerated().map { index, value -> Context in
                        var isRowHeader = false
                        if index == 0, case .text = value { isRowHeader = true }
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
