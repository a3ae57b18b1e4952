// Lund-plane declusterings with the fjcontrib LundPlane (LundGenerator)
// conventions.
//
// For a C/A jet j with parents (j1, j2) ordered so that pT1² ≥ pT2² (FastJet's
// `has_parents`; on an exact tie the parent with the smaller history index is
// j1 and is the one followed):
//   Δ   = ΔR(j1, j2) in rapidity–φ (FastJet `delta_R`)
//   kt  = pT2 · Δ              (pT2 = pT of the softer branch)
//   z   = pT2 / (pT1 + pT2)    (0 if pT1 + pT2 == 0, where FastJet gives NaN)
//   m   = m(j), the mass of the pair being declustered (may be negative for a
//         spacelike pair, as FastJet's m())
//   ψ   = atan2(y_soft − y_hard, Δφ(hard → soft))  with Δφ in [−π, π]
//   κ   = z · Δ
// where "hard"/"soft" follow fjcontrib's LundDeclustering: hard = j1 if
// pT1² > pT2², else j2 (this differs from the followed branch only on exact pT
// ties). The primary sequence starts with the whole jet and follows j1.

import Foundation
import JetsAVX2

/// One Lund declustering.
public struct LundDeclustering: Equatable, Sendable {
    /// ΔR between the two branches.
    public var delta: Double
    /// Softer-branch pT times Δ.
    public var kt: Double
    /// Softer-branch momentum fraction.
    public var z: Double
    /// Mass of the pair (parent) being declustered (FastJet m(): −sqrt(−m²) if spacelike).
    public var m: Double
    /// Azimuthal orientation of the softer branch around the harder one.
    public var psi: Double
    /// z · Δ
    public var kappa: Double { z * delta }

    public init(delta: Double, kt: Double, z: Double, m: Double, psi: Double) {
        self.delta = delta
        self.kt = kt
        self.z = z
        self.m = m
        self.psi = psi
    }

    /// Computes the declustering of `pair` into `j1`, `j2` (fjcontrib conventions).
    @inlinable
    public init(pair: PseudoJet, j1: PseudoJet, j2: PseudoJet) {
        let harder: PseudoJet
        let softer: PseudoJet
        if j1.pt2 > j2.pt2 {
            harder = j1
            softer = j2
        } else {
            harder = j2
            softer = j1
        }
        let d = j1.squaredDistance(to: j2).squareRoot()
        let softPt = softer.pt2.squareRoot()
        let sum = softPt + harder.pt2.squareRoot()
        self.delta = d
        self.kt = softPt * d
        self.z = sum > 0 ? softPt / sum : 0
        self.m = pair.m
        self.psi = atan2(softer.rap - harder.rap, harder.deltaPhi(to: softer))
    }

    /// ln(1/Δ) with the documented floor (Δ ≤ 1e-12 → ln 1e12).
    public var lnOneOverDelta: Double { -safeLog(delta) }
    /// ln kt, floored at ln(1e-12).
    public var lnKt: Double { safeLog(kt) }
    /// ln z, floored at ln(1e-12).
    public var lnZ: Double { safeLog(z) }
    /// ln κ = ln(zΔ), floored at ln(1e-12).
    public var lnKappa: Double { safeLog(kappa) }
    /// ln m, floored at ln(1e-12): massless (m = 0) and spacelike (m < 0) pairs map to the floor.
    public var lnM: Double { safeLog(m) }
}

/// A node of the full Lund declustering tree (primary and secondary branches).
public struct LundNode: Equatable, Sendable {
    /// The declustering at this node.
    public var declustering: LundDeclustering
    /// Index (in the node array) of the node whose declustering produced this
    /// subjet; −1 for the root (the whole jet).
    public var parent: Int
    /// True if this subjet is the harder branch of its parent's declustering
    /// (always true for the root).
    public var fromHarderBranch: Bool
    /// True on the primary sequence (root and its chain of harder branches).
    public var isPrimary: Bool
    /// Number of declusterings above this one (root = 0).
    public var depth: Int
    /// Index of the subjet in the owning `ClusterSequence.jets`.
    public var jetIndex: Int
}

extension ClusterSequence {
    /// Primary Lund declusterings of jet `jetIndex`, first (whole jet) first,
    /// following the harder branch. Meaningful for C/A sequences.
    public func primaryDeclusterings(of jetIndex: Int) -> [LundDeclustering] {
        var out: [LundDeclustering] = []
        var j = jetIndex
        while let (a, b) = parents(of: j) {
            out.append(LundDeclustering(pair: jets[j], j1: jets[a], j2: jets[b]))
            j = a
        }
        return out
    }

    /// The full declustering tree of jet `jetIndex`, in depth-first pre-order
    /// with the harder branch visited first. Consequently the first k nodes are
    /// exactly the k primary declusterings (in `primaryDeclusterings` order),
    /// followed by the secondary, tertiary, … branches. Leaves (single
    /// particles) are not nodes; a one-particle jet gives `[]`.
    public func declusteringTree(of jetIndex: Int) -> [LundNode] {
        var nodes: [LundNode] = []
        // stack of (jet, parentNode, fromHarder, isPrimary, depth)
        var stack: [(Int, Int, Bool, Bool, Int)] = [(jetIndex, -1, true, true, 0)]
        while let (j, parent, harder, primary, depth) = stack.popLast() {
            guard let (a, b) = parents(of: j) else { continue }
            let me = nodes.count
            nodes.append(
                LundNode(
                    declustering: LundDeclustering(pair: jets[j], j1: jets[a], j2: jets[b]),
                    parent: parent, fromHarderBranch: harder, isPrimary: primary,
                    depth: depth, jetIndex: j))
            stack.append((b, me, false, false, depth + 1))
            stack.append((a, me, true, primary, depth + 1))
        }
        return nodes
    }

    /// Index (into `jets`) of the single final jet in merge-everything mode, or
    /// of the last jet created; nil if there are no particles.
    public var finalJetIndex: Int? {
        jets.isEmpty ? nil : jets.count - 1
    }
}

/// Lund-plane generator: reclusters a jet's constituents with C/A and
/// declusters it (fjcontrib LundGenerator with R = ∞ "merge everything"
/// reclustering, so every constituent ends in the one jet).
public enum LundGenerator {
    /// Which merge-everything C/A kernel `primary` runs on this CPU.
    public static var kernelName: String { MergeAllKernel.fastest == .avx2 ? "AVX2 kernel" : "scalar matrix kernel" }

    /// Primary declusterings of the jet made of `particles` (all merged into a
    /// single C/A jet). Zero or one particle gives `[]`.
    public static func primary(_ particles: [PseudoJet]) -> [LundDeclustering] {
        guard particles.count > 1 else { return [] }
        var tree = MergeTree(particles)
        guard tree.cluster() else {
            let cs = ClusterSequence(particles: particles, algorithm: .cambridgeAachen, R: .infinity)
            return cs.primaryDeclusterings(of: cs.jets.count - 1)
        }
        return tree.primaryDeclusterings()
    }

    /// Primary declusterings of jet `index` of `dataset`: the same as
    /// `primary(dataset.particles(index))`, with the four-momenta built
    /// straight into the clustering's own storage.
    public static func primary(jet index: Int, of dataset: JetDataset) -> [LundDeclustering] {
        let count = dataset.constituentCount(index)
        guard count > 1 else { return [] }
        var tree = MergeTree(inputs: count) { jets in
            dataset.constituents.withUnsafeBufferPointer { c in
                var r = 4 * dataset.offsets[index]
                for _ in 0..<count {
                    jets.append(
                        PseudoJet(px: Double(c[r]), py: Double(c[r + 1]), pz: Double(c[r + 2]), E: Double(c[r + 3])))
                    r += 4
                }
            }
        }
        guard tree.cluster() else { return primary(dataset.particles(index)) }
        return tree.primaryDeclusterings()
    }

    /// Full declustering tree (primary and secondary branches) of the jet made
    /// of `particles`; see `ClusterSequence.declusteringTree(of:)` for the order.
    public static func tree(_ particles: [PseudoJet]) -> [LundNode] {
        guard particles.count > 1 else { return [] }
        let cs = ClusterSequence(particles: particles, algorithm: .cambridgeAachen, R: .infinity)
        return cs.declusteringTree(of: cs.jets.count - 1)
    }
}

/// Kernels of the merge-everything C/A clustering behind the Lund generator;
/// both give FastJet's history.
enum MergeAllKernel {
    /// `clusterCambridgeAachenToOneJet` (module JetsAVX2, four AVX2 lanes).
    case avx2
    /// FastJet's N2Plain with a distance matrix (`runN2Matrix`).
    case matrix

    /// The AVX2 kernel where the CPU runs it.
    static let fastest: MergeAllKernel = CPUFeatures.hasAVX2Kernel ? .avx2 : .matrix
}

/// Just the merge tree of a merge-everything clustering — the jets and each
/// merged jet's parents — for the primary walk, without the full history of
/// `ClusterSequence`. In merge-everything mode the only beam step is the last
/// one, so history indices equal jet indices and parents ordered by jet index
/// are ordered as in the history.
struct MergeTree: ClusteringRecorder {
    private(set) var jets: [PseudoJet]
    /// Parents (smaller index first) of jet `inputs + k`, at k.
    private var parents: [(Int, Int)]
    private let inputs: Int

    init(_ particles: [PseudoJet]) {
        self.init(inputs: particles.count) { $0.append(contentsOf: particles) }
    }

    /// `appendInputs` appends the `inputs` input momenta.
    init(inputs: Int, appendInputs: (inout [PseudoJet]) -> Void) {
        self.inputs = inputs
        jets = []
        jets.reserveCapacity(2 * inputs - 1)
        appendInputs(&jets)
        precondition(jets.count == inputs, "wrong number of inputs")
        parents = []
        parents.reserveCapacity(inputs - 1)
    }

    @inline(__always) func jet(_ index: Int) -> PseudoJet { jets[index] }

    /// Clusters the inputs into one C/A jet with `kernel`: the AVX2 kernel
    /// falls back to the matrix kernel on an exact tie, which it leaves to
    /// FastJet's slot order. Returns false (nothing clustered) only if no
    /// kernel applies: more than `ClusterSequence.matrixThreshold` inputs
    /// without the AVX2 kernel.
    mutating func cluster(with kernel: MergeAllKernel = .fastest) -> Bool {
        if kernel == .avx2 {
            let inputs = self.inputs
            let done = clusterCambridgeAachenToOneJet(
                count: inputs, input: { (jets[$0].rap, jets[$0].phi) },
                merge: { a, b in
                    let k = merge(a, b, dij: 0)
                    return (k, jets[k].rap, jets[k].phi)
                })
            if done { return true }
            jets.removeLast(jets.count - inputs)
            parents.removeAll(keepingCapacity: true)
        }
        guard inputs <= ClusterSequence.matrixThreshold else { return false }
        ClusterSequence.runN2Matrix(&self, count: inputs, algorithm: .cambridgeAachen, R: .infinity)
        return true
    }

    @inline(__always) mutating func merge(_ i: Int, _ j: Int, dij: Double) -> Int {
        jets.append(jets[i] + jets[j])
        parents.append(i < j ? (i, j) : (j, i))
        return jets.count - 1
    }

    @inline(__always) mutating func beam(_ i: Int, diB: Double) {}

    /// `ClusterSequence.primaryDeclusterings(of:)` of the final jet.
    func primaryDeclusterings() -> [LundDeclustering] {
        // Parents ordered by decreasing pT² (on a tie, the smaller index first).
        @inline(__always) func split(_ j: Int) -> (Int, Int) {
            let (a, b) = parents[j - inputs]
            return jets[a].pt2 < jets[b].pt2 ? (b, a) : (a, b)
        }
        var depth = 0
        var j = jets.count - 1
        while j >= inputs {
            depth += 1
            j = split(j).0
        }
        var out: [LundDeclustering] = []
        out.reserveCapacity(depth)
        j = jets.count - 1
        while j >= inputs {
            let (a, b) = split(j)
            out.append(LundDeclustering(pair: jets[j], j1: jets[a], j2: jets[b]))
            j = a
        }
        return out
    }
}
