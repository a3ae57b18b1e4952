import Foundation
import NeuralNet

/// Mean of the node rows of each graph ([nodes, C] → [graphs, C]); an empty graph gives zeros.
public final class GlobalMeanPool<Scalar: NNScalar>: GraphLayer {
    var cachedGraph: GraphBatch<Scalar>?
    var columns = 0
    public init() {}
    public func setTraining(_ training: Bool) {}

    public func forward(_ x: Matrix<Scalar>, graph: GraphBatch<Scalar>) -> Matrix<Scalar> {
        cachedGraph = graph
        columns = x.columns
        let c = x.columns
        var out = Matrix<Scalar>(rows: graph.graphCount, columns: c)
        for g in 0..<graph.graphCount {
            let lo = graph.graphStart[g]
            let hi = graph.graphStart[g + 1]
            guard hi > lo else { continue }
            let scale = 1 / Scalar(hi - lo)
            for f in 0..<c {
                var s: Scalar = 0
                for n in lo..<hi { s += x.storage[n * c + f] }
                out.storage[g * c + f] = s * scale
            }
        }
        return out
    }

    public func backward(_ dy: Matrix<Scalar>) -> Matrix<Scalar> {
        guard let graph = cachedGraph else { preconditionFailure("GlobalMeanPool.backward before forward") }
        let c = columns
        var dx = Matrix<Scalar>(rows: graph.nodeCount, columns: c)
        for g in 0..<graph.graphCount {
            let lo = graph.graphStart[g]
            let hi = graph.graphStart[g + 1]
            guard hi > lo else { continue }
            let scale = 1 / Scalar(hi - lo)
            for n in lo..<hi { for f in 0..<c { dx.storage[n * c + f] = dy.storage[g * c + f] * scale } }
        }
        return dx
    }

    public func visitParameters(_ body: (inout Parameter<Scalar>) -> Void) {}
}
