import ArchiveModel
import ArchiveWriter
import Foundation
import Testing

@Suite("SiteWriter")
struct WriterTests {
    let fm = FileManager.default

    func site(_ files: [String: String]) -> RenderedSite {
        RenderedSite(files: files.mapValues { Array($0.utf8) })
    }

    func read(_ path: String) -> String? {
        fm.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Every file under `root`, relative, sorted.
    func tree(_ root: String) -> [String] {
        (fm.enumerator(atPath: root)?.allObjects as? [String] ?? []).filter { path in
            var isDirectory: ObjCBool = false
            return fm.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }.sorted()
    }

    /// Entries of `parent` other than the output itself (temporary or old trees left behind).
    func leftovers(_ parent: String) throws -> [String] {
        try fm.contentsOfDirectory(atPath: parent).filter { $0 != "Output" }.sorted()
    }

    @Test func writesTheSiteWithGitkeep() throws {
        let parent = try Support.temporaryDirectory()
        defer { try? fm.removeItem(atPath: parent) }
        let output = parent + "/Output"
        try SiteWriter(outputDirectory: output).write(
            site(["index.html": "home", "talks/a/index.html": "a", "assets/style.css": "css"]))
        #expect(
            tree(output) == [".gitkeep", ".workshop-archive", "assets/style.css", "index.html", "talks/a/index.html"])
        #expect(read(output + "/talks/a/index.html") == "a")
        #expect(read(output + "/.gitkeep") == "")
        #expect(try leftovers(parent).isEmpty)
        // Not the private mode of a temporary directory.
        let mode = try fm.attributesOfItem(atPath: output)[.posixPermissions] as? Int
        #expect(mode == Int(SiteWriter.directoryMode))
        #expect(SiteWriter.directoryMode & 0o700 == 0o700)
    }

    @Test func replacesThePreviousSiteWhole() throws {
        let parent = try Support.temporaryDirectory()
        defer { try? fm.removeItem(atPath: parent) }
        let output = parent + "/Output"
        try SiteWriter(outputDirectory: output).write(site(["index.html": "v1", "talks/old/index.html": "old"]))
        try "stray".write(toFile: output + "/stray.txt", atomically: true, encoding: .utf8)
        try SiteWriter(outputDirectory: output + "/").write(site(["index.html": "v2", "talks/new/index.html": "new"]))
        #expect(tree(output) == [".gitkeep", ".workshop-archive", "index.html", "talks/new/index.html"])
        #expect(read(output + "/index.html") == "v2")
        #expect(try leftovers(parent).isEmpty)
    }

    @Test func leavesAnIdenticalSiteUntouched() throws {
        let parent = try Support.temporaryDirectory()
        defer { try? fm.removeItem(atPath: parent) }
        let output = parent + "/Output"
        let files = ["index.html": "home", "talks/a/index.html": "a", "assets/style.css": "css"]
        #expect(try SiteWriter(outputDirectory: output).write(site(files)))
        func inode(_ path: String) throws -> Int? { try fm.attributesOfItem(atPath: path)[.systemFileNumber] as? Int }
        let before = try [output, output + "/talks/a/index.html"].map(inode)
        #expect(try !SiteWriter(outputDirectory: output).write(site(files)))
        #expect(try [output, output + "/talks/a/index.html"].map(inode) == before)
        #expect(try leftovers(parent).isEmpty)
    }

    /// Anything on disk that is not exactly the site (a byte, a mode, an extra file, directory or
    /// link, a missing file) makes a full rewrite, which yields exactly the site.
    @Test(arguments: ["byte", "length", "mode", "extra file", "empty directory", "symlink", "missing"])
    func rewritesAnyDifference(_ change: String) throws {
        let parent = try Support.temporaryDirectory()
        defer { try? fm.removeItem(atPath: parent) }
        let output = parent + "/Output"
        let files = ["index.html": "home", "talks/a/index.html": "a", "assets/style.css": "css"]
        try SiteWriter(outputDirectory: output).write(site(files))
        switch change {
        case "byte": try "hone".write(toFile: output + "/index.html", atomically: false, encoding: .utf8)
        case "length": try "homes".write(toFile: output + "/index.html", atomically: false, encoding: .utf8)
        case "mode": try fm.setAttributes([.posixPermissions: 0o600], ofItemAtPath: output + "/assets/style.css")
        case "extra file": try "x".write(toFile: output + "/talks/x.html", atomically: false, encoding: .utf8)
        case "empty directory": try fm.createDirectory(atPath: output + "/talks/b", withIntermediateDirectories: false)
        case "symlink": try fm.createSymbolicLink(atPath: output + "/link", withDestinationPath: "index.html")
        default: try fm.removeItem(atPath: output + "/talks/a/index.html")
        }
        #expect(try SiteWriter(outputDirectory: output).write(site(files)))
        #expect(
            tree(output) == [".gitkeep", ".workshop-archive", "assets/style.css", "index.html", "talks/a/index.html"])
        #expect(
            !fm.fileExists(atPath: output + "/talks/b")
                && (try? fm.destinationOfSymbolicLink(atPath: output + "/link")) == nil)
        #expect(read(output + "/index.html") == "home")
        let mode = try fm.attributesOfItem(atPath: output + "/assets/style.css")[.posixPermissions] as? Int
        #expect(mode == Int(SiteWriter.fileMode))
        #expect(try leftovers(parent).isEmpty)
    }

    @Test func createsMissingParents() throws {
        let parent = try Support.temporaryDirectory()
        defer { try? fm.removeItem(atPath: parent) }
        let output = parent + "/deep/er/Output"
        try SiteWriter(outputDirectory: output).write(site(["index.html": "x"]))
        #expect(read(output + "/index.html") == "x")
    }

    @Test(arguments: [
        "../escape.html", "/etc/passwd", "a//b.html", "a/./b.html", "a/../b.html", "", "dir/", "a\\b.html",
    ])
    func invalidPathLeavesPreviousOutputIntact(_ bad: String) throws {
        let parent = try Support.temporaryDirectory()
        defer { try? fm.removeItem(atPath: parent) }
        let output = parent + "/Output"
        try SiteWriter(outputDirectory: output).write(site(["index.html": "previous"]))
        #expect(throws: DiagnosticList.self) {
            try SiteWriter(outputDirectory: output).write(site(["index.html": "next", bad: "evil"]))
        }
        #expect(read(output + "/index.html") == "previous")
        #expect(tree(output) == [".gitkeep", ".workshop-archive", "index.html"])
        #expect(try leftovers(parent).isEmpty)
        #expect(!fm.fileExists(atPath: parent + "/escape.html"))
    }

    @Test func fileThatIsAlsoADirectoryIsRejected() throws {
        let parent = try Support.temporaryDirectory()
        defer { try? fm.removeItem(atPath: parent) }
        #expect(throws: DiagnosticList.self) {
            try SiteWriter(outputDirectory: parent + "/Output").write(site(["a": "file", "a/b.html": "nested"]))
        }
        #expect(!fm.fileExists(atPath: parent + "/Output"))
        #expect(try leftovers(parent).isEmpty)
    }

    @Test func failureWhileWritingLeavesPreviousOutputIntact() throws {
        let parent = try Support.temporaryDirectory()
        defer { try? fm.removeItem(atPath: parent) }
        let output = parent + "/Output"
        try SiteWriter(outputDirectory: output).write(site(["index.html": "previous", "talks/a/index.html": "a"]))
        var failing = SiteWriter(outputDirectory: output)
        failing.simulatedFailureAtFile = 2
        #expect(throws: Diagnostic.self) {
            try failing.write(site(["index.html": "next", "talks/b/index.html": "b", "talks/c/index.html": "c"]))
        }
        #expect(tree(output) == [".gitkeep", ".workshop-archive", "index.html", "talks/a/index.html"])
        #expect(read(output + "/index.html") == "previous")
        #expect(try leftovers(parent).isEmpty)  // the temporary tree is gone
    }

    @Test func refusesASymlinkedOutputAndNeverWritesThroughOne() throws {
        let parent = try Support.temporaryDirectory()
        defer { try? fm.removeItem(atPath: parent) }
        let elsewhere = parent + "/elsewhere"
        try fm.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: parent + "/Output", withDestinationPath: elsewhere)
        #expect(throws: Diagnostic.self) {
            try SiteWriter(outputDirectory: parent + "/Output").write(site(["index.html": "x"]))
        }
        #expect(try fm.contentsOfDirectory(atPath: elsewhere).isEmpty)
        #expect(try fm.destinationOfSymbolicLink(atPath: parent + "/Output") == elsewhere)
    }

    @Test func oldTreeWithSymlinksIsRemovedWithoutFollowingThem() throws {
        let parent = try Support.temporaryDirectory()
        defer { try? fm.removeItem(atPath: parent) }
        let output = parent + "/Output"
        let precious = parent + "/precious"
        try fm.createDirectory(atPath: precious, withIntermediateDirectories: true)
        try "keep".write(toFile: precious + "/file.txt", atomically: true, encoding: .utf8)
        try SiteWriter(outputDirectory: output).write(site(["index.html": "v1"]))
        try fm.createSymbolicLink(atPath: output + "/link", withDestinationPath: precious)
        try SiteWriter(outputDirectory: output).write(site(["index.html": "v2"]))
        #expect(read(precious + "/file.txt") == "keep")
        #expect(tree(output) == [".gitkeep", ".workshop-archive", "index.html"])
    }

    @Test func refusesAFileAsOutput() throws {
        let parent = try Support.temporaryDirectory()
        defer { try? fm.removeItem(atPath: parent) }
        try "not a dir".write(toFile: parent + "/Output", atomically: true, encoding: .utf8)
        #expect(throws: Diagnostic.self) {
            try SiteWriter(outputDirectory: parent + "/Output").write(site(["index.html": "x"]))
        }
        #expect(read(parent + "/Output") == "not a dir")
    }
}
