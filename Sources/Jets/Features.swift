// High-level jet features: the fixed-order input vector of the MLP tagger.
//
// The jet is the set of its constituents; its four-momentum is their E-scheme
// sum (added in input order). Distances ΔR are rapidity–φ distances
// (FastJet `delta_R`); pT_i are constituent transverse momenta.
//
// Index  name          definition
//   0    pt            jet pT
//   1    mass          jet mass, FastJet m() (−sqrt(−m²) if the sum is spacelike)
//   2    mass_sd       soft-drop (mMDT) groomed mass, z_cut = 0.1, β = 0, R0 = 0.8,
//                      on the C/A reclustering of all constituents (R = ∞): walk
//                      the C/A tree from the top, at each node with parents j1, j2
//                      keep the node if min(pT1, pT2)/(pT1 + pT2) > z_cut
//                      (strict, fjcontrib scalar_z), otherwise follow the parent
//                      with larger pT² (fjcontrib larger_pt); a single particle
//                      reached without passing is the groomed jet (grooming mode);
//                      a node with pT² ≤ 0 or pT1 + pT2 == 0 stops with the empty
//                      jet (mass 0), as fjcontrib's "recursion issue".
//   3    n_constituents number of constituents
//   4    tau1          N-subjettiness τ1, β = 1, normalised:
//   5    tau2            τN = Σ_i pT_i · min_k ΔR(i, a_k) / Σ_i pT_i · R0, R0 = 0.8,
//   6    tau3            axes a_k = exclusive kt axes: the N exclusive jets of a kt
//                        clustering (E-scheme, R = ∞) of the constituents (fjcontrib
//                        KT_Axes + NormalizedMeasure(1, 0.8)); τN = 0 if the jet has
//                        ≤ N constituents or Σ pT = 0
//   7    tau21         τ2/τ1 (0 if τ1 == 0)
//   8    tau32         τ3/τ2 (0 if τ2 == 0)
//   9    c2_b1         energy-correlation ratios with z_i = pT_i / Σ_j pT_j:
//  10    d2_b1           e2(β) = Σ_{i<j} z_i z_j ΔR_ij^β,
//  11    c2_b2           e3(β) = Σ_{i<j<k} z_i z_j z_k (ΔR_ij ΔR_ik ΔR_jk)^β,
//  12    d2_b2           C2 = e3/e2², D2 = e3/e2³ (fjcontrib EnergyCorrelatorC2/D2,
//                        pt_R measure); both 0 if e2 == 0 (fewer than two
//                        distinct directions) or Σ pT = 0
//  13    sum_zlnz      Σ z ln z over the primary Lund declusterings (C/A, R = ∞),
//                      with ln floored (safeLog), so z = 0 contributes 0; 0 for
//                      a single constituent
//  14    pt_d          sqrt(Σ pT_i²) / Σ pT_i (0 if Σ pT_i == 0)
//  15    girth         Σ pT_i ΔR(i, jet) / pT_jet (0 if pT_jet == 0)
//  16    zg            z = min(pT1,pT2)/(pT1+pT2) of the soft-drop splitting that
//                      passed (0 if none passed)
//  17    rg            ΔR of that splitting (0 if none passed)
//  18    n_primary     number of primary Lund declusterings (C/A, R = ∞)
//
// Degenerate jets: an empty jet gives all zeros; one constituent gives pt, mass,
// mass_sd = its mass, n_constituents = 1, pt_d = 1 (0 if its pT is 0), the rest 0.
// No feature is ever NaN or ±∞ for finite input momenta.

import Foundation

/// The fixed-order high-level feature vector of a jet (see file header).
public struct JetFeatures: Equatable, Sendable {
    public var pt = 0.0
    public var mass = 0.0
    public var massSD = 0.0
    public var nConstituents = 0.0
    public var tau1 = 0.0
    public var tau2 = 0.0
    public var tau3 = 0.0
    public var tau21 = 0.0
    public var tau32 = 0.0
    public var c2Beta1 = 0.0
    public var d2Beta1 = 0.0
    public var c2Beta2 = 0.0
    public var d2Beta2 = 0.0
    public var sumZLnZ = 0.0
    public var ptD = 0.0
    public var girth = 0.0
    public var zg = 0.0
    public var rg = 0.0
    public var nPrimary = 0.0

    /// Feature names in vector order (also the JSON keys of `archive jets features`).
    public static let names: [String] = [
        "pt", "mass", "mass_sd", "n_constituents",
        "tau1", "tau2", "tau3", "tau21", "tau32",
        "c2_b1", "d2_b1", "c2_b2", "d2_b2",
        "sum_zlnz", "pt_d", "girth", "zg", "rg", "n_primary",
    ]
    public static var count: Int { names.count }

    /// Soft-drop parameters.
    public static let softDropZCut = 0.1
    public static let softDropBeta = 0.0
    public static let softDropR0 = 0.8
    /// N-subjettiness parameters.
    public static let nsubBeta = 1.0
    public static let nsubR0 = 0.8

    public init() {}

    /// The features in `names` order.
    public var vector: [Double] {
        [
            pt, mass, massSD, nConstituents, tau1, tau2, tau3, tau21, tau32,
            c2Beta1, d2Beta1, c2Beta2, d2Beta2, sumZLnZ, ptD, girth, zg, rg, nPrimary,
        ]
    }

    /// The features in `names` order as Float (for the ML kernels).
    public var floatVector: [Float] { vector.map { Float($0) } }

    /// Computes all features of the jet made of `particles`.
    public init(particles ps: [PseudoJet]) {
        let n = ps.count
        nConstituents = Double(n)
        guard n > 0 else { return }
        let jet = PseudoJet.sum(ps)
        pt = jet.pt
        mass = jet.m

        var ptSum = 0.0
        var pt2Sum = 0.0
        var pts = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let p = ps[i].pt2.squareRoot()
            pts[i] = p
            ptSum += p
            pt2Sum += ps[i].pt2
        }
        ptD = ptSum > 0 ? pt2Sum.squareRoot() / ptSum : 0

        if pt > 0 {
            var g = 0.0
            for i in 0..<n { g += pts[i] * ps[i].deltaR(to: jet) }
            girth = g / pt
        }

        // C/A reclustering: primary declusterings and soft drop.
        if n == 1 {
            massSD = ps[0].m
        } else {
            let ca = ClusterSequence(particles: ps, algorithm: .cambridgeAachen, R: .infinity)
            let root = ca.jets.count - 1
            var zl = 0.0
            var np = 0
            var j = root
            while let (a, b) = ca.parents(of: j) {
                let d = LundDeclustering(pair: ca.jets[j], j1: ca.jets[a], j2: ca.jets[b])
                zl += d.z * safeLog(d.z)
                np += 1
                j = a
            }
            sumZLnZ = zl
            nPrimary = Double(np)
            (massSD, zg, rg) = JetFeatures.softDrop(ca, root: root)
        }

        // N-subjettiness with exclusive-kt axes.
        if ptSum > 0 && n > 1 {
            let kt = ClusterSequence(particles: ps, algorithm: .kt, R: .infinity)
            let norm = ptSum * JetFeatures.nsubR0
            func tau(_ nAxes: Int) -> Double {
                if n <= nAxes { return 0 }
                let axes = kt.exclusiveJets(nAxes)
                var s = 0.0
                for i in 0..<n {
                    var best = Double.infinity
                    for a in axes {
                        let d = ps[i].squaredDistance(to: a)
                        if d < best { best = d }
                    }
                    s += pts[i] * best.squareRoot()
                }
                return s / norm
            }
            tau1 = tau(1)
            tau2 = tau(2)
            tau3 = tau(3)
            tau21 = tau1 > 0 ? tau2 / tau1 : 0
            tau32 = tau2 > 0 ? tau3 / tau2 : 0
        }

        // Energy-correlation ratios.
        if ptSum > 0 && n > 1 {
            var z = [Double](repeating: 0, count: n)
            for i in 0..<n { z[i] = pts[i] / ptSum }
            var dr = [Double](repeating: 0, count: n * n)
            for i in 0..<n {
                for k in (i + 1)..<n {
                    let d = ps[i].squaredDistance(to: ps[k]).squareRoot()
                    dr[i * n + k] = d
                    dr[k * n + i] = d
                }
            }
            var e2b1 = 0.0
            var e2b2 = 0.0
            var e3b1 = 0.0
            var e3b2 = 0.0
            z.withUnsafeBufferPointer { z in
                dr.withUnsafeBufferPointer { dr in
                    for i in 0..<n {
                        for j in (i + 1)..<n {
                            let dij = dr[i * n + j]
                            let zij = z[i] * z[j]
                            e2b1 += zij * dij
                            e2b2 += zij * dij * dij
                            var s1 = 0.0
                            var s2 = 0.0
                            var k = j + 1
                            while k < n {
                                let t = dr[i * n + k] * dr[j * n + k]
                                let zt = z[k] * t
                                s1 += zt
                                s2 += zt * t
                                k += 1
                            }
                            e3b1 += zij * dij * s1
                            e3b2 += zij * dij * dij * s2
                        }
                    }
                }
            }
            if e2b1 > 0 {
                c2Beta1 = e3b1 / (e2b1 * e2b1)
                d2Beta1 = e3b1 / (e2b1 * e2b1 * e2b1)
            }
            if e2b2 > 0 {
                c2Beta2 = e3b2 / (e2b2 * e2b2)
                d2Beta2 = e3b2 / (e2b2 * e2b2 * e2b2)
            }
        }
        // Final safety net: never emit NaN/∞ (only reachable through overflow
        // of extreme inputs).
        sanitize()
    }

    /// Soft drop (grooming mode) on a C/A tree; returns (groomed mass, zg, rg).
    static func softDrop(_ cs: ClusterSequence, root: Int) -> (Double, Double, Double) {
        let zcut = softDropZCut
        let beta = softDropBeta
        let r0sq = softDropR0 * softDropR0
        var j = root
        while true {
            guard let (a, b) = cs.parents(of: j) else { return (cs.jets[j].m, 0, 0) }
            let sub = cs.jets[j]
            if sub.pt2 <= 0 { return (0, 0, 0) }
            let p1 = cs.jets[a]
            let p2 = cs.jets[b]
            let pt1 = p1.pt2.squareRoot()
            let pt2 = p2.pt2.squareRoot()
            let s = pt1 + pt2
            if s == 0 { return (0, 0, 0) }
            let sym = Swift.min(pt1, pt2) / s
            let dr2 = p1.squaredDistance(to: p2)
            let cut = beta == 0 ? zcut : zcut * pow(dr2 / r0sq, beta / 2)
            if sym > cut { return (sub.m, sym, dr2.squareRoot()) }
            j = a  // parents(of:) already puts the larger-pT² parent first
        }
    }

    private mutating func sanitize() {
        func fix(_ x: inout Double) { if !x.isFinite { x = 0 } }
        fix(&pt)
        fix(&mass)
        fix(&massSD)
        fix(&tau1)
        fix(&tau2)
        fix(&tau3)
        fix(&tau21)
        fix(&tau32)
        fix(&c2Beta1)
        fix(&d2Beta1)
        fix(&c2Beta2)
        fix(&d2Beta2)
        fix(&sumZLnZ)
        fix(&ptD)
        fix(&girth)
        fix(&zg)
        fix(&rg)
    }
}
