import FixedPoint
import Foundation
import NeuralNet
import XCTest

@testable import QuantizedMLP

final class ModelTests: XCTestCase {
    static func synthetic(_ n: Int, seed: UInt64) -> LabelledFeatures {
        var rng = Xoshiro256(seed: seed)
        var features: [Double] = []
        var labels: [Int] = []
        for i in 0..<n {
            let label = i % 5
            labels.append(label)
            for k in 0..<16 { features.append(rng.nextGaussian() + (k % 5 == label ? 1.5 : 0) + Double(k) * 10) }
        }
        return LabelledFeatures(features: features, labels: labels)
    }

    /// A short training run, twice in-process: bit-identical weights; the manifest round-trips.
    func testTrainingIsBitReproducibleAndRoundTrips() throws {
        var options = MLPTrainingOptions()
        options.epochs = 3
        options.batchSize = 32
        let train = Self.synthetic(200, seed: 1)
        let validation = Self.synthetic(50, seed: 2)
        let a = MLPTraining.train(
            train: train, validation: validation, options: options, dataDescription: "synthetic", dataHashes: [:])
        let b = MLPTraining.train(
            train: train, validation: validation, options: options, dataDescription: "synthetic", dataHashes: [:])
        XCTAssertEqual(
            a.dense.flatMap { $0.kernel + $0.bias }.map(\.bitPattern),
            b.dense.flatMap { $0.kernel + $0.bias }.map(\.bitPattern))
        XCTAssertEqual(a.training, b.training)
        XCTAssertGreaterThan(a.training!.validationAccuracy, 0.5)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mlp-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try a.write(directory: dir)
        XCTAssertEqual(try MLPModel.load(directory: dir), a)
    }

    /// The Float path against a direct Double implementation of the same network.
    func testFloatPathMatchesDirectDouble() {
        let model = Golden.shared.model
        let inputs = Golden.shared.inputs.prefix(40)
        let probabilities = model.probabilities(inputs.flatMap { $0 }, count: inputs.count)
        for (n, x) in inputs.enumerated() {
            var h = x.map(Double.init)
            for (k, d) in model.dense.enumerated() {
                var y = d.bias.map(Double.init)
                for j in 0..<d.outputs { for i in 0..<d.inputs { y[j] += h[i] * Double(d.kernel[i * d.outputs + j]) } }
                h = k < model.dense.count - 1 ? y.map { max(0, $0) } : y
            }
            let m = h.max()!
            let e = h.map { exp($0 - m) }
            let s = e.reduce(0, +)
            for c in 0..<5 {
                XCTAssertEqual(Double(probabilities[n * 5 + c]), e[c] / s, accuracy: 1e-5, "sample \(n) class \(c)")
            }
        }
    }

    /// hls4ml's fixed-point network at a generous precision follows the float model.
    func testWidePrecisionAgreesWithFloat() throws {
        let g = Golden.shared
        let net = try QuantizedNetwork(
            model: g.model, config: HLSConfig(uniform: try FixedPointType.parse("ap_fixed<31,12,AP_RND,AP_SAT>")))
        let ordinary = g.inputs.enumerated().filter { $0.offset % 10 < 7 }.map(\.element)
        let logits = g.model.logits(ordinary.flatMap { $0 }, count: ordinary.count)
        for (n, x) in ordinary.enumerated() {
            let p = net.predict(x)
            for c in 0..<5 { XCTAssertEqual(p.logits[c], Double(logits[n * 5 + c]), accuracy: 0.05) }
        }
    }

    func testBatchAndStatisticsPathsAgree() throws {
        let g = Golden.shared
        let net = try QuantizedNetwork(
            model: g.model, config: HLSConfig(uniform: try FixedPointType.parse("ap_fixed<8,3>")))
        let x = g.inputs.flatMap { $0 }
        let batch = net.predict(batch: x, count: g.inputs.count)
        let (tracked, stats) = net.predictWithStatistics(batch: x, count: g.inputs.count)
        XCTAssertEqual(batch, tracked)
        XCTAssertEqual(stats.layers, ["fc1", "relu1", "fc2", "relu2", "fc3", "relu3", "output", "softmax"])
        XCTAssertEqual(stats.values[0], 64 * g.inputs.count)
        XCTAssertGreaterThan(stats.fraction("fc1"), 0)  // <8,3> overflows on the far-out inputs
        // The same counts sample by sample.
        var reference: OverflowStatistics? = OverflowStatistics(layers: [], overflowed: [], values: [])
        for input in g.inputs { _ = net.predict(input, statistics: &reference) }
        XCTAssertEqual(stats, reference)
    }

    func testQuantizeTextParsing() throws {
        let t = try FixedPointType.parse("ap_fixed<8,3,AP_RND,AP_SAT>")
        XCTAssertEqual(
            try QuantizeText.run("0.1\n\n  -1.3e0 \n1E+1\n-100\n.5\n3.\n", type: t),
            "0.09375\n-1.3125\n3.96875\n-4\n0.5\n3\n")
        for bad in ["abc", "1,5", "0x1p3", "inf", "nan", "1e", "--1", "1.2.3", "."] {
            XCTAssertThrowsError(try QuantizeText.run("1\n\(bad)\n2\n", type: t)) { error in
                XCTAssertEqual((error as? QuantizeTextError)?.line, 2, bad)
            }
        }
        XCTAssertEqual(try QuantizeText.run("1e400\n-1e-400\n", type: t), "3.96875\n0\n")
        // Output reads back as a Double equal to the value.
        let wide = try FixedPointType.parse("fixed<40,10>")
        let line = try QuantizeText.run("3.14159265358979\n", type: wide)
        XCTAssertEqual(Double(line.dropLast()), wide.quantize(3.14159265358979).doubleValue)
    }

    func testConfigFileParsing() throws {
        let yaml = """
            # hls4ml configuration
            Model:
              Precision: ap_fixed<16,6>
              ReuseFactor: 1
              Strategy: Latency
            LayerName:
              fc1:
                Precision:
                  weight: ap_fixed<8,3>   # narrow weights
                  result: 'ap_fixed<12,5,AP_RND,AP_SAT>'
              softmax:
                exp_table_t: ap_fixed<18,8,AP_RND,AP_SAT>
                table_size: 512
                Precision: {result: "ufixed<16,0>", accum: "ap_fixed<20,8>"}
            """
        let c = try HLSConfig(tree: try ConfigNode.parse(configFile: yaml))
        XCTAssertEqual(c.precision(layer: "fc1", .weight).description, "ap_fixed<8,3>")
        XCTAssertEqual(c.precision(layer: "fc1", .result).description, "ap_fixed<12,5,AP_RND,AP_SAT>")
        XCTAssertEqual(c.precision(layer: "fc1", .bias).description, "ap_fixed<16,6>")
        XCTAssertEqual(c.precision(layer: "softmax", .result).description, "ap_ufixed<16,0>")
        XCTAssertEqual(c.precision(layer: "softmax", .accum).description, "ap_fixed<20,8>")
        XCTAssertEqual(c.softmaxTableSize, 512)
        let json = "{\"Model\": {\n\t\"Precision\": {\"default\": \"ap_fixed<10,4>\", \"accum\": \"ap_fixed<20,8>\"}}}"
        let j = try HLSConfig(tree: try ConfigNode.parse(configFile: json))
        XCTAssertEqual(j.precision(layer: "fc2", .accum).description, "ap_fixed<20,8>")
        XCTAssertThrowsError(try ConfigNode.parse(configFile: "Model:\n  - a\n")) {
            XCTAssertEqual("\($0)", "line 2, column 3: a list is not an hls4ml configuration value")
        }
        XCTAssertThrowsError(try ConfigNode.parse(configFile: "Model:\n  Precision: &p ap_fixed<16,6>\nX: *p\n")) {
            XCTAssertTrue("\($0)".hasPrefix("line 3, column 4: "), "\($0)")
        }
        XCTAssertThrowsError(try ConfigNode.parse(configFile: "Model: {Precision: ap_fixed<16,6>\n")) {
            XCTAssertTrue("\($0)".contains("not valid YAML or JSON"), "\($0)")
        }
        // Unquoted, the comma of a type ends the value inside a flow mapping, as hls4ml's own
        // YAML reader sees it: the stray key "6>" is refused.
        XCTAssertThrowsError(
            try HLSConfig(tree: try ConfigNode.parse(configFile: "Model:\n  Precision: {default: ap_fixed<16,6>}\n")))
        XCTAssertThrowsError(
            try HLSConfig(tree: try ConfigNode.parse(configFile: "Modle:\n  Precision: ap_fixed<16,6>\n")))
    }
}
