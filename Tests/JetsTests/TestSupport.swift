import Foundation

@testable import Jets

/// Deterministic pseudo-random generator (SplitMix64) for reproducible tests.
struct TestRNG {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 53) }
    mutating func uniform(_ lo: Double, _ hi: Double) -> Double { lo + (hi - lo) * uniform() }
    mutating func int(_ lo: Int, _ hi: Int) -> Int { lo + Int(next() % UInt64(hi - lo + 1)) }
}

/// A massless or massive particle from (pt, y, φ, m) built with plain formulas.
func particle(pt: Double, y: Double, phi: Double, m: Double = 0) -> PseudoJet {
    let mt = (pt * pt + m * m).squareRoot()
    return PseudoJet(px: pt * cos(phi), py: pt * sin(phi), pz: mt * sinh(y), E: mt * cosh(y))
}

/// Random jet-like event: particles around `axes` random directions.
func randomEvent(_ rng: inout TestRNG, count: Int, spread: Double = 0.6) -> [PseudoJet] {
    let nAxes = rng.int(1, 3)
    var axes: [(Double, Double)] = []
    for _ in 0..<nAxes { axes.append((rng.uniform(-2.5, 2.5), rng.uniform(0, 2 * .pi))) }
    var out: [PseudoJet] = []
    for _ in 0..<count {
        let (y0, p0) = axes[rng.int(0, nAxes - 1)]
        let pt = 0.5 + 100 * pow(rng.uniform(), 3)
        let m = rng.uniform() < 0.3 ? 0.14 : 0
        out.append(particle(pt: pt, y: y0 + rng.uniform(-spread, spread), phi: p0 + rng.uniform(-spread, spread), m: m))
    }
    return out
}

/// Relative closeness.
func close(_ a: Double, _ b: Double, rtol: Double) -> Bool {
    a == b || abs(a - b) <= rtol * max(abs(a), abs(b))
}
