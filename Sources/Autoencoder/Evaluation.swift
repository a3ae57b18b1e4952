// Evaluation helpers: histograms, the Jensen–Shannon divergence and score quantiles.

import Foundation

public enum AnomalyEvaluation {
    /// Counts of `values` in `bins` equal-width bins over [low, high) (values outside are dropped).
    public static func histogram(_ values: [Double], low: Double, high: Double, bins: Int) -> [Double] {
        var counts = [Double](repeating: 0, count: bins)
        let width = (high - low) / Double(bins)
        for v in values where v >= low && v < high { counts[min(bins - 1, Int((v - low) / width))] += 1 }
        return counts
    }

    /// Jensen–Shannon divergence in bits (0 ... 1) of two histograms, each normalised to unit sum.
    public static func jensenShannon(_ p: [Double], _ q: [Double]) -> Double {
        precondition(p.count == q.count, "jensenShannon: histograms of different lengths")
        let sp = p.reduce(0, +)
        let sq = q.reduce(0, +)
        guard sp > 0, sq > 0 else { return 0 }
        var d = 0.0
        for i in p.indices {
            let a = p[i] / sp
            let b = q[i] / sq
            let m = (a + b) / 2
            if a > 0 { d += 0.5 * a * log2(a / m) }
            if b > 0 { d += 0.5 * b * log2(b / m) }
        }
        return max(0, d)
    }

    /// The score above which the top `fraction` of `scores` lie (sorted-order statistic: the
    /// ⌈fraction·N⌉-th largest score; jets with score ≥ it are kept).
    public static func threshold(keepingTop fraction: Double, of scores: [Double]) -> Double {
        guard !scores.isEmpty else { return .infinity }
        let sorted = scores.sorted(by: >)
        let k = max(1, min(sorted.count, Int((fraction * Double(sorted.count)).rounded(.up))))
        return sorted[k - 1]
    }
}
