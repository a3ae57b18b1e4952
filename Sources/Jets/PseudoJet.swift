// Four-momenta with FastJet's PseudoJet kinematics.
//
// Definitions (identical to fastjet::PseudoJet, FastJet 3.x, PseudoJet.cc/.hh):
//   pt2  = px² + py²
//   m2   = (E + pz)(E − pz) − pt2
//   m    = m2 < 0 ? −sqrt(−m2) : sqrt(m2)          (spacelike → negative mass)
//   phi  = pt2 == 0 ? 0 : atan2(py, px), mapped into [0, 2π)
//          (add 2π if < 0, then subtract 2π if ≥ 2π)
//   rap  = if E == |pz| and pt2 == 0:  ±(MaxRap + |pz|), sign of pz (pz == 0 → +)
//          else: 0.5 · ln((pt2 + max(m2, 0)) / (E + |pz|)²), negated when pz > 0
//          (the "effective mass" max(m2, 0) makes spacelike inputs behave as
//          massless ones, exactly as FastJet does)
//   MaxRap = 1e5
//
// One deliberate, documented deviation: where FastJet's formula yields a
// non-finite rapidity — a spacelike momentum exactly along the beam
// (pt2 == 0, E ≠ |pz|, giving ln 0) or E + |pz| == 0 with pt2 > 0 (division
// by zero; only for unphysical E ≤ 0) — we return ±(MaxRap + |pz|) (sign of
// pz, + for pz == 0) like FastJet's own treatment of E == |pz|, pt2 == 0, so
// that no NaN/∞ ever enters distances. For every input where FastJet's
// rapidity is finite the value is bit-for-bit the same formula.
//
// Inputs are expected to be finite; momenta above ~1e150 overflow pt2.

import Foundation

/// FastJet's `MaxRap`: the rapidity assigned (plus |pz|) to zero-pt momenta.
public let jetsMaxRapidity: Double = 1e5

/// Floor applied by `safeLog` before taking a logarithm: ln(max(x, 1e-12)),
/// i.e. never below ln(1e-12) ≈ −27.631, never −∞ or NaN. Used for every
/// logarithm computed from physics quantities in this module (ln z in Σ z ln z,
/// and the `ln…` accessors of `LundDeclustering`: ln kt, ln 1/Δ, ln z, ln m —
/// m ≤ 0 for massless or spacelike pairs maps to the floor). Momenta are in
/// GeV, so the floor is 1e-12 GeV for ln kt and ln m.
public let jetsLogFloor: Double = 1e-12

/// ln(max(x, floor)); NaN also maps to ln(floor).
@inlinable
public func safeLog(_ x: Double, floor: Double = jetsLogFloor) -> Double {
    // `!(x > floor)` also catches NaN.
    if !(x > floor) { return log(floor) }
    return log(x)
}

/// 2π exactly as FastJet's `twopi` (rounded to Double).
public let jetsTwoPi: Double = 6.283185307179586476925286766559005768394

/// A four-momentum (px, py, pz, E) with cached pt², rapidity and φ computed
/// exactly as FastJet's PseudoJet does.
public struct PseudoJet: Equatable, Sendable, CustomStringConvertible {
    public let px: Double
    public let py: Double
    public let pz: Double
    // swift-format-ignore: AlwaysUseLowerCamelCase
    // FastJet's and physics' own names: the energy E.
    public let E: Double
    /// px² + py²
    public let pt2: Double
    /// Rapidity (FastJet's `rap()`, see the file header for edge cases).
    public let rap: Double
    /// Azimuth in [0, 2π) (FastJet's `phi()` / `phi_02pi()`).
    public let phi: Double

    @inlinable
    public init(px: Double, py: Double, pz: Double, E: Double) {
        self.px = px
        self.py = py
        self.pz = pz
        self.E = E
        let kt2 = px * px + py * py
        self.pt2 = kt2
        var phi = kt2 == 0.0 ? 0.0 : atan2(py, px)
        if phi < 0.0 { phi += jetsTwoPi }
        if phi >= jetsTwoPi { phi -= jetsTwoPi }
        self.phi = phi
        self.rap = PseudoJet.rapidity(px: px, py: py, pz: pz, E: E, pt2: kt2)
    }

    /// Convenience: (px, py, pz, E).
    @inlinable
    public init(_ px: Double, _ py: Double, _ pz: Double, _ E: Double) {
        self.init(px: px, py: py, pz: pz, E: E)
    }

    /// Builds a momentum from (pt, y, φ, m) like FastJet's `PtYPhiM` (the cached
    /// rapidity/φ are recomputed from the components, not copied).
    public static func fromPtYPhiM(pt: Double, y: Double, phi: Double, m: Double = 0) -> PseudoJet {
        let ptm = m == 0 ? pt : (pt * pt + m * m).squareRoot()
        let expRap = exp(y)
        let pminus = ptm / expRap
        let pplus = ptm * expRap
        return PseudoJet(px: pt * cos(phi), py: pt * sin(phi), pz: 0.5 * (pplus - pminus), E: 0.5 * (pplus + pminus))
    }

    // swift-format-ignore: AlwaysUseLowerCamelCase
    @inlinable
    static func rapidity(px: Double, py: Double, pz: Double, E: Double, pt2 kt2: Double) -> Double {
        let absPz = Swift.abs(pz)
        if E == absPz && kt2 == 0 {
            let maxRapHere = jetsMaxRapidity + absPz
            return pz >= 0.0 ? maxRapHere : -maxRapHere
        }
        let m2 = (E + pz) * (E - pz) - kt2
        let effectiveM2 = Swift.max(0.0, m2)
        let ePlusPz = E + absPz
        var rap = 0.5 * log((kt2 + effectiveM2) / (ePlusPz * ePlusPz))
        if pz > 0 { rap = -rap }
        if !rap.isFinite {
            let maxRapHere = jetsMaxRapidity + absPz
            return pz >= 0.0 ? maxRapHere : -maxRapHere
        }
        return rap
    }

    /// Transverse momentum sqrt(pt2).
    @inlinable public var pt: Double { pt2.squareRoot() }
    /// Squared invariant mass (E + pz)(E − pz) − pt².
    @inlinable public var m2: Double { (E + pz) * (E - pz) - pt2 }
    /// Invariant mass; −sqrt(−m²) for spacelike momenta (as FastJet/CLHEP).
    @inlinable public var m: Double {
        let mm = m2
        return mm < 0.0 ? -(-mm).squareRoot() : mm.squareRoot()
    }
    /// Transverse mass squared E² − pz².
    @inlinable public var mt2: Double { (E + pz) * (E - pz) }
    /// |p|²
    @inlinable public var modp2: Double { pt2 + pz * pz }
    /// φ in (−π, π] (FastJet's `phi_std()`).
    @inlinable public var phiStd: Double { phi > Double.pi ? phi - jetsTwoPi : phi }

    /// Pseudorapidity exactly as FastJet's `pseudorapidity()` (MaxRap for
    /// px == py == 0, 0 for pz == 0, else −ln tan(θ/2)).
    public var eta: Double {
        if px == 0.0 && py == 0.0 { return jetsMaxRapidity }
        if pz == 0.0 { return 0.0 }
        var theta = atan(pt / pz)
        if theta < 0 { theta += Double.pi }
        return -log(tan(theta / 2))
    }

    /// Squared rapidity–azimuth distance (FastJet's `plain_distance`).
    @inlinable
    public func squaredDistance(to other: PseudoJet) -> Double {
        var dphi = Swift.abs(phi - other.phi)
        if dphi > Double.pi { dphi = jetsTwoPi - dphi }
        let drap = rap - other.rap
        return dphi * dphi + drap * drap
    }

    /// ΔR = sqrt(Δy² + Δφ²) (FastJet's `delta_R`).
    @inlinable
    public func deltaR(to other: PseudoJet) -> Double { squaredDistance(to: other).squareRoot() }

    /// other.phi − phi mapped into [−π, π] (FastJet's `delta_phi_to`).
    @inlinable
    public func deltaPhi(to other: PseudoJet) -> Double {
        var dphi = other.phi - phi
        if dphi > Double.pi { dphi -= jetsTwoPi }
        if dphi < -Double.pi { dphi += jetsTwoPi }
        return dphi
    }

    /// E-scheme recombination: four-vector sum.
    @inlinable
    public static func + (a: PseudoJet, b: PseudoJet) -> PseudoJet {
        PseudoJet(px: a.px + b.px, py: a.py + b.py, pz: a.pz + b.pz, E: a.E + b.E)
    }

    @inlinable
    public static func - (a: PseudoJet, b: PseudoJet) -> PseudoJet {
        PseudoJet(px: a.px - b.px, py: a.py - b.py, pz: a.pz - b.pz, E: a.E - b.E)
    }

    /// Sum of momenta, added in sequence order (empty → zero momentum).
    public static func sum<S: Sequence>(_ jets: S) -> PseudoJet where S.Element == PseudoJet {
        var px = 0.0
        var py = 0.0
        var pz = 0.0
        var e = 0.0
        for j in jets {
            px += j.px
            py += j.py
            pz += j.pz
            e += j.E
        }
        return PseudoJet(px: px, py: py, pz: pz, E: e)
    }

    public static let zero = PseudoJet(px: 0, py: 0, pz: 0, E: 0)

    public var description: String { "PseudoJet(px: \(px), py: \(py), pz: \(pz), E: \(E))" }

    public static func == (a: PseudoJet, b: PseudoJet) -> Bool {
        a.px == b.px && a.py == b.py && a.pz == b.pz && a.E == b.E
    }
}
