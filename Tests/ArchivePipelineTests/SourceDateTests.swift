import ArchiveModel
@testable import ArchivePipeline
import XCTest

final class SourceDateTests: XCTestCase {
    let fallback = CalendarDay(year: 2020, month: 10, day: 23)

    func testSourceDateEpochWins() {
        let day = SourceDate.resolve(contentDirectory: "/nonexistent", fallback: fallback,
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
        XCTAssertEqual(SourceDate.resolve(contentDirectory: folder.path, fallback: fallback, environment: [:]), fallback)
    }

    func testInAGitCheckoutTheLastCommitDateIsUsed() throws {
        let root = EndToEndTests.repositoryRoot
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent(".git").path) else {
            throw XCTSkip("not a git checkout")
        }
        let seconds = try XCTUnwrap(SourceDate.lastCommitSeconds(in: root.path))
        XCTAssertGreaterThan(seconds, 1_600_000_000)
        XCTAssertEqual(SourceDate.resolve(contentDirectory: root.path, fallback: fallback, environment: [:]),
                       SourceDate.utcDay(seconds))
    }
}
