import Foundation
import Jets
import NPY
import NeuralNet
import ParallelMap

/// The architecture and preprocessing a trained network needs besides its tensors.
public struct LundNetConfiguration: Sendable, Equatable, Codable {
    public var variant: LundFeatureVariant
    public var lnKtMin: Double?
    public var blockWidths: [Int]
    public var headWidth: Int
    public var classes: Int

    public init(
        variant: LundFeatureVariant = .five, lnKtMin: Double? = nil, blockWidths: [Int] = [16, 32, 32],
        headWidth: Int = 64, classes: Int = 2
    ) {
        self.variant = variant
        self.lnKtMin = lnKtMin
        self.blockWidths = blockWidths
        self.headWidth = headWidth
        self.classes = classes
    }
}

/// A trained network: configuration, input standardiser, and every tensor by name (parameters
/// and batch-norm running statistics), Float32.
public struct LundNetWeights: Sendable, Equatable {
    public var configuration: LundNetConfiguration
    public var standardizer: Standardizer
    public var tensors: [String: [Float]]
    public var shapes: [String: [Int]]

    /// Reads back the values of a model.
    public init(model: LundNetModel<Float>, configuration: LundNetConfiguration, standardizer: Standardizer) {
        self.configuration = configuration
        self.standardizer = standardizer
        var tensors: [String: [Float]] = [:]
        var shapes: [String: [Int]] = [:]
        for (name, p) in model.namedParameters {
            tensors[name] = p.value
            shapes[name] = p.shape
        }
        for (name, bn) in model.namedNorms {
            tensors[name + ".running_mean"] = bn.runningMean
            tensors[name + ".running_var"] = bn.runningVariance
            shapes[name + ".running_mean"] = [bn.features]
            shapes[name + ".running_var"] = [bn.features]
        }
        self.tensors = tensors
        self.shapes = shapes
    }

    /// A model in inference mode (batch norm on running statistics) holding these weights.
    public func makeModel() -> LundNetModel<Float> {
        var rng = Xoshiro256(seed: 0)
        let c = configuration
        let model = LundNetModel<Float>(
            inputFeatures: c.variant.count, blockWidths: c.blockWidths,
            headWidth: c.headWidth, classes: c.classes, rng: &rng)
        func assign(_ name: String, _ p: inout Parameter<Float>) {
            guard let v = tensors[name], v.count == p.value.count else {
                preconditionFailure("LundNetWeights: tensor \(name) missing or of the wrong size")
            }
            p.value = v
        }
        for (k, b) in model.blocks.enumerated() {
            let parts: [(String, (any Layer<Float>)?)] = [
                ("edge1", b.edgeDense1), ("edge1_bn", b.edgeNorm1),
                ("edge2", b.edgeDense2), ("edge2_bn", b.edgeNorm2),
                ("shortcut", b.shortcutDense), ("shortcut_bn", b.shortcutNorm),
            ]
            for (name, layer) in parts { layer?.visitParameters { assign("block\(k).\(name).\($0.name)", &$0) } }
        }
        model.head1.visitParameters { assign("head1.\($0.name)", &$0) }
        model.head2.visitParameters { assign("head2.\($0.name)", &$0) }
        for (name, bn) in model.namedNorms {
            bn.runningMean = tensors[name + ".running_mean"]!
            bn.runningVariance = tensors[name + ".running_var"]!
        }
        model.setTraining(false)
        return model
    }

    /// The graph of a jet as this network expects it.
    public func graph(_ particles: [PseudoJet]) -> LundGraph {
        LundGraph(particles: particles, variant: configuration.variant, lnKtMin: configuration.lnKtMin)
    }

    /// Class probabilities (softmax of the logits), one row per graph, in inference mode. Each
    /// graph's result does not depend on the others in the batch.
    public func probabilities(_ graphs: [LundGraph], model: LundNetModel<Float>? = nil) -> [[Float]] {
        guard !graphs.isEmpty else { return [] }
        let m = model ?? makeModel()
        let batch = GraphBatch<Float>(graphs, standardizer: standardizer)
        let p = SoftmaxCrossEntropy.softmax(m.forward(batch.nodes, graph: batch))
        return (0..<p.rows).map { p.row($0) }
    }

    /// Signal (class 1) probability of every graph, on all cores, in input order.
    public func signalProbabilities(_ graphs: [LundGraph], chunk: Int = 32) -> [Float] {
        let chunks = (graphs.count + chunk - 1) / chunk
        let parts = parallelMap(chunks) { k -> [Float] in
            let slice = Array(graphs[(k * chunk)..<min(graphs.count, (k + 1) * chunk)])
            return probabilities(slice).map { $0[1] }
        }
        return parts.flatMap { $0 }
    }

    // MARK: Files

    /// Writes `<name>.npy` for every tensor (float32) and the standardiser
    /// (`input_mean.npy`, `input_std.npy`, float64) into `directory`.
    public func write(directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for name in tensors.keys.sorted() {
            try NPY.write(
                NPYArray(tensors[name]!, shape: shapes[name]!), to: directory.appendingPathComponent(name + ".npy"))
        }
        try NPY.write(NPYArray(standardizer.mean), to: directory.appendingPathComponent("input_mean.npy"))
        try NPY.write(NPYArray(standardizer.std), to: directory.appendingPathComponent("input_std.npy"))
    }

    /// The file names `write` produces, sorted.
    public var fileNames: [String] {
        (tensors.keys.map { $0 + ".npy" } + ["input_mean.npy", "input_std.npy"]).sorted()
    }

    /// The files a model of this architecture consists of (besides manifest.json).
    public static func fileNames(for c: LundNetConfiguration) -> [String] {
        var rng = Xoshiro256(seed: 0)
        let model = LundNetModel<Float>(
            inputFeatures: c.variant.count, blockWidths: c.blockWidths,
            headWidth: c.headWidth, classes: c.classes, rng: &rng)
        return LundNetWeights(model: model, configuration: c, standardizer: Standardizer(mean: [], std: [])).fileNames
    }

    /// Loads a model directory written by `LundNetTrainer` (manifest.json + .npy tensors).
    public static func load(directory: URL) throws -> LundNetWeights {
        let manifestURL = directory.appendingPathComponent("manifest.json")
        let data: Data
        do { data = try Data(contentsOf: manifestURL) } catch {
            throw LundNetError("\(manifestURL.path): cannot read the model manifest")
        }
        let manifest: LundNetManifest
        do { manifest = try JSONDecoder().decode(LundNetManifest.self, from: data) } catch {
            throw LundNetError("\(manifestURL.path): malformed manifest (\(error))")
        }
        var tensors: [String: [Float]] = [:]
        var shapes: [String: [Int]] = [:]
        for (name, shape) in manifest.tensors {
            let path = directory.appendingPathComponent(name + ".npy").path
            let array: NPYArray
            do {
                array = try NPY.read(path: path)
                try array.requireFinite()
            } catch { throw LundNetError("\(path): \(error)") }
            guard let values = array.floats, array.shape == shape else {
                throw LundNetError("\(path): expected float32 of shape \(shape)")
            }
            tensors[name] = values
            shapes[name] = shape
        }
        func doubles(_ name: String) throws -> [Double] {
            let path = directory.appendingPathComponent(name).path
            guard let a = try? NPY.read(path: path), let v = a.doubles, v.count == manifest.configuration.variant.count
            else {
                throw LundNetError("\(path): expected float64 of \(manifest.configuration.variant.count) values")
            }
            do { try a.requireFinite() } catch { throw LundNetError("\(path): \(error)") }
            return v
        }
        let weights = LundNetWeights(
            configuration: manifest.configuration,
            standardizer: Standardizer(mean: try doubles("input_mean.npy"), std: try doubles("input_std.npy")),
            tensors: tensors, shapes: shapes)
        // Check that every tensor the architecture needs is there with the right size.
        var rng = Xoshiro256(seed: 0)
        let c = manifest.configuration
        let reference = LundNetWeights(
            model: LundNetModel<Float>(
                inputFeatures: c.variant.count, blockWidths: c.blockWidths,
                headWidth: c.headWidth, classes: c.classes, rng: &rng),
            configuration: c, standardizer: weights.standardizer)
        for (name, shape) in reference.shapes where weights.shapes[name] != shape {
            throw LundNetError("\(directory.path): tensor \(name) missing or not of shape \(shape)")
        }
        return weights
    }

    public init(
        configuration: LundNetConfiguration, standardizer: Standardizer, tensors: [String: [Float]],
        shapes: [String: [Int]]
    ) {
        self.configuration = configuration
        self.standardizer = standardizer
        self.tensors = tensors
        self.shapes = shapes
    }
}

public struct LundNetError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// `manifest.json` of a model directory.
public struct LundNetManifest: Codable, Sendable {
    public var model: String
    public var configuration: LundNetConfiguration
    public var tensors: [String: [Int]]
    public var training: LundNetTrainingRecord
}
