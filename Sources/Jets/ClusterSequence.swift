// Sequential-recombination clustering (kt family) with FastJet's N2Plain
// nearest-neighbour algorithm and E-scheme (four-vector sum) recombination.
//
// Distances (FastJet conventions, unnormalised inside the loop):
//   d_ij = min(s_i, s_j) · ΔR_ij²,   d_iB = s_i · R²
//   with s = 1 (Cambridge/Aachen), pT² (kt), 1/pT² (anti-kt; 1e300 if pT² ≤ 1e-300).
// Stored history distances are divided by R², so for C/A d_ij = ΔR²/R², d_iB = 1.
// A pair only counts as nearest neighbours if ΔR² < R² (strictly), as in FastJet.
//
// Merge-everything mode: `R = .infinity`. Every jet then has a nearest
// neighbour while at least two remain, so all particles end in one jet. In this
// mode the stored d_ij are NOT normalised (d_ij = min(s_i, s_j)·ΔR²) and the final
// beam step has d_iB = +∞.
//
// Algorithm and complexity: FastJet's N2Plain nearest-neighbour (NN)
// bookkeeping (`_simple_N2_cluster`): each jet keeps its geometric NN and d_iJ;
// each step takes the minimum d_iJ (O(N) scan), recombines, cross-checks every
// jet against the new one, and re-finds the NN of jets whose NN was one of the
// two merged jets. Two implementations with identical results:
//   * N ≤ `matrixThreshold` (512): all pairwise ΔR² are kept in a matrix (the
//     lower triangle, packed by rows; ClusterSequence+Matrix.swift), so a step
//     computes only the new jet's N distances and NN re-finds are scans of
//     stored values (no distance evaluations). N²/2 + Σ N ≈ N² distance
//     evaluations per event; O(N²) time for typical events (O(N³) worst case,
//     if O(N) re-finds were needed at every step); O(N²) memory (1 MiB at
//     N = 512).
//   * larger N: the verbatim N2Plain port, O(N) memory; O(N²) time for typical
//     events (each re-find costs O(N) distance evaluations; O(N³) worst case).
// The Lund generator (`LundGenerator.primary`) clusters with the AVX2 kernel
// of module JetsAVX2 where the CPU has AVX2 (the same history; the kernels of
// this file otherwise, and on the exact ties that only FastJet's slot order
// decides).
// This file's two kernels keep FastJet's slot layout (the last slot moves into the freed one),
// step order and strict-< comparisons, so tie-breaking — e.g. which of several
// jets with d_iB = 1 leaves first — is the same as FastJet's N2Plain, which
// FastJet itself uses for N ≤ 30 (or N ≤ 39/(R + 0.6)); its other strategies
// differ only on exact ties.
// Measurements, and the checks against FastJet: Tools/bench/README.md.

import Foundation

/// Jet algorithms of the generalised-kt family.
public enum JetAlgorithm: String, Sendable, CaseIterable {
    case kt
    case cambridgeAachen
    case antiKt

    @inline(__always)
    func scale(_ jet: PseudoJet) -> Double {
        switch self {
        case .cambridgeAachen: return 1.0
        case .kt: return jet.pt2
        case .antiKt:
            let kt2 = jet.pt2
            return kt2 > 1e-300 ? 1.0 / kt2 : 1e300
        }
    }
}

/// One entry of the clustering history (FastJet's `history_element`).
public struct ClusterHistoryElement: Equatable, Sendable {
    /// History index of the first parent (the smaller of the two), or
    /// `ClusterSequence.inexistentParent` for an initial particle.
    public var parent1: Int
    /// History index of the second parent; `ClusterSequence.beamJet` for a
    /// beam recombination; `inexistentParent` for an initial particle.
    public var parent2: Int
    /// History index of the step that used this entry, or `ClusterSequence.invalid`.
    public var child: Int
    /// Index in `jets` of the jet created at this step; `invalid` for beam steps.
    public var jetIndex: Int
    /// Distance of this step (see file header for normalisation).
    public var dij: Double
    /// Running maximum of `dij`.
    public var maxDijSoFar: Double
}

/// The result of clustering a list of particles.
public struct ClusterSequence: Sendable {
    public static let inexistentParent = -2
    public static let beamJet = -1
    public static let invalid = -3

    public let algorithm: JetAlgorithm
    /// Jet radius; `.infinity` selects merge-everything mode.
    // swift-format-ignore: AlwaysUseLowerCamelCase
    // FastJet's and physics' own names: the jet radius R.
    public let R: Double
    /// Number of input particles; `jets[0..<initialCount]` are the inputs.
    public let initialCount: Int
    /// All jets: inputs first, then one per pairwise recombination.
    public internal(set) var jets: [PseudoJet]
    /// For each entry of `jets`, its index in `history`.
    public internal(set) var jetHistoryIndex: [Int]
    /// The clustering history: `initialCount` initial entries, then one per step.
    public internal(set) var history: [ClusterHistoryElement]

    /// Clusters `particles` with `algorithm` and radius `R` (default: merge everything).
    public init(particles: [PseudoJet], algorithm: JetAlgorithm = .cambridgeAachen, R: Double = .infinity) {
        self.init(
            particles: particles, algorithm: algorithm, R: R,
            useMatrix: particles.count <= ClusterSequence.matrixThreshold)
    }

    /// Clusters with an explicit choice of implementation (for tests; both give
    /// identical histories).
    init(particles: [PseudoJet], algorithm: JetAlgorithm, R: Double, useMatrix: Bool) {
        precondition(R > 0, "R must be positive")
        self.algorithm = algorithm
        self.R = R
        let n = particles.count
        self.initialCount = n
        var jets = [PseudoJet]()
        jets.reserveCapacity(max(2 * n - 1, 0))
        jets.append(contentsOf: particles)
        var jhi = [Int]()
        jhi.reserveCapacity(max(2 * n - 1, 0))
        var history = [ClusterHistoryElement]()
        history.reserveCapacity(2 * n)
        for i in 0..<n {
            jhi.append(i)
            history.append(
                ClusterHistoryElement(
                    parent1: ClusterSequence.inexistentParent,
                    parent2: ClusterSequence.inexistentParent,
                    child: ClusterSequence.invalid, jetIndex: i, dij: 0, maxDijSoFar: 0))
        }
        self.jets = jets
        self.jetHistoryIndex = jhi
        self.history = history
        if n > 0 {
            if useMatrix { runN2Matrix() } else { runN2Plain() }
        }
    }

    // MARK: - History bookkeeping (FastJet's _add_step_to_history & co.)

    @inline(__always)
    private mutating func addStep(parent1: Int, parent2: Int, jetIndex: Int, dij: Double) {
        let prevMax = history.last!.maxDijSoFar
        let step = history.count
        history.append(
            ClusterHistoryElement(
                parent1: parent1, parent2: parent2, child: ClusterSequence.invalid,
                jetIndex: jetIndex, dij: dij, maxDijSoFar: Swift.max(dij, prevMax)))
        history[parent1].child = step
        if parent2 >= 0 { history[parent2].child = step }
    }

    @inline(__always)
    mutating func doIJ(_ i: Int, _ j: Int, dij: Double) -> Int {
        jets.append(jets[i] + jets[j])
        let k = jets.count - 1
        let step = history.count
        jetHistoryIndex.append(step)
        let hi = jetHistoryIndex[i]
        let hj = jetHistoryIndex[j]
        addStep(parent1: Swift.min(hi, hj), parent2: Swift.max(hi, hj), jetIndex: k, dij: dij)
        return k
    }

    @inline(__always)
    mutating func doIB(_ i: Int, diB: Double) {
        addStep(
            parent1: jetHistoryIndex[i], parent2: ClusterSequence.beamJet, jetIndex: ClusterSequence.invalid, dij: diB)
    }

    /// Largest event clustered with the distance-matrix variant (n(n+1)/2 doubles of
    /// scratch memory, the lower triangle: 1 MiB at 512); larger events use the O(N)-memory N2Plain.
    public static let matrixThreshold = 512

    // MARK: - Queries

    /// The number of pairwise recombinations plus beam steps performed.
    public var stepCount: Int { history.count - initialCount }

    /// Indices (into `jets`) of the exclusive jets when `n` jets remain, in
    /// FastJet's order: walking the history forward from the stopping point,
    /// for each step its parent1 then its parent2 if they existed before that
    /// point. If `n` ≥ the number of particles, all particles are returned.
    public func exclusiveJetIndices(_ n: Int) -> [Int] {
        precondition(n >= 0, "negative number of exclusive jets")
        let nInit = initialCount
        var stop = 2 * nInit - n
        if stop < nInit { stop = nInit }
        var out: [Int] = []
        out.reserveCapacity(Swift.min(n, nInit))
        var i = stop
        while i < history.count {
            let p1 = history[i].parent1
            if p1 < stop { out.append(history[p1].jetIndex) }
            let p2 = history[i].parent2
            if p2 < stop && p2 > 0 { out.append(history[p2].jetIndex) }
            i += 1
        }
        return out
    }

    /// The exclusive jets when `n` jets remain (see `exclusiveJetIndices`).
    public func exclusiveJets(_ n: Int) -> [PseudoJet] {
        exclusiveJetIndices(n).map { jets[$0] }
    }

    /// Indices of the inclusive jets (those recombined with the beam) with
    /// pT² ≥ ptMin², in FastJet's order (reverse history order).
    public func inclusiveJetIndices(ptMin: Double = 0) -> [Int] {
        let dcut = ptMin * ptMin
        var out: [Int] = []
        var i = history.count - 1
        while i >= initialCount {
            if history[i].parent2 == ClusterSequence.beamJet {
                let j = history[history[i].parent1].jetIndex
                if jets[j].pt2 >= dcut { out.append(j) }
            }
            i -= 1
        }
        return out
    }

    /// Inclusive jets with pT ≥ ptMin (see `inclusiveJetIndices`).
    public func inclusiveJets(ptMin: Double = 0) -> [PseudoJet] {
        inclusiveJetIndices(ptMin: ptMin).map { jets[$0] }
    }

    /// The two parents of jet `jetIndex`, ordered by decreasing pT² (ties keep
    /// the parent with the smaller history index first) — FastJet's
    /// `has_parents`. Nil for an input particle.
    @inlinable
    public func parents(of jetIndex: Int) -> (Int, Int)? {
        let h = history[jetHistoryIndex[jetIndex]]
        if h.parent1 < 0 { return nil }
        var a = history[h.parent1].jetIndex
        var b = history[h.parent2].jetIndex
        if jets[a].pt2 < jets[b].pt2 { swap(&a, &b) }
        return (a, b)
    }

    /// Indices (into the input `particles`) of the constituents of a jet, in
    /// FastJet's order (depth-first, parent1 before parent2).
    public func constituents(of jetIndex: Int) -> [Int] {
        var out: [Int] = []
        var stack = [jetHistoryIndex[jetIndex]]
        while let h = stack.popLast() {
            let e = history[h]
            if e.parent1 == ClusterSequence.inexistentParent {
                out.append(e.jetIndex)
            } else {
                stack.append(e.parent2)
                stack.append(e.parent1)
            }
        }
        return out
    }

    /// The d_ij of the step that went from n+1 to n jets (0 if n ≥ particles).
    public func exclusiveDmerge(_ n: Int) -> Double {
        if n >= initialCount { return 0 }
        return history[2 * initialCount - n - 1].dij
    }
}
