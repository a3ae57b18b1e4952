import ArchiveModel
import ArchiveNotebooks
import Autoencoder
import Foundation
import Jets
import Metrics
import NeuralNet

/// Unsupervised anomaly detection with a committed autoencoder (Autoencoder module): scores the
/// test jets by reconstruction MSE and reports, per anomalous class, AUC and signal efficiency at
/// fixed background efficiency, with the same-latent-size PCA baseline; the mass sculpting of the
/// training class's groomed mass after a cut on the score; and ROC curves.
struct AutoencoderKernel: NotebookKernel {
    let name = "autoencoder"
    let version = "2"

    struct Parameters: Sendable {
        var variant: String
        var scoreCut: Double
        var split: String
        var maxJetsPerClass: Int
    }

    func parameters(from reader: inout ParameterReader) -> Parameters {
        let variant = reader.string("variant", default: "qcd", allowed: AutoencoderSpec.variantNames)
        let cut = reader.real("score_cut", default: 0.1, in: 0.001...1)
        let split = reader.string("split", default: "test", allowed: ["train", "val", "test"])
        let maxJets = reader.integer("max_jets_per_class", default: 1_000_000, in: 1...1_000_000)
        return Parameters(variant: variant, scoreCut: cut, split: split, maxJetsPerClass: maxJets)
    }

    func inputs(for p: Parameters) -> [String] {
        let folder = AutoencoderSpec.folder(variant: p.variant)
        let spec = AutoencoderSpec.variants[p.variant]!
        return ["constituents", "offsets", "labels"].map { "data/jets/\(p.split)_\($0).npy" }
            + AutoencoderModel.files(spec: spec).map { "\(folder)/\($0)" }
    }

    struct Scored {
        var label: JetClass
        var massSD: Double
        var score: Double
        var pcaScore: Double
    }

    func run(_ p: Parameters, context: KernelContext) throws -> KernelOutput {
        let model: AutoencoderModel
        do {
            model = try AutoencoderModel.load(
                directory: context.inputURL(AutoencoderSpec.folder(variant: p.variant)).path)
        } catch let e as AutoencoderError {
            throw KernelFailure(e.description)
        }
        let dataset = try JetDataset.load(directory: context.inputURL("data/jets").path, split: p.split)
        let chosen = dataset.firstJets(perClass: p.maxJetsPerClass)
        try context.checkDeadline()
        let prepared = try context.map(chosen.count) { k -> (input: [Float], massSD: Double) in
            let particles = dataset.particles(chosen[k])
            let features = JetFeatures(particles: particles)
            let input: [Float]
            if let s = model.standardizer {
                input = s.transform(features.vector, as: Float.self)
            } else {
                input = model.input(particles: particles)
            }
            return (input, features.massSD)
        }
        try context.checkDeadline()
        let rows = prepared.map(\.input)
        let scores = model.scores(inputRows: rows)
        let pcaScores = model.pcaScores(inputRows: rows)
        try context.checkDeadline()
        let jets = chosen.indices.map {
            Scored(
                label: dataset.jetClass(chosen[$0]), massSD: prepared[$0].massSD, score: scores[$0],
                pcaScore: pcaScores.isEmpty ? 0 : pcaScores[$0])
        }
        let (table, plot) = try discrimination(jets, model.spec)
        return KernelOutput(tables: [table, try sculpting(jets, model.spec, p), modelTable(model.spec)], plots: [plot])
    }

    // MARK: Groups

    /// The training class ("background") and the anomalous groups, by label set.
    func groups(_ spec: AutoencoderSpec) -> (background: (String, Set<Int>), anomalies: [(String, Set<Int>)]) {
        let bg = Set(spec.trainingClasses)
        let bgName =
            bg == [0, 1] ? "QCD (g+q)" : bg.sorted().map { JetClass(rawValue: $0)!.symbol }.joined(separator: "+")
        var anomalies: [(String, Set<Int>)] = []
        if bg.isDisjoint(with: [0, 1]) { anomalies.append(("QCD (g+q)", [0, 1])) }
        for c in [JetClass.w, .z, .top] where !bg.contains(c.rawValue) { anomalies.append((c.symbol, [c.rawValue])) }
        return ((bgName, bg), anomalies)
    }

    func discrimination(_ jets: [Scored], _ spec: AutoencoderSpec) throws -> (ResultTable, LinePlot) {
        let (bg, anomalies) = groups(spec)
        var rows: [[TableValue]] = []
        var series: [LinePlot.Series] = []
        for (name, members) in anomalies {
            let sample = jets.filter { members.contains($0.label.rawValue) || bg.1.contains($0.label.rawValue) }
            let labels = sample.map { members.contains($0.label.rawValue) ? 1 : 0 }
            for (method, score) in [("autoencoder", \Scored.score), ("PCA", \Scored.pcaScore)] {
                let roc = try ROCCurve(scores: sample.map { $0[keyPath: score] }, labels: labels)
                let e1 = try roc.signalEfficiency(atBackgroundEfficiency: 0.01)
                let e10 = try roc.signalEfficiency(atBackgroundEfficiency: 0.1)
                rows.append([
                    .text(name), .text(method), .integer(labels.filter { $0 == 1 }.count),
                    .real(roc.auc, decimals: 3),
                    .measured(e1.value, uncertainty: e1.uncertainty, decimals: 3),
                    .measured(e10.value, uncertainty: e10.uncertainty, decimals: 3),
                ])
                series.append(LinePlot.Series(label: "\(name), \(method)", points: rocPoints(roc)))
            }
        }
        let table = ResultTable(
            id: "discrimination", title: "Anomalies vs \(bg.0): autoencoder and PCA baseline",
            columns: [
                TableColumn("anomaly", label: "Anomaly"), TableColumn("method", label: "Score"),
                TableColumn("jets", label: "Anomalous jets"), TableColumn("auc", label: "AUC"),
                TableColumn("eff_at_1", label: "εS at εB = 1%"), TableColumn("eff_at_10", label: "εS at εB = 10%"),
            ],
            rows: rows,
            note: "Score: per-jet reconstruction mean squared error, higher = more anomalous; the model and the PCA "
                + "baseline (\(spec.latent) components) saw only \(bg.0) training jets. Background: "
                + "\(jets.filter { bg.1.contains($0.label.rawValue) }.count) \(bg.0) jets of the same split. "
                + "Efficiencies interpolate the ROC curve; uncertainties are binomial.")
        let plot = LinePlot(
            id: "roc", title: "ROC curves: anomalous jets vs \(bg.0)", xLabel: "signal efficiency εS",
            yLabel: "background efficiency εB", logY: true, series: series,
            textAlternative: "Background efficiency (log scale) against signal efficiency for each anomalous class, "
                + "for the autoencoder and the PCA baseline; lower curves are better. The AUCs are in the table above.")
        return (table, plot)
    }

    /// About 60 points of the ROC, (εS, εB), skipping εB = 0 (log axis).
    func rocPoints(_ roc: ROCCurve) -> [(Double, Double)] {
        let n = roc.signalEfficiency.count
        let step = max(1, n / 60)
        var points: [(Double, Double)] = []
        for i in stride(from: 0, to: n, by: step) where roc.backgroundEfficiency[i] > 0 {
            points.append((roc.signalEfficiency[i], roc.backgroundEfficiency[i]))
        }
        if let last = points.last, last != (1, 1) { points.append((1, 1)) }
        return points
    }

    func sculpting(_ jets: [Scored], _ spec: AutoencoderSpec, _ p: Parameters) throws -> ResultTable {
        let (bg, _) = groups(spec)
        let background = jets.filter { bg.1.contains($0.label.rawValue) }
        let low = 0.0
        let high = 300.0
        let bins = 30
        let before = AnomalyEvaluation.histogram(background.map(\.massSD), low: low, high: high, bins: bins)
        var rows: [[TableValue]] = []
        rows.append([
            .text("no cut"), .integer(background.count), .real(median(background.map(\.massSD)), decimals: 1),
            .real(fraction(background, 65...105), decimals: 3), .real(0, decimals: 4),
        ])
        for (method, score) in [("autoencoder", \Scored.score), ("PCA", \Scored.pcaScore)] {
            let t = AnomalyEvaluation.threshold(keepingTop: p.scoreCut, of: background.map { $0[keyPath: score] })
            let kept = background.filter { $0[keyPath: score] >= t }
            let after = AnomalyEvaluation.histogram(kept.map(\.massSD), low: low, high: high, bins: bins)
            rows.append([
                .text("\(method): top \(formatPercent(p.scoreCut)) score"), .integer(kept.count),
                .real(median(kept.map(\.massSD)), decimals: 1), .real(fraction(kept, 65...105), decimals: 3),
                .real(AnomalyEvaluation.jensenShannon(before, after), decimals: 4),
            ])
        }
        return ResultTable(
            id: "sculpting", title: "Mass sculpting: \(bg.0) groomed mass before and after the score cut",
            columns: [
                TableColumn("selection", label: "Selection"), TableColumn("jets", label: "\(bg.0) jets"),
                TableColumn("msd_median", label: "m_SD median (GeV)"),
                TableColumn("w_window", label: "fraction in 65–105 GeV"),
                TableColumn("js_divergence", label: "JS divergence (bits)"),
            ],
            rows: rows,
            note:
                "The cut keeps the \(formatPercent(p.scoreCut)) most anomalous \(bg.0) jets (threshold on their own score "
                + "distribution). JS divergence between the m_SD histograms before and after the cut, 30 bins of "
                + "10 GeV over 0–300 GeV, base-2 logarithm (0 = unchanged, 1 = disjoint).")
    }

    func fraction(_ jets: [Scored], _ window: ClosedRange<Double>) -> Double {
        jets.isEmpty ? 0 : Double(jets.filter { window.contains($0.massSD) }.count) / Double(jets.count)
    }

    func formatPercent(_ f: Double) -> String {
        let v = f * 100
        return (v == v.rounded() ? String(Int(v)) : String(v)) + "%"
    }

    func modelTable(_ spec: AutoencoderSpec) -> ResultTable {
        ResultTable(
            id: "model", title: "Model",
            columns: [TableColumn("property", label: "Property"), TableColumn("value", label: "Value")],
            rows: [
                [.text("variant"), .text(spec.variant)],
                [
                    .text("input"),
                    .text(
                        spec.input == .image
                            ? "\(spec.pixels)×\(spec.pixels) jet image" : "\(JetFeatures.count) standardised features"),
                ],
                [.text("layer widths"), .text(spec.widths.map(String.init).joined(separator: " → "))],
                [.text("latent size"), .integer(spec.latent)],
                [
                    .text("training classes"),
                    .text(spec.trainingClasses.map { JetClass(rawValue: $0)!.symbol }.joined(separator: ", ")),
                ],
                [.text("epochs"), .integer(spec.epochs)],
                [.text("seed"), .integer(Int(spec.seed))],
            ],
            note:
                "Trained in Swift with this seed; the model is kept with the hash of its training data, its losses "
                + "and its training time, and retraining on the same machine reproduces its weights exactly."
        )
    }
}
