// The LundNet commands (issue 6):
//
//   archive kernel lundnet [--model DIR] --input FILE
//       FILE: JSON lines {"particles": [[px, py, pz, E], …]} (as `archive jets lund`; "-" = stdin).
//       Prints one line per jet, in input order: the network's W probability, a number in [0, 1].
//       --model defaults to Content/models/lundnet-w.
//
//   archive train lundnet [--data DIR] [--output DIR] [--epochs N] [--max-jets-per-class N] [--seed S]
//       Trains the network on the W, g and q jets of DIR/train_*.npy (validation on val_*.npy) and
//       writes the tensors and manifest.json into --output (default Content/models/lundnet-w).
//       With the defaults it reproduces the committed tensors bit for bit on the same machine
//       (manifest.json differs only in the measured training time).

import ArgumentParser
import Digest
import Foundation
import Jets
import LundNet

struct LundNetKernelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lundnet",
        abstract: "W probability of each jet from the LundNet graph network, one line per jet.")

    @Option(help: ArgumentHelp("Model directory (manifest.json + .npy tensors).", valueName: "DIR"))
    var model = "Content/models/lundnet-w"

    @Option(
        help: ArgumentHelp(
            "JSON-lines file, one jet per line ({\"particles\": [[px, py, pz, E], ...]}); '-' for stdin.",
            valueName: "FILE"))
    var input: String

    func run() throws {
        let weights: LundNetWeights
        do {
            weights = try LundNetWeights.load(directory: URL(fileURLWithPath: model))
        } catch {
            try fail("\(error)")
        }
        let graphs = try JetsCommand.readJSONLinesJets(input).map(weights.graph)
        JetsCommand.writeLines(weights.signalProbabilities(graphs))
    }
}

struct LundNetTrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lundnet",
        abstract: "Train the LundNet W-vs-QCD tagger (deterministic; defaults reproduce the committed model).")

    @Option(help: ArgumentHelp("Dataset directory (<split>_*.npy).", valueName: "DIR"))
    var data = "Content/data/jets"

    @Option(help: ArgumentHelp("Where to write the tensors and manifest.json.", valueName: "DIR"))
    var output = "Content/models/lundnet-w"

    @Option(help: "Training epochs.") var epochs: Int?
    @Option(help: "At most this many training jets per class.") var maxJetsPerClass: Int?
    @Option(help: "Random seed.") var seed: UInt64?

    func run() throws {
        var settings = LundNetTrainingSettings()
        if let e = epochs { settings.epochs = e }
        if let m = maxJetsPerClass { settings.maxJetsPerClass = m }
        if let s = seed { settings.seed = s }
        let train: JetDataset
        let val: JetDataset
        do {
            train = try JetDataset.load(directory: data, split: "train")
            val = try JetDataset.load(directory: data, split: "val")
        } catch {
            try fail("\(data): error: \(error)")
        }
        let t0 = Date()
        let trainSet = LundGraphSet(
            dataset: train, configuration: settings.configuration, signal: settings.signalLabels,
            background: settings.backgroundLabels, maxJetsPerClass: settings.maxJetsPerClass)
        let valSet = LundGraphSet(
            dataset: val, configuration: settings.configuration, signal: settings.signalLabels,
            background: settings.backgroundLabels)
        print(
            String(
                format: "graphs: %d train, %d validation (%.1f s)", trainSet.graphs.count, valSet.graphs.count,
                Date().timeIntervalSince(t0)))
        let digests: [String: String]
        do {
            digests = try SHA256Digest.filesDigests(JetDataset.fileNames(splits: ["train"]), in: data)
        } catch {
            try fail("\(data): error: \(error)")
        }
        let (weights, record) = LundNetTrainer.train(
            train: trainSet, validation: valSet, settings: settings,
            dataSHA256: digests
        ) { print($0) }
        try LundNetTrainer.save(weights, record: record, to: URL(fileURLWithPath: output))
        print(
            String(
                format: "validation: loss %.4f, accuracy %.4f; training %.1f s; wrote %@", record.validationLoss,
                record.validationAccuracy, record.trainingSeconds, output))
    }
}
