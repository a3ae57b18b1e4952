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
}
