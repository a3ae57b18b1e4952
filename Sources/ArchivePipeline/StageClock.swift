import Foundation

/// Measures how long each stage takes, for the build summary and `--why` (never for `Output/`).
public struct StageClock: Sendable {
    public private(set) var stages: [(stage: String, seconds: Double)] = []

    public init() {}

    public mutating func measure<T>(_ stage: String, _ body: () throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        defer {
            let end = DispatchTime.now().uptimeNanoseconds
            stages.append((stage, Double(end - start) / 1e9))
        }
        return try body()
    }
}
