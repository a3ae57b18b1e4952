import ArchiveModel
import ArchiveNotebooks
import Foundation
import Jets
import LundNet
import Metrics
import NeuralNet
import QuantizedMLP

/// W-vs-QCD tagging with the committed LundNet graph network (Content/models/lundnet-w) and the
/// cut-based baselines (groomed-mass window, τ21, both) on the same jets of a split.
/// Tables: `performance` (accuracy, AUC, 1/εB at εS = 0.3 and 0.5 with binomial uncertainties);
/// plot: `roc` (1/εB against εS, log scale).
struct LundNetKernel: NotebookKernel {
    let name = "lundnet"
    let version = "4"

    /// The architecture of the committed model; its file names are the kernel's inputs.
    static let configuration = LundNetTrainingSettings().configuration

    struct Parameters: Sendable {
        var split: String
        var model: String
        var maxJetsPerClass: Int
        var massWindow: ClosedRange<Double>
        var tau21Cut: Double
    }

    func parameters(from reader: inout ParameterReader) -> Parameters {
        let split = reader.string("split", default: "test", allowed: ["train", "val", "test"])
        let model = reader.string("model", default: "models/lundnet-w", allowed: ["models/lundnet-w"])
        let maxJets = reader.integer("max_jets_per_class", default: 1_000_000, in: 1...1_000_000)
        let low = reader.real("mass_window_low", default: 65, in: 0...1000)
        let high = reader.real("mass_window_high", default: 105, in: 0...1000)
        let tau21 = reader.real("tau21_cut", default: 0.5, in: 0...1)
        return Parameters(
            split: split, model: model, maxJetsPerClass: maxJets, massWindow: low...max(low, high), tau21Cut: tau21)
    }

    static var modelFiles: [String] { ["manifest.json"] + LundNetWeights.fileNames(for: configuration) }

    func inputs(for p: Parameters) -> [String] {
        ["constituents", "offsets", "labels"].map { "data/jets/\(p.split)_\($0).npy" }
            + Self.modelFiles.map { "\(p.model)/\($0)" } + QuantizedMLPKernel.modelFiles
    }

    struct Jet {
        var signal: Bool
        var graph: LundGraph
        var features: JetFeatures
    }

    func run(_ p: Parameters, context: KernelContext) throws -> KernelOutput {
        let weights: LundNetWeights
        do {
            weights = try LundNetWeights.load(directory: context.inputURL(p.model))
        } catch let e as LundNetError {
            throw KernelFailure(e.description)
        }
        let mlp: MLPModel
        do { mlp = try MLPModel.load(directory: context.inputURL("models/mlp")) } catch {
            throw KernelFailure("\(error)")
        }
        let dataset = try JetDataset.load(directory: context.inputURL("data/jets").path, split: p.split)
        let signal = [JetClass.w.rawValue]
        let background = [JetClass.gluon.rawValue, JetClass.quark.rawValue]
        let chosen = dataset.firstJets(perClass: p.maxJetsPerClass, labels: Set(signal + background))
        try context.checkDeadline()
        let jets = try context.map(chosen.count) { k -> Jet in
            let particles = dataset.particles(chosen[k])
            return Jet(
                signal: signal.contains(dataset.labels[chosen[k]]), graph: weights.graph(particles),
                features: JetFeatures(particles: particles))
        }
        try context.checkDeadline()
        let network = weights.signalProbabilities(jets.map(\.graph)).map(Double.init)
        try context.checkDeadline()

        // The hls4ml tutorial MLP (float, 16 high-level features, 5 classes): P(W) / P(W, g or q).
        let featureIndices = mlp.featureNames.map { JetFeatures.names.firstIndex(of: $0)! }
        let mlpInputs: [Float] = mlp.standardizer.transform(
            jets.flatMap { jet in
                let v = jet.features.vector
                return featureIndices.map { v[$0] }
            })
        let mlpProbabilities = mlp.probabilities(mlpInputs, count: jets.count)
        let mlpScore = (0..<jets.count).map { i -> Double in
            let p = (0..<5).map { Double(mlpProbabilities[i * 5 + $0]) }
            let qcd = p[JetClass.gluon.rawValue] + p[JetClass.quark.rawValue]
            let w = p[JetClass.w.rawValue]
            return w + qcd > 0 ? w / (w + qcd) : 0
        }
        let labels = jets.map { $0.signal ? 1 : 0 }
        let window = p.massWindow
        let centre = (window.lowerBound + window.upperBound) / 2
        let taggers: [(id: String, name: String, score: [Double], selected: [Bool])] = [
            ("lundnet", "LundNet (graph network)", network, network.map { $0 > 0.5 }),
            (
                "msd_window", "m_SD window", jets.map { -abs($0.features.massSD - centre) },
                jets.map { window.contains($0.features.massSD) }
            ),
            ("tau21", "τ21 cut", jets.map { -$0.features.tau21 }, jets.map { $0.features.tau21 < p.tau21Cut }),
            (
                "msd_window_tau21", "m_SD window and τ21 cut",
                jets.map { window.contains($0.features.massSD) ? 2 - $0.features.tau21 : -$0.features.tau21 },
                jets.map { window.contains($0.features.massSD) && $0.features.tau21 < p.tau21Cut }
            ),
            ("mlp", "hls4ml tutorial MLP (float)", mlpScore, mlpScore.map { $0 > 0.5 }),
        ]
        var rows: [[TableValue]] = []
        var series: [LinePlot.Series] = []
        for t in taggers {
            let roc = try ROCCurve(scores: t.score, labels: labels)
            let correct = zip(t.selected, labels).filter { ($0 ? 1 : 0) == $1 }.count
            let accuracy = Double(correct) / Double(max(labels.count, 1))
            let accuracyError = (accuracy * (1 - accuracy) / Double(max(labels.count, 1))).squareRoot()
            let at30 = try roc.backgroundRejection(atSignalEfficiency: 0.3)
            let at50 = try roc.backgroundRejection(atSignalEfficiency: 0.5)
            let background = labels.count - labels.reduce(0, +)
            // No background jet selected: the rejection is only bounded from below by the sample size.
            func rejection(_ r: ValueWithUncertainty) -> TableValue {
                r.value.isFinite
                    ? .measured(r.value, uncertainty: r.uncertainty, decimals: 1)
                    : .text("> \(background) (no background jet selected)")
            }
            rows.append([
                .text(t.name), .measured(accuracy, uncertainty: accuracyError, decimals: 3),
                .real(roc.auc, decimals: 3),
                rejection(at30), rejection(at50),
            ])
            var points: [(Double, Double)] = []
            for k in 1...20 {
                let eS = Double(k) * 0.05
                if let r = try? roc.backgroundRejection(atSignalEfficiency: eS), r.value.isFinite {
                    points.append((eS, r.value))
                }
            }
            series.append(LinePlot.Series(label: t.name, points: points))
        }
        let nS = labels.filter { $0 == 1 }.count
        let nB = labels.count - nS
        let c = weights.configuration
        let table = ResultTable(
            id: "performance", title: "W vs QCD on the \(p.split) jets",
            columns: [
                TableColumn("tagger", label: "Tagger"), TableColumn("accuracy", label: "Accuracy"),
                TableColumn("auc", label: "AUC"), TableColumn("rejection_30", label: "1/εB at εS = 0.3"),
                TableColumn("rejection_50", label: "1/εB at εS = 0.5"),
            ],
            rows: rows,
            note: "Signal: \(nS) W jets; background: \(nB) QCD jets (g + q). LundNet: EdgeConv widths "
                + "\(c.blockWidths.map(String.init).joined(separator: ", ")), \(c.variant.count) node features, "
                + "selected when P(W) > 0.5. m_SD window \(format(window.lowerBound))–\(format(window.upperBound)) GeV "
                + "(ROC: closeness of m_SD to \(format(centre)) GeV); τ21 cut at \(format(p.tau21Cut)) (ROC: −τ21); "
                + "combined: in the window and below the τ21 cut (ROC: τ21 inside the window ranked above all jets outside). "
                + "MLP: the float model of the hls4ml tutorial (16 high-level features, five classes), "
                + "score P(W) / (P(W) + P(g) + P(q)), selected above 0.5. "
                + "Accuracy counts both classes, so it depends on the 1 : 2 class mix. Uncertainties are binomial.")
        let plot = LinePlot(
            id: "roc", title: "Background rejection against W efficiency", xLabel: "signal efficiency εS",
            yLabel: "background rejection 1/εB", logY: true, series: series,
            textAlternative: "Background rejection against signal efficiency for the graph network and "
                + "the three cut-based baselines; the numbers at εS = 0.3 and 0.5 are in the table above.")
        return KernelOutput(tables: [table], plots: [plot])
    }
}
