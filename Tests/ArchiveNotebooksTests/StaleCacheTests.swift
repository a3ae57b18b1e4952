import ArchiveModel
import Foundation
import XCTest

@testable import ArchiveNotebooks

/// A cache hit decides published numbers, so it must never survive a change of the input's bytes.
extension NotebookEngineTests {
    /// Sets the file's access and modification times to `seconds` since 1970 (as `touch -d` does).
    func setModificationTime(_ path: String, seconds: Int) {
        var times = [timespec(tv_sec: seconds, tv_nsec: 0), timespec(tv_sec: seconds, tv_nsec: 0)]
        XCTAssertEqual(utimensat(AT_FDCWD, path, &times, 0), 0)
    }

    func testSameSizeSameMtimeReplacementIsHashedAgain() throws {
        let input = content + "/numbers.txt"
        let old2020 = 1_577_836_800
        setModificationTime(input, seconds: old2020)
        let text = notebook(cells: cell("params:\n  factor: 2"))
        let first = try run(text)
        // Same inode, same size, same mtime: only the inode change time tells.
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: input))
        try handle.write(contentsOf: Data("1\n2\n3\n5\n".utf8))
        try handle.close()
        setModificationTime(input, seconds: old2020)
        let second = try run(text)
        XCTAssertEqual(second.whyLines, ["\(notebookPath):7: executed: input changed: \(input)"])
        XCTAssertNotEqual(second.results["demo"]?.first?.output, first.results["demo"]?.first?.output)
    }

    func testStampTrustNeedsEveryFieldAndAnOldEnoughFile() {
        let hashedAt: Int64 = 1_000_000_000_000
        let stamp = ResultCache.InputStamp(
            size: 10, modifiedNanoseconds: 5_000_000_000, changedNanoseconds: 5_000_000_000,
            inode: 7, device: 1, hashedAtNanoseconds: hashedAt, sha256: "h")
        var now = stamp
        now.hashedAtNanoseconds = hashedAt + 60_000_000_000
        XCTAssertTrue(ResultCache.isTrusted(stamp, now: now))
        for change in [\ResultCache.InputStamp.modifiedNanoseconds, \.changedNanoseconds] {
            var changed = now
            changed[keyPath: change] += 1
            XCTAssertFalse(ResultCache.isTrusted(stamp, now: changed))
        }
        for change in [\ResultCache.InputStamp.inode, \.device, \.size] {
            var changed = now
            changed[keyPath: change] += 1
            XCTAssertFalse(ResultCache.isTrusted(stamp, now: changed))
        }
        var racy = stamp
        racy.modifiedNanoseconds = hashedAt - 1_000_000_000
        racy.changedNanoseconds = racy.modifiedNanoseconds
        var racyNow = racy
        racyNow.hashedAtNanoseconds = hashedAt + 60_000_000_000
        XCTAssertFalse(
            ResultCache.isTrusted(racy, now: racyNow), "a file written within 2 s of hashing is hashed again")
    }
}

extension NotebookEngineTests {
    func testUnusableCacheFolderIsOneErrorNamingIt() throws {
        // A file where the cache folder should be: nothing can be stored under it.
        try Data("not a folder".utf8).write(to: URL(fileURLWithPath: cache))
        let text = notebook(cells: cell("params:\n  factor: 2") + "\n" + cell("params:\n  factor: 3"))
        let problems = diagnostics { _ = try run(text) }
        XCTAssertEqual(problems.count, 1, "\(problems)")
        XCTAssertTrue(
            problems.first?.hasPrefix("\(cache):1:1: error: cannot use the notebook cache folder: ") == true,
            "\(problems)")
        XCTAssertFalse(problems.first?.contains("NSCocoaErrorDomain") == true, "\(problems)")
    }
}
