import ParallelMap
import Synchronization
import Testing

@Suite("parallelMap")
struct ParallelMapTests {
    struct Failed: Error, Equatable { let index: Int }

    @Test(arguments: [0, 1, 2, 63, 64, 65, 1000, 4099])
    func resultsAreInIndexOrder(count: Int) {
        #expect(parallelMap(count) { $0 * $0 } == (0..<count).map { $0 * $0 })
        #expect(parallelMap(count, chunk: 7) { "\($0)" } == (0..<count).map { "\($0)" })
        #expect(parallelMap(count, chunk: count + 5) { -$0 } == (0..<count).map { -$0 })
    }

    @Test func everyIndexRunsExactlyOnce() {
        let calls = Mutex([Int](repeating: 0, count: 3000))
        _ = parallelMap(3000, chunk: 3) { index in calls.withLock { $0[index] += 1 } }
        #expect(calls.withLock { $0 } == [Int](repeating: 1, count: 3000))
    }

    @Test func aThrowingTransformThatSucceedsReturnsEverything() throws {
        let values = try parallelMap(500) { index throws -> Int in index + 1 }
        #expect(values == Array(1...500))
    }

    /// Many failures at once, scheduled differently each round: the error is always the one of the
    /// lowest failing index.
    @Test func theLowestFailingIndexIsReported() {
        let failing: Set<Int> = [17, 480, 901, 2999]
        for round in 0..<50 {
            #expect(throws: Failed(index: 17)) {
                _ = try parallelMap(3000, chunk: 1 + round % 5) { index -> Int in
                    if failing.contains(index) { throw Failed(index: index) }
                    return index
                }
            }
        }
    }

    @Test func indicesAboveAFailureAreNotAllStarted() {
        let started = Atomic<Int>(0)
        #expect(throws: Failed(index: 0)) {
            _ = try parallelMap(100_000, chunk: 1) { index -> Int in
                started.add(1, ordering: .relaxed)
                if index == 0 { throw Failed(index: 0) }
                return index
            }
        }
        #expect(started.load(ordering: .relaxed) < 100_000)
    }
}
