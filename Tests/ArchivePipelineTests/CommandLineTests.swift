import Foundation
import XCTest

/// The kernel commands' failures: one diagnostic line on standard error and status 1, and
/// closed sets of values refused by ArgumentParser with the values listed.
final class CommandLineTests: XCTestCase {
    struct Run {
        let status: Int32
        let output: String
        let errors: String
    }

    func run(_ arguments: [String], input: String = "") throws -> Run {
        let binary = EndToEndTests.repositoryRoot.appendingPathComponent(".build/release/archive").path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw XCTSkip("needs the release binary (make test builds it first)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = EndToEndTests.repositoryRoot
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, output: String(decoding: output, as: UTF8.self),
            errors: String(decoding: errors, as: UTF8.self))
    }

    func testAMissingInputIsOneDiagnosticLine() throws {
        let result = try run(["jets", "lund", "--input", "/nonexistent/jets.jsonl"])
        XCTAssertEqual(result.status, 1)
        let lines = result.errors.split(separator: "\n")
        XCTAssertEqual(lines.count, 1, result.errors)
        XCTAssertTrue(result.errors.hasPrefix("/nonexistent/jets.jsonl: error: cannot read input"), result.errors)
    }

    func testABadJetLineNamesItsLine() throws {
        let result = try run(
            ["kernel", "mlp", "--precision", "float", "--input", "-"],
            input: "{\"particles\": [[1, 2, 3, 4]]}\n{\"particles\": [[1, 2]]}\n")
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.errors, "<stdin>:2: error: particle 0 has 2 components, expected 4 (px, py, pz, E)\n")
        XCTAssertEqual(result.output, "")
    }

    func testClosedSetsListTheirValues() throws {
        let split = try run(["jets", "lund", "--dataset", "Content/data/jets", "--split", "bogus"])
        XCTAssertNotEqual(split.status, 0)
        XCTAssertTrue(split.errors.contains("'train', 'val', 'test' or 'all'"), split.errors)
        let variant = try run(["train", "autoencoder", "--variant", "nope"])
        XCTAssertNotEqual(variant.status, 0)
        XCTAssertTrue(variant.errors.contains("'qcd', 'qcd-features' or 'top'"), variant.errors)
        let precision = try run(["kernel", "mlp", "--precision", "ap_fixed<8", "--input", "-"])
        XCTAssertNotEqual(precision.status, 0)
        XCTAssertTrue(precision.errors.contains("invalid fixed-point type 'ap_fixed<8'"), precision.errors)
        let help = try run(["jets", "lund", "--help"]).output
        let words = help.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        XCTAssertTrue(words.contains("(values: train, val, test, all; default: test)"), help)
    }

    func testCheckAnnotatesPullRequestLinesInGitHubFormat() throws {
        let fileManager = FileManager.default
        let root = fileManager.temporaryDirectory.appendingPathComponent("annotate-\(UUID().uuidString)")
        defer { try? fileManager.removeItem(at: root) }
        let content = root.appendingPathComponent("Content")
        try fileManager.createDirectory(at: content, withIntermediateDirectories: true)
        let real = EndToEndTests.repositoryRoot.appendingPathComponent("Content")
        for entry in ["workshop.md", "sessions", "talks", "people"] {
            try fileManager.copyItem(at: real.appendingPathComponent(entry), to: content.appendingPathComponent(entry))
        }
        let talk = content.appendingPathComponent(
            "talks/a-readily-interpretable-fully-convolutional-autoencoder-like.md")
        let text = try String(contentsOf: talk, encoding: .utf8)
        try text.replacingOccurrences(of: "\nsession: ", with: "\nsesion: ")
            .write(to: talk, atomically: true, encoding: .utf8)
        let result = try run(["check", "--content", content.path, "--format", "github"])
        XCTAssertEqual(result.status, 1)
        let annotations = result.output.split(separator: "\n").filter { $0.hasPrefix("::") }
        XCTAssertEqual(annotations.count, 2, result.output)
        XCTAssertEqual(
            annotations.first, "::error file=\(talk.path),line=2,col=1::missing required key 'session' in talk")
        XCTAssertTrue(
            annotations.last?.hasPrefix(
                "::error file=\(talk.path),line=3,col=1::unknown key 'sesion' in talk; did you mean 'session'?")
                ?? false, result.output)
        XCTAssertTrue(result.errors.contains("\(talk.path):3:1: error: unknown key 'sesion'"), result.errors)
    }

    func testImportDryRunWritesNothingAndBadExportsFail() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dry-\(UUID().uuidString)").path
        let dry = try run([
            "import", "indico", "Tests/Fixtures/indico/event.json", "--timetable",
            "Tests/Fixtures/indico/timetable.json",
            "--content", folder, "--dry-run",
        ])
        XCTAssertEqual(dry.status, 0, dry.errors)
        XCTAssertTrue(dry.output.contains("would create \(folder)/talks/welcome.md"), dry.output)
        XCTAssertTrue(dry.output.contains("Dry run: 18 of 18 files would be written (18 new)"), dry.output)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder))
        let bad = try run(["import", "indico", "Tests/Fixtures/indico/timetable.json", "--content", folder])
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.errors.contains("timetable.json: results: error: expected a list"), bad.errors)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder))
    }
}
