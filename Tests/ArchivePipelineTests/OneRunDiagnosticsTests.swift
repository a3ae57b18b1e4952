import ArchiveModel
import ArchivePipeline
import Foundation
import XCTest

/// One run reports every mistake it can find: content and notebooks together.
final class OneRunDiagnosticsTests: XCTestCase {
    func testNotebookErrorsAreReportedWithContentErrors() throws {
        let fileManager = FileManager.default
        let root = fileManager.temporaryDirectory.appendingPathComponent("one-run-\(UUID().uuidString)")
        defer { try? fileManager.removeItem(at: root) }
        let content = root.appendingPathComponent("Content")
        try fileManager.createDirectory(
            at: content.appendingPathComponent("notebooks"), withIntermediateDirectories: true)
        let real = EndToEndTests.repositoryRoot.appendingPathComponent("Content")
        for entry in ["workshop.md", "sessions", "talks", "people"] {
            try fileManager.copyItem(at: real.appendingPathComponent(entry), to: content.appendingPathComponent(entry))
        }
        try "---\nname: Nobody\nbogus: 1\n---\n".write(
            to: content.appendingPathComponent("people/nobody.md"),
            atomically: true, encoding: .utf8)
        try "---\ntitle: N\ntimeout: -1\n---\nProse, [data](../data/x.npy).\n".write(
            to: content.appendingPathComponent("notebooks/n.md"),
            atomically: true, encoding: .utf8)
        let options = BuildOptions(
            contentDirectory: content.path,
            themeDirectory: EndToEndTests.repositoryRoot.appendingPathComponent("Themes/default").path,
            outputDirectory: root.appendingPathComponent("Output").path)
        XCTAssertThrowsError(try ArchivePipeline.renderAndCheck(options)) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("people/nobody.md:3:1: error: unknown key 'bogus'"), text)
            XCTAssertTrue(text.contains("notebooks/n.md:3:10: error: 'timeout' must be"), text)
            XCTAssertTrue(text.contains("notebooks/n.md:5:8: error: link '../data/x.npy' is a relative link"), text)
        }
    }
}
