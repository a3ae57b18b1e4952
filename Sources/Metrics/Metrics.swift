// Metrics: classifier-performance helpers shared by all jet-tagging kernels.
//
// Conventions
// -----------
// * A "signal" event has label 1 (or `true`), "background" label 0 (`false`).
// * An event is selected (classified as signal) when `score >= threshold`.
// * Tied scores form ONE threshold step: the ROC curve jumps from the point
//   before the tie group to the point after it along a straight (diagonal)
//   segment. With this convention the trapezoidal area under the ROC curve is
//   exactly the Mann–Whitney statistic U / (n1 · n0) with ties counted 1/2.
// * Efficiencies at a working point are read off the piecewise-linear ROC
//   curve through the tie-grouped points (linear interpolation between
//   neighbouring points; see `ROCCurve.backgroundEfficiency(atSignalEfficiency:)`
//   and `ROCCurve.signalEfficiency(atBackgroundEfficiency:)` for how flat and
//   vertical segments are resolved).
// * Uncertainties are binomial, σ(ε) = sqrt(ε (1 − ε) / n) with n the number of
//   signal (for εS) or background (for εB) events, evaluated at the
//   (interpolated) efficiency; for the rejection R = 1/εB it is propagated as
//   σ(R) = σ(εB) / εB².

import Foundation

/// Errors for malformed metric inputs.
public enum MetricsError: Error, Equatable, CustomStringConvertible, Sendable {
    case countMismatch(scores: Int, labels: Int)
    case nonBinaryLabel(index: Int, value: Int)
    case nonFiniteScore(index: Int)
    case noSignal
    case noBackground
    case efficiencyOutOfRange(Double)

    public var description: String {
        switch self {
        case .countMismatch(let s, let l): return "\(s) scores but \(l) labels"
        case .nonBinaryLabel(let i, let v): return "label \(v) at index \(i) is not 0 or 1"
        case .nonFiniteScore(let i): return "score at index \(i) is NaN or infinite"
        case .noSignal: return "no signal (label 1) events"
        case .noBackground: return "no background (label 0) events"
        case .efficiencyOutOfRange(let e): return "efficiency \(e) is outside [0, 1]"
        }
    }
}

/// A value with its (binomial) uncertainty.
public struct ValueWithUncertainty: Equatable, Sendable, CustomStringConvertible {
    public var value: Double
    public var uncertainty: Double
    public init(value: Double, uncertainty: Double) {
        self.value = value
        self.uncertainty = uncertainty
    }
    public var description: String { "\(value) ± \(uncertainty)" }
}

/// A receiver-operating-characteristic curve with one point per distinct score.
public struct ROCCurve: Equatable, Sendable {
    /// Thresholds in strictly decreasing order. `thresholds[0] == +∞` is the
    /// "select nothing" point (0, 0); `thresholds[k]` for k ≥ 1 is the k-th
    /// largest distinct score, and point k counts events with score ≥ it.
    public let thresholds: [Double]
    /// Signal efficiency (true-positive rate) at each threshold, non-decreasing,
    /// ending at 1.
    public let signalEfficiency: [Double]
    /// Background efficiency (false-positive rate) at each threshold,
    /// non-decreasing, ending at 1.
    public let backgroundEfficiency: [Double]
    /// Cumulative selected signal counts at each threshold.
    public let signalCounts: [Int]
    /// Cumulative selected background counts at each threshold.
    public let backgroundCounts: [Int]
    /// Number of signal events.
    public let nSignal: Int
    /// Number of background events.
    public let nBackground: Int

    /// Builds the ROC curve from scores and binary labels (`true` = signal).
    public init(scores: [Double], labels: [Bool]) throws {
        guard scores.count == labels.count else {
            throw MetricsError.countMismatch(scores: scores.count, labels: labels.count)
        }
        for (i, s) in scores.enumerated() where !s.isFinite { throw MetricsError.nonFiniteScore(index: i) }
        let nS = labels.reduce(0) { $0 + ($1 ? 1 : 0) }
        let nB = labels.count - nS
        guard nS > 0 else { throw MetricsError.noSignal }
        guard nB > 0 else { throw MetricsError.noBackground }
        // Sort indices by decreasing score.
        let order = scores.indices.sorted { scores[$0] > scores[$1] }
        var thr: [Double] = [.infinity]
        var cs: [Int] = [0]
        var cb: [Int] = [0]
        var s = 0
        var b = 0
        var k = 0
        while k < order.count {
            let v = scores[order[k]]
            while k < order.count && scores[order[k]] == v {
                if labels[order[k]] { s += 1 } else { b += 1 }
                k += 1
            }
            thr.append(v)
            cs.append(s)
            cb.append(b)
        }
        thresholds = thr
        signalCounts = cs
        backgroundCounts = cb
        nSignal = nS
        nBackground = nB
        signalEfficiency = cs.map { Double($0) / Double(nS) }
        backgroundEfficiency = cb.map { Double($0) / Double(nB) }
    }

    /// Builds the ROC curve from scores and 0/1 integer labels (1 = signal).
    public init(scores: [Double], labels: [Int]) throws {
        guard scores.count == labels.count else {
            throw MetricsError.countMismatch(scores: scores.count, labels: labels.count)
        }
        var b: [Bool] = []
        b.reserveCapacity(labels.count)
        for (i, l) in labels.enumerated() {
            guard l == 0 || l == 1 else { throw MetricsError.nonBinaryLabel(index: i, value: l) }
            b.append(l == 1)
        }
        try self.init(scores: scores, labels: b)
    }

    /// Builds the ROC curve from Float scores.
    public init(scores: [Float], labels: [Int]) throws {
        try self.init(scores: scores.map(Double.init), labels: labels)
    }

    /// Area under the curve: trapezoidal over the tie-grouped points, computed
    /// from integer counts as Σ_groups b_g (S_above + s_g / 2) / (nS nB), which
    /// equals the Mann–Whitney U / (n1 n0) with ties counted 1/2.
    public var auc: Double {
        var acc = 0.0  // in units of half-pairs, exact for < 2^52 pairs
        for k in 1..<signalCounts.count {
            let dB = Double(backgroundCounts[k] - backgroundCounts[k - 1])
            let dS = Double(signalCounts[k] - signalCounts[k - 1])
            acc += dB * (2 * Double(signalCounts[k - 1]) + dS)
        }
        return acc / (2 * Double(nSignal) * Double(nBackground))
    }

    /// Background efficiency εB at signal efficiency `eS` (in [0, 1]).
    ///
    /// Interpolation rule: εB is read off the piecewise-linear ROC curve (εS on
    /// the abscissa) through the tie-grouped points. Let k be the first point
    /// with εS[k] ≥ eS. If εS[k] == eS (including flat stretches where several
    /// points share that εS), εB[k] — the smallest εB reaching eS — is returned;
    /// otherwise εB is interpolated linearly between points k−1 and k.
    /// Uncertainty: sqrt(εB (1 − εB) / nBackground).
    public func backgroundEfficiency(atSignalEfficiency eS: Double) throws -> ValueWithUncertainty {
        guard eS >= 0, eS <= 1 else { throw MetricsError.efficiencyOutOfRange(eS) }
        let eB = ROCCurve.interpolate(x: signalEfficiency, y: backgroundEfficiency, at: eS, preferLast: false)
        return ValueWithUncertainty(value: eB, uncertainty: ROCCurve.binomial(eB, nBackground))
    }

    /// Background rejection 1/εB at signal efficiency `eS`, with σ(1/εB) = σ(εB)/εB².
    /// If εB == 0 the rejection and its uncertainty are `+infinity`.
    public func backgroundRejection(atSignalEfficiency eS: Double) throws -> ValueWithUncertainty {
        let eB = try backgroundEfficiency(atSignalEfficiency: eS)
        guard eB.value > 0 else { return ValueWithUncertainty(value: .infinity, uncertainty: .infinity) }
        return ValueWithUncertainty(value: 1 / eB.value, uncertainty: eB.uncertainty / (eB.value * eB.value))
    }

    /// Signal efficiency εS at background efficiency `eB` (in [0, 1]).
    ///
    /// Interpolation rule: εS is read off the piecewise-linear ROC curve (εB on
    /// the abscissa). Let k be the last point with εB[k] ≤ eB. If εB[k] == eB
    /// (including vertical stretches where several points share that εB),
    /// εS[k] — the largest εS at that εB — is returned; otherwise εS is
    /// interpolated linearly between points k and k+1.
    /// Uncertainty: sqrt(εS (1 − εS) / nSignal).
    public func signalEfficiency(atBackgroundEfficiency eB: Double) throws -> ValueWithUncertainty {
        guard eB >= 0, eB <= 1 else { throw MetricsError.efficiencyOutOfRange(eB) }
        let eS = ROCCurve.interpolate(x: backgroundEfficiency, y: signalEfficiency, at: eB, preferLast: true)
        return ValueWithUncertainty(value: eS, uncertainty: ROCCurve.binomial(eS, nSignal))
    }

    /// Piecewise-linear y(x) over non-decreasing x. For `preferLast == false`
    /// the first point with x ≥ target is used (the smallest y on a vertical
    /// stretch); for `preferLast == true` the last point with x ≤ target (the
    /// largest y).
    static func interpolate(x: [Double], y: [Double], at t: Double, preferLast: Bool) -> Double {
        let n = x.count
        if preferLast {
            // last k with x[k] <= t
            var lo = 0
            var hi = n - 1
            while lo < hi {
                let mid = (lo + hi + 1) / 2
                if x[mid] <= t { lo = mid } else { hi = mid - 1 }
            }
            let k = lo
            if x[k] == t || k == n - 1 { return y[k] }
            let f = (t - x[k]) / (x[k + 1] - x[k])
            return y[k] + f * (y[k + 1] - y[k])
        } else {
            // first k with x[k] >= t
            var lo = 0
            var hi = n - 1
            while lo < hi {
                let mid = (lo + hi) / 2
                if x[mid] >= t { hi = mid } else { lo = mid + 1 }
            }
            let k = lo
            if x[k] == t || k == 0 { return y[k] }
            let f = (t - x[k - 1]) / (x[k] - x[k - 1])
            return y[k - 1] + f * (y[k] - y[k - 1])
        }
    }

    static func binomial(_ e: Double, _ n: Int) -> Double {
        let v = e * (1 - e) / Double(n)
        return v > 0 ? v.squareRoot() : 0
    }
}

/// Free-function conveniences.
public enum Metrics {
    /// ROC curve from scores and 0/1 labels (1 = signal).
    public static func roc(scores: [Double], labels: [Int]) throws -> ROCCurve {
        try ROCCurve(scores: scores, labels: labels)
    }

    /// Area under the ROC curve with ties counted 1/2 (= Mann–Whitney U / (n1 n0)).
    public static func auc(scores: [Double], labels: [Int]) throws -> Double {
        try ROCCurve(scores: scores, labels: labels).auc
    }

    /// Area under the ROC curve for Float scores.
    public static func auc(scores: [Float], labels: [Int]) throws -> Double {
        try ROCCurve(scores: scores, labels: labels).auc
    }

    /// Binomial uncertainty sqrt(ε (1 − ε) / n).
    public static func binomialUncertainty(efficiency: Double, count: Int) -> Double {
        count > 0 ? ROCCurve.binomial(efficiency, count) : .infinity
    }
}
