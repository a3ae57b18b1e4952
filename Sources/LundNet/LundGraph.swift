// LundNet: a graph network on the Lund-plane declustering tree of a jet (after Dreyer & Qu,
// "Jet tagging in the Lund plane with graph networks", JHEP 03 (2021) 052), written for the CPU.
//
// Graph per jet: one node per declustering of the C/A tree (primary and secondary branches, as
// `LundGenerator.tree`), undirected edges between each declustering and its parent. An optional
// ln kt cut drops declusterings below it; a kept node is then linked to its nearest kept ancestor,
// so the graph stays a tree.
//
// Node features (guarded logarithms of the Jets module, floor ln 1e-12):
//   five-feature variant  (ln z, ln Δ, ψ, ln m, ln kt)
//   three-feature variant (ln z, ln Δ, ln kt)

import Foundation
import Jets
import NeuralNet

/// Which node features the graph carries.
public enum LundFeatureVariant: String, Sendable, Codable, CaseIterable {
    case five = "lnz-lndelta-psi-lnm-lnkt"
    case three = "lnz-lndelta-lnkt"

    public var count: Int { self == .five ? 5 : 3 }

    public var names: [String] {
        self == .five ? ["ln z", "ln Δ", "ψ", "ln m", "ln kt"] : ["ln z", "ln Δ", "ln kt"]
    }

    /// The features of one declustering, in `names` order.
    public func features(_ d: LundDeclustering) -> [Double] {
        let lnDelta = -d.lnOneOverDelta
        switch self {
        case .five: return [d.lnZ, lnDelta, d.psi, d.lnM, d.lnKt]
        case .three: return [d.lnZ, lnDelta, d.lnKt]
        }
    }
}

/// The Lund graph of one jet: node features (row-major, `variant.count` per node) and, per node,
/// the index of its parent node (−1 for the root). Edges are the undirected (node, parent) pairs.
public struct LundGraph: Sendable, Equatable {
    public var nodeCount: Int
    public var featureCount: Int
    public var features: [Double]
    public var parent: [Int]

    public init(nodeCount: Int, featureCount: Int, features: [Double], parent: [Int]) {
        precondition(
            features.count == nodeCount * featureCount && parent.count == nodeCount, "LundGraph: inconsistent sizes")
        self.nodeCount = nodeCount
        self.featureCount = featureCount
        self.features = features
        self.parent = parent
    }

    /// The graph of the jet made of `particles` (all reclustered into one C/A jet).
    /// `lnKtMin`: if set, declusterings with ln kt below it are dropped.
    public init(particles: [PseudoJet], variant: LundFeatureVariant, lnKtMin: Double? = nil) {
        self.init(tree: LundGenerator.tree(particles), variant: variant, lnKtMin: lnKtMin)
    }

    public init(tree: [LundNode], variant: LundFeatureVariant, lnKtMin: Double? = nil) {
        // newIndex[k]: index of tree node k in the graph, or −1 if cut.
        var newIndex = [Int](repeating: -1, count: tree.count)
        var features: [Double] = []
        var parent: [Int] = []
        // Nodes come in pre-order, so a parent precedes its children.
        var keptAncestor = [Int](repeating: -1, count: tree.count)  // nearest kept node at or above k
        for (k, node) in tree.enumerated() {
            let above = node.parent >= 0 ? keptAncestor[node.parent] : -1
            if let cut = lnKtMin, node.declustering.lnKt < cut {
                keptAncestor[k] = above
                continue
            }
            newIndex[k] = parent.count
            keptAncestor[k] = newIndex[k]
            parent.append(above)
            features.append(contentsOf: variant.features(node.declustering))
        }
        self.init(nodeCount: parent.count, featureCount: variant.count, features: features, parent: parent)
    }

    /// Directed edges (destination i, source j), both directions of every (node, parent) pair,
    /// sorted by destination then source.
    public var directedEdges: [(Int, Int)] {
        var edges: [(Int, Int)] = []
        edges.reserveCapacity(2 * nodeCount)
        for (i, p) in parent.enumerated() where p >= 0 {
            edges.append((i, p))
            edges.append((p, i))
        }
        edges.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        return edges
    }

    /// The same graph with node k renamed to `permutation[k]`.
    public func relabelled(_ permutation: [Int]) -> LundGraph {
        precondition(permutation.count == nodeCount)
        var f = [Double](repeating: 0, count: features.count)
        var p = [Int](repeating: -1, count: nodeCount)
        for k in 0..<nodeCount {
            let n = permutation[k]
            for c in 0..<featureCount { f[n * featureCount + c] = features[k * featureCount + c] }
            p[n] = parent[k] >= 0 ? permutation[parent[k]] : -1
        }
        return LundGraph(nodeCount: nodeCount, featureCount: featureCount, features: f, parent: p)
    }
}

/// Several graphs as one disjoint union: node rows stacked in graph order, edges sorted by
/// destination (so each node's incoming edges are contiguous).
public struct GraphBatch<Scalar: NNScalar>: Sendable {
    /// Node features [nodes, featureCount], standardised.
    public var nodes: Matrix<Scalar>
    public var graphCount: Int
    /// graphStart[g]..<graphStart[g + 1] are the nodes of graph g.
    public var graphStart: [Int]
    /// Directed edge e goes from edgeSource[e] to edgeDestination[e]; sorted by destination.
    public var edgeDestination: [Int]
    public var edgeSource: [Int]
    /// edgeStart[i]..<edgeStart[i + 1] are the edges arriving at node i.
    public var edgeStart: [Int]

    public var nodeCount: Int { nodes.rows }
    public var edgeCount: Int { edgeSource.count }

    public init(_ graphs: [LundGraph], standardizer: Standardizer?) {
        let f = graphs.first?.featureCount ?? (standardizer?.mean.count ?? 0)
        var raw: [Double] = []
        var start = [0]
        var dst: [Int] = []
        var src: [Int] = []
        var edgeStart: [Int] = [0]
        for g in graphs {
            precondition(g.featureCount == f, "GraphBatch: graphs with different feature counts")
            let base = start.last!
            raw.append(contentsOf: g.features)
            for (i, j) in g.directedEdges {
                dst.append(base + i)
                src.append(base + j)
            }
            start.append(base + g.nodeCount)
        }
        let n = start.last!
        var e = 0
        for i in 0..<n {
            while e < dst.count && dst[e] == i { e += 1 }
            edgeStart.append(e)
        }
        let values: [Scalar] = standardizer.map { $0.transform(raw, as: Scalar.self) } ?? raw.map { Scalar($0) }
        nodes = Matrix(rows: n, columns: f, storage: values)
        graphCount = graphs.count
        graphStart = start
        edgeDestination = dst
        edgeSource = src
        self.edgeStart = edgeStart
    }
}
