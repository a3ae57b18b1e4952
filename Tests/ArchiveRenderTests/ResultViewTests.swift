import ArchiveModel
import XCTest

@testable import ArchiveRender

final class ResultViewTests: XCTestCase {
    let table = ResultTable(
        id: "t", title: "<b>Rates</b>",
        columns: [
            TableColumn("name", label: "Name"), TableColumn("n", label: "Count"),
            TableColumn("x", label: "Value"), TableColumn("r", label: "Rejection"),
        ],
        rows: [
            [
                .text("a, \"quoted\""), .integer(3), .real(0.123456, decimals: 3),
                .measured(12.5, uncertainty: 1.25, decimals: 1),
            ],
            [
                .text("<script>"), .integer(-2), .real(-1.5, decimals: 2),
                .measured(.infinity, uncertainty: .infinity, decimals: 1),
            ],
        ])

    func testDisplayRoundsAndUsesTypographicSigns() {
        XCTAssertEqual(ResultFormat.display(.real(0.123456, decimals: 3)), "0.123")
        XCTAssertEqual(ResultFormat.display(.real(-1.5, decimals: 2)), "−1.50")
        XCTAssertEqual(ResultFormat.display(.measured(12.5, uncertainty: 1.25, decimals: 1)), "12.5 ± 1.2")
        XCTAssertEqual(ResultFormat.display(.measured(.infinity, uncertainty: .infinity, decimals: 1)), "∞ ± ∞")
    }

    func testTableEscapesEveryText() throws {
        let html = try Support.theme().render(
            ResultViews.table(table, id: "cell1-t"),
            template: .resultTable)
        XCTAssertFalse(html.contains("<script>"))
        XCTAssertFalse(html.contains("<b>"))
        XCTAssertTrue(html.contains("&lt;script&gt;"))
        XCTAssertTrue(html.contains("<span class=\"result-title\">&lt;b&gt;Rates&lt;/b&gt;</span>"))
        XCTAssertTrue(html.contains("<th scope=\"row\">a, &quot;quoted&quot;</th>"))
        XCTAssertTrue(html.contains("<td class=\"number\">−1.50</td>"))
        XCTAssertTrue(html.contains("<a href=\"cell1-t.csv\" download>CSV</a>"))
    }

    func testCSVKeepsFullPrecisionAndQuotesFields() {
        XCTAssertEqual(
            ResultFormat.csv(table),
            "name,n,x,r,r_uncertainty\r\n" + "\"a, \"\"quoted\"\"\",3,0.123456,12.5,1.25\r\n"
                + "<script>,-2,-1.5,inf,inf\r\n")
    }

    func testJSONIsValidAndRoundTrips() throws {
        let provenance = Provenance(kernel: "k", version: "1", inputs: [("data/x.npy", "abc")], seed: 7)
        let text = ResultFormat.json(table, provenance: provenance, sourceDate: "2020-10-23")
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        let rows = try XCTUnwrap(object?["rows"] as? [[String: Any]])
        XCTAssertEqual(rows[0]["x"] as? Double, 0.123456)
        XCTAssertEqual((rows[0]["r"] as? [String: Any])?["uncertainty"] as? Double, 1.25)
        XCTAssertEqual((rows[1]["r"] as? [String: Any])?["value"] as? String, "inf")
        XCTAssertEqual((object?["provenance"] as? [String: Any])?["seed"] as? Int, 7)
    }

    func testPlotIsDeterministicAndDescribed() throws {
        let plot = LinePlot(
            id: "roc", title: "ROC <1>", xLabel: "εS", yLabel: "1/εB", logY: true,
            series: [.init(label: "net", points: [(0.1, 100), (0.5, 10), (1, 1)])],
            textAlternative: "Rejection falls with efficiency.")
        let theme = try Support.theme()
        let svg = theme.render(SVGPlot.context(plot, id: "p"), template: .resultPlot)
        XCTAssertEqual(svg, theme.render(SVGPlot.context(plot, id: "p"), template: .resultPlot))
        XCTAssertTrue(svg.contains("<title id=\"p-title\">ROC &lt;1&gt;</title>"))
        XCTAssertTrue(svg.contains("<a href=\"p.csv\" download>CSV</a>"))
        XCTAssertTrue(svg.contains("<desc id=\"p-desc\">Rejection falls with efficiency.</desc>"))
        XCTAssertTrue(svg.contains(">10²</text>"), svg)
        // The legend sits below the drawing, one row per series, inside the picture.
        XCTAssertTrue(svg.contains("viewBox=\"0 0 640.0 426.0\""), svg)
        XCTAssertTrue(svg.contains("<text class=\"plot-legend\" x=\"100.0\" y=\"420.0\">net</text>"), svg)
    }

    func testNineSeriesAllLookDifferent() {
        let plot = LinePlot(
            id: "many", title: "Many", xLabel: "x", yLabel: "y", logY: false,
            series: (0..<9).map { .init(label: "s\($0)", points: [(0, Double($0)), (1, Double($0))]) },
            textAlternative: "Nine lines.")
        let series = SVGPlot.context(plot, id: "m")["series"] as? [TemplateContext] ?? []
        let looks = series.map { "\($0.text("style") ?? "") \($0.text("dash") ?? "")" }
        XCTAssertEqual(Set(looks).count, 9, "\(looks)")
        XCTAssertEqual(SVGPlot.superscript(-12), "⁻¹²")
    }
}
