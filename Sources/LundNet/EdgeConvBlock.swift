import Foundation
import NeuralNet

/// One EdgeConv block (LundNet / ParticleNet form). For every directed edge j → i:
///   e_ij = ReLU(BN(W2 · ReLU(BN(θ(x_j − x_i) + φ(x_i)))))
/// where θ(x_j − x_i) + φ(x_i) is one dense layer on the concatenation [x_i, x_j − x_i]
/// (its kernel is [φ; θ]); then the mean over the edges arriving at i, a shortcut
/// s_i = BN(W_s x_i) (identity when the widths agree), and out_i = ReLU(mean_j e_ij + s_i).
/// A node without edges aggregates 0.
public final class EdgeConvBlock<Scalar: NNScalar>: GraphLayer {
    public let inputs: Int
    public let outputs: Int
    public let edgeDense1: Linear<Scalar>
    public let edgeNorm1: BatchNorm<Scalar>
    public let edgeDense2: Linear<Scalar>
    public let edgeNorm2: BatchNorm<Scalar>
    public let shortcutDense: Linear<Scalar>?
    public let shortcutNorm: BatchNorm<Scalar>?
    let relu1 = ReLU<Scalar>()
    let relu2 = ReLU<Scalar>()
    var cachedGraph: GraphBatch<Scalar>?
    var outputMask: [Bool] = []

    public init(inputs: Int, outputs: Int, rng: inout Xoshiro256) {
        self.inputs = inputs
        self.outputs = outputs
        edgeDense1 = Linear(inputs: 2 * inputs, outputs: outputs, rng: &rng)
        edgeNorm1 = BatchNorm(features: outputs)
        edgeDense2 = Linear(inputs: outputs, outputs: outputs, rng: &rng)
        edgeNorm2 = BatchNorm(features: outputs)
        if inputs != outputs {
            shortcutDense = Linear(inputs: inputs, outputs: outputs, rng: &rng)
            shortcutNorm = BatchNorm(features: outputs)
        } else {
            shortcutDense = nil
            shortcutNorm = nil
        }
    }

    public func setTraining(_ training: Bool) {
        edgeNorm1.training = training
        edgeNorm2.training = training
        shortcutNorm?.training = training
    }

    /// Edge inputs [x_i, x_j − x_i], one row per directed edge.
    static func edgeInputs(_ x: Matrix<Scalar>, graph: GraphBatch<Scalar>) -> Matrix<Scalar> {
        let c = x.columns
        let e = graph.edgeCount
        var out = [Scalar](repeating: 0, count: e * 2 * c)
        for k in 0..<e {
            let i = graph.edgeDestination[k]
            let j = graph.edgeSource[k]
            for f in 0..<c {
                let xi = x.storage[i * c + f]
                out[k * 2 * c + f] = xi
                out[k * 2 * c + c + f] = x.storage[j * c + f] - xi
            }
        }
        return Matrix(rows: e, columns: 2 * c, storage: out)
    }

    public func forward(_ x: Matrix<Scalar>, graph: GraphBatch<Scalar>) -> Matrix<Scalar> {
        precondition(x.columns == inputs && x.rows == graph.nodeCount, "EdgeConvBlock: input shape mismatch")
        cachedGraph = graph
        var h = edgeDense1.forward(Self.edgeInputs(x, graph: graph))
        h = relu1.forward(edgeNorm1.forward(h))
        h = relu2.forward(edgeNorm2.forward(edgeDense2.forward(h)))
        var out: Matrix<Scalar>
        if let d = shortcutDense, let bn = shortcutNorm { out = bn.forward(d.forward(x)) } else { out = x }
        let o = outputs
        for i in 0..<graph.nodeCount {
            let lo = graph.edgeStart[i]
            let hi = graph.edgeStart[i + 1]
            guard hi > lo else { continue }
            let scale = 1 / Scalar(hi - lo)
            for f in 0..<o {
                var s: Scalar = 0
                for k in lo..<hi { s += h.storage[k * o + f] }
                out.storage[i * o + f] += s * scale
            }
        }
        outputMask = [Bool](repeating: false, count: out.storage.count)
        for k in out.storage.indices {
            if out.storage[k] > 0 { outputMask[k] = true } else { out.storage[k] = 0 }
        }
        return out
    }

    public func backward(_ dy: Matrix<Scalar>) -> Matrix<Scalar> {
        guard let graph = cachedGraph else { preconditionFailure("EdgeConvBlock.backward before forward") }
        let o = outputs
        let c = inputs
        var dpre = dy
        for k in dpre.storage.indices where !outputMask[k] { dpre.storage[k] = 0 }
        // Mean aggregation: every incoming edge gets dpre_i / degree(i).
        var dh = Matrix<Scalar>(rows: graph.edgeCount, columns: o)
        for i in 0..<graph.nodeCount {
            let lo = graph.edgeStart[i]
            let hi = graph.edgeStart[i + 1]
            guard hi > lo else { continue }
            let scale = 1 / Scalar(hi - lo)
            for k in lo..<hi { for f in 0..<o { dh.storage[k * o + f] = dpre.storage[i * o + f] * scale } }
        }
        var g = edgeDense2.backward(edgeNorm2.backward(relu2.backward(dh)))
        g = edgeDense1.backward(edgeNorm1.backward(relu1.backward(g)))
        var dx: Matrix<Scalar>
        if let d = shortcutDense, let bn = shortcutNorm { dx = d.backward(bn.backward(dpre)) } else { dx = dpre }
        for k in 0..<graph.edgeCount {
            let i = graph.edgeDestination[k]
            let j = graph.edgeSource[k]
            for f in 0..<c {
                let gi = g.storage[k * 2 * c + f]
                let gd = g.storage[k * 2 * c + c + f]
                dx.storage[i * c + f] += gi - gd
                dx.storage[j * c + f] += gd
            }
        }
        return dx
    }

    public func visitParameters(_ body: (inout Parameter<Scalar>) -> Void) {
        edgeDense1.visitParameters(body)
        edgeNorm1.visitParameters(body)
        edgeDense2.visitParameters(body)
        edgeNorm2.visitParameters(body)
        shortcutDense?.visitParameters(body)
        shortcutNorm?.visitParameters(body)
    }
}
