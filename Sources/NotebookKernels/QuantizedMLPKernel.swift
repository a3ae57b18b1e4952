import ArchiveModel
import ArchiveNotebooks
import FixedPoint
import Foundation
import Jets
import Metrics
import NeuralNet
import QuantizedMLP

/// The hls4ml tutorial: the committed jet-tagging MLP (Content/models/mlp) evaluated on the
/// committed jets in float and bit-exactly as hls4ml 1.3.0's C simulation computes it at several
/// fixed-point configurations. Tables: accuracy, per-class AUC, agreement with float and a
/// resource proxy per configuration; the fraction of values that overflowed per layer; the
/// resolved types of the per-layer configurations. Plot: one class's ROC per configuration.
struct QuantizedMLPKernel: NotebookKernel {
    let name = "hls4ml-mlp"
    let version = "1"

    static let modelFiles = ["models/mlp/manifest.json"] + MLPModel.tensorFiles.map { "models/mlp/\($0)" }
    static let defaultPrecisions = [
        "float", "ap_fixed<16,6>", "ap_fixed<12,5>", "ap_fixed<10,4>", "ap_fixed<8,3>", "ap_fixed<6,2>",
    ]
    static let defaultConfigs = [
        "ap_fixed<16,6>; fc1.weight=ap_fixed<8,3>; fc2.weight=ap_fixed<6,2>; fc3.weight=ap_fixed<6,2>; output.weight=ap_fixed<8,3>; relu1.result=ap_ufixed<8,4>; relu2.result=ap_ufixed<8,4>; relu3.result=ap_ufixed<8,4>"
    ]

    struct Configuration: Sendable {
        var label: String
        var config: HLSConfig?  // nil: float
    }

    struct Parameters: Sendable {
        var split: String
        var configurations: [Configuration]
        var rocClass: JetClass
        var maxJets: Int
    }

    func parameters(from reader: inout ParameterReader) -> Parameters {
        let split = reader.string("split", default: "test", allowed: ["train", "val", "test"])
        let precisions = reader.strings("precisions", default: Self.defaultPrecisions)
        let configs = reader.strings("configs", default: Self.defaultConfigs)
        let roc = reader.string("roc_class", default: "t", allowed: JetClass.allCases.map(\.symbol))
        let maxJets = reader.integer("max_jets", default: 1_000_000, in: 10...1_000_000)
        var configurations: [Configuration] = []
        for p in precisions {
            if p == "float" {
                configurations.append(Configuration(label: "float", config: nil))
            } else if let t = try? FixedPointType.parse(p) {
                configurations.append(Configuration(label: t.description, config: HLSConfig(uniform: t)))
            } else {
                configurations.append(Configuration(label: "invalid: \(p)", config: nil))
            }
        }
        for (k, c) in configs.enumerated() {
            if let hls = try? HLSConfig(compact: c) {
                configurations.append(Configuration(label: "per-layer \(k + 1)", config: hls))
            } else {
                configurations.append(Configuration(label: "invalid: \(c)", config: nil))
            }
        }
        return Parameters(
            split: split, configurations: configurations,
            rocClass: JetClass.allCases.first { $0.symbol == roc } ?? .top, maxJets: maxJets)
    }

    func inputs(for p: Parameters) -> [String] {
        ["constituents", "offsets", "labels"].map { "data/jets/\(p.split)_\($0).npy" } + Self.modelFiles
    }

    struct Evaluation {
        var label: String
        var predicted: [Int]
        var probabilities: [[Double]]
        var statistics: OverflowStatistics?
        var network: QuantizedNetwork?
    }

    func run(_ p: Parameters, context: KernelContext) throws -> KernelOutput {
        if let bad = p.configurations.first(where: { $0.label.hasPrefix("invalid: ") }) {
            // Re-parse to report the precise reason.
            let text = String(bad.label.dropFirst("invalid: ".count))
            do {
                if text.contains(";") || text.contains("=") {
                    _ = try HLSConfig(compact: text)
                } else {
                    _ = try FixedPointType.parse(text)
                }
            } catch { throw KernelFailure("configuration '\(text)': \(error)") }
            throw KernelFailure("configuration '\(text)' is invalid")
        }
        let model: MLPModel
        do { model = try MLPModel.load(directory: context.inputURL("models/mlp")) } catch {
            throw KernelFailure("\(error)")
        }
        let dataset = try JetDataset.load(directory: context.inputURL("data/jets").path, split: p.split)
        let count = min(dataset.count, p.maxJets)
        let featureIndices = model.featureNames.map { JetFeatures.names.firstIndex(of: $0)! }
        let rows = try context.map(count) { i -> [Double] in
            let v = JetFeatures(particles: dataset.particles(i)).vector
            return featureIndices.map { v[$0] }
        }
        try context.checkDeadline()
        let x: [Float] = model.standardizer.transform(rows.flatMap { $0 })
        let labels = Array(dataset.labels.prefix(count))

        var evaluations: [Evaluation] = []
        for c in p.configurations {
            guard let hls = c.config else {
                let probs = model.probabilities(x, count: count)
                let rowsP = (0..<count).map { i in (0..<5).map { Double(probs[i * 5 + $0]) } }
                evaluations.append(Evaluation(label: c.label, predicted: rowsP.map(argmax), probabilities: rowsP))
                continue
            }
            let network: QuantizedNetwork
            do { network = try QuantizedNetwork(model: model, config: hls) } catch {
                throw KernelFailure("\(c.label): \(error)")
            }
            let (predictions, stats) = network.predictWithStatistics(batch: x, count: count)
            // The decision is the argmax of the logits (the softmax output is often saturated or tied at low precision).
            evaluations.append(
                Evaluation(
                    label: c.label, predicted: predictions.map { argmax($0.logits) },
                    probabilities: predictions.map(\.probabilities), statistics: stats, network: network))
            try context.checkDeadline()
        }
        let reference = evaluations.first { $0.label == "float" }
        return KernelOutput(
            tables: [
                try summaryTable(evaluations, labels: labels, reference: reference, split: p.split),
                overflowTable(evaluations), typesTable(evaluations),
            ],
            plots: [try rocPlot(evaluations, labels: labels, signal: p.rocClass)])
    }

    func argmax(_ v: [Double]) -> Int {
        var best = 0
        for k in 1..<v.count where v[k] > v[best] { best = k }
        return best
    }

    func summaryTable(_ evaluations: [Evaluation], labels: [Int], reference: Evaluation?, split: String) throws
        -> ResultTable
    {
        var rows: [[TableValue]] = []
        for e in evaluations {
            let correct = zip(e.predicted, labels).filter { $0 == $1 }.count
            var row: [TableValue] = [.text(e.label), .real(Double(correct) / Double(labels.count), decimals: 4)]
            for c in JetClass.allCases {
                let roc = try ROCCurve(
                    scores: e.probabilities.map { $0[c.rawValue] }, labels: labels.map { $0 == c.rawValue ? 1 : 0 })
                row.append(.real(roc.auc, decimals: 4))
            }
            if let r = reference {
                let same = zip(e.predicted, r.predicted).filter { $0 == $1 }.count
                row.append(.real(Double(same) / Double(labels.count), decimals: 4))
            } else {
                row.append(.text("–"))
            }
            row.append(e.network.map { .integer($0.multiplierBits) } ?? .text("–"))
            rows.append(row)
        }
        return ResultTable(
            id: "precision", title: "Float vs fixed point (hls4ml 1.3.0, io_parallel, latency)",
            columns: [TableColumn("config", label: "Configuration"), TableColumn("accuracy", label: "Accuracy")]
                + JetClass.allCases.map { TableColumn("auc_\($0.symbol)", label: "AUC \($0.symbol)") }
                + [
                    TableColumn("agreement", label: "Same class as float"),
                    TableColumn("mult_bits", label: "Multiplications × bits"),
                ],
            rows: rows,
            note:
                "\(labels.count) \(split) jets. A uniform precision P is hls4ml's granularity='model' (every weight, bias, "
                + "accum and result of type P; softmax tables at their defaults). Fixed-point outputs are computed "
                + "bit-exactly as hls4ml's C simulation; the class is the argmax of the logits, AUC is one class vs the rest "
                + "from the softmax output. Multiplications × bits sums (data bits + weight bits) over the 4256 multiplications "
                + "of the dense layers: a proxy for DSP/LUT use.")
    }

    func overflowTable(_ evaluations: [Evaluation]) -> ResultTable {
        let fixed = evaluations.filter { $0.statistics != nil }
        let layers = fixed.first?.statistics?.layers ?? []
        let rows: [[TableValue]] = fixed.map { e in
            [.text(e.label)] + layers.map { .real(e.statistics!.fraction($0), decimals: 4) }
        }
        return ResultTable(
            id: "overflow", title: "Fraction of values that overflowed, per layer",
            columns: [TableColumn("config", label: "Configuration")] + layers.map { TableColumn($0, label: $0) },
            rows: rows,
            note:
                "A value counts as overflowed when the overflow mode (wrap-around or saturation) acted on any cast in its "
                + "computation: a product or partial sum cast to accum_t, the bias, the cast to result_t; for the softmax "
                + "any of its internal casts.")
    }

    func typesTable(_ evaluations: [Evaluation]) -> ResultTable {
        var rows: [[TableValue]] = []
        for e in evaluations where e.label.hasPrefix("per-layer") {
            guard let n = e.network else { continue }
            var byLayer: [(String, [String: String])] = []
            for (layer, variable, type) in n.resolvedTypes {
                if let k = byLayer.firstIndex(where: { $0.0 == layer }) {
                    byLayer[k].1[variable] = type.description
                } else {
                    byLayer.append((layer, [variable: type.description]))
                }
            }
            for (layer, vars) in byLayer where !layer.hasPrefix("softmax") {
                rows.append([
                    .text(e.label), .text(layer), .text(vars["weight"] ?? "–"), .text(vars["bias"] ?? "–"),
                    .text(vars["accum"] ?? "–"), .text(vars["result"] ?? "–"),
                ])
            }
            let sizes = n.softmaxTableSizes
            rows.append([
                .text(e.label), .text("softmax"), .text("tables: \(sizes.exp) / \(sizes.inv) entries"), .text("–"),
                .text(n.resolvedTypes.first { $0.layer == "softmax" && $0.variable == "accum" }!.type.description),
                .text(n.resolvedTypes.first { $0.layer == "softmax" && $0.variable == "result" }!.type.description),
            ])
        }
        return ResultTable(
            id: "types", title: "Resolved types of the per-layer configurations",
            columns: [
                TableColumn("config", label: "Configuration"), TableColumn("layer", label: "Layer"),
                TableColumn("weight", label: "weight"), TableColumn("bias", label: "bias"),
                TableColumn("accum", label: "accum"), TableColumn("result", label: "result"),
            ],
            rows: rows,
            note:
                "Resolved as hls4ml's get_precision: LayerName.<layer>.Precision.<var>, then the layer's single precision, "
                + "then Model.Precision.<var>, then Model.Precision.default.")
    }

    func rocPlot(_ evaluations: [Evaluation], labels: [Int], signal: JetClass) throws -> LinePlot {
        var series: [LinePlot.Series] = []
        for e in evaluations {
            let roc = try ROCCurve(
                scores: e.probabilities.map { $0[signal.rawValue] },
                labels: labels.map { $0 == signal.rawValue ? 1 : 0 })
            var points: [(Double, Double)] = []
            var lastX = -1.0
            for (s, b) in zip(roc.signalEfficiency, roc.backgroundEfficiency) where b > 0 && s >= 0.05 {
                if s - lastX < 0.01 { continue }  // thin to about 100 points
                points.append((s, 1 / b))
                lastX = s
            }
            series.append(LinePlot.Series(label: e.label, points: points))
        }
        return LinePlot(
            id: "roc", title: "\(signal.symbol) vs the other classes", xLabel: "signal efficiency",
            yLabel: "background rejection 1/εB", logY: true, series: series,
            textAlternative:
                "Background rejection against signal efficiency for \(signal.symbol) jets versus all other classes, "
                + "one curve per configuration: the wide fixed-point types follow the float curve, the narrowest fall below it."
        )
    }
}
