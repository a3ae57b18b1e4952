import XCTest

@testable import Metrics

final class MetricsTests: XCTestCase {
    /// Exact pairwise AUC: P(score_s > score_b) + ½ P(score_s == score_b).
    private func pairwiseAUC(_ s: [Double], _ l: [Int]) -> Double {
        var num = 0.0
        var pairs = 0.0
        for i in s.indices where l[i] == 1 {
            for j in s.indices where l[j] == 0 {
                pairs += 1
                if s[i] > s[j] { num += 1 } else if s[i] == s[j] { num += 0.5 }
            }
        }
        return num / pairs
    }

    /// Deterministic pseudo-random generator (SplitMix64).
    private struct RNG {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 53) }
    }

    func testAUCMatchesPairwiseWithTies() throws {
        var rng = RNG(state: 12345)
        for trial in 0..<40 {
            let n = 5 + trial * 7
            var s: [Double] = []
            var l: [Int] = []
            for k in 0..<n {
                let label = k < 2 ? k : (rng.uniform() < 0.4 ? 1 : 0)  // both classes present
                // Heavily tied scores: only 6 distinct values, shifted for signal.
                let raw = rng.uniform() + (label == 1 ? 0.3 : 0)
                s.append((raw * 5).rounded(.down) / 5)
                l.append(label)
            }
            let auc = try Metrics.auc(scores: s, labels: l)
            XCTAssertEqual(auc, pairwiseAUC(s, l), accuracy: 1e-12, "trial \(trial)")
        }
    }

    func testAUCSimpleCases() throws {
        XCTAssertEqual(try Metrics.auc(scores: [0.1, 0.2, 0.8, 0.9], labels: [0, 0, 1, 1]), 1.0)
        XCTAssertEqual(try Metrics.auc(scores: [0.9, 0.8, 0.2, 0.1], labels: [0, 0, 1, 1]), 0.0)
        XCTAssertEqual(try Metrics.auc(scores: [0.5, 0.5, 0.5, 0.5], labels: [0, 1, 0, 1]), 0.5)
        // One tie between a signal and a background event: (3 + 0.5)/4.
        XCTAssertEqual(try Metrics.auc(scores: [0.1, 0.5, 0.5, 0.9], labels: [0, 0, 1, 1]), 0.875)
        XCTAssertEqual(try Metrics.auc(scores: [Float(0.1), 0.5, 0.5, 0.9], labels: [0, 0, 1, 1]), 0.875)
    }

    func testROCPointsWithTies() throws {
        let roc = try ROCCurve(scores: [0.9, 0.7, 0.7, 0.7, 0.2, 0.1], labels: [1, 1, 0, 1, 0, 0])
        XCTAssertEqual(roc.thresholds, [.infinity, 0.9, 0.7, 0.2, 0.1])
        XCTAssertEqual(roc.signalCounts, [0, 1, 3, 3, 3])
        XCTAssertEqual(roc.backgroundCounts, [0, 0, 1, 2, 3])
        XCTAssertEqual(roc.signalEfficiency, [0, 1.0 / 3, 1, 1, 1])
        XCTAssertEqual(roc.backgroundEfficiency, [0, 0, 1.0 / 3, 2.0 / 3, 1])
        XCTAssertEqual(roc.nSignal, 3)
        XCTAssertEqual(roc.nBackground, 3)
        // U = pairs: s0.9 beats 3 bg, s0.7 x2 beat 2 bg each and tie 1 bg each => 3 + 2*(2 + 0.5) = 8 of 9.
        XCTAssertEqual(roc.auc, 8.0 / 9.0, accuracy: 1e-15)
    }

    func testEfficienciesAndInterpolation() throws {
        // 4 signal, 4 background, distinct scores.
        let scores: [Double] = [0.95, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3]
        let labels: [Int] = [1, 1, 0, 1, 0, 1, 0, 0]
        let roc = try ROCCurve(scores: scores, labels: labels)
        // Points (eS, eB): (0,0) (.25,0) (.5,0) (.5,.25) (.75,.25) (.75,.5) (1,.5) (1,.75) (1,1)
        // eB at eS = 0.5: first point reaching eS = 0.5 has eB = 0.
        let b50 = try roc.backgroundEfficiency(atSignalEfficiency: 0.5)
        XCTAssertEqual(b50.value, 0)
        XCTAssertEqual(b50.uncertainty, 0)
        let r50 = try roc.backgroundRejection(atSignalEfficiency: 0.5)
        XCTAssertEqual(r50.value, .infinity)
        // eS = 0.625: between (.5,.25) and (.75,.25) -> eB = 0.25.
        let b625 = try roc.backgroundEfficiency(atSignalEfficiency: 0.625)
        XCTAssertEqual(b625.value, 0.25, accuracy: 1e-15)
        XCTAssertEqual(b625.uncertainty, (0.25 * 0.75 / 4).squareRoot(), accuracy: 1e-15)
        // eS = 0.875: between (.75,.5) and (1,.5) -> 0.5; eS = 0.8: same segment.
        XCTAssertEqual(try roc.backgroundEfficiency(atSignalEfficiency: 0.8).value, 0.5, accuracy: 1e-15)
        // eS = 0.6: between (.5,.25) and (.75,.25)
        XCTAssertEqual(try roc.backgroundEfficiency(atSignalEfficiency: 0.6).value, 0.25, accuracy: 1e-15)
        // Rejection and propagated uncertainty.
        let r = try roc.backgroundRejection(atSignalEfficiency: 0.8)
        XCTAssertEqual(r.value, 2, accuracy: 1e-12)
        XCTAssertEqual(r.uncertainty, (0.5 * 0.5 / 4).squareRoot() / 0.25, accuracy: 1e-12)
        // eS at eB: vertical stretch at eB = 0.25 -> largest eS (0.75).
        let s25 = try roc.signalEfficiency(atBackgroundEfficiency: 0.25)
        XCTAssertEqual(s25.value, 0.75)
        XCTAssertEqual(s25.uncertainty, (0.75 * 0.25 / 4).squareRoot(), accuracy: 1e-15)
        // eB = 0.125: between (.5,0) and (.5,.25) -> 0.5... the last point with eB <= 0.125 is (.5, 0),
        // next is (.5, .25): interpolation gives 0.5.
        XCTAssertEqual(try roc.signalEfficiency(atBackgroundEfficiency: 0.125).value, 0.5, accuracy: 1e-15)
        // eB = 0: largest eS at eB = 0 is 0.5.
        XCTAssertEqual(try roc.signalEfficiency(atBackgroundEfficiency: 0).value, 0.5)
        XCTAssertEqual(try roc.signalEfficiency(atBackgroundEfficiency: 1).value, 1)
        XCTAssertEqual(try roc.backgroundEfficiency(atSignalEfficiency: 0).value, 0)
        XCTAssertEqual(try roc.backgroundEfficiency(atSignalEfficiency: 1).value, 0.5)
    }

    func testLinearInterpolationOnDiagonalTieSegment() throws {
        // A tie group of 2 signal + 2 background makes one diagonal segment
        // from (0, 0) to (1, 1) (after a first pure-signal step).
        let roc = try ROCCurve(scores: [0.9, 0.5, 0.5, 0.5, 0.5], labels: [1, 1, 1, 0, 0])
        // Points: (0,0) (1/3, 0) (1, 1).
        let b = try roc.backgroundEfficiency(atSignalEfficiency: 2.0 / 3.0)
        XCTAssertEqual(b.value, 0.5, accuracy: 1e-15)
        let s = try roc.signalEfficiency(atBackgroundEfficiency: 0.5)
        XCTAssertEqual(s.value, 2.0 / 3.0, accuracy: 1e-15)
        XCTAssertEqual(roc.auc, pairwiseAUC([0.9, 0.5, 0.5, 0.5, 0.5], [1, 1, 1, 0, 0]), accuracy: 1e-15)
    }

    func testErrors() {
        XCTAssertThrowsError(try Metrics.auc(scores: [0.1, 0.2], labels: [1])) { e in
            XCTAssertEqual(e as? MetricsError, .countMismatch(scores: 2, labels: 1))
        }
        XCTAssertThrowsError(try Metrics.auc(scores: [0.1, 0.2], labels: [1, 2])) { e in
            XCTAssertEqual(e as? MetricsError, .nonBinaryLabel(index: 1, value: 2))
        }
        XCTAssertThrowsError(try Metrics.auc(scores: [0.1, .nan], labels: [1, 0])) { e in
            XCTAssertEqual(e as? MetricsError, .nonFiniteScore(index: 1))
        }
        XCTAssertThrowsError(try Metrics.auc(scores: [0.1, 0.2], labels: [0, 0])) { e in
            XCTAssertEqual(e as? MetricsError, .noSignal)
        }
        XCTAssertThrowsError(try Metrics.auc(scores: [0.1, 0.2], labels: [1, 1])) { e in
            XCTAssertEqual(e as? MetricsError, .noBackground)
        }
        let roc = try! ROCCurve(scores: [0.1, 0.2], labels: [0, 1])
        XCTAssertThrowsError(try roc.backgroundEfficiency(atSignalEfficiency: 1.5))
        XCTAssertThrowsError(try roc.signalEfficiency(atBackgroundEfficiency: -0.1))
    }

    func testBinomialUncertainty() {
        XCTAssertEqual(Metrics.binomialUncertainty(efficiency: 0.5, count: 100), 0.05, accuracy: 1e-15)
        XCTAssertEqual(Metrics.binomialUncertainty(efficiency: 0, count: 100), 0)
        XCTAssertEqual(Metrics.binomialUncertainty(efficiency: 1, count: 100), 0)
    }
}
