// The autoencoder commands (issue 7):
//
//   archive kernel autoencoder [--model DIR] --input FILE
//       FILE: JSON lines {"particles": [[px, py, pz, E], …]} (as `archive jets lund`; "-" = stdin).
//       Prints one line per jet, in input order: the anomaly score, i.e. the autoencoder's
//       reconstruction mean squared error (higher = more anomalous).
//       --model defaults to Content/models/autoencoder-qcd.
//
//   archive train autoencoder [--variant qcd|qcd-features|top] [--data DIR] [--output DIR]
//       Trains a committed variant on DIR/train_*.npy and writes the tensors and manifest.json into
//       --output (default Content/models/autoencoder-<variant>). Reproduces the committed tensors
//       bit for bit on the same machine (manifest.json differs only in the measured training time).

import ArgumentParser
import Autoencoder
import Foundation
import Jets

struct AutoencoderKernelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "autoencoder",
        abstract: "Anomaly score (autoencoder reconstruction MSE) of each jet, one line per jet.")

    @Option(help: ArgumentHelp("Model directory (manifest.json + .npy tensors).", valueName: "DIR"))
    var model = "Content/models/autoencoder-qcd"

    @Option(
        help: ArgumentHelp(
            "JSON-lines file, one jet per line ({\"particles\": [[px, py, pz, E], ...]}); '-' for stdin.",
            valueName: "FILE"))
    var input: String

    func run() throws {
        let autoencoder: AutoencoderModel
        do {
            autoencoder = try AutoencoderModel.load(directory: model)
        } catch {
            try fail("\(error)")
        }
        JetsCommand.writeLines(autoencoder.scores(jets: try JetsCommand.readJSONLinesJets(input)))
    }
}

struct AutoencoderTrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "autoencoder",
        abstract: "Train an autoencoder variant (deterministic; reproduces the committed model).")

    @Option(help: ArgumentHelp("The variant to train.", valueName: "NAME"))
    var variant = AutoencoderVariant(argument: "qcd")!

    @Option(help: ArgumentHelp("Dataset directory (<split>_*.npy).", valueName: "DIR"))
    var data = "Content/data/jets"

    @Option(
        help: ArgumentHelp(
            "Where to write the tensors and manifest.json (default Content/models/autoencoder-<variant>).",
            valueName: "DIR"))
    var output: String?

    func run() throws {
        let spec = AutoencoderSpec.variants[variant.name]!
        let destination = output ?? "Content/" + AutoencoderSpec.folder(variant: variant.name)
        do {
            let manifest = try AutoencoderTrainer.train(spec: spec, datasetDirectory: data, output: destination) {
                print($0)
            }
            print("final loss \(manifest.finalLoss); training \(manifest.trainingSeconds) s; wrote \(destination)")
        } catch {
            try fail("error: \(error)")
        }
    }
}
