import ArchiveModel
import Testing

@testable import ArchiveRender

/// How a result table and plot read on a phone and on paper: the caption outside the scrolling
/// region, numbers and their headers aligned, one value in every row said once, plot data to take away.
@Suite("Result layout")
struct ResultLayoutTests {
    let table = ResultTable(
        id: "rates", title: "Rates",
        columns: [
            TableColumn("model", label: "Model"), TableColumn("bits", label: "Bits"),
            TableColumn("auc", label: "AUC"), TableColumn("note", label: "Note"),
        ],
        rows: [
            [.text("small"), .integer(16), .real(0.91, decimals: 2), .text("ok")],
            [.text("large"), .integer(16), .real(0.95, decimals: 2), .text("slow")],
        ])

    func html(_ table: ResultTable) throws -> String {
        try Support.theme().render(ResultViews.table(table, id: "cell1-rates"), template: .resultTable)
    }

    @Test func theCaptionStandsOutsideTheScrollingRegion() throws {
        let html = try html(table)
        let caption = try #require(html.range(of: "<figcaption id=\"cell1-rates-caption\">"))
        let region = try #require(html.range(of: "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\""))
        #expect(caption.upperBound < region.lowerBound)
        #expect(!html.contains("<caption"))
        #expect(html.contains("<table aria-labelledby=\"cell1-rates-caption\" class=\"row-headed\">"))
    }

    @Test func numericHeadersAlignWithTheirNumbers() throws {
        let html = try html(table)
        #expect(html.contains("<th scope=\"col\">Model</th><th scope=\"col\" class=\"number\">AUC</th>"))
        #expect(html.contains("<th scope=\"col\">Note</th>"))
    }

    @Test func aConstantColumnIsSaidOnceInTheCaption() throws {
        let html = try html(table)
        #expect(html.contains("<span class=\"constants\">In every row: Bits = 16.</span>"))
        #expect(!html.contains(">Bits</th>"))
        #expect(!html.contains("<td class=\"number\">16</td>"))
        // The downloads keep every column.
        #expect(ResultFormat.csv(table).hasPrefix("model,bits,auc,note\r\nsmall,16,0.91,ok\r\n"))
    }

    @Test func aConstantFirstColumnIsFoldedAndTheNextNamesTheRows() throws {
        var layers = table
        layers.rows = [
            [.text("per-layer"), .text("fc1"), .real(0.5, decimals: 1), .text("a")],
            [.text("per-layer"), .text("fc2"), .real(0.7, decimals: 1), .text("b")],
        ]
        let html = try html(layers)
        #expect(html.contains("In every row: Model = per-layer.</span>"))
        #expect(html.contains("<tr><th scope=\"row\">fc1</th><td class=\"number\">0.5</td>"))
    }

    @Test func foldingNeverLeavesFewerThanTwoColumnsOrFoldsOneRow() throws {
        var narrow = table
        narrow.columns = Array(table.columns.prefix(2))
        narrow.rows = table.rows.map { Array($0.prefix(2)) }
        #expect(try html(narrow).contains(">Bits</th>"))
        var single = table
        single.rows = [table.rows[0]]
        #expect(try html(single).contains(">Bits</th>"))
    }

    @Test func aPlotsPointsAreACSV() {
        let plot = LinePlot(
            id: "roc", title: "ROC", xLabel: "Signal efficiency, εS", yLabel: "1/εB",
            series: [.init(label: "net \"a\"", points: [(0.5, 10), (1, 1)]), .init(label: "b", points: [(0.25, 4)])],
            textAlternative: "Two curves.")
        #expect(
            ResultFormat.csv(plot)
                == "series,\"Signal efficiency, εS\",1/εB\r\n\"net \"\"a\"\"\",0.5,10.0\r\n\"net \"\"a\"\"\",1.0,1.0\r\nb,0.25,4.0\r\n"
        )
    }

    @Test func provenanceNamesInputsByWhatTheyAre() {
        let provenance = Provenance(
            kernel: "lundnet", version: "3",
            inputs: [
                ("data/jets/test_labels.npy", "ab"), ("data/jets/test_offsets.npy", "cd"),
                ("models/lundnet-w/weights.npy", "ef"), ("models/mlp/fc1.npy", "01"),
            ], seed: 630_012_345_678_901)
        let line = ResultFormat.provenance(provenance, sourceDate: "2026-11-29")
        #expect(
            line
                == "Computed at build time by kernel lundnet v3 from the jet sample and the weights of the lundnet-w and mlp models · sources of 2026-11-29."
        )
        #expect(!line.contains("/"))
    }
}
