// NeuralNet: a small, deterministic, dependency-free toolkit for training dense networks
// on the CPU. It knows nothing about the website or about jets.
//
//     var rng = Xoshiro256(seed: 42)
//     let model = Sequential<Float>([
//         Dense(inputs: 16, outputs: 64, rng: &rng), ReLU(),
//         Dense(inputs: 64, outputs: 5, rng: &rng),
//     ])
//     var adam = Adam<Float>(learningRate: 1e-3)
//     for batch in MiniBatches(count: n, batchSize: 256, rng: &rng) {
//         let x = Matrix(gathering: batch, from: inputs)            // [batch, 16]
//         let logits = model.forward(x)
//         let (loss, grad) = SoftmaxCrossEntropy.lossAndGradient(logits: logits, labels: batch.map { y[$0] })
//         model.zeroGradients()
//         _ = model.backward(grad)
//         adam.step(model)
//     }
//
// Pieces
// - `Matrix<Scalar>`: row-major 2-D storage (a batch of row vectors), Scalar = Float or Double.
// - `Layer`: forward on a batch (caching what backward needs), backward returning the input
//   gradient and *accumulating* parameter gradients; parameters are visited in a fixed order.
//   `Dense` (Keras layout: kernel [in, out], bias [out], Glorot-uniform init, zero bias),
//   `ReLU`, `Sequential`. Other modules add their own layers by conforming to `Layer`.
// - Losses: `SoftmaxCrossEntropy` (numerically stable, mean over the batch), `MeanSquaredError`.
// - `Adam` (Keras defaults: β1 0.9, β2 0.999, ε 1e-7), `Xoshiro256` (xoshiro256** seeded with
//   SplitMix64), `MiniBatches` (Fisher–Yates shuffle per epoch with our own RNG),
//   `Standardizer` (training-set mean and population std, computed in Double),
//   `GradientCheck` (central finite differences in Double).
//
// Determinism: everything is single-threaded with a fixed summation order, and the RNG and the
// shuffle are ours (not the standard library's, whose algorithms may change), so a run with
// the same seed and data gives bit-identical weights on the same machine and toolchain.

import Foundation

/// The scalar types the layers are written for: `Float` and `Double`.
public protocol NNScalar: BinaryFloatingPoint, Sendable, Codable where Self.RawSignificand: FixedWidthInteger {
    static func nnExp(_ x: Self) -> Self
    static func nnLog(_ x: Self) -> Self
    static func nnSqrt(_ x: Self) -> Self
}

extension Float: NNScalar {
    @inlinable public static func nnExp(_ x: Float) -> Float { Foundation.exp(x) }
    @inlinable public static func nnLog(_ x: Float) -> Float { Foundation.log(x) }
    @inlinable public static func nnSqrt(_ x: Float) -> Float { x.squareRoot() }
}

extension Double: NNScalar {
    @inlinable public static func nnExp(_ x: Double) -> Double { Foundation.exp(x) }
    @inlinable public static func nnLog(_ x: Double) -> Double { Foundation.log(x) }
    @inlinable public static func nnSqrt(_ x: Double) -> Double { x.squareRoot() }
}
