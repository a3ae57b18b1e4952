import ArchiveModel
import ArchivePipeline
import XCTest

/// `archive build --output "$PWD"` once replaced the project with the site.
final class OutputLocationTests: XCTestCase {
    func testABuildIntoTheProjectFolderIsRefusedAndDeletesNothing() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("project-\(UUID().uuidString)").path
        let talk = root + "/Content/talks/a.md"
        try FileManager.default.createDirectory(atPath: root + "/Content/talks", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        try "---\ntitle: A\n---\n".write(toFile: talk, atomically: true, encoding: .utf8)
        for output in [root, root + "/Content", root + "/Content/talks"] {
            let options = BuildOptions(
                contentDirectory: root + "/Content", themeDirectory: root + "/Themes/default",
                outputDirectory: output)
            XCTAssertThrowsError(try ArchivePipeline.build(options), output) { error in
                XCTAssertTrue("\((error as? DiagnosticList)?.diagnostics ?? [])".contains("content folder"), "\(error)")
            }
            XCTAssertTrue(FileManager.default.fileExists(atPath: talk))
        }
    }
}
