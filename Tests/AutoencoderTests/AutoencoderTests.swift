import Foundation
import NeuralNet
import XCTest

@testable import Autoencoder

final class AutoencoderTests: XCTestCase {
    /// 300 samples in 6 dimensions: a 2-D latent structure plus small noise, off-centre.
    func correlatedData(seed: UInt64 = 7) -> [Float] {
        var rng = Xoshiro256(seed: seed)
        var out: [Float] = []
        for _ in 0..<300 {
            let a = rng.nextGaussian()
            let b = rng.nextGaussian()
            let x = [a + 1, 0.5 * a - b, b + 2, 0.3 * a, -b, a + b]
            for v in x { out.append(Float(v + 0.1 * rng.nextGaussian())) }
        }
        return out
    }

    func testJacobiDiagonalisesAKnownMatrix() {
        // Eigenvalues 4, 2 and 1 of [[3, 1, 0], [1, 3, 0], [0, 0, 1]].
        let (values, vectors) = SymmetricEigen.decompose([3, 1, 0, 1, 3, 0, 0, 0, 1], n: 3)
        XCTAssertEqual(values[0], 4, accuracy: 1e-12)
        XCTAssertEqual(values[1], 2, accuracy: 1e-12)
        XCTAssertEqual(values[2], 1, accuracy: 1e-12)
        XCTAssertEqual(vectors[0][0], 0.5.squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(vectors[0][1], 0.5.squareRoot(), accuracy: 1e-12)
    }

    /// The closed-form optimal linear autoencoder (encoder Vₖᵀ(x − μ), decoder Vₖ z + μ) is the PCA
    /// projection, and its error is the Eckart–Young bound (trailing eigenvalues / d).
    func testClosedFormLinearAutoencoderIsPCA() {
        let data = correlatedData()
        let d = 6
        let k = 2
        let n = data.count / d
        let pca = PCAModel(fitting: data, columns: d, latent: k)
        var encoder = [Double](repeating: 0, count: d * k)
        var encoderBias = [Double](repeating: 0, count: k)
        var decoder = [Double](repeating: 0, count: k * d)
        for j in 0..<k {
            for i in 0..<d {
                encoder[i * k + j] = pca.components[j][i]
                decoder[j * d + i] = pca.components[j][i]
                encoderBias[j] -= pca.components[j][i] * pca.mean[i]
            }
        }
        let net = Sequential<Double>([
            Dense(kernel: encoder, bias: encoderBias, inputs: d, outputs: k),
            Dense(kernel: decoder, bias: pca.mean, inputs: k, outputs: d),
        ])
        let x = Matrix(rows: n, columns: d, storage: data.map { Double($0) })
        let aeError = MeanSquaredError.lossAndGradient(prediction: net.forward(x), target: x).loss
        var pcaError = 0.0
        for r in 0..<n { pcaError += pca.reconstructionError(Array(data[(r * d)..<((r + 1) * d)])) }
        pcaError /= Double(n)
        XCTAssertEqual(aeError, pcaError, accuracy: 1e-12 * max(1, pcaError))
        XCTAssertEqual(aeError, pca.trainingError, accuracy: 1e-9)
    }

    /// A linear autoencoder trained by gradient descent reaches PCA's reconstruction error.
    func testTrainedLinearAutoencoderMatchesPCA() {
        let data = correlatedData()
        let d = 6
        let k = 2
        let n = data.count / d
        let pca = PCAModel(fitting: data, columns: d, latent: k)
        var rng = Xoshiro256(seed: 3)
        let net = makeAutoencoderNetwork(widths: [d, k, d], as: Double.self, rng: &rng)
        XCTAssertEqual(net.layers.count, 2)  // no ReLU: linear
        var adam = Adam<Double>(learningRate: 0.01)
        let x = Matrix(rows: n, columns: d, storage: data.map { Double($0) })
        var loss = 0.0
        for step in 0..<4000 {
            if step == 3000 { adam.learningRate = 0.001 }
            let (l, g) = MeanSquaredError.lossAndGradient(prediction: net.forward(x), target: x)
            loss = l
            net.zeroGradients()
            _ = net.backward(g)
            adam.step(net)
        }
        XCTAssertGreaterThanOrEqual(loss, pca.trainingError * (1 - 1e-6))  // PCA is optimal
        XCTAssertEqual(loss, pca.trainingError, accuracy: 0.01 * pca.trainingError)
    }

    func testGradientsMatchFiniteDifferences() {
        var rng = Xoshiro256(seed: 11)
        let net = makeAutoencoderNetwork(widths: [5, 4, 2, 4, 5], as: Double.self, rng: &rng)
        XCTAssertEqual(net.layers.count, 6)  // Dense ReLU Dense Dense ReLU Dense
        let x = Matrix(rows: 3, columns: 5, storage: (0..<15).map { _ in rng.nextGaussian() })
        let error = GradientCheck.check(model: net, input: x) { y in
            let (l, g) = MeanSquaredError.lossAndGradient(prediction: y, target: x)
            return (l, g)
        }
        // The target is the (fixed) input here, so the check perturbs the network input only through
        // the forward pass; parameters are exact.
        XCTAssertLessThan(error, 1e-6)
    }

    func testShortTrainingRunIsDeterministic() {
        var rng = Xoshiro256(seed: 5)
        let x = Matrix(rows: 200, columns: 16, storage: (0..<3200).map { _ in Float(rng.nextUnitDouble()) })
        let a = trainAutoencoder(
            data: x, widths: [16, 8, 3, 8, 16], epochs: 3, batchSize: 32, learningRate: 1e-3, seed: 9)
        let b = trainAutoencoder(
            data: x, widths: [16, 8, 3, 8, 16], epochs: 3, batchSize: 32, learningRate: 1e-3, seed: 9)
        XCTAssertEqual(a.network.parameters.map(\.value), b.network.parameters.map(\.value))
        XCTAssertEqual(a.epochLosses, b.epochLosses)
        XCTAssertLessThan(a.epochLosses.last!, a.epochLosses.first!)
        // Inference copy reproduces the training network's reconstruction error.
        let model = AutoencoderModel(
            spec: AutoencoderSpec.variants["qcd"]!, network: a.network, standardizer: nil, pca: nil)
        let scores = model.scores(inputs: x)
        let y = a.network.forward(x)
        var s = 0.0
        for c in 0..<16 {
            let e = Double(y.storage[c]) - Double(x.storage[c])
            s += e * e
        }
        XCTAssertEqual(scores[0], s / 16, accuracy: 1e-12)
    }

    func testJensenShannonAndThreshold() {
        XCTAssertEqual(AnomalyEvaluation.jensenShannon([1, 2, 3], [2, 4, 6]), 0, accuracy: 1e-15)
        XCTAssertEqual(AnomalyEvaluation.jensenShannon([1, 0], [0, 5]), 1, accuracy: 1e-15)
        XCTAssertEqual(AnomalyEvaluation.threshold(keepingTop: 0.1, of: (1...100).map(Double.init)), 91)
        XCTAssertEqual(AnomalyEvaluation.histogram([0, 5, 9.99, 10, -1], low: 0, high: 10, bins: 2), [1, 2])
    }
    /// Tensors + manifest written and read back give the same scores (image spec, PCA included).
    func testModelFolderRoundTrip() throws {
        var spec = AutoencoderSpec.variants["qcd"]!
        spec.pixels = 4
        spec.hidden = [6]
        spec.latent = 2
        var rng = Xoshiro256(seed: 21)
        let x = Matrix(rows: 50, columns: 16, storage: (0..<800).map { _ in Float(rng.nextUnitDouble()) })
        let trained = trainAutoencoder(
            data: x, widths: spec.widths, epochs: 2, batchSize: 16, learningRate: 1e-3, seed: 1)
        let pca = PCAModel(fitting: x.storage, columns: 16, latent: 2)
        let model = AutoencoderModel(spec: spec, network: trained.network, standardizer: nil, pca: pca)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ae-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let files = try model.writeTensors(directory: dir.path)
        let manifest = AutoencoderManifest(
            spec: spec, architecture: "", preprocessing: "", dataSHA256: [:], trainingJets: 50,
            parameterCount: 0, epochLosses: trained.epochLosses, finalLoss: 0,
            trainingSeconds: 0, toolchain: "", files: files)
        try JSONEncoder().encode(manifest).write(to: dir.appendingPathComponent("manifest.json"))
        XCTAssertEqual(Set(files + ["manifest.json"]), Set(AutoencoderModel.files(spec: spec)))
        let loaded = try AutoencoderModel.load(directory: dir.path)
        let rows = (0..<50).map { x.row($0) }
        XCTAssertEqual(loaded.scores(inputRows: rows), model.scores(inputRows: rows))
        XCTAssertEqual(loaded.pcaScores(inputRows: rows), model.pcaScores(inputRows: rows))
    }
}
