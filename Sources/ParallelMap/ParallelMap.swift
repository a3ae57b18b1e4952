import Dispatch
import Synchronization

/// The one parallel loop of the package: the site's stages and the numerical kernels both use it.
///
/// `transform` runs for every index of `0..<count` on all cores, `chunk` consecutive indices per
/// task (by default `count / 64`, at least 1, so that small items do not pay one dispatch each).
/// The result is in index order, so it never depends on the scheduling.
public func parallelMap<T: Sendable>(_ count: Int, chunk: Int? = nil, _ transform: @Sendable (Int) -> T) -> [T] {
    let slots = ResultSlots<T>(count: count)
    let chunk = max(1, chunk ?? count / 64)
    DispatchQueue.concurrentPerform(iterations: (count + chunk - 1) / chunk) { block in
        for index in (block * chunk)..<min(count, (block + 1) * chunk) {
            slots.set(index, to: transform(index))
        }
    }
    return slots.collect()
}

/// `parallelMap` for a transform that can fail. The error thrown is the one of the lowest failing
/// index, whatever the scheduling: once an index fails, higher indices are no longer started,
/// while lower ones still run (one of them may fail first in index order).
public func parallelMap<T: Sendable>(_ count: Int, chunk: Int? = nil, _ transform: @Sendable (Int) throws -> T) throws
    -> [T]
{
    let slots = ResultSlots<T>(count: count)
    let firstFailure = Mutex<(index: Int, error: any Error)?>(nil)
    let chunk = max(1, chunk ?? count / 64)
    DispatchQueue.concurrentPerform(iterations: (count + chunk - 1) / chunk) { block in
        for index in (block * chunk)..<min(count, (block + 1) * chunk) {
            if let failed = firstFailure.withLock({ $0?.index }), failed < index { return }
            do {
                slots.set(index, to: try transform(index))
            } catch {
                firstFailure.withLock { stored in
                    if stored == nil || index < stored!.index { stored = (index, error) }
                }
                return
            }
        }
    }
    if let failure = firstFailure.withLock({ $0 }) { throw failure.error }
    return slots.collect()
}

/// One slot per index, each written by exactly one worker and read only after
/// `concurrentPerform` returned (which orders every worker's writes before the read).
/// Raw storage, so that concurrent writes to distinct slots are not exclusive accesses to one
/// array; `@unchecked` because that one-writer-per-slot rule is what makes it safe, not a lock.
private final class ResultSlots<T>: @unchecked Sendable {
    private let storage: UnsafeMutableBufferPointer<T?>

    init(count: Int) {
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil)
    }

    deinit {
        storage.deinitialize()
        storage.deallocate()
    }

    func set(_ index: Int, to value: T) { storage[index] = value }

    /// The values in index order; every slot must have been written.
    func collect() -> [T] { storage.map { $0! } }
}
