import ArchiveModel
import ArchiveNotebooks
import Foundation
import Jets
import Metrics
import NeuralNet

/// Substructure of the committed jets, per class: what the taggers of the other notebooks start
/// from. Tables: class summary (groomed-mass peak, τ21, D2, Lund multiplicity), single-variable
/// signal-vs-background discrimination, and the primary Lund-plane density along ln(1/Δ).
struct JetSubstructureKernel: NotebookKernel {
    let name = "jet-substructure"
    let version = "1"

    static let classSymbols = JetClass.allCases.map(\.symbol)

    struct Parameters: Sendable {
        var split: String
        var signal: JetClass
        var background: [JetClass]
        var massWindow: ClosedRange<Double>
        var maxJetsPerClass: Int
        var lundKtMin: Double
    }

    func parameters(from reader: inout ParameterReader) -> Parameters {
        let split = reader.string("split", default: "test", allowed: ["train", "val", "test"])
        let signal = reader.string("signal", default: "W", allowed: Self.classSymbols)
        let background = reader.strings("background", default: ["g", "q"], allowed: Self.classSymbols)
        let low = reader.real("mass_window_low", default: 65, in: 0...1000)
        let high = reader.real("mass_window_high", default: 105, in: 0...1000)
        let maxJets = reader.integer("max_jets_per_class", default: 1_000_000, in: 1...1_000_000)
        let ktMin = reader.real("lund_kt_min", default: 1, in: 0...1000)
        return Parameters(
            split: split, signal: Self.jetClass(signal), background: background.map(Self.jetClass),
            massWindow: low...max(low, high), maxJetsPerClass: maxJets, lundKtMin: ktMin)
    }

    static func jetClass(_ symbol: String) -> JetClass {
        JetClass.allCases.first { $0.symbol == symbol } ?? .w
    }

    func inputs(for parameters: Parameters) -> [String] {
        ["constituents", "offsets", "labels"].map { "data/jets/\(parameters.split)_\($0).npy" }
    }

    /// What the kernel keeps of each jet.
    struct JetSummary {
        var label: JetClass
        var features: JetFeatures
        var primary: [LundDeclustering]
    }

    func run(_ p: Parameters, context: KernelContext) throws -> KernelOutput {
        let dataset = try JetDataset.load(directory: context.inputURL("data/jets").path, split: p.split)
        let chosen = dataset.firstJets(perClass: p.maxJetsPerClass)
        try context.checkDeadline()
        let jets = try context.map(chosen.count) { k -> JetSummary in
            let particles = dataset.particles(chosen[k])
            return JetSummary(
                label: dataset.jetClass(chosen[k]), features: JetFeatures(particles: particles),
                primary: LundGenerator.primary(particles))
        }
        try context.checkDeadline()
        return KernelOutput(
            tables: [try classTable(jets), try discriminationTable(jets, p), lundDensityTable(jets, p)],
            plots: [massPlot(jets)])
    }

    // MARK: Tables

    func classTable(_ jets: [JetSummary]) throws -> ResultTable {
        var rows: [[TableValue]] = []
        for jetClass in JetClass.allCases {
            let members = jets.filter { $0.label == jetClass }
            guard !members.isEmpty else { continue }
            let groomed = members.map(\.features.massSD)
            rows.append([
                .text(jetClass.symbol), .integer(members.count),
                .real(mean(members.map(\.features.nConstituents)), decimals: 1),
                .real(mean(members.map(\.features.pt)), decimals: 1),
                .real(mean(members.map(\.features.mass)), decimals: 1),
                .real(histogramPeak(groomed, low: 10, high: 250, width: 5), decimals: 1),
                .real(median(groomed), decimals: 1),
                .real(mean(members.map(\.features.tau21)), decimals: 3),
                .real(mean(members.map(\.features.d2Beta1)), decimals: 3),
                .real(mean(members.map(\.features.nPrimary)), decimals: 2),
            ])
        }
        return ResultTable(
            id: "classes", title: "Jet classes",
            columns: [
                TableColumn("class", label: "Class"), TableColumn("jets", label: "Jets"),
                TableColumn("constituents", label: "⟨constituents⟩"), TableColumn("pt", label: "⟨pT⟩ (GeV)"),
                TableColumn("mass", label: "⟨m⟩ (GeV)"), TableColumn("msd_peak", label: "m_SD peak (GeV)"),
                TableColumn("msd_median", label: "m_SD median (GeV)"), TableColumn("tau21", label: "⟨τ21⟩"),
                TableColumn("d2", label: "⟨D2 (β=1)⟩"), TableColumn("primary", label: "⟨primary Lund declusterings⟩"),
            ],
            rows: rows,
            note: "m_SD: soft-drop (mMDT) groomed mass, z_cut = 0.1, β = 0, R0 = 0.8; its peak is the centre of the "
                + "fullest 5 GeV bin between 10 and 250 GeV. τ21 with β = 1 and exclusive-kt axes.")
    }

    func discriminationTable(_ jets: [JetSummary], _ p: Parameters) throws -> ResultTable {
        let sample = jets.filter { $0.label == p.signal || p.background.contains($0.label) }
        let labels = sample.map { $0.label == p.signal ? 1 : 0 }
        let centre = (p.massWindow.lowerBound + p.massWindow.upperBound) / 2
        let observables: [(id: String, name: String, score: (JetFeatures) -> Double)] = [
            ("msd", "m_SD closeness to \(format(centre)) GeV", { -abs($0.massSD - centre) }),
            ("tau21", "τ21 (lower is signal-like)", { -$0.tau21 }),
            ("d2", "D2, β = 1 (lower is signal-like)", { -$0.d2Beta1 }),
            (
                "window_tau21", "m_SD window, then τ21",
                { f in
                    p.massWindow.contains(f.massSD) ? 2 - f.tau21 : -f.tau21
                }
            ),
        ]
        var rows: [[TableValue]] = []
        for observable in observables {
            let roc = try ROCCurve(scores: sample.map { observable.score($0.features) }, labels: labels)
            let at50 = try roc.backgroundRejection(atSignalEfficiency: 0.5)
            let at30 = try roc.backgroundRejection(atSignalEfficiency: 0.3)
            rows.append([
                .text(observable.name), .real(roc.auc, decimals: 3),
                .measured(at30.value, uncertainty: at30.uncertainty, decimals: 1),
                .measured(at50.value, uncertainty: at50.uncertainty, decimals: 1),
            ])
        }
        let backgroundNames = p.background.map(\.symbol).joined(separator: "+")
        return ResultTable(
            id: "discrimination", title: "\(p.signal.symbol) vs \(backgroundNames) with single observables",
            columns: [
                TableColumn("observable", label: "Observable"), TableColumn("auc", label: "AUC"),
                TableColumn("rejection_30", label: "1/εB at εS = 0.3"),
                TableColumn("rejection_50", label: "1/εB at εS = 0.5"),
            ],
            rows: rows,
            note: "Signal: \(labels.filter { $0 == 1 }.count) \(p.signal.symbol) jets; background: "
                + "\(labels.filter { $0 == 0 }.count) \(backgroundNames) jets. The window is "
                + "\(format(p.massWindow.lowerBound))–\(format(p.massWindow.upperBound)) GeV. "
                + "Uncertainties are binomial.")
    }

    func lundDensityTable(_ jets: [JetSummary], _ p: Parameters) -> ResultTable {
        let edges = stride(from: 0.0, through: 4.0, by: 0.5).map { $0 }
        let groups: [(String, (JetClass) -> Bool)] = [
            (p.signal.symbol, { $0 == p.signal }),
            (p.background.map(\.symbol).joined(separator: "+"), { p.background.contains($0) }),
        ]
        var densities: [[Double]] = []
        for (_, member) in groups {
            let members = jets.filter { member($0.label) }
            var counts = [Double](repeating: 0, count: edges.count - 1)
            for jet in members {
                for d in jet.primary where d.kt > p.lundKtMin {
                    let x = d.lnOneOverDelta
                    guard x >= edges[0], x < edges[edges.count - 1] else { continue }
                    counts[Int(x / 0.5)] += 1
                }
            }
            densities.append(counts.map { $0 / (Double(max(members.count, 1)) * 0.5) })
        }
        var rows: [[TableValue]] = []
        for bin in 0..<(edges.count - 1) {
            rows.append([
                .text("\(format(edges[bin]))–\(format(edges[bin + 1]))"),
                .real(densities[0][bin], decimals: 3), .real(densities[1][bin], decimals: 3),
            ])
        }
        return ResultTable(
            id: "lund_density", title: "Primary Lund-plane density along ln(1/Δ)",
            columns: [
                TableColumn("ln_inv_delta", label: "ln(1/Δ)"),
                TableColumn("signal", label: "ρ \(groups[0].0)"), TableColumn("background", label: "ρ \(groups[1].0)"),
            ],
            rows: rows,
            note: "ρ = (1/N_jets) dN/d ln(1/Δ) of primary declusterings with kt > \(format(p.lundKtMin)) GeV "
                + "(C/A reclustering of all constituents, harder branch followed).")
    }

    func massPlot(_ jets: [JetSummary]) -> LinePlot {
        let width = 5.0
        let low = 0.0
        let bins = 50
        var series: [LinePlot.Series] = []
        for jetClass in JetClass.allCases {
            let masses = jets.filter { $0.label == jetClass }.map(\.features.massSD)
            guard !masses.isEmpty else { continue }
            var counts = [Double](repeating: 0, count: bins)
            for m in masses where m >= low && m < low + width * Double(bins) { counts[Int((m - low) / width)] += 1 }
            let points = (0..<bins).map { (low + width * (Double($0) + 0.5), counts[$0] / Double(masses.count)) }
            series.append(LinePlot.Series(label: jetClass.symbol, points: points))
        }
        return LinePlot(
            id: "groomed_mass", title: "Groomed jet mass by class", xLabel: "m_SD (GeV)",
            yLabel: "fraction of jets per 5 GeV", series: series,
            textAlternative: "Distributions of the soft-drop groomed mass for each jet class: "
                + "W, Z and top jets peak near their masses, gluon and quark jets fall from low masses.")
    }
}

// MARK: - Small statistics

func mean(_ values: [Double]) -> Double { values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count) }

func median(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return 0 }
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/// Centre of the fullest bin (the lowest such bin on ties).
func histogramPeak(_ values: [Double], low: Double, high: Double, width: Double) -> Double {
    let bins = Int(((high - low) / width).rounded())
    var counts = [Int](repeating: 0, count: bins)
    for v in values where v >= low && v < high { counts[min(bins - 1, Int((v - low) / width))] += 1 }
    let best = counts.indices.max { counts[$0] < counts[$1] || (counts[$0] == counts[$1] && $0 > $1) } ?? 0
    return low + width * (Double(best) + 0.5)
}

func format(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String(value)
}
