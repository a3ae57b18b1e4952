// Autoencoder: unsupervised anomaly scores for jets. A dense autoencoder is trained on one
// class of jets (QCD: gluon + light quark) and scores a jet by its reconstruction mean squared
// error; jets unlike the training class reconstruct worse. Also a PCA baseline with the same
// latent size, preprocessing (pre-processed jet images or standardised high-level features),
// committed-model I/O (.npy tensors + manifest.json) and evaluation helpers.
//
// Layout of a committed model folder (e.g. Content/models/autoencoder-qcd):
//   manifest.json                 AutoencoderManifest (spec, data hash, loss, timing)
//   dense<i>_kernel.npy           float32 [in, out]   (Keras layout, as NeuralNet.Dense)
//   dense<i>_bias.npy             float32 [out]
//   pca_mean.npy                  float64 [d]         PCA baseline (same latent size)
//   pca_components.npy            float64 [k, d]
//   standardizer_mean.npy / _std  float64 [d]         features variant only

import Foundation
import Jets
import NPY
import NeuralNet
import ParallelMap

/// What a model sees of a jet.
public enum AutoencoderInputKind: String, Codable, Sendable {
    /// The pre-processed, unit-sum jet image of `JetImage.make` (pixels × pixels), times `pixelScale`.
    case image
    /// `JetFeatures.vector`, standardised with the training set's mean and std.
    case features
}

/// Everything that defines a model and its training run.
public struct AutoencoderSpec: Codable, Equatable, Sendable {
    public var variant: String
    public var input: AutoencoderInputKind
    public var pixels: Int
    public var halfWidth: Double
    public var pixelScale: Double
    /// Encoder hidden widths (the decoder mirrors them); ReLU after each hidden layer.
    public var hidden: [Int]
    /// Latent width (linear bottleneck); also the PCA baseline's number of components.
    public var latent: Int
    /// Dataset labels trained on (0 g, 1 q, 2 W, 3 Z, 4 t).
    public var trainingClasses: [Int]
    /// At most this many training jets (the first ones of those classes in file order).
    public var maxTrainingJets: Int
    public var epochs: Int
    public var batchSize: Int
    public var learningRate: Double
    public var seed: UInt64

    /// Input dimension.
    public var inputSize: Int { input == .image ? pixels * pixels : JetFeatures.count }

    /// Layer widths from input to output, e.g. [256, 64, 8, 64, 256].
    public var widths: [Int] { [inputSize] + hidden + [latent] + hidden.reversed() + [inputSize] }

    /// The committed variants.
    public static let variants: [String: AutoencoderSpec] = [
        "qcd": AutoencoderSpec(
            variant: "qcd", input: .image, pixels: 16, halfWidth: 0.8, pixelScale: 1,
            hidden: [64], latent: 8, trainingClasses: [0, 1], maxTrainingJets: 1_000_000,
            epochs: 30, batchSize: 128, learningRate: 1e-3, seed: 20_201_023),
        "qcd-features": AutoencoderSpec(
            variant: "qcd-features", input: .features, pixels: 0, halfWidth: 0,
            pixelScale: 1, hidden: [32], latent: 4, trainingClasses: [0, 1],
            maxTrainingJets: 1_000_000, epochs: 60, batchSize: 128,
            learningRate: 1e-3, seed: 20_201_023),
        "top": AutoencoderSpec(
            variant: "top", input: .image, pixels: 16, halfWidth: 0.8, pixelScale: 1,
            hidden: [64], latent: 8, trainingClasses: [4], maxTrainingJets: 1_000_000,
            epochs: 30, batchSize: 128, learningRate: 1e-3, seed: 20_201_023),
    ]
    public static let variantNames = ["qcd", "qcd-features", "top"]

    /// Content-relative folder of a variant: models/autoencoder-qcd, -qcd-features, -top.
    public static func folder(variant: String) -> String {
        variant == "top" ? "models/autoencoder-top" : "models/autoencoder-\(variant)"
    }
}

/// manifest.json of a committed model.
public struct AutoencoderManifest: Codable, Equatable, Sendable {
    public var format = "workshop-archive autoencoder 1"
    public var spec: AutoencoderSpec
    public var architecture: String
    public var preprocessing: String
    /// SHA-256 of train_{constituents,offsets,labels}.npy, by file name (as in the dataset's manifest).
    public var dataSHA256: [String: String]
    public var trainingJets: Int
    public var parameterCount: Int
    /// Mean training MSE of each epoch (running mean over its mini-batches).
    public var epochLosses: [Double]
    public var finalLoss: Double
    /// Wall-clock seconds of the training loop (not part of the bit-for-bit reproduction).
    public var trainingSeconds: Double
    public var toolchain: String
    public var files: [String]
}

/// Errors loading or using a model.
public struct AutoencoderError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// A trained autoencoder (inference only; thread-safe) with its preprocessing and PCA baseline.
public struct AutoencoderModel: Sendable {
    public var spec: AutoencoderSpec
    /// Dense layers in order: (kernel [in, out], bias [out]).
    public var layers: [(kernel: [Float], bias: [Float], inputs: Int, outputs: Int)]
    public var standardizer: Standardizer?
    public var pca: PCAModel?

    public init(
        spec: AutoencoderSpec, layers: [(kernel: [Float], bias: [Float], inputs: Int, outputs: Int)],
        standardizer: Standardizer?, pca: PCAModel?
    ) {
        self.spec = spec
        self.layers = layers
        self.standardizer = standardizer
        self.pca = pca
    }

    /// The model input of one jet (image or standardised features).
    public func input(particles: [PseudoJet]) -> [Float] {
        AutoencoderModel.rawInput(spec: spec, particles: particles, standardizer: standardizer)
    }

    static func rawInput(spec: AutoencoderSpec, particles: [PseudoJet], standardizer: Standardizer?) -> [Float] {
        switch spec.input {
        case .image:
            let image = JetImage.make(particles: particles, pixels: spec.pixels, halfWidth: spec.halfWidth)
            return spec.pixelScale == 1 ? image : image.map { $0 * Float(spec.pixelScale) }
        case .features:
            let v = JetFeatures(particles: particles).vector
            guard let s = standardizer else { return v.map { Float($0) } }
            return s.transform(v, as: Float.self)
        }
    }

    /// Reconstructions of a batch of inputs (rows of `inputSize`).
    public func reconstruct(_ x: Matrix<Float>) -> Matrix<Float> {
        var h = x
        for (i, layer) in layers.enumerated() {
            h = Dense<Float>.apply(
                h, kernel: layer.kernel, bias: layer.bias, inputs: layer.inputs, outputs: layer.outputs)
            if i != layers.count - 1 && i != layers.count / 2 - 1 {
                for k in h.storage.indices where !(h.storage[k] > 0) { h.storage[k] = 0 }
            }
        }
        return h
    }

    /// Anomaly scores (per-row reconstruction MSE, accumulated in Double) of a batch of inputs.
    public func scores(inputs x: Matrix<Float>) -> [Double] {
        let y = reconstruct(x)
        let d = x.columns
        return (0..<x.rows).map { r in
            var s = 0.0
            for c in 0..<d {
                let e = Double(y.storage[r * d + c]) - Double(x.storage[r * d + c])
                s += e * e
            }
            return s / Double(d)
        }
    }

    /// Anomaly scores of jets, computed on all cores in chunks; the result is in input order.
    public func scores(jets: [[PseudoJet]]) -> [Double] {
        let inputs = parallelMap(jets.count) { input(particles: jets[$0]) }
        return scores(inputRows: inputs)
    }

    /// Scores of already preprocessed rows, in chunks of 256 on all cores.
    public func scores(inputRows: [[Float]]) -> [Double] {
        let chunk = 256
        let blocks = (inputRows.count + chunk - 1) / chunk
        let parts = parallelMap(blocks) { b -> [Double] in
            let lo = b * chunk
            let hi = min(inputRows.count, lo + chunk)
            return scores(inputs: Matrix(Array(inputRows[lo..<hi])))
        }
        return parts.flatMap { $0 }
    }

    /// PCA-baseline scores of preprocessed rows.
    public func pcaScores(inputRows: [[Float]]) -> [Double] {
        guard let pca else { return [] }
        return parallelMap(inputRows.count) { pca.reconstructionError(inputRows[$0]) }
    }

    // MARK: I/O

    /// Loads a committed model folder.
    public static func load(directory: String) throws -> AutoencoderModel {
        let base = URL(fileURLWithPath: directory)
        let manifestURL = base.appendingPathComponent("manifest.json")
        let manifest: AutoencoderManifest
        do {
            manifest = try JSONDecoder().decode(AutoencoderManifest.self, from: Data(contentsOf: manifestURL))
        } catch {
            throw AutoencoderError("\(manifestURL.path): cannot read the model manifest: \(error)")
        }
        let spec = manifest.spec
        func array(_ name: String) throws -> NPYArray {
            let path = base.appendingPathComponent(name).path
            do {
                let tensor = try NPY.read(path: path)
                try tensor.requireFinite()
                return tensor
            } catch { throw AutoencoderError("\(path): \(error)") }
        }
        let widths = spec.widths
        var layers: [(kernel: [Float], bias: [Float], inputs: Int, outputs: Int)] = []
        for i in 0..<(widths.count - 1) {
            let k = try array("dense\(i)_kernel.npy")
            let b = try array("dense\(i)_bias.npy")
            guard let kv = k.floats, let bv = b.floats, k.shape == [widths[i], widths[i + 1]],
                b.shape == [widths[i + 1]]
            else {
                throw AutoencoderError(
                    "\(directory): dense\(i) tensors are not float32 [\(widths[i]), \(widths[i + 1])] / [\(widths[i + 1])]"
                )
            }
            layers.append((kv, bv, widths[i], widths[i + 1]))
        }
        var standardizer: Standardizer?
        if spec.input == .features {
            guard let m = try array("standardizer_mean.npy").doubles, let s = try array("standardizer_std.npy").doubles,
                m.count == spec.inputSize, s.count == spec.inputSize
            else {
                throw AutoencoderError("\(directory): standardizer tensors are not float64 [\(spec.inputSize)]")
            }
            standardizer = Standardizer(mean: m, std: s)
        }
        var pca: PCAModel?
        if FileManager.default.fileExists(atPath: base.appendingPathComponent("pca_mean.npy").path) {
            let m = try array("pca_mean.npy")
            let c = try array("pca_components.npy")
            let e = try array("pca_eigenvalues.npy")
            guard let mv = m.doubles, let cv = c.doubles, let ev = e.doubles, c.shape.count == 2, c.shape[1] == mv.count
            else {
                throw AutoencoderError("\(directory): PCA tensors have unexpected types or shapes")
            }
            let d = mv.count
            pca = PCAModel(
                mean: mv, components: (0..<c.shape[0]).map { Array(cv[($0 * d)..<(($0 + 1) * d)]) }, eigenvalues: ev)
        }
        return AutoencoderModel(spec: spec, layers: layers, standardizer: standardizer, pca: pca)
    }

    /// Writes the tensors (not the manifest); returns the file names written.
    public func writeTensors(directory: String) throws -> [String] {
        let base = URL(fileURLWithPath: directory)
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        var files: [String] = []
        func write(_ a: NPYArray, _ name: String) throws {
            try NPY.write(a, to: base.appendingPathComponent(name))
            files.append(name)
        }
        for (i, l) in layers.enumerated() {
            try write(try NPYArray(l.kernel, shape: [l.inputs, l.outputs]), "dense\(i)_kernel.npy")
            try write(try NPYArray(l.bias, shape: [l.outputs]), "dense\(i)_bias.npy")
        }
        if let pca {
            try write(try NPYArray(pca.mean), "pca_mean.npy")
            try write(
                try NPYArray(pca.components.flatMap { $0 }, shape: [pca.components.count, pca.dimension]),
                "pca_components.npy")
            try write(try NPYArray(pca.eigenvalues), "pca_eigenvalues.npy")
        }
        if let standardizer {
            try write(try NPYArray(standardizer.mean), "standardizer_mean.npy")
            try write(try NPYArray(standardizer.std), "standardizer_std.npy")
        }
        return files
    }

    /// The files of a model folder that the scores depend on (for cache keys).
    public static func files(spec: AutoencoderSpec) -> [String] {
        var out = ["manifest.json"]
        for i in 0..<(spec.widths.count - 1) { out += ["dense\(i)_kernel.npy", "dense\(i)_bias.npy"] }
        out += ["pca_mean.npy", "pca_components.npy", "pca_eigenvalues.npy"]
        if spec.input == .features { out += ["standardizer_mean.npy", "standardizer_std.npy"] }
        return out
    }
}
