import ArchiveContent
import ArchiveModel
import Foundation
import XCTest

/// Content written to hurt the build: each test reproduces one attack and asserts the located error.
final class HostileContentTests: XCTestCase {
    /// A person file of nine levels of `&aN [*aN-1 × 10]` ending in `? *a8 : 1` (a 10⁹-node key,
    /// which Yams would hash for its duplicate check): refused before Yams composes it.
    func testAliasBombAsMappingKeyIsRefusedQuickly() {
        var yaml = "name: Bomb\nx0: &a0 x\n"
        for level in 1..<9 {
            yaml += "x\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ",")
                + "]\n"
        }
        yaml += "? *a8\n: 1\n"
        let site = TestSite()
        site.write("Content/people/grace-hopper.md", "---\n" + yaml + "---\n")
        let start = Date()
        let diagnostics = site.diagnostics()
        XCTAssertLessThan(Date().timeIntervalSince(start), 2)
        XCTAssertEqual(diagnostics.count, 1, diagnostics.joined(separator: "\n"))
        XCTAssertTrue(diagnostics.first?.hasPrefix("Content/people/grace-hopper.md:7:") == true
                      && diagnostics.first?.contains("aliases expand this YAML to more than") == true,
                      diagnostics.first ?? "")
    }
}

/// The file system as a careless organiser or a hostile contributor leaves it.
final class HostileFolderTests: XCTestCase {
    func testUnreadableTalksFolderFailsTheLoadInsteadOfUnpublishingTheTalks() throws {
        let site = TestSite()
        let talks = site.contentDirectory + "/talks"
        XCTAssertEqual(chmod(talks, 0), 0)
        defer { chmod(talks, 0o755) }
        guard getuid() == 0, let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "setfsuid") else {
            XCTAssertEqual(site.diagnostics(), ["Content/talks:1:1: error: cannot list the folder: Permission denied"])
            return
        }
        // As root, only a thread without file-system capabilities sees the folder as unreadable.
        let setfsuid = unsafeBitCast(symbol, to: (@convention(c) (UInt32) -> Int32).self)
        _ = setfsuid(65534)
        let diagnostics = site.diagnostics()
        _ = setfsuid(0)
        XCTAssertTrue(diagnostics.contains("Content/talks:1:1: error: cannot list the folder: Permission denied"),
                      diagnostics.joined(separator: "\n"))
    }

    func testSymbolicLinkOutOfTheContentFolderIsRefused() throws {
        let site = TestSite()
        try FileManager.default.createSymbolicLink(atPath: site.contentDirectory + "/people/root.md",
                                                   withDestinationPath: "/etc/passwd")
        XCTAssertEqual(site.diagnostics(), [
            "Content/people/root.md:1:1: error: symbolic link leads outside Content (to /etc/passwd); "
                + "only files inside it are read",
        ])
    }

    func testHiddenFilesAreIgnoredInEveryFolder() {
        let site = TestSite()
        site.write("Content/.DS_Store", "")
        site.write("Content/talks/.gitkeep", "")
        site.write("Content/people/.x.md.swp", "")
        XCTAssertEqual(site.diagnostics(), [])
    }
}
