import ArchiveModel
import Foundation
import Testing

@testable import ArchiveWriter

#if canImport(Glibc)
    import Glibc
#endif

/// The output folder is replaced as a whole, so the writer must refuse every folder whose
/// replacement would delete something that is not a site of this tool.
@Suite("Output guard")
struct OutputGuardTests {
    let fm = FileManager.default

    /// A project folder with Content/talks, Themes/default and a cache, as the CLI sees it.
    func project() throws -> String {
        let root = try Support.temporaryDirectory()
        for folder in ["Content/talks", "Themes/default", ".archive-cache", "Output"] {
            try fm.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
        return root
    }

    func protected(_ root: String) -> [(role: String, path: String)] {
        [
            ("content", root + "/Content"), ("theme", root + "/Themes/default"),
            ("notebook cache", root + "/.archive-cache"),
        ]
    }

    func refusal(_ output: String, _ root: String) -> String? {
        do {
            try OutputGuard.checkLocation(output: output, protected: protected(root))
            return nil
        } catch let list as DiagnosticList {
            return list.diagnostics.map(\.message).joined(separator: "\n")
        } catch {
            return "\(error)"
        }
    }

    @Test func theProjectContentThemeAndCacheAreNeverAnOutput() throws {
        let root = try project()
        defer { try? fm.removeItem(atPath: root) }
        let name = (root as NSString).lastPathComponent
        let cases: [(String, String)] = [
            (root, "it contains the content folder"),
            (root + "/Content/../../" + name, "it contains the content folder"),
            (root + "/Content", "it is the content folder"),
            (root + "/Content/talks", "it lies inside the content folder"),
            (root + "/Themes/default", "it is the theme folder"),
            (root + "/Themes", "it contains the theme folder"),
            (root + "/.archive-cache", "it is the notebook cache folder"),
            (root + "/.archive-cache/site", "it lies inside the notebook cache folder"),
            ("/", "root of the file system"),
        ]
        for (output, reason) in cases {
            let message = refusal(output, root)
            #expect(message?.contains(reason) == true, "\(output): \(message ?? "accepted")")
        }
        // A link to the content folder is the content folder.
        try fm.createSymbolicLink(atPath: root + "/Site", withDestinationPath: root + "/Content")
        #expect(refusal(root + "/Site", root)?.contains("it is the content folder") == true)
        #expect(refusal(root + "/Output", root) == nil)
        #expect(refusal(root + "/Output/new/deeper", root) == nil)
    }

    @Test func aCacheInsideTheOutputIsRefused() throws {
        let root = try project()
        defer { try? fm.removeItem(atPath: root) }
        let folders = [(role: "notebook cache", path: root + "/Output/cache")]
        let error = #expect(throws: DiagnosticList.self) {
            try OutputGuard.checkLocation(output: root + "/Output", protected: folders)
        }
        let message = error?.diagnostics.first?.message ?? ""
        #expect(message.contains("it contains the notebook cache folder"))
    }

    @Test func aFolderOfOtherFilesIsNotReplaced() throws {
        let root = try project()
        defer { try? fm.removeItem(atPath: root) }
        let output = root + "/Output"
        try "mine".write(toFile: output + "/notes.txt", atomically: true, encoding: .utf8)
        #expect(throws: Diagnostic.self) {
            try SiteWriter(outputDirectory: output).write(RenderedSite(files: ["index.html": Array("home".utf8)]))
        }
        #expect(try fm.contentsOfDirectory(atPath: output) == ["notes.txt"])
    }

    @Test func anUnstampedSiteOfThisLayoutIsReplacedAndStamped() throws {
        let root = try project()
        defer { try? fm.removeItem(atPath: root) }
        let output = root + "/Output"
        try fm.createDirectory(atPath: output + "/talks/a", withIntermediateDirectories: true)
        try "old".write(toFile: output + "/index.html", atomically: true, encoding: .utf8)
        try "old".write(toFile: output + "/talks/a/index.html", atomically: true, encoding: .utf8)
        let site = RenderedSite(files: ["index.html": Array("home".utf8), "talks/b/index.html": Array("b".utf8)])
        try SiteWriter(outputDirectory: output).write(site)
        #expect(fm.contents(atPath: output + "/" + OutputGuard.stampName) == Data(OutputGuard.stampContents))
        #expect(fm.fileExists(atPath: output + "/talks/b/index.html"))
        // From now on the stamp alone makes the folder replaceable, whatever else it holds.
        try "extra".write(toFile: output + "/notes.txt", atomically: true, encoding: .utf8)
        try SiteWriter(outputDirectory: output).write(site)
        #expect(!fm.fileExists(atPath: output + "/notes.txt"))
    }

    @Test func leftoversOfDeadBuildsAreRemoved() throws {
        let root = try project()
        defer { try? fm.removeItem(atPath: root) }
        for leftover in [".Output.tmp-Ab12Cd/talks", ".Output.old-Zz99Yy"] {
            try fm.createDirectory(atPath: root + "/" + leftover, withIntermediateDirectories: true)
        }
        try "x".write(toFile: root + "/.Output.tmp-Ab12Cd/talks/x.html", atomically: true, encoding: .utf8)
        try fm.createDirectory(atPath: root + "/.Other.tmp-Ab12Cd", withIntermediateDirectories: true)
        try SiteWriter(outputDirectory: root + "/Output").write(RenderedSite(files: ["index.html": []]))
        let names = try fm.contentsOfDirectory(atPath: root).filter {
            $0.hasPrefix(".Output") || $0.hasPrefix(".Other")
        }
        #expect(names == [".Other.tmp-Ab12Cd"])
    }

    @Test func permissionsDoNotDependOnTheUmask() throws {
        let root = try project()
        defer { try? fm.removeItem(atPath: root) }
        let previous = umask(0o077)
        defer { umask(previous) }
        try SiteWriter(outputDirectory: root + "/Output").write(RenderedSite(files: ["talks/a/index.html": []]))
        umask(previous)
        for (path, mode) in [
            ("Output", 0o755), ("Output/talks", 0o755), ("Output/talks/a", 0o755),
            ("Output/talks/a/index.html", 0o644), ("Output/.gitkeep", 0o644),
        ] {
            var info = stat()
            #expect(lstat(root + "/" + path, &info) == 0)
            #expect(Int(info.st_mode & 0o7777) == mode, "\(path)")
        }
    }

    @Test func aSecondWriterWaitsForTheFirst() async throws {
        let root = try project()
        defer { try? fm.removeItem(atPath: root) }
        // Hold the lock the writer takes (the folder holding the output).
        let held = open(root, O_RDONLY | O_DIRECTORY)
        #expect(flock(held, LOCK_EX) == 0)
        let output = root + "/Output"
        let writer = Task.detached {
            try SiteWriter(outputDirectory: output).write(RenderedSite(files: ["index.html": Array("new".utf8)]))
        }
        try await Task.sleep(nanoseconds: 300_000_000)
        #expect(!fm.fileExists(atPath: output + "/index.html"))
        flock(held, LOCK_UN)
        close(held)
        _ = try await writer.value
        #expect(fm.contents(atPath: output + "/index.html") == Data("new".utf8))
    }
}
