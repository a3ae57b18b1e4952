import ArchiveModel
import Foundation

/// A notebook page as a Jupyter notebook (nbformat 4.5), so that a reader can open it in JupyterLab:
/// the prose as Markdown cells, each kernel cell as a code cell with its YAML parameters as source and
/// its result tables as HTML `display_data` outputs (nbformat allows outputs only on code cells).
/// Plots are given by their text alternative and the file of their points.
struct JupyterNotebook: Encodable {
    struct Cell: Encodable {
        var cellType: String
        var id: String
        var metadata: [String: String] = [:]
        var source: [String]
        var executionCount: Int?
        var outputs: [Output]?

        enum CodingKeys: String, CodingKey {
            case cellType = "cell_type"
            case id, metadata, source
            case executionCount = "execution_count"
            case outputs
        }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(cellType, forKey: .cellType)
            try container.encode(id, forKey: .id)
            try container.encode(metadata, forKey: .metadata)
            try container.encode(source, forKey: .source)
            // Code cells must carry both keys, a never-run cell's count being null; Markdown cells neither.
            if let outputs {
                try container.encode(executionCount, forKey: .executionCount)
                try container.encode(outputs, forKey: .outputs)
            }
        }
    }

    struct Output: Encodable {
        var outputType = "display_data"
        var data: [String: [String]]
        var metadata: [String: String] = [:]

        enum CodingKeys: String, CodingKey {
            case outputType = "output_type"
            case data, metadata
        }
    }

    struct Author: Encodable { var name: String }

    struct Metadata: Encodable {
        var title: String
        var authors: [Author]
        var languageInfo = ["name": "yaml"]

        enum CodingKeys: String, CodingKey {
            case title, authors
            case languageInfo = "language_info"
        }
    }

    var cells: [Cell]
    var metadata: Metadata
    var nbformat = 4
    var nbformatMinor = 5

    enum CodingKeys: String, CodingKey {
        case cells, metadata, nbformat
        case nbformatMinor = "nbformat_minor"
    }

    /// Jupyter's own convention: a multi-line string as a list of lines, each keeping its newline.
    static func lines(_ text: String) -> [String] {
        var result: [String] = []
        var line = ""
        for character in text {
            line.append(character)
            if character == "\n" {
                result.append(line)
                line = ""
            }
        }
        if !line.isEmpty { result.append(line) }
        return result
    }

    /// The notebook of `executed`; `tableHTML` renders one table as the page shows it.
    init(_ executed: ExecutedNotebook, tableHTML: (ResultTable, Int) -> String, plotCSV: (LinePlot, Int) -> String) {
        let notebook = executed.notebook
        let results = Dictionary(executed.results.map { ($0.cell.ordinal, $0) }, uniquingKeysWith: { a, _ in a })
        var cells = [Cell(cellType: "markdown", id: "title", source: ["# " + notebook.title])]
        var prose = 0
        for segment in notebook.segments {
            switch segment {
            case .markdown(let text):
                prose += 1
                cells.append(Cell(cellType: "markdown", id: "prose-\(prose)", source: Self.lines(text)))
            case .cell(let ordinal):
                guard let result = results[ordinal] else { continue }
                var outputs = result.output.tables.map { table in
                    Output(data: ["text/html": Self.lines(tableHTML(table, ordinal)), "text/plain": [table.title]])
                }
                for plot in result.output.plots {
                    let text = "\(plot.title): \(plot.textAlternative) Points: \(plotCSV(plot, ordinal))"
                    outputs.append(Output(data: ["text/plain": [text]]))
                }
                let provenance = ResultFormat.provenance(result.provenance, sourceDate: executed.sourceDate)
                outputs.append(Output(data: ["text/plain": [provenance]]))
                cells.append(
                    Cell(
                        cellType: "code", id: "cell-\(ordinal + 1)",
                        metadata: ["kernel": result.cell.kernelName],
                        source: Self.lines(result.cell.source), executionCount: nil, outputs: outputs))
            }
        }
        self.cells = cells
        metadata = Metadata(title: notebook.title, authors: notebook.authors.map(Author.init))
    }

    /// Pretty-printed with sorted keys, as Jupyter writes it, and the same bytes on every build.
    func json() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding these plain value types cannot fail.
        return Array((try? encoder.encode(self)) ?? Data()) + [0x0A]
    }
}
