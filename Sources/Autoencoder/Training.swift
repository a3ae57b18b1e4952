// Deterministic training of an autoencoder (single-threaded loop, our own RNG and shuffle, see
// NeuralNet): the same spec and data give bit-identical tensors on the same machine/toolchain.

import Digest
import Foundation
import Jets
import NeuralNet
import ParallelMap

/// The network of a spec as a trainable NeuralNet Sequential (Glorot-uniform from `rng`).
/// Float networks wrap each `Dense<Float>` in `SpecializedDense` (same weights, same arithmetic).
public func makeAutoencoderNetwork<Scalar: NNScalar>(
    widths: [Int], as _: Scalar.Type = Scalar.self,
    rng: inout Xoshiro256
) -> Sequential<Scalar> {
    var layers: [any Layer<Scalar>] = []
    let n = widths.count - 1
    for i in 0..<n {
        let dense = Dense<Scalar>(inputs: widths[i], outputs: widths[i + 1], rng: &rng)
        if let f = dense as? Dense<Float> {
            layers.append(SpecializedDense(f) as! any Layer<Scalar>)
        } else {
            layers.append(dense)
        }
        if i != n - 1 && i != n / 2 - 1 { layers.append(ReLU<Scalar>()) }
    }
    return Sequential(layers)
}

/// A `NeuralNet.Dense<Float>` called through its concrete type, so that its @inlinable forward
/// and backward are specialised for Float in this module (through the `any Layer` existential
/// of `Sequential` they run as unspecialised generic code, about 10× slower). Not a new layer:
/// the weights, the arithmetic and the summation order are Dense's.
public final class SpecializedDense: Layer {
    public typealias Scalar = Float
    public let dense: Dense<Float>
    public init(_ dense: Dense<Float>) { self.dense = dense }
    public func forward(_ input: Matrix<Float>) -> Matrix<Float> { dense.forward(input) }
    public func backward(_ outputGradient: Matrix<Float>) -> Matrix<Float> { dense.backward(outputGradient) }
    public func visitParameters(_ body: (inout Parameter<Float>) -> Void) { dense.visitParameters(body) }
}

/// The result of one training run.
public struct AutoencoderTrainingResult {
    public var network: Sequential<Float>
    public var epochLosses: [Double]
    public var seconds: Double
}

/// Trains `network`-shaped autoencoder on rows of `data` (reconstruction MSE, Adam).
public func trainAutoencoder(
    data: Matrix<Float>, widths: [Int], epochs: Int, batchSize: Int,
    learningRate: Double, seed: UInt64,
    progress: ((Int, Double) -> Void)? = nil
) -> AutoencoderTrainingResult {
    let start = DispatchTime.now().uptimeNanoseconds
    var rng = Xoshiro256(seed: seed)
    let network = makeAutoencoderNetwork(widths: widths, as: Float.self, rng: &rng)
    var adam = Adam<Float>(learningRate: Float(learningRate))
    var losses: [Double] = []
    for epoch in 0..<epochs {
        var total = 0.0
        for batch in MiniBatches(count: data.rows, batchSize: batchSize, rng: &rng) {
            let x = Matrix(gathering: batch, from: data)
            let y = network.forward(x)
            let (loss, gradient) = MeanSquaredError.lossAndGradient(prediction: y, target: x)
            network.zeroGradients()
            _ = network.backward(gradient)
            adam.step(network)
            total += Double(loss) * Double(batch.count)
        }
        losses.append(total / Double(max(1, data.rows)))
        progress?(epoch, losses.last!)
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    return AutoencoderTrainingResult(network: network, epochLosses: losses, seconds: seconds)
}

extension AutoencoderModel {
    /// Inference copy of a trained network.
    public init(spec: AutoencoderSpec, network: Sequential<Float>, standardizer: Standardizer?, pca: PCAModel?) {
        var layers: [(kernel: [Float], bias: [Float], inputs: Int, outputs: Int)] = []
        for layer in network.layers {
            if let dense = (layer as? SpecializedDense)?.dense ?? (layer as? Dense<Float>) {
                layers.append((dense.kernel.value, dense.bias.value, dense.inputs, dense.outputs))
            }
        }
        self.init(spec: spec, layers: layers, standardizer: standardizer, pca: pca)
    }
}

/// Trains a committed variant from the dataset folder and writes it into `output`.
public enum AutoencoderTrainer {
    /// The preprocessed training rows of `spec` and the fitted standardiser (features only).
    public static func trainingInputs(spec: AutoencoderSpec, dataset: JetDataset) -> (
        rows: [[Float]], standardizer: Standardizer?
    ) {
        var chosen: [Int] = []
        for i in 0..<dataset.count
        where spec.trainingClasses.contains(dataset.labels[i]) && chosen.count < spec.maxTrainingJets {
            chosen.append(i)
        }
        let jets = chosen
        switch spec.input {
        case .image:
            return (
                parallelMap(jets.count) {
                    AutoencoderModel.rawInput(spec: spec, particles: dataset.particles(jets[$0]), standardizer: nil)
                }, nil
            )
        case .features:
            let raw = parallelMap(jets.count) { JetFeatures(particles: dataset.particles(jets[$0])).vector }
            let standardizer = Standardizer(fitting: raw.flatMap { $0 }, columns: JetFeatures.count)
            return (raw.map { standardizer.transform($0, as: Float.self) }, standardizer)
        }
    }

    /// Trains and writes `output/{manifest.json, *.npy}`; returns the manifest.
    @discardableResult
    public static func train(
        spec: AutoencoderSpec, datasetDirectory: String, output: String,
        log: ((String) -> Void)? = nil
    ) throws -> AutoencoderManifest {
        let dataset = try JetDataset.load(directory: datasetDirectory, split: "train")
        let digests = try SHA256Digest.filesDigests(JetDataset.fileNames(splits: ["train"]), in: datasetDirectory)
        let (rows, standardizer) = trainingInputs(spec: spec, dataset: dataset)
        guard !rows.isEmpty else { throw AutoencoderError("no training jets of classes \(spec.trainingClasses)") }
        log?("\(spec.variant): \(rows.count) training jets, widths \(spec.widths)")
        let pca = PCAModel(fitting: rows.flatMap { $0 }, columns: spec.inputSize, latent: spec.latent)
        let result = trainAutoencoder(
            data: Matrix(rows), widths: spec.widths, epochs: spec.epochs,
            batchSize: spec.batchSize, learningRate: spec.learningRate, seed: spec.seed
        ) { e, l in
            log?("  epoch \(e + 1)/\(spec.epochs): loss \(l)")
        }
        let model = AutoencoderModel(spec: spec, network: result.network, standardizer: standardizer, pca: pca)
        let files = try model.writeTensors(directory: output)
        let parameterCount = model.layers.reduce(0) { $0 + $1.kernel.count + $1.bias.count }
        let arch =
            spec.widths.map(String.init).joined(separator: " → ")
            + " dense (ReLU after each hidden layer; linear latent and output); loss: per-element MSE; Adam lr \(spec.learningRate), batch \(spec.batchSize)"
        let pre: String
        switch spec.input {
        case .image:
            pre =
                "JetImage.make: centred, rotated, flipped, \(spec.pixels)×\(spec.pixels) pixels over ±\(spec.halfWidth) in (η, φ), unit pT sum, ×\(spec.pixelScale)"
        case .features:
            pre =
                "JetFeatures.vector (\(JetFeatures.names.joined(separator: ", "))) standardised with the training jets' mean and population std"
        }
        var manifest = AutoencoderManifest(
            spec: spec, architecture: arch, preprocessing: pre, dataSHA256: digests, trainingJets: rows.count,
            parameterCount: parameterCount, epochLosses: result.epochLosses, finalLoss: result.epochLosses.last ?? 0,
            trainingSeconds: (result.seconds * 10).rounded() / 10, toolchain: toolchainDescription, files: files)
        manifest.files.insert("manifest.json", at: 0)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(manifest).write(to: URL(fileURLWithPath: output).appendingPathComponent("manifest.json"))
        try SHA256Digest.writeChecksumList(inDirectory: URL(fileURLWithPath: output))
        return manifest
    }

    static var toolchainDescription: String {
        #if compiler(>=6.3)
            return "Swift 6.3+"
        #else
            return "Swift < 6.3"
        #endif
    }
}
