import FixedPoint
import Foundation
import NeuralNet
import XCTest

@testable import QuantizedMLP

/// The committed golden vectors (Tools/hls4ml-reference): the tutorial network with pseudo-random
/// float32 weights run through the real hls4ml 1.3.0 headers under several configurations.
struct Golden {
    var tensors: [String: [Float]] = [:]
    var inputs: [[Float]] = []
    var configs: [(id: String, spec: String)] = []
    var sizes: [String: (Int, Int)] = [:]
    var expTables: [String: [Int64]] = [:]
    var invTables: [String: [Int64]] = [:]
    /// id → per sample (logits raw, probabilities raw).
    var outputs: [String: [([Int64], [Int64])]] = [:]

    static let shared: Golden = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/hls4ml_mlp_golden.txt")
        let text = try! String(contentsOf: url, encoding: .utf8)
        var g = Golden()
        func floats(_ parts: ArraySlice<Substring>) -> [Float] {
            parts.map { Float(bitPattern: UInt32($0, radix: 16)!) }
        }
        for line in text.split(separator: "\n") {
            if line.hasPrefix("config ") {
                let rest = line.dropFirst(7)
                let sp = rest.firstIndex(of: " ")!
                g.configs.append((String(rest[..<sp]), String(rest[rest.index(after: sp)...])))
                continue
            }
            let parts = line.split(separator: " ")
            switch parts[0] {
            case "tensor": g.tensors[String(parts[1])] = floats(parts[3...])
            case "input": g.inputs.append(floats(parts[2...]))
            case "sizes": g.sizes[String(parts[1])] = (Int(parts[2])!, Int(parts[3])!)
            case "exp": g.expTables[String(parts[1])] = parts[2...].map { Int64($0)! }
            case "inv": g.invTables[String(parts[1])] = parts[2...].map { Int64($0)! }
            case "out":
                let values = parts[3...].map { Int64($0)! }
                g.outputs[String(parts[1]), default: []].append((Array(values.prefix(5)), Array(values.suffix(5))))
            default: fatalError("unknown fixture record \(parts[0])")
            }
        }
        return g
    }()

    var model: MLPModel {
        let widths = MLPModel.widths
        let dense = MLPModel.denseNames.enumerated().map { k, name in
            DenseWeights(
                name: name, inputs: widths[k], outputs: widths[k + 1],
                kernel: tensors["\(name)_kernel"]!, bias: tensors["\(name)_bias"]!)
        }
        return MLPModel(
            dense: dense, featureNames: (0..<16).map { "f\($0)" },
            standardizer: Standardizer(mean: [Double](repeating: 0, count: 16), std: [Double](repeating: 1, count: 16)))
    }
}

final class GoldenTests: XCTestCase {
    func testFixtureIsComplete() {
        let g = Golden.shared
        XCTAssertEqual(g.tensors.count, 8)
        XCTAssertEqual(g.inputs.count, 160)
        XCTAssertEqual(g.configs.count, 7)
        for c in g.configs { XCTAssertEqual(g.outputs[c.id]?.count, 160, c.id) }
    }

    func testSoftmaxTablesAndSizesMatchHLS4ML() throws {
        let g = Golden.shared
        for (id, spec) in g.configs {
            let net = try QuantizedNetwork(model: g.model, config: HLSConfig(compact: spec))
            XCTAssertEqual(net.softmax.expTableSize, g.sizes[id]!.0, id)
            XCTAssertEqual(net.softmax.invTableSize, g.sizes[id]!.1, id)
            XCTAssertEqual(net.softmax.expTable, g.expTables[id]!, "exp table of \(id)")
            XCTAssertEqual(net.softmax.invTable, g.invTables[id]!, "inv table of \(id)")
        }
    }

    func testNetworkOutputsAreBitExact() throws {
        let g = Golden.shared
        for (id, spec) in g.configs {
            let net = try QuantizedNetwork(model: g.model, config: HLSConfig(compact: spec))
            var mismatches = 0
            for (n, x) in g.inputs.enumerated() {
                let expected = g.outputs[id]![n]
                let fast = net.predictRawFast(x)
                let perOperation = net.predictRawPerOperation(x)
                if fast.logits != expected.0 || fast.probabilities != expected.1
                    || perOperation.logits != expected.0 || perOperation.probabilities != expected.1
                {
                    mismatches += 1
                    if mismatches <= 3 {
                        XCTFail(
                            "\(id) sample \(n): expected \(expected.0) \(expected.1), fast \(fast.logits) \(fast.probabilities), per-operation \(perOperation.logits) \(perOperation.probabilities)"
                        )
                    }
                }
            }
            XCTAssertEqual(mismatches, 0, "\(id): \(mismatches) of \(g.inputs.count) samples differ")
        }
    }
}
