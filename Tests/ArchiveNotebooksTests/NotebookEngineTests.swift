import ArchiveModel
import Foundation
import XCTest

@testable import ArchiveNotebooks

final class NotebookEngineTests: XCTestCase {
    var root: URL!
    var content: String { root.appendingPathComponent("Content").path }
    var cache: String { root.appendingPathComponent("cache").path }
    var notebookPath: String { content + "/notebooks/demo.md" }

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("nb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: content + "/notebooks", withIntermediateDirectories: true)
        try "1\n2\n3\n4\n".write(toFile: content + "/numbers.txt", atomically: true, encoding: .utf8)
        try "10\n20\n".write(toFile: content + "/other.txt", atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: root) }

    func notebook(cells: String, prose: String = "Some prose.") -> String {
        "---\ntitle: Demo\nrelated: [a-talk]\n---\n\(prose)\n\n\(cells)\nThe end.\n"
    }

    func cell(_ body: String, kernel: String = "sum") -> String { "```kernel \(kernel)\n\(body)\n```\n" }

    func run(
        _ text: String, version: String = "1", refresh: [String] = [], refreshAll: Bool = false,
        extra: [RegisteredKernel] = []
    ) throws -> NotebookEngine.Report {
        try text.write(toFile: notebookPath, atomically: true, encoding: .utf8)
        let notebook = try NotebookParser.parse(text, path: notebookPath, id: "demo")
        var kernel = SumKernel()
        kernel.version = version
        let engine = NotebookEngine(
            registry: KernelRegistry([RegisteredKernel(kernel), RegisteredKernel(SpinKernel())] + extra),
            options: .init(
                contentDirectory: content, cacheDirectory: cache, refreshPaths: refresh, refreshAll: refreshAll))
        return try engine.execute([notebook])
    }

    func diagnostics(_ body: () throws -> Void) -> [String] {
        do {
            try body()
            XCTFail("expected an error")
            return []
        } catch let list as DiagnosticList {
            return list.diagnostics.map(\.description)
        } catch let single as Diagnostic { return [single.description] } catch { return ["\(error)"] }
    }

    func testCellRunsThenComesFromTheCache() throws {
        let text = notebook(cells: cell("params:\n  factor: 2"))
        let first = try run(text)
        XCTAssertEqual(first.whyLines, ["\(notebookPath):7: executed: new"])
        let table = try XCTUnwrap(first.results["demo"]?.first?.output.tables.first)
        XCTAssertEqual(table.rows, [[.integer(4), .integer(20), .real(5, decimals: 3)]])
        let second = try run(text)
        XCTAssertEqual(second.whyLines, ["0 cells executed"])
        XCTAssertEqual(second.executedCount, 0)
        XCTAssertEqual(second.results["demo"]?.first?.output, first.results["demo"]?.first?.output)
    }

    func testProseEditsAndMovingACellDoNotReExecute() throws {
        _ = try run(notebook(cells: cell("params:\n  factor: 2")))
        let moved = notebook(cells: cell("params:\n  factor: 2"), prose: "Edited prose.\n\nMore prose.\n\n# Heading")
        XCTAssertEqual(try run(moved).whyLines, ["0 cells executed"])
        let reordered = notebook(cells: cell("params:\n  factor: 2") + "\nBetween.\n\n" + cell("params: {factor: 3}"))
        XCTAssertEqual(try run(reordered).whyLines, ["\(notebookPath):14: executed: new"])
    }

    func testParameterChangeIsExplained() throws {
        _ = try run(notebook(cells: cell("params:\n  factor: 2")))
        XCTAssertEqual(
            try run(notebook(cells: cell("params:\n  factor: 3"))).whyLines,
            ["\(notebookPath):7: executed: params changed"])
        XCTAssertEqual(
            try run(notebook(cells: cell("params:\n  factor: 3\nseed: 7"))).whyLines,
            ["\(notebookPath):7: executed: params changed"])
    }

    func testKeyOrderAndSpellingDoNotChangeTheAddress() throws {
        _ = try run(notebook(cells: cell("params:\n  factor: 2\n  file: numbers.txt")))
        XCTAssertEqual(
            try run(notebook(cells: cell("params: {file: \"numbers.txt\", factor: 2}"))).whyLines,
            ["0 cells executed"])
    }

    func testInputChangeIsExplained() throws {
        let text = notebook(cells: cell("params:\n  factor: 2"))
        _ = try run(text)
        try "1\n2\n3\n5\n".write(toFile: content + "/numbers.txt", atomically: true, encoding: .utf8)
        XCTAssertEqual(try run(text).whyLines, ["\(notebookPath):7: executed: input changed: \(content)/numbers.txt"])
    }

    func testKernelVersionChangeIsExplained() throws {
        let text = notebook(cells: cell("params:\n  factor: 2"))
        _ = try run(text)
        XCTAssertEqual(try run(text, version: "2").whyLines, ["\(notebookPath):7: executed: kernel version changed"])
    }

    func testRefreshForcesExecution() throws {
        let text = notebook(cells: cell("params:\n  factor: 2"))
        _ = try run(text)
        XCTAssertEqual(
            try run(text, refresh: [notebookPath]).whyLines, ["\(notebookPath):7: executed: refresh requested"])
        XCTAssertEqual(try run(text, refresh: [content + "/notebooks/other.md"]).whyLines, ["0 cells executed"])
        XCTAssertEqual(try run(text, refreshAll: true).whyLines, ["\(notebookPath):7: executed: refresh requested"])
    }

    func testCorruptOrTruncatedEntriesAreRecomputed() throws {
        let text = notebook(cells: cell("params:\n  factor: 2"))
        let first = try run(text)
        let results = URL(fileURLWithPath: cache).appendingPathComponent("results")
        let entry = try XCTUnwrap(
            FileManager.default.contentsOfDirectory(at: results, includingPropertiesForKeys: nil).first)
        var bytes = try Data(contentsOf: entry)
        bytes[bytes.count - 5] ^= 0x01  // one flipped bit
        try bytes.write(to: entry)
        let second = try run(text)
        XCTAssertEqual(second.whyLines, ["\(notebookPath):7: executed: cache entry corrupt"])
        XCTAssertEqual(second.results["demo"]?.first?.output, first.results["demo"]?.first?.output)
        try Data(bytes.prefix(30)).write(to: entry)  // truncated
        XCTAssertEqual(try run(text).whyLines, ["\(notebookPath):7: executed: cache entry corrupt"])
        XCTAssertEqual(try run(text).whyLines, ["0 cells executed"])
    }

    func testExpectationFailureShowsADiff() throws {
        let body =
            "params:\n  factor: 2\nexpect:\n  total:\n    rtol: {mean: 0.01}\n    rows:\n      - {count: 4, total: 21, mean: 5.2}"
        let problems = diagnostics { _ = try run(notebook(cells: cell(body))) }
        XCTAssertEqual(
            problems,
            [
                """
                \(notebookPath):12:5: error: table 'total' differs from its expectation (expected vs obtained):
                    row 1, total: expected 21, obtained 20 (counts compare exactly)
                    row 1, mean: expected 5.2, obtained 5.0 (|difference| 0.20000000000000018 > atol 0.0 + rtol 0.01 × |expected|)
                """
            ])
        // Within tolerance: passes, and the result is cached.
        let good =
            "params:\n  factor: 2\nexpect:\n  total:\n    rtol: 0.05\n    rows:\n      - {count: 4, total: 20, mean: 5.2}"
        XCTAssertEqual(try run(notebook(cells: cell(good))).executedCount, 1)
    }

    func testTimeoutFailsNamingTheCell() throws {
        let text = "---\ntitle: Slow\ntimeout: 0.2\n---\n" + cell("", kernel: "spin")
        let problems = diagnostics { _ = try run(text) }
        XCTAssertEqual(problems, ["\(notebookPath):5:1: error: cell timed out after 0.2 s"])
    }

    func testBadCellsPointIntoTheCell() throws {
        let text = notebook(
            cells: cell("params:\n  factor: 0\n  colour: red") + cell("", kernel: "nosuch")
                + cell("params:\n  file: missing.txt"))
        let problems = diagnostics { _ = try run(text) }
        XCTAssertEqual(
            problems,
            [
                "\(notebookPath):9:11: error: parameter 'factor' must be in 1...1000, got 0",
                "\(notebookPath):10:3: error: unknown parameter 'colour' for kernel 'sum'; expected one of: file, factor",
                "\(notebookPath):12:1: error: unknown kernel 'nosuch'; known kernels: spin, sum",
                "\(notebookPath):15:1: error: missing input file '\(content)/missing.txt' of kernel 'sum'",
            ])
    }

    func testBadNotebookStructureIsReportedWhole() throws {
        let text =
            "---\ntitle: T\nrelatd: [x]\ntimeout: -1\n---\n" + cell("prams: {}") + cell("seed: -3") + "```kernel\n```\n"
        let problems = diagnostics { _ = try NotebookParser.parse(text, path: "n.md", id: "n") }
        XCTAssertEqual(
            problems,
            [
                "n.md:3:1: error: unknown key 'relatd' in notebook; did you mean 'related'? Expected one of: title, "
                    + "authors, related, timeout, summary, allow_secrets",
                "n.md:4:10: error: 'timeout' must be a number of seconds greater than 0 and at most 3600",
                "n.md:7:1: error: unknown key 'prams' in cell; did you mean 'params'? Expected one of: params, seed, "
                    + "expect",
                "n.md:10:7: error: 'seed' must be an integer from 0 to 18446744073709551615",
                "n.md:12:1: error: a cell's info string is 'kernel NAME'",
            ])
    }

    func testMalformedYAMLInACell() throws {
        let problems = diagnostics { _ = try run(notebook(cells: cell("params: [unclosed"))) }
        // libyaml notices the missing ']' where the cell's text ends.
        XCTAssertEqual(
            problems,
            [
                "\(notebookPath):9:1: error: malformed YAML: did not find expected ',' or ']'"
                    + " while parsing a flow sequence"
            ])
    }

    func testNotebooksRunInParallel() throws {
        let probe = OverlapProbe()
        var notebooks: [Notebook] = []
        for i in 0..<4 {
            let text = "---\ntitle: N\(i)\n---\n" + cell("params: {id: \(i)}", kernel: "overlap")
            notebooks.append(try NotebookParser.parse(text, path: "n\(i).md", id: "n\(i)"))
        }
        let engine = NotebookEngine(
            registry: KernelRegistry([RegisteredKernel(OverlapKernel(probe: probe))]),
            options: .init(contentDirectory: content, cacheDirectory: cache))
        let report = try engine.execute(notebooks)
        XCTAssertEqual(report.executedCount, 4)
        XCTAssertEqual(report.results.count, 4)
        XCTAssertGreaterThanOrEqual(probe.maximum, 2, "cells of different notebooks ran one after another")
    }

    func testDerivedSeedDependsOnParametersNotPosition() {
        let a = NotebookEngine.derivedSeed(kernel: "sum", parameters: "{\"factor\":2}")
        XCTAssertEqual(a, NotebookEngine.derivedSeed(kernel: "sum", parameters: "{\"factor\":2}"))
        XCTAssertNotEqual(a, NotebookEngine.derivedSeed(kernel: "sum", parameters: "{\"factor\":3}"))
        XCTAssertNotEqual(a, NotebookEngine.derivedSeed(kernel: "other", parameters: "{\"factor\":2}"))
    }
}
