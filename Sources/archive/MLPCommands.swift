// `archive kernel quantize`, `archive kernel mlp` and `archive train mlp`: the hls4ml-tutorial
// jet tagger (QuantizedMLP) from the command line.
//
//   archive kernel quantize --type T            stdin: one decimal per line → quantized values
//   archive kernel mlp [--model DIR] (--precision P | --precision float | --config FILE) --input FILE
//   archive train mlp [--data DIR] [--output DIR] [--epochs N] [--seed S]
//
// Errors go to stderr as "…: error: …" and end the command with status 1.

import ArgumentParser
import FixedPoint
import Foundation
import Jets
import JetsJSON
import NPY
import NeuralNet
import QuantizedMLP

struct QuantizeKernelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quantize",
        abstract: "Quantize decimal numbers (stdin, one per line) as `T x = value;` does; prints exact values.",
        discussion: """
            T is ap_fixed<W,I[,Q[,O[,N]]]>, ap_ufixed<…> or hls4ml's fixed<…>/ufixed<…>. Blank lines \
            are skipped; each output line is the exact decimal value, which reads back as a Double \
            equal to it (formats of at most 53 bits). An unparsable line stops with exit status 1.
            """)

    @Option(
        name: .long, help: ArgumentHelp("The fixed-point type, e.g. 'ap_fixed<16,6,AP_RND,AP_SAT>'.", valueName: "T"))
    var type: String

    func run() throws {
        let t: FixedPointType
        do { t = try FixedPointType.parse(type) } catch { try fail("error: --type: \(error)") }
        let input = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        do {
            FileHandle.standardOutput.write(Data(try QuantizeText.run(input, type: t).utf8))
        } catch let e as QuantizeTextError {
            try fail("<stdin>:\(e.line): error: \(e.message)")
        }
    }
}

struct MLPKernelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mlp",
        abstract: "Run the hls4ml-tutorial jet tagger (float or bit-exact fixed point) on jets or feature vectors.",
        discussion: """
            --precision P sets weight, bias, accum and result of every layer (granularity='model'); \
            --precision float runs the float32 model; --config FILE reads an hls4ml configuration \
            (Model/LayerName, YAML or JSON). A .npy input (float32 [N, 16]) is the network input as it \
            is (standardised, manifest feature order); other files are JSON lines of jets as for \
            'archive jets lund', whose features are computed and standardised with the manifest. \
            Output: one JSON line per sample, {"logits": [g, q, W, Z, t], "probabilities": [...]}.
            """)

    @Option(name: .long, help: ArgumentHelp("The model directory.", valueName: "DIR")) var model = "Content/models/mlp"
    @Option(
        name: .long, help: ArgumentHelp("'float' or a fixed-point type for every layer.", valueName: "P"),
        transform: PrecisionChoice.parse) var precision: PrecisionChoice?
    @Option(name: .long, help: ArgumentHelp("An hls4ml configuration (YAML or JSON).", valueName: "FILE")) var config:
        String?
    @Option(
        name: .long, help: ArgumentHelp(".npy float32 [N, 16] or JSON lines of jets; '-' for stdin.", valueName: "FILE")
    ) var input: String?
    @Option(
        name: .long,
        help: ArgumentHelp("Instead of --input: a jet data directory (<split>_constituents.npy, …).", valueName: "DIR"))
    var dataset: String?
    @Option(name: .long, help: ArgumentHelp("The split read with --dataset.", valueName: "NAME")) var split:
        DatasetSplit = .test
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Also write the network inputs (standardised float32 [N, 16]) to this .npy file.", valueName: "FILE"))
    var saveInputs: String?
    @Flag(name: .long, help: "Print single-thread and all-core throughput (samples/s) to stderr (a benchmark).")
    var benchmark = false

    func validate() throws {
        if (precision == nil) == (config == nil) {
            throw ValidationError("Specify exactly one of --precision and --config.")
        }
        if (input == nil) == (dataset == nil) { throw ValidationError("Specify exactly one of --input and --dataset.") }
    }

    static func measure(_ label: String, samples: Int, _ body: () -> Void) {
        var runs = 0
        let start = DispatchTime.now().uptimeNanoseconds
        var elapsed = 0.0
        repeat {
            body()
            runs += 1
            elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        } while elapsed < 2
        let rate = Double(runs * samples) / elapsed
        FileHandle.standardError.write(
            Data(
                "\(label): \(String(format: "%.0f", rate)) samples/s (\(runs) × \(samples) samples in \(String(format: "%.2f", elapsed)) s)\n"
                    .utf8))
    }

    func run() throws {
        let mlp: MLPModel
        do { mlp = try MLPModel.load(directory: URL(fileURLWithPath: model)) } catch {
            try fail("\(model): error: \(error)")
        }
        let (x, count) = try readInputs(mlp)
        if let path = saveInputs {
            do { try NPY.write(try NPYArray(x, shape: [count, mlp.inputCount]), path: path) } catch {
                try fail("\(path): error: \(error)")
            }
        }
        var out = ""
        var nonFinite = false
        if let precision, precision.fixedPoint == nil {
            if benchmark {
                Self.measure("float32, batch of \(count), one thread", samples: count) {
                    _ = mlp.probabilities(x, count: count)
                }
            }
            let logits = mlp.logits(x, count: count)
            let probabilities = mlp.probabilities(x, count: count)
            nonFinite = !logits.allSatisfy(\.isFinite) || !probabilities.allSatisfy(\.isFinite)
            for i in 0..<count {
                out += jsonLine(
                    logits[(i * 5)..<(i * 5 + 5)].map(Self.jsonNumber),
                    probabilities[(i * 5)..<(i * 5 + 5)].map(Self.jsonNumber))
            }
        } else {
            let hls: HLSConfig
            do {
                if let type = precision?.fixedPoint {
                    hls = HLSConfig(uniform: type)
                } else {
                    let text = try String(contentsOfFile: config!, encoding: .utf8)
                    hls = try HLSConfig(tree: try ConfigNode.parse(configFile: text))
                }
            } catch { try fail("\(config ?? "--precision"): error: \(error)") }
            let network: QuantizedNetwork
            do { network = try QuantizedNetwork(model: mlp, config: hls) } catch { try fail("error: \(error)") }
            if benchmark {
                Self.measure("\(precision?.text ?? config!), one sample at a time, one thread", samples: count) {
                    _ = network.predictSingleThreaded(batch: x, count: count)
                }
                Self.measure("\(precision?.text ?? config!), all cores", samples: count) {
                    _ = network.predict(batch: x, count: count)
                }
            }
            for p in network.predict(batch: x, count: count) {
                nonFinite = nonFinite || !p.logits.allSatisfy(\.isFinite) || !p.probabilities.allSatisfy(\.isFinite)
                out += jsonLine(p.logits.map(Self.jsonNumber), p.probabilities.map(Self.jsonNumber))
            }
        }
        if nonFinite {
            FileHandle.standardError.write(
                Data("warning: some outputs are not finite numbers (written as null)\n".utf8))
        }
        FileHandle.standardOutput.write(Data(out.utf8))
    }

    /// A JSON number, or `null` for NaN and infinities (Swift would print `nan`, which JSON lacks).
    static func jsonNumber<Value: BinaryFloatingPoint & LosslessStringConvertible>(_ value: Value) -> String {
        value.isFinite ? value.description : "null"
    }

    func jsonLine(_ logits: [String], _ probabilities: [String]) -> String {
        "{\"logits\": [\(logits.joined(separator: ", "))], \"probabilities\": [\(probabilities.joined(separator: ", "))]}\n"
    }

    /// Each `do` block only wraps library calls: `fail` ends the command by throwing, and a
    /// catch-all around it would report that exit as a second error.
    func readInputs(_ mlp: MLPModel) throws -> ([Float], Int) {
        if let dir = dataset {
            guard mlp.featureNames == MLPTraining.featureNames else {
                try fail("\(model): error: unexpected feature order")
            }
            do {
                let ds = try JetDataset.load(directory: dir, split: split.rawValue)
                return (mlp.standardizer.transform(MLPTraining.features(of: ds).features), ds.count)
            } catch { try fail("\(dir): error: \(error)") }
        }
        let input = self.input!
        let data = try JetsCommand.readInput(input)
        if data.starts(with: [0x93] + Array("NUMPY".utf8)) {
            let array: NPYArray
            do { array = try NPY.decode(data) } catch { try fail("\(input): error: \(error)") }
            guard array.shape.count == 2, array.shape[1] == mlp.inputCount, let values = array.floats else {
                try fail(
                    "\(input): error: expected a float32 array of shape [N, \(mlp.inputCount)], got \(array.dtype) \(array.shape)"
                )
            }
            do { try array.requireFinite() } catch { try fail("\(input): error: \(error)") }
            return (values, array.shape[0])
        }
        var featureIndices: [Int] = []
        for name in mlp.featureNames {
            guard let k = JetFeatures.names.firstIndex(of: name) else {
                try fail("\(model): error: unknown feature '\(name)'")
            }
            featureIndices.append(k)
        }
        do {
            let jets = try JetsJSONLines.parse(data, file: input == "-" ? "<stdin>" : input)
            var raw: [Double] = []
            for jet in jets {
                let v = JetFeatures(particles: jet.particles).vector
                raw += featureIndices.map { v[$0] }
            }
            return (mlp.standardizer.transform(raw), jets.count)
        } catch let e as JetsInputError {
            try fail(e.description)
        } catch { try fail("\(input): error: \(error)") }
    }
}

struct MLPTrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mlp",
        abstract:
            "Train the hls4ml-tutorial jet tagger on the committed jets; the defaults reproduce Content/models/mlp bit for bit."
    )

    @Option(name: .long, help: ArgumentHelp("The jet data directory.", valueName: "DIR")) var data = "Content/data/jets"
    @Option(name: .long, help: ArgumentHelp("Where to write the model.", valueName: "DIR")) var output =
        "Content/models/mlp"
    @Option(name: .long, help: "Training epochs.") var epochs = MLPTrainingOptions().epochs
    @Option(name: .long, help: "Random seed (initialisation and shuffling).") var seed = MLPTrainingOptions().seed
    @Flag(name: .long, help: "Print nothing but errors.") var quiet = false

    func run() throws {
        var options = MLPTrainingOptions()
        options.epochs = epochs
        options.seed = seed
        let start = Date()
        let train: LabelledFeatures
        let validation: LabelledFeatures
        let hashes: [String: String]
        do {
            train = MLPTraining.features(of: try JetDataset.load(directory: data, split: "train"))
            validation = MLPTraining.features(of: try JetDataset.load(directory: data, split: "val"))
            hashes = try MLPTraining.dataHashes(directory: URL(fileURLWithPath: data), splits: ["train", "val"])
        } catch { try fail("\(data): error: \(error)") }
        if !quiet {
            print(
                "features of \(train.count) + \(validation.count) jets in \(String(format: "%.1f", Date().timeIntervalSince(start))) s"
            )
        }
        let model = MLPTraining.train(
            train: train, validation: validation, options: options,
            dataDescription: "data/jets train (fit) and val (validation accuracy) splits",
            dataHashes: hashes
        ) { line in if !quiet { print(line) } }
        do { try model.write(directory: URL(fileURLWithPath: output)) } catch { try fail("\(output): error: \(error)") }
        if !quiet {
            let r = model.training!
            print(
                "wrote \(output): final loss \(r.finalLoss), train accuracy \(r.trainAccuracy), "
                    + "validation accuracy \(r.validationAccuracy) in \(String(format: "%.1f", Date().timeIntervalSince(start))) s"
            )
        }
    }
}
