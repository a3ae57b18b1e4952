import ArchiveModel
import XCTest

@testable import ArchivePipeline

final class SourceDateTests: XCTestCase {
    let fallback = CalendarDay(year: 2020, month: 10, day: 23)

    func testSourceDateEpochWins() {
        let day = SourceDate.resolve(
            workingDirectory: "/nonexistent", fallback: fallback,
            environment: ["SOURCE_DATE_EPOCH": "1603411200"])  // 2020-10-23T00:00Z
        XCTAssertEqual(day, CalendarDay(year: 2020, month: 10, day: 23))
        XCTAssertEqual(SourceDate.utcDay(0), CalendarDay(year: 1970, month: 1, day: 1))
        XCTAssertEqual(SourceDate.utcDay(951_782_400), CalendarDay(year: 2000, month: 2, day: 29))
        XCTAssertEqual(SourceDate.utcDay(-1), CalendarDay(year: 1969, month: 12, day: 31))
    }

    func testOutsideAGitCheckoutTheWorkshopDateIsUsed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("no-git-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        XCTAssertEqual(
            SourceDate.resolve(workingDirectory: folder.path, fallback: fallback, environment: [:]), fallback)
    }

    func testInAGitCheckoutTheLastCommitDateIsUsed() throws {
        let root = EndToEndTests.repositoryRoot
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent(".git").path) else {
            throw XCTSkip("not a git checkout")
        }
        let seconds = try XCTUnwrap(SourceDate.lastCommitSeconds(in: root.path))
        XCTAssertGreaterThan(seconds, 1_600_000_000)
        XCTAssertEqual(
            SourceDate.resolve(workingDirectory: root.path, fallback: fallback, environment: [:]),
            SourceDate.utcDay(seconds))
    }

    /// A content folder that is a git repository of its own, configured to verify signatures with a
    /// program it brings, holding a commit with a (fake) signature: git with that configuration
    /// would run the program on `git log`.
    private func hostileRepository() throws -> (root: URL, marker: URL) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("git-attack-\(UUID().uuidString)")
        let content = root.appendingPathComponent("Content")
        try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)
        let marker = root.appendingPathComponent("PWNED")
        let program = root.appendingPathComponent("evil.sh")
        try "#!/bin/sh\ntouch '\(marker.path)'\nexit 1\n".write(to: program, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: program.path)
        let script = """
            set -e
            cd '\(content.path)'
            git init -q
            tree=$(git write-tree)
            printf 'tree %s\\nauthor a <a@b> 1600000000 +0000\\ncommitter a <a@b> 1600000000 +0000\\n\
            gpgsig -----BEGIN PGP SIGNATURE-----\\n \\n iQEz\\n -----END PGP SIGNATURE-----\\n\\nsigned\\n' "$tree" > ../commit
            git update-ref HEAD "$(git hash-object -t commit -w ../commit)"
            git config log.showSignature true
            git config gpg.program '\(program.path)'
            git config core.pager '\(program.path)'
            """
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", script]
        try shell.run()
        shell.waitUntilExit()
        guard shell.terminationStatus == 0 else { throw XCTSkip("git is not available to set up the attack") }
        // The attack works against a plain `git log` in that folder.
        let plain = Process()
        plain.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        plain.arguments = ["git", "-C", content.path, "log", "-1", "--format=%ct"]
        plain.standardOutput = FileHandle.nullDevice
        try plain.run()
        plain.waitUntilExit()
        XCTAssertTrue(FileManager.default.fileExists(atPath: marker.path), "the attack did not reproduce")
        try FileManager.default.removeItem(at: marker)
        return (root, marker)
    }

    func testContentRepositoryConfigurationRunsNothing() throws {
        let (root, marker) = try hostileRepository()
        defer { try? FileManager.default.removeItem(at: root) }
        // Building from the project folder: the content folder's own repository is never asked.
        _ = SourceDate.resolve(
            workingDirectory: root.path, fallback: fallback,
            environment: ["GIT_CEILING_DIRECTORIES": root.deletingLastPathComponent().path])
        XCTAssertFalse(FileManager.default.fileExists(atPath: marker.path))
        // Even run inside that repository, git's configured programs stay off.
        let day = SourceDate.resolve(
            workingDirectory: root.appendingPathComponent("Content").path,
            fallback: fallback, environment: ProcessInfo.processInfo.environment)
        XCTAssertFalse(FileManager.default.fileExists(atPath: marker.path))
        XCTAssertEqual(day, SourceDate.utcDay(1_600_000_000))
    }
}
