import ArchiveFiles
import ArchiveModel
import Foundation
import XCTest

/// Runs `body` with the file-system permissions of an unprivileged user on this thread. As root
/// (as CI runs) a mode-000 folder would still be readable; `setfsuid` drops the file-system
/// capabilities of the calling thread only, so the rest of the test process is unaffected.
func withUnprivilegedFileAccess<T>(_ body: () -> T) -> T {
    guard getuid() == 0, let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "setfsuid") else {
        return body()
    }
    typealias SetFSUID = @convention(c) (UInt32) -> Int32
    let setfsuid = unsafeBitCast(symbol, to: SetFSUID.self)
    _ = setfsuid(65534)
    defer { _ = setfsuid(0) }
    return body()
}

final class ProjectFolderTests: XCTestCase {
    var root: String!

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("folder-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root + "/inside", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: root + "/inside/a.md", contents: Data())
        FileManager.default.createFile(atPath: root + "/inside/.gitkeep", contents: Data())
    }

    override func tearDownWithError() throws {
        chmod(root + "/inside", 0o755)
        try? FileManager.default.removeItem(atPath: root)
    }

    func testHiddenEntriesAreNotListed() throws {
        XCTAssertEqual(try ProjectFolder.visibleEntries(of: root + "/inside"), ["a.md"])
    }

    func testAnUnreadableFolderIsAnErrorNotEmpty() {
        XCTAssertEqual(chmod(root + "/inside", 0), 0)
        let path = root + "/inside"
        let listing = withUnprivilegedFileAccess { Result { try ProjectFolder.visibleEntries(of: path) } }
        XCTAssertThrowsError(try listing.get()) { error in
            XCTAssertEqual(
                (error as? Diagnostic)?.description, "\(path):1:1: error: cannot list the folder: Permission denied")
        }
    }

    func testSymbolicLinksMayNotLeaveTheirFolder() throws {
        try FileManager.default.createSymbolicLink(
            atPath: root + "/inside/passwd.md", withDestinationPath: "/etc/passwd")
        try FileManager.default.createSymbolicLink(atPath: root + "/inside/b.md", withDestinationPath: "a.md")
        try FileManager.default.createSymbolicLink(
            atPath: root + "/inside/up.md", withDestinationPath: "../inside/../x.md")
        XCTAssertNil(ProjectFolder.escapeProblem(root + "/inside/b.md", root: root + "/inside"))
        XCTAssertTrue(
            ProjectFolder.escapeProblem(root + "/inside/passwd.md", root: root + "/inside")?
                .contains("leads outside") == true)
        XCTAssertNotNil(ProjectFolder.escapeProblem(root + "/inside/up.md", root: root + "/inside"), "dangling")
        XCTAssertNotNil(ProjectFolder.escapeProblem(root + "/insidex", root: root + "/inside"))
    }
}
