import Digest
import Foundation
import Jets
import NeuralNet
import ParallelMap

/// What a training run did, as recorded in the manifest.
public struct LundNetTrainingRecord: Codable, Sendable, Equatable {
    public var task: String
    public var signalLabels: [Int]
    public var backgroundLabels: [Int]
    public var trainSplit: String
    public var trainJets: Int
    public var maxJetsPerClass: Int
    public var validationSplit: String
    public var validationJets: Int
    /// SHA-256 of the training split's files, by file name (as in the dataset's manifest).
    public var dataSHA256: [String: String]
    public var seed: UInt64
    public var epochs: Int
    public var batchSize: Int
    public var learningRates: [Float]
    public var optimizer: String
    public var epochTrainLoss: [Double]
    public var finalTrainLoss: Double
    public var trainAccuracy: Double
    public var validationLoss: Double
    public var validationAccuracy: Double
    public var trainingSeconds: Double
    public var threads: Int
}

/// Settings of a training run (the defaults are the committed model's).
public struct LundNetTrainingSettings: Sendable {
    public var configuration = LundNetConfiguration()
    public var seed: UInt64 = 20_201_022
    public var epochs = 16
    public var batchSize = 64
    /// Learning rate per epoch: `learningRateSteps[k]` from epoch `k * epochs / steps.count` on.
    public var learningRateSteps: [Float] = [3e-3, 1e-3, 3e-4]
    /// At most this many training jets per class (first ones in file order).
    public var maxJetsPerClass = 1_000_000
    public var signalLabels = [JetClass.w.rawValue]
    public var backgroundLabels = [JetClass.gluon.rawValue, JetClass.quark.rawValue]

    public init() {}

    public func learningRate(epoch: Int) -> Float {
        let k = min(learningRateSteps.count - 1, epoch * learningRateSteps.count / max(1, epochs))
        return learningRateSteps[k]
    }
}

/// Graphs and binary labels (1 = signal) of the chosen classes of a split.
public struct LundGraphSet: Sendable {
    public var graphs: [LundGraph]
    public var labels: [Int]
    public var indices: [Int]

    public init(graphs: [LundGraph], labels: [Int]) {
        self.graphs = graphs
        self.labels = labels
        indices = Array(graphs.indices)
    }

    public init(
        dataset: JetDataset, configuration: LundNetConfiguration, signal: [Int], background: [Int],
        maxJetsPerClass: Int = 1_000_000
    ) {
        let chosen = dataset.firstJets(perClass: maxJetsPerClass, labels: Set(signal + background))
        indices = chosen
        labels = chosen.map { signal.contains(dataset.labels[$0]) ? 1 : 0 }
        graphs = parallelMap(chosen.count) { k in
            LundGraph(
                particles: dataset.particles(chosen[k]), variant: configuration.variant, lnKtMin: configuration.lnKtMin)
        }
    }
}

public enum LundNetTrainer {
    /// Trains on `train` (single-threaded, so bit-identical for the same seed, data, machine and
    /// toolchain) and evaluates on `validation`. `log` receives one line per epoch.
    public static func train(
        train: LundGraphSet, validation: LundGraphSet, settings s: LundNetTrainingSettings,
        dataSHA256: [String: String],
        log: (String) -> Void = { _ in }
    ) -> (LundNetWeights, LundNetTrainingRecord) {
        let start = DispatchTime.now().uptimeNanoseconds
        let c = s.configuration
        var allFeatures: [Double] = []
        for g in train.graphs { allFeatures.append(contentsOf: g.features) }
        let standardizer = Standardizer(fitting: allFeatures, columns: c.variant.count)
        var rng = Xoshiro256(seed: s.seed)
        let model = LundNetModel<Float>(
            inputFeatures: c.variant.count, blockWidths: c.blockWidths,
            headWidth: c.headWidth, classes: c.classes, rng: &rng)
        var adam = Adam<Float>(learningRate: s.learningRate(epoch: 0))
        var epochLoss: [Double] = []
        var lastCorrect = 0
        for epoch in 0..<s.epochs {
            adam.learningRate = s.learningRate(epoch: epoch)
            model.setTraining(true)
            var total = 0.0
            var seen = 0
            var correct = 0
            for batchIndices in MiniBatches(count: train.graphs.count, batchSize: s.batchSize, rng: &rng) {
                let batch = GraphBatch<Float>(batchIndices.map { train.graphs[$0] }, standardizer: standardizer)
                let labels = batchIndices.map { train.labels[$0] }
                let logits = model.forward(batch.nodes, graph: batch)
                let (loss, gradient) = SoftmaxCrossEntropy.lossAndGradient(logits: logits, labels: labels)
                for r in 0..<logits.rows where (logits[r, 1] > logits[r, 0] ? 1 : 0) == labels[r] { correct += 1 }
                total += Double(loss) * Double(labels.count)
                seen += labels.count
                model.zeroGradients()
                _ = model.backward(gradient)
                adam.step(BoundGraphLayer(model, graph: batch))
            }
            epochLoss.append(total / Double(max(seen, 1)))
            lastCorrect = correct
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            log(
                String(
                    format: "epoch %d/%d  lr %.0e  loss %.4f  train acc %.4f  (%.0f s)", epoch + 1, s.epochs,
                    Double(adam.learningRate), epochLoss.last!, Double(correct) / Double(max(seen, 1)), elapsed))
        }
        model.setTraining(false)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let weights = LundNetWeights(model: model, configuration: c, standardizer: standardizer)
        let probabilities = weights.signalProbabilities(validation.graphs)
        var valLoss = 0.0
        var valCorrect = 0
        for (p, y) in zip(probabilities, validation.labels) {
            let q = Double(y == 1 ? p : 1 - p)
            valLoss -= Foundation.log(max(q, 1e-12))
            if (p > 0.5 ? 1 : 0) == y { valCorrect += 1 }
        }
        let n = max(validation.labels.count, 1)
        let record = LundNetTrainingRecord(
            task: "W vs QCD (g + q)", signalLabels: s.signalLabels, backgroundLabels: s.backgroundLabels,
            trainSplit: "train", trainJets: train.graphs.count, maxJetsPerClass: s.maxJetsPerClass,
            validationSplit: "val", validationJets: validation.graphs.count, dataSHA256: dataSHA256,
            seed: s.seed, epochs: s.epochs, batchSize: s.batchSize,
            learningRates: (0..<s.epochs).map { s.learningRate(epoch: $0) },
            optimizer: "Adam (β1 0.9, β2 0.999, ε 1e-7), softmax cross-entropy",
            epochTrainLoss: epochLoss, finalTrainLoss: epochLoss.last ?? 0,
            trainAccuracy: Double(lastCorrect) / Double(max(train.graphs.count, 1)),
            validationLoss: valLoss / Double(n), validationAccuracy: Double(valCorrect) / Double(n),
            trainingSeconds: (seconds * 10).rounded() / 10, threads: 1)
        return (weights, record)
    }

    /// Writes the tensors and `manifest.json` (sorted keys) into `directory`.
    public static func save(_ weights: LundNetWeights, record: LundNetTrainingRecord, to directory: URL) throws {
        try weights.write(directory: directory)
        let manifest = LundNetManifest(
            model: "LundNet-style EdgeConv graph network on the Lund declustering tree",
            configuration: weights.configuration, tensors: weights.shapes, training: record)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        var data = try encoder.encode(manifest)
        data.append(0x0A)
        try data.write(to: directory.appendingPathComponent("manifest.json"))
        try SHA256Digest.writeChecksumList(inDirectory: directory)
    }
}
