import Foundation
import NeuralNet

/// A layer that needs the graph structure as well as the node features.
public protocol GraphLayer<Scalar>: AnyObject {
    associatedtype Scalar: NNScalar
    func forward(_ x: Matrix<Scalar>, graph: GraphBatch<Scalar>) -> Matrix<Scalar>
    func backward(_ dy: Matrix<Scalar>) -> Matrix<Scalar>
    func visitParameters(_ body: (inout Parameter<Scalar>) -> Void)
    func setTraining(_ training: Bool)
}

/// A graph layer with its graph fixed, seen as a plain `Layer` (for `Adam` and `GradientCheck`).
public final class BoundGraphLayer<L: GraphLayer>: Layer {
    public let layer: L
    public var graph: GraphBatch<L.Scalar>
    public init(_ layer: L, graph: GraphBatch<L.Scalar>) {
        self.layer = layer
        self.graph = graph
    }
    public func forward(_ x: Matrix<L.Scalar>) -> Matrix<L.Scalar> { layer.forward(x, graph: graph) }
    public func backward(_ dy: Matrix<L.Scalar>) -> Matrix<L.Scalar> { layer.backward(dy) }
    public func visitParameters(_ body: (inout Parameter<L.Scalar>) -> Void) { layer.visitParameters(body) }
}

extension GraphLayer {
    public func zeroGradients() {
        visitParameters { p in
            for i in p.gradient.indices { p.gradient[i] = 0 }
        }
    }
}
