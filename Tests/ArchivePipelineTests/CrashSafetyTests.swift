import ArchiveModel
import Foundation
import XCTest

/// `kill -9` at any moment of a build leaves the old site or the new one, never a mixture, and the
/// next build works (its lock is free, the dead build's leftovers are cleaned).
final class CrashSafetyTests: XCTestCase {
    func testBuildsKilledAtRandomPointsLeaveTheOldOrTheNewSite() throws {
        let binary = EndToEndTests.repositoryRoot.appendingPathComponent(".build/release/archive").path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw XCTSkip("needs the release binary (make test builds it first)")
        }
        let fileManager = FileManager.default
        let root = fileManager.temporaryDirectory.appendingPathComponent("crash-\(UUID().uuidString)")
        defer { try? fileManager.removeItem(at: root) }
        let content = root.appendingPathComponent("Content")
        try fileManager.createDirectory(at: content, withIntermediateDirectories: true)
        let real = EndToEndTests.repositoryRoot.appendingPathComponent("Content")
        for entry in ["workshop.md", "sessions", "talks", "people"] {
            try fileManager.copyItem(at: real.appendingPathComponent(entry), to: content.appendingPathComponent(entry))
        }
        let talk = content.appendingPathComponent(
            "talks/a-readily-interpretable-fully-convolutional-autoencoder-like.md")
        let original = try String(contentsOf: talk, encoding: .utf8)
        let variants = [original, original.replacingOccurrences(of: "title: ", with: "title: Edited ")]
        XCTAssertNotEqual(variants[0], variants[1])
        let output = root.appendingPathComponent("Output").path

        func start() throws -> Process {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = [
                "build", "--content", content.path, "--output", output,
                "--theme", EndToEndTests.repositoryRoot.appendingPathComponent("Themes/default").path,
                "--cache", root.appendingPathComponent("cache").path,
            ]
            process.currentDirectoryURL = root
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        func build(_ variant: Int) throws -> [String: Data] {
            try variants[variant].write(to: talk, atomically: true, encoding: .utf8)
            let process = try start()
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 0)
            return try EndToEndTests.readTree(output)
        }
        let sites = [try build(0), try build(1)]
        XCTAssertNotEqual(sites[0], sites[1])

        var generator = SystemRandomNumberGenerator()
        var current = 1
        for round in 0..<12 {
            let next = 1 - current
            try variants[next].write(to: talk, atomically: true, encoding: .utf8)
            let process = try start()
            usleep(UInt32.random(in: 0...250_000, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let after = try EndToEndTests.readTree(output)
            XCTAssertTrue(after == sites[current] || after == sites[next], "round \(round): a partial site")
            XCTAssertEqual(try build(next), sites[next], "round \(round): the next build must work")
            let leftovers = try fileManager.contentsOfDirectory(atPath: root.path).filter { $0.hasPrefix(".Output.") }
            XCTAssertEqual(leftovers, [], "round \(round): a dead build's folders are cleaned")
            current = next
        }
    }
}
