import Foundation

/// Adam (Kingma & Ba) with the Keras defaults and update rule:
/// `m ← β1 m + (1-β1) g`, `v ← β2 v + (1-β2) g²`,
/// `p ← p - lr·sqrt(1-β2^t)/(1-β1^t) · m / (sqrt(v) + ε)`.
/// Moments are kept per parameter tensor in the model's visiting order.
public struct Adam<Scalar: NNScalar> {
    public var learningRate: Scalar
    public var beta1: Scalar
    public var beta2: Scalar
    public var epsilon: Scalar
    public private(set) var step: Int = 0
    var m: [[Scalar]] = []
    var v: [[Scalar]] = []

    public init(learningRate: Scalar = 1e-3, beta1: Scalar = 0.9, beta2: Scalar = 0.999, epsilon: Scalar = 1e-7) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }

    /// Applies one update to every parameter of `model` from its accumulated gradients.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public mutating func step(_ model: any Layer<Scalar>) {
        step += 1
        let t = Double(step)
        let correction = Scalar(
            (1 - Foundation.pow(Double(beta2), t)).squareRoot() / (1 - Foundation.pow(Double(beta1), t)))
        let alpha = learningRate * correction
        var k = 0
        let b1 = beta1
        let b2 = beta2
        let eps = epsilon
        model.visitParameters { p in
            if k == m.count {
                m.append([Scalar](repeating: 0, count: p.value.count))
                v.append([Scalar](repeating: 0, count: p.value.count))
            }
            precondition(m[k].count == p.value.count, "Adam: the model's parameters changed shape")
            for i in p.value.indices {
                let g = p.gradient[i]
                m[k][i] = b1 * m[k][i] + (1 - b1) * g
                v[k][i] = b2 * v[k][i] + (1 - b2) * g * g
                p.value[i] -= alpha * m[k][i] / (Scalar.nnSqrt(v[k][i]) + eps)
            }
            k += 1
        }
    }
}
