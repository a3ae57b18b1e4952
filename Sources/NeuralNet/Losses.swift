/// Softmax followed by categorical cross-entropy, fused for numerical stability.
public enum SoftmaxCrossEntropy {
    /// Row-wise softmax, computed as exp(x - max) / Σ exp(x - max).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func softmax<Scalar: NNScalar>(_ logits: Matrix<Scalar>) -> Matrix<Scalar> {
        var p = logits
        let c = logits.columns
        for r in 0..<logits.rows {
            let (_, sum) = shiftedExponentials(logits, row: r, into: &p)
            for j in 0..<c { p.storage[r * c + j] /= sum }
        }
        return p
    }

    /// Writes exp(x - max) of row `r` of `logits` into the same row of `out` and returns
    /// the row's max and the sum of the exponentials (the stable softmax's two reductions).
    @inline(__always)
    static func shiftedExponentials<Scalar: NNScalar>(
        _ logits: Matrix<Scalar>, row r: Int,
        into out: inout Matrix<Scalar>
    ) -> (max: Scalar, sum: Scalar) {
        let c = logits.columns
        var m = logits.storage[r * c]
        for j in 1..<c { m = Swift.max(m, logits.storage[r * c + j]) }
        var sum: Scalar = 0
        for j in 0..<c {
            let e = Scalar.nnExp(logits.storage[r * c + j] - m)
            out.storage[r * c + j] = e
            sum += e
        }
        return (m, sum)
    }

    /// Mean cross-entropy over the batch and its gradient with respect to the logits,
    /// `(softmax - onehot) / batch`. Labels are class indices.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func lossAndGradient<Scalar: NNScalar>(logits: Matrix<Scalar>, labels: [Int]) -> (
        loss: Scalar, gradient: Matrix<Scalar>
    ) {
        precondition(labels.count == logits.rows, "SoftmaxCrossEntropy: \(labels.count) labels for \(logits.rows) rows")
        let c = logits.columns
        var g = logits
        var total: Scalar = 0
        let scale = 1 / Scalar(logits.rows)
        for r in 0..<logits.rows {
            let (m, sum) = shiftedExponentials(logits, row: r, into: &g)
            let y = labels[r]
            precondition(y >= 0 && y < c, "SoftmaxCrossEntropy: label \(y) outside 0..<\(c)")
            total += Scalar.nnLog(sum) - (logits.storage[r * c + y] - m)
            for j in 0..<c {
                var v = g.storage[r * c + j] / sum
                if j == y { v -= 1 }
                g.storage[r * c + j] = v * scale
            }
        }
        return (total * scale, g)
    }
}

/// Mean squared error over all elements, and its gradient `2 (prediction - target) / count`.
public enum MeanSquaredError {
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func lossAndGradient<Scalar: NNScalar>(prediction: Matrix<Scalar>, target: Matrix<Scalar>) -> (
        loss: Scalar, gradient: Matrix<Scalar>
    ) {
        precondition(
            prediction.rows == target.rows && prediction.columns == target.columns, "MeanSquaredError: shape mismatch")
        var g = prediction
        var total: Scalar = 0
        let n = Scalar(Swift.max(1, prediction.storage.count))
        for i in prediction.storage.indices {
            let d = prediction.storage[i] - target.storage[i]
            total += d * d
            g.storage[i] = 2 * d / n
        }
        return (total / n, g)
    }
}
