import Foundation
import NeuralNet

/// Batch normalisation over the rows of a batch (nodes or edges), PyTorch conventions:
/// training normalises with the batch mean and biased variance and updates the running
/// statistics with momentum 0.1 (running variance with the unbiased estimate); inference
/// (`training = false`) uses the running statistics. ε = 1e-5. Statistics are accumulated
/// in Double in row order, so they are deterministic.
public final class BatchNorm<Scalar: NNScalar>: Layer {
    public let features: Int
    public var gamma: Parameter<Scalar>
    public var beta: Parameter<Scalar>
    public var runningMean: [Scalar]
    public var runningVariance: [Scalar]
    public var training = true
    public let momentum: Double = 0.1
    public let epsilon: Double = 1e-5
    var normalised: [Scalar] = []
    var inverseStd: [Scalar] = []
    var rows = 0

    public init(features: Int) {
        self.features = features
        gamma = Parameter(name: "gamma", shape: [features], value: [Scalar](repeating: 1, count: features))
        beta = Parameter(name: "beta", shape: [features], value: [Scalar](repeating: 0, count: features))
        runningMean = [Scalar](repeating: 0, count: features)
        runningVariance = [Scalar](repeating: 1, count: features)
    }

    public func forward(_ x: Matrix<Scalar>) -> Matrix<Scalar> {
        precondition(x.columns == features, "BatchNorm: \(x.columns) columns, expected \(features)")
        let c = features
        let n = x.rows
        rows = n
        var mean = [Scalar](repeating: 0, count: c)
        var invStd = [Scalar](repeating: 0, count: c)
        if training && n > 0 {
            var sum = [Double](repeating: 0, count: c)
            for r in 0..<n { for j in 0..<c { sum[j] += Double(x.storage[r * c + j]) } }
            let m = sum.map { $0 / Double(n) }
            var sq = [Double](repeating: 0, count: c)
            for r in 0..<n {
                for j in 0..<c {
                    let d = Double(x.storage[r * c + j]) - m[j]
                    sq[j] += d * d
                }
            }
            for j in 0..<c {
                let variance = sq[j] / Double(n)
                mean[j] = Scalar(m[j])
                invStd[j] = Scalar(1 / (variance + epsilon).squareRoot())
                let unbiased = n > 1 ? sq[j] / Double(n - 1) : variance
                runningMean[j] = Scalar((1 - momentum) * Double(runningMean[j]) + momentum * m[j])
                runningVariance[j] = Scalar((1 - momentum) * Double(runningVariance[j]) + momentum * unbiased)
            }
        } else {
            for j in 0..<c {
                mean[j] = runningMean[j]
                invStd[j] = Scalar(1 / (Double(runningVariance[j]) + epsilon).squareRoot())
            }
        }
        var xhat = x.storage
        var y = x.storage
        let g = gamma.value
        let b = beta.value
        for r in 0..<n {
            for j in 0..<c {
                let v = (x.storage[r * c + j] - mean[j]) * invStd[j]
                xhat[r * c + j] = v
                y[r * c + j] = g[j] * v + b[j]
            }
        }
        normalised = xhat
        inverseStd = invStd
        return Matrix(rows: n, columns: c, storage: y)
    }

    public func backward(_ dy: Matrix<Scalar>) -> Matrix<Scalar> {
        let c = features
        let n = rows
        precondition(dy.rows == n && dy.columns == c, "BatchNorm.backward: shape mismatch")
        var dx = dy.storage
        guard n > 0 else { return dy }
        var sumDy = [Double](repeating: 0, count: c)
        var sumDyXhat = [Double](repeating: 0, count: c)
        let xh = normalised
        for r in 0..<n {
            for j in 0..<c {
                let g = Double(dy.storage[r * c + j])
                sumDy[j] += g
                sumDyXhat[j] += g * Double(xh[r * c + j])
            }
        }
        for j in 0..<c {
            beta.gradient[j] += Scalar(sumDy[j])
            gamma.gradient[j] += Scalar(sumDyXhat[j])
        }
        if training {
            // dx = γ/σ · (dy − mean(dy) − x̂ · mean(dy · x̂))
            let meanDy = sumDy.map { Scalar($0 / Double(n)) }
            let meanDyXhat = sumDyXhat.map { Scalar($0 / Double(n)) }
            let scale = (0..<c).map { gamma.value[$0] * inverseStd[$0] }
            let xh = normalised
            for r in 0..<n {
                for j in 0..<c {
                    let k = r * c + j
                    dx[k] = scale[j] * (dy.storage[k] - meanDy[j] - xh[k] * meanDyXhat[j])
                }
            }
        } else {
            let scale = (0..<c).map { gamma.value[$0] * inverseStd[$0] }
            for r in 0..<n { for j in 0..<c { dx[r * c + j] = dy.storage[r * c + j] * scale[j] } }
        }
        return Matrix(rows: n, columns: c, storage: dx)
    }

    public func visitParameters(_ body: (inout Parameter<Scalar>) -> Void) {
        body(&gamma)
        body(&beta)
    }
}
