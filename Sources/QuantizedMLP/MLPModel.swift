// The float jet-tagging MLP of the hls4ml tutorial and its committed form.
//
//   16 features → Dense 64 (fc1) → ReLU (relu1) → Dense 32 (fc2) → ReLU (relu2)
//               → Dense 32 (fc3) → ReLU (relu3) → Dense 5 (output) → softmax (softmax)
//
// On disk (Content/models/mlp/): one .npy per tensor in Keras layout (kernel float32
// [inputs, outputs], bias float32 [outputs]) and manifest.json naming them in layer order with
// the feature names, standardisation, classes and training record.

import Digest
import Foundation
import NPY
import NeuralNet

public struct DenseWeights: Equatable, Sendable {
    public var name: String
    public var inputs: Int
    public var outputs: Int
    /// Row-major [inputs, outputs].
    public var kernel: [Float]
    public var bias: [Float]

    public init(name: String, inputs: Int, outputs: Int, kernel: [Float], bias: [Float]) {
        precondition(kernel.count == inputs * outputs && bias.count == outputs, "DenseWeights \(name): shape mismatch")
        self.name = name
        self.inputs = inputs
        self.outputs = outputs
        self.kernel = kernel
        self.bias = bias
    }
}

public struct TrainingRecord: Codable, Equatable, Sendable {
    public var data: String
    public var dataSHA256: [String: String]
    public var trainJets: Int
    public var validationJets: Int
    public var seed: UInt64
    public var epochs: Int
    public var batchSize: Int
    public var learningRate: Double
    public var finalLoss: Double
    public var trainAccuracy: Double
    public var validationAccuracy: Double

    enum CodingKeys: String, CodingKey {
        case data
        case dataSHA256 = "data_sha256"
        case trainJets = "train_jets"
        case validationJets = "validation_jets"
        case seed, epochs
        case batchSize = "batch_size"
        case learningRate = "learning_rate"
        case finalLoss = "final_loss"
        case trainAccuracy = "train_accuracy"
        case validationAccuracy = "validation_accuracy"
    }
}

/// The float model: dense layers in order (ReLU between them, softmax at the end), feature
/// names and the standardisation its inputs need.
public struct MLPModel: Equatable, Sendable {
    public static let classes = ["g", "q", "W", "Z", "t"]
    public static let denseNames = ["fc1", "fc2", "fc3", "output"]
    public static let reluNames = ["relu1", "relu2", "relu3"]
    public static let widths = [16, 64, 32, 32, 5]

    public var dense: [DenseWeights]
    public var featureNames: [String]
    public var standardizer: Standardizer
    public var training: TrainingRecord?

    public init(
        dense: [DenseWeights], featureNames: [String], standardizer: Standardizer, training: TrainingRecord? = nil
    ) {
        self.dense = dense
        self.featureNames = featureNames
        self.standardizer = standardizer
        self.training = training
    }

    public var inputCount: Int { dense.first?.inputs ?? 0 }
    public var outputCount: Int { dense.last?.outputs ?? 0 }

    // MARK: Float inference

    /// Logits of a batch of standardised inputs (row-major [count, inputs]), in Float as Keras.
    public func logits(_ inputs: [Float], count: Int) -> [Float] {
        var h = Matrix(rows: count, columns: inputCount, storage: inputs)
        for (k, layer) in dense.enumerated() {
            h = Dense<Float>.apply(
                h, kernel: layer.kernel, bias: layer.bias, inputs: layer.inputs, outputs: layer.outputs)
            if k < dense.count - 1 {
                for i in h.storage.indices where !(h.storage[i] > 0) { h.storage[i] = 0 }
            }
        }
        return h.storage
    }

    /// Softmax probabilities of a batch (row-major [count, classes]).
    public func probabilities(_ inputs: [Float], count: Int) -> [Float] {
        SoftmaxCrossEntropy.softmax(Matrix(rows: count, columns: outputCount, storage: logits(inputs, count: count)))
            .storage
    }

    // MARK: Files

    struct Manifest: Codable {
        struct Layer: Codable {
            var name: String
            var kind: String
            var inputs: Int?
            var outputs: Int?
            var kernel: String?
            var bias: String?
        }
        struct Standardization: Codable {
            var mean: [Double]
            var std: [Double]
        }
        var format: String
        var description: String
        var classes: [String]
        var features: [String]
        var standardization: Standardization
        var layers: [Layer]
        var training: TrainingRecord?
    }

    static let formatName = "workshop-archive-mlp-1"

    /// The tensor files of the model, relative to its directory, in layer order.
    public static var tensorFiles: [String] { denseNames.flatMap { ["\($0)_kernel.npy", "\($0)_bias.npy"] } }

    public func write(directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var layers: [Manifest.Layer] = []
        for (k, d) in dense.enumerated() {
            let kernelFile = "\(d.name)_kernel.npy"
            let biasFile = "\(d.name)_bias.npy"
            try NPY.write(
                try NPYArray(d.kernel, shape: [d.inputs, d.outputs]), to: directory.appendingPathComponent(kernelFile))
            try NPY.write(try NPYArray(d.bias, shape: [d.outputs]), to: directory.appendingPathComponent(biasFile))
            layers.append(
                .init(
                    name: d.name, kind: "dense", inputs: d.inputs, outputs: d.outputs, kernel: kernelFile,
                    bias: biasFile))
            if k < dense.count - 1 {
                layers.append(.init(name: Self.reluNames[k], kind: "relu"))
            } else {
                layers.append(.init(name: "softmax", kind: "softmax"))
            }
        }
        let manifest = Manifest(
            format: Self.formatName,
            description:
                "hls4ml tutorial jet tagger: \(Self.widths.map(String.init).joined(separator: " → ")) with ReLU, softmax over g, q, W, Z, t; inputs are the listed jet features standardised as (x - mean) / std",
            classes: Self.classes, features: featureNames,
            standardization: .init(mean: standardizer.mean, std: standardizer.std), layers: layers, training: training)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(manifest)
        data.append(0x0A)
        try data.write(to: directory.appendingPathComponent("manifest.json"))
        try SHA256Digest.writeChecksumList(inDirectory: directory)
    }

    public static func load(directory: URL) throws -> MLPModel {
        let url = directory.appendingPathComponent("manifest.json")
        let manifest: Manifest
        do {
            manifest = try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: url))
        } catch {
            throw HLSConfigError("\(url.path): cannot read the model manifest: \(error)")
        }
        guard manifest.format == formatName else {
            throw HLSConfigError("\(url.path): unknown format '\(manifest.format)'")
        }
        var dense: [DenseWeights] = []
        for layer in manifest.layers where layer.kind == "dense" {
            guard let kFile = layer.kernel, let bFile = layer.bias, let n = layer.inputs, let m = layer.outputs else {
                throw HLSConfigError("\(url.path): dense layer \(layer.name) lacks kernel, bias or shape")
            }
            let k = try NPY.read(contentsOf: directory.appendingPathComponent(kFile))
            let b = try NPY.read(contentsOf: directory.appendingPathComponent(bFile))
            for (file, tensor) in [(kFile, k), (bFile, b)] {
                do { try tensor.requireFinite() } catch {
                    throw HLSConfigError("\(directory.appendingPathComponent(file).path): \(error)")
                }
            }
            guard k.shape == [n, m], b.shape == [m], let kv = k.floats, let bv = b.floats else {
                throw HLSConfigError("\(url.path): tensors of \(layer.name) must be float32 [\(n), \(m)] and [\(m)]")
            }
            dense.append(DenseWeights(name: layer.name, inputs: n, outputs: m, kernel: kv, bias: bv))
        }
        guard dense.map(\.name) == denseNames, dense.map(\.inputs) + [dense.last!.outputs] == widths,
            manifest.features.count == widths[0],
            manifest.standardization.mean.count == widths[0], manifest.standardization.std.count == widths[0]
        else {
            throw HLSConfigError(
                "\(url.path): the model is not the \(widths.map(String.init).joined(separator: "-")) tutorial MLP")
        }
        return MLPModel(
            dense: dense, featureNames: manifest.features,
            standardizer: Standardizer(mean: manifest.standardization.mean, std: manifest.standardization.std),
            training: manifest.training)
    }
}
