import Dispatch

/// Applies `transform` to 0..<count on all cores, `chunk` consecutive indices per task (by default
/// count/64, at least 1). The result is in index order, so it does not depend on the scheduling.
public func concurrentMap<T>(_ count: Int, chunk: Int? = nil, _ transform: (Int) -> T) -> [T] {
    let chunk = max(1, chunk ?? count / 64)
    var results = [T?](repeating: nil, count: count)
    results.withUnsafeMutableBufferPointer { buffer in
        let base = buffer.baseAddress!
        DispatchQueue.concurrentPerform(iterations: (count + chunk - 1) / chunk) { block in
            for i in (block * chunk)..<min(count, (block + 1) * chunk) { (base + i).initialize(to: transform(i)) }
        }
    }
    return results.map { $0! }
}
