// Training the tutorial MLP on the committed jets (`archive train mlp`).
//
// Inputs: the first 16 of the Jets toolkit's high-level features (JetFeatures.names[0..<16]:
// pt, mass, mass_sd, n_constituents, tau1, tau2, tau3, tau21, tau32, c2_b1, d2_b1, c2_b2,
// d2_b2, sum_zlnz, pt_d, girth; zg, rg and n_primary are left out, as the tutorial's 16
// inputs), standardised with the training split's mean and population std.
// Training: NeuralNet's Dense/ReLU/softmax cross-entropy in Float32, Adam, mini-batches
// shuffled by xoshiro256** from a fixed seed, single-threaded: the same data, seed and
// toolchain give bit-identical weights. Features are computed in parallel, one jet per task,
// results stored by index (deterministic).

import Digest
import Dispatch
import Foundation
import Jets
import NeuralNet
import ParallelMap

public struct MLPTrainingOptions: Sendable {
    public var seed: UInt64 = 20_201_019
    public var epochs: Int = 60
    public var batchSize: Int = 256
    public var learningRate: Double = 2e-3
    public init() {}
}

public struct LabelledFeatures: Sendable {
    /// Row-major [count, 16] raw (unstandardised) features.
    public var features: [Double]
    public var labels: [Int]
    public var count: Int { labels.count }

    public init(features: [Double], labels: [Int]) {
        self.features = features
        self.labels = labels
    }
}

public enum MLPTraining {
    public static let featureCount = 16
    public static var featureNames: [String] { Array(JetFeatures.names.prefix(featureCount)) }

    /// The 16 input features of every jet of a split, computed on all cores.
    public static func features(of dataset: JetDataset) -> LabelledFeatures {
        let rows = parallelMap(dataset.count, chunk: 64) { i in
            JetFeatures(particles: dataset.particles(i)).vector.prefix(featureCount)
        }
        return LabelledFeatures(features: rows.flatMap { $0 }, labels: dataset.labels)
    }

    /// SHA-256 of the files the model is trained on.
    public static func dataHashes(directory: URL, splits: [String]) throws -> [String: String] {
        try SHA256Digest.filesDigests(JetDataset.fileNames(splits: splits), in: directory.path)
    }

    public static func accuracy(_ model: MLPModel, _ data: LabelledFeatures) -> Double {
        let x: [Float] = model.standardizer.transform(data.features)
        let logits = model.logits(x, count: data.count)
        var correct = 0
        for i in 0..<data.count {
            let row = logits[(i * 5)..<(i * 5 + 5)]
            if row.indices.max(by: { row[$0] < row[$1] })! - i * 5 == data.labels[i] { correct += 1 }
        }
        return Double(correct) / Double(max(1, data.count))
    }

    /// Trains the 16-64-32-32-5 network. `log` receives one line per epoch.
    public static func train(
        train: LabelledFeatures, validation: LabelledFeatures, options: MLPTrainingOptions,
        dataDescription: String, dataHashes: [String: String],
        log: (String) -> Void = { _ in }
    ) -> MLPModel {
        let standardizer = Standardizer(fitting: train.features, columns: featureCount)
        let x = Matrix<Float>(rows: train.count, columns: featureCount, storage: standardizer.transform(train.features))
        var rng = Xoshiro256(seed: options.seed)
        let widths = MLPModel.widths
        var layers: [any Layer<Float>] = []
        var dense: [Dense<Float>] = []
        for k in 0..<(widths.count - 1) {
            let d = Dense<Float>(inputs: widths[k], outputs: widths[k + 1], rng: &rng)
            dense.append(d)
            layers.append(d)
            if k < widths.count - 2 { layers.append(ReLU<Float>()) }
        }
        let network = Sequential<Float>(layers)
        var adam = Adam<Float>(learningRate: Float(options.learningRate))
        var lastLoss = 0.0
        func snapshot(_ record: TrainingRecord?) -> MLPModel {
            MLPModel(
                dense: dense.enumerated().map { k, d in
                    DenseWeights(
                        name: MLPModel.denseNames[k], inputs: d.inputs, outputs: d.outputs,
                        kernel: d.kernel.value, bias: d.bias.value)
                }, featureNames: featureNames, standardizer: standardizer, training: record)
        }
        for epoch in 1...max(1, options.epochs) {
            var total = 0.0
            for batch in MiniBatches(count: train.count, batchSize: options.batchSize, rng: &rng) {
                let logits = network.forward(Matrix(gathering: batch, from: x))
                let (loss, gradient) = SoftmaxCrossEntropy.lossAndGradient(
                    logits: logits, labels: batch.map { train.labels[$0] })
                network.zeroGradients()
                _ = network.backward(gradient)
                adam.step(network)
                total += Double(loss) * Double(batch.count)
            }
            lastLoss = total / Double(train.count)
            if epoch % 5 == 0 || epoch == options.epochs {
                log("epoch \(epoch): loss \(lastLoss), validation accuracy \(accuracy(snapshot(nil), validation))")
            } else {
                log("epoch \(epoch): loss \(lastLoss)")
            }
        }
        let unrecorded = snapshot(nil)
        let record = TrainingRecord(
            data: dataDescription, dataSHA256: dataHashes, trainJets: train.count, validationJets: validation.count,
            seed: options.seed, epochs: options.epochs, batchSize: options.batchSize,
            learningRate: options.learningRate,
            finalLoss: lastLoss, trainAccuracy: accuracy(unrecorded, train),
            validationAccuracy: accuracy(unrecorded, validation))
        return snapshot(record)
    }
}
