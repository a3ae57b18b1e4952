import ArchiveModel
import Synchronization

/// What the preview serves: the last site that built, the problems of the last build when it
/// failed, and the open event streams to tell about each rebuild. Shared by the watcher thread and
/// the server's tasks.
final class PreviewState: Sendable {
    struct Snapshot: Sendable {
        /// Counts builds, good or bad: a page shows the generation it was served at.
        var generation = 0
        var site: RenderedSite?
        var problems: [Diagnostic] = []
    }

    private let snapshot = Mutex(Snapshot())
    private let listeners = Mutex<[Int: AsyncStream<Int>.Continuation]>([:])
    private let nextListener = Atomic<Int>(0)

    var current: Snapshot { snapshot.withLock { $0 } }

    /// Records a build's outcome (a site, or the problems that stopped it while the last good site
    /// stays served) and tells every open page.
    func publish(site: RenderedSite?, problems: [Diagnostic]) {
        let generation = snapshot.withLock { state in
            state.generation += 1
            if let site { state.site = site }
            state.problems = problems
            return state.generation
        }
        for continuation in listeners.withLock({ Array($0.values) }) { continuation.yield(generation) }
    }

    /// A stream of generations, starting with the current one; it ends when the client goes.
    func subscribe() -> AsyncStream<Int> {
        let id = nextListener.add(1, ordering: .relaxed).newValue
        let (stream, continuation) = AsyncStream<Int>.makeStream(bufferingPolicy: .bufferingNewest(8))
        continuation.onTermination = { [weak self] _ in
            _ = self?.listeners.withLock { $0.removeValue(forKey: id) }
        }
        listeners.withLock { $0[id] = continuation }
        continuation.yield(current.generation)
        return stream
    }

    private let stopped = Mutex(false)

    var isStopped: Bool { stopped.withLock { $0 } }

    /// Ends every event stream and tells the watcher to stop.
    func stop() {
        stopped.withLock { $0 = true }
        for continuation in listeners.withLock({ Array($0.values) }) { continuation.finish() }
    }
}
