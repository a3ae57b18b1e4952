import Dispatch

/// Applies `transform` to 0..<count on all cores; the result is in index order, so it is the same
/// however the work was scheduled.
func parallelMap<T>(_ count: Int, _ transform: (Int) -> T) -> [T] {
    var results = [T?](repeating: nil, count: count)
    let chunk = max(1, count / 64)
    results.withUnsafeMutableBufferPointer { buffer in
        let base = buffer.baseAddress!
        DispatchQueue.concurrentPerform(iterations: (count + chunk - 1) / chunk) { block in
            for i in (block * chunk)..<min(count, (block + 1) * chunk) { (base + i).initialize(to: transform(i)) }
        }
    }
    return results.map { $0! }
}
