import Foundation
import NeuralNet

/// A dense layer (NeuralNet's `Dense`: same parameters, initialisation and forward pass) whose
/// backward pass computes the input gradient against a transposed copy of the kernel, so both
/// of its inner loops run over contiguous memory without a floating-point reduction and
/// vectorise; on the edge batches of the EdgeConv blocks this is the hot loop of training.
public final class Linear<Scalar: NNScalar>: Layer {
    public let dense: Dense<Scalar>
    var cachedInput: Matrix<Scalar>?

    public init(inputs: Int, outputs: Int, rng: inout Xoshiro256) {
        dense = Dense(inputs: inputs, outputs: outputs, rng: &rng)
    }

    public var inputs: Int { dense.inputs }
    public var outputs: Int { dense.outputs }
    public var kernel: Parameter<Scalar> {
        get { dense.kernel }
        set { dense.kernel = newValue }
    }
    public var bias: Parameter<Scalar> {
        get { dense.bias }
        set { dense.bias = newValue }
    }

    public func forward(_ x: Matrix<Scalar>) -> Matrix<Scalar> {
        cachedInput = x
        return Dense.apply(
            x, kernel: dense.kernel.value, bias: dense.bias.value, inputs: dense.inputs, outputs: dense.outputs)
    }

    public func backward(_ dy: Matrix<Scalar>) -> Matrix<Scalar> {
        guard let x = cachedInput else { preconditionFailure("Linear.backward before forward") }
        let n = dense.inputs
        let m = dense.outputs
        let rows = x.rows
        precondition(dy.rows == rows && dy.columns == m, "Linear.backward: gradient shape mismatch")
        var transposed = [Scalar](repeating: 0, count: n * m)
        let w = dense.kernel.value
        for i in 0..<n { for j in 0..<m { transposed[j * n + i] = w[i * m + j] } }
        var dx = [Scalar](repeating: 0, count: rows * n)
        var dw = dense.kernel.gradient
        var db = dense.bias.gradient
        dense.kernel.gradient = []
        dense.bias.gradient = []
        x.storage.withUnsafeBufferPointer { xp in
            dy.storage.withUnsafeBufferPointer { gp in
                transposed.withUnsafeBufferPointer { tp in
                    dw.withUnsafeMutableBufferPointer { dwp in
                        db.withUnsafeMutableBufferPointer { dbp in
                            dx.withUnsafeMutableBufferPointer { dxp in
                                for b in 0..<rows {
                                    let g = gp.baseAddress! + b * m
                                    let xRow = xp.baseAddress! + b * n
                                    let dxRow = dxp.baseAddress! + b * n
                                    for j in 0..<m { dbp[j] += g[j] }
                                    for i in 0..<n {
                                        let xi = xRow[i]
                                        let dwRow = dwp.baseAddress! + i * m
                                        for j in 0..<m { dwRow[j] += xi * g[j] }
                                    }
                                    for j in 0..<m {
                                        let gj = g[j]
                                        let tRow = tp.baseAddress! + j * n
                                        for i in 0..<n { dxRow[i] += gj * tRow[i] }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        dense.kernel.gradient = dw
        dense.bias.gradient = db
        return Matrix(rows: rows, columns: n, storage: dx)
    }

    public func visitParameters(_ body: (inout Parameter<Scalar>) -> Void) { dense.visitParameters(body) }
}
