import ParallelMap

/// The kernels' name for `parallelMap` (index-ordered results on all cores).
public func concurrentMap<T>(_ count: Int, chunk: Int? = nil, _ transform: (Int) -> T) -> [T] {
    parallelMap(count, chunk: chunk, transform)
}
