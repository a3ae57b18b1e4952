import ArchiveModel
import ArchiveNotebooks
import ArchivePipeline
import Foundation
import XCTest

/// Counts the lines of a content file: a small real kernel for whole-pipeline notebook tests.
private struct LineCountKernel: NotebookKernel {
    let name = "line-count"
    let version = "1"
    func parameters(from reader: inout ParameterReader) -> String { reader.string("file", default: "data/lines.txt") }
    func inputs(for file: String) -> [String] { [file] }
    func run(_ file: String, context: KernelContext) throws -> KernelOutput {
        let text = try String(contentsOf: context.inputURL(file), encoding: .utf8)
        let lines = text.split(separator: "\n")
        return KernelOutput(tables: [
            ResultTable(
                id: "lines", title: "Lines of \(file)",
                columns: [
                    TableColumn("file", label: "File"), TableColumn("lines", label: "Lines"),
                    TableColumn("mean_length", label: "Mean length"),
                ],
                rows: [
                    [
                        .text(file), .integer(lines.count),
                        .real(Double(lines.map(\.count).reduce(0, +)) / Double(max(lines.count, 1)), decimals: 2),
                    ]
                ])
        ])
    }
}

final class NotebookBuildTests: XCTestCase {
    func testColdAndWarmBuildsAreByteIdenticalAndTheWarmOneExecutesNothing() throws {
        let fileManager = FileManager.default
        let root = fileManager.temporaryDirectory.appendingPathComponent("nb-build-\(UUID().uuidString)")
        defer { try? fileManager.removeItem(at: root) }
        let content = root.appendingPathComponent("Content")
        try fileManager.createDirectory(at: content.appendingPathComponent("data"), withIntermediateDirectories: true)
        try fileManager.createDirectory(
            at: content.appendingPathComponent("notebooks"), withIntermediateDirectories: true)
        let real = EndToEndTests.repositoryRoot.appendingPathComponent("Content")
        for entry in ["workshop.md", "sessions", "talks", "people"] {
            try fileManager.copyItem(at: real.appendingPathComponent(entry), to: content.appendingPathComponent(entry))
        }
        func writeLines(_ text: String) throws {
            try text.write(to: content.appendingPathComponent("data/lines.txt"), atomically: true, encoding: .utf8)
            try "\(sha256Hex(Data(text.utf8)))  lines.txt\n"
                .write(to: content.appendingPathComponent("data/SHA256SUMS"), atomically: true, encoding: .utf8)
        }
        try writeLines("alpha\nbeta\ngamma\n")
        // Hidden files are not notebooks, as they are not talks (one listing rule for every stage).
        try Data().write(to: content.appendingPathComponent("notebooks/.gitkeep"))
        try """
        ---
        title: Counting lines
        related: [identifying-jets-in-the-lund-plane]
        ---
        Prose before the cell.

        ```kernel line-count
        params: {file: data/lines.txt}
        expect:
          lines: {rows: [{lines: 3}]}
        ```
        """.write(to: content.appendingPathComponent("notebooks/count.md"), atomically: true, encoding: .utf8)

        func build(_ output: String) throws -> BuildSummary {
            try ArchivePipeline.build(
                BuildOptions(
                    contentDirectory: content.path,
                    themeDirectory: EndToEndTests.repositoryRoot.appendingPathComponent("Themes/default").path,
                    outputDirectory: root.appendingPathComponent(output).path,
                    notebooks: NotebookOptions(cacheDirectory: root.appendingPathComponent("cache").path),
                    kernels: KernelRegistry([RegisteredKernel(LineCountKernel())])))
        }
        let cold = try build("cold")
        XCTAssertEqual(cold.notebookReport?.whyLines, ["\(content.path)/notebooks/count.md:7: executed: new"])
        let warm = try build("warm")
        XCTAssertEqual(warm.notebookReport?.whyLines, ["0 cells executed"])
        let coldFiles = try EndToEndTests.readTree(root.appendingPathComponent("cold").path)
        XCTAssertEqual(coldFiles, try EndToEndTests.readTree(root.appendingPathComponent("warm").path))
        let page = String(decoding: try XCTUnwrap(coldFiles["notebooks/count/index.html"]), as: UTF8.self)
        XCTAssertTrue(page.contains("<td class=\"number\">3</td>"), "the computed count is on the page")
        XCTAssertNotNil(coldFiles["notebooks/count/cell1-lines.csv"])
        let talk = String(
            decoding: try XCTUnwrap(coldFiles["talks/identifying-jets-in-the-lund-plane/index.html"]), as: UTF8.self)
        XCTAssertTrue(talk.contains("href=\"../../notebooks/count/index.html\""))

        // A cell whose result leaves its expectation fails the build and keeps the previous output.
        try writeLines("alpha\nbeta\n")
        XCTAssertThrowsError(try build("cold")) { error in
            XCTAssertTrue("\(error)".contains("count.md:10:"), "\(error)")
            XCTAssertTrue("\(error)".contains("row 1, lines: expected 3, obtained 2"), "\(error)")
        }
        XCTAssertEqual(try EndToEndTests.readTree(root.appendingPathComponent("cold").path), coldFiles)
    }
}
