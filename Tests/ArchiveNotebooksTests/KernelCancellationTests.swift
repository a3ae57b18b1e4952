import ArchiveModel
import Foundation
import XCTest

@testable import ArchiveNotebooks

/// A cell past its timeout must stop computing, not only stop being waited for.
final class KernelCancellationTests: XCTestCase {
    // @unchecked: `value` is only touched under `lock`.
    final class Counter: @unchecked Sendable {
        let lock = NSLock()
        var value = 0
        func increment() {
            lock.lock()
            value += 1
            lock.unlock()
        }
    }

    func testParallelMapStopsStartingWorkAtTheDeadline() {
        let context = KernelContext(
            contentDirectory: URL(fileURLWithPath: "/"), seed: 0,
            deadline: .now() + .milliseconds(100))
        let started = Counter()
        XCTAssertThrowsError(
            try context.map(100_000) { index -> Int in
                started.increment()
                usleep(1000)
                return index
            }
        ) { error in XCTAssertTrue(error is KernelTimeout, "\(error)") }
        // 100 ms of 1 ms items on every core: a few hundred at most, never the 100,000 (100 s).
        XCTAssertLessThan(started.value, 100 * ProcessInfo.processInfo.activeProcessorCount * 2 + 64)
    }

    func testParallelMapKeepsIndexOrderAndPassesErrorsOn() throws {
        let context = KernelContext(contentDirectory: URL(fileURLWithPath: "/"), seed: 0, deadline: .distantFuture)
        XCTAssertEqual(try context.map(1000) { $0 * 2 }, (0..<1000).map { $0 * 2 })
        XCTAssertThrowsError(
            try context.map(1000) { index -> Int in
                if index == 500 { throw KernelFailure("item 500") }
                return index
            }
        ) { error in XCTAssertEqual("\(error)", "item 500") }
        XCTAssertEqual(try context.map(0) { $0 }, [])
    }
}

/// A kernel's error names the file at fault as the user knows it, not an absolute path at the cell.
final class KernelFailureLocationTests: XCTestCase {
    let cell = NotebookCell(
        notebookPath: "Content/notebooks/n.md", ordinal: 0,
        location: SourceLocation(path: "Content/notebooks/n.md", line: 7, column: 1),
        kernelName: "lundnet", params: nil, seed: nil, expect: nil, source: "")

    func testDataFileErrorsArePlacedAtTheFileWithTheUsersPath() {
        let diagnostic = NotebookEngine.failure(
            "kernel failed: /home/me/site/Content/models/lundnet-w/head1.bias.npy: element 1 is nan; only finite "
                + "numbers are accepted", cell: cell, contentURL: URL(fileURLWithPath: "/home/me/site/Content"),
            shownAs: "Content")
        XCTAssertEqual(
            diagnostic.description,
            "Content/models/lundnet-w/head1.bias.npy:1:1: error: element 1 is nan; "
                + "only finite numbers are accepted (read by the cell at Content/notebooks/n.md:7)")
    }

    func testOtherErrorsStayAtTheCell() {
        let diagnostic = NotebookEngine.failure(
            "kernel failed: no jets of class W in /home/me/site/Content/data/jets",
            cell: cell, contentURL: URL(fileURLWithPath: "/home/me/site/Content"),
            shownAs: "Content")
        XCTAssertEqual(
            diagnostic.description,
            "Content/notebooks/n.md:7:1: error: kernel failed: no jets of class W in Content/data/jets")
    }
}
