// `archive jets …`: command-line access to the Jets toolkit.
//
//   archive jets lund     --input FILE | --dataset DIR [--split NAME]
//   archive jets features --input FILE | --dataset DIR [--split NAME]
//   archive jets benchmark [--dataset DIR] [--split NAME] [--rounds N] [--particles MIN-MAX]
//
// --input FILE: JSON lines, one jet per line, {"particles": [[px, py, pz, E], …]}
//               (other keys ignored, blank lines skipped; "-" reads stdin).
// --dataset DIR --split NAME: the committed .npy layout
//               DIR/NAME_{constituents,offsets,labels}.npy (split defaults to
//               "test"; "all" is train, val and test in that order).
//
// Output (stdout): one JSON line per input jet, in input order.
//   lund:     {"declusterings": [{"delta": …, "kt": …, "z": …, "m": …, "psi": …}, …]}
//             the primary Lund declusterings after reclustering ALL particles of
//             the jet into one C/A jet (R = ∞), first (whole-jet) declustering
//             first; a one-particle jet gives [].
//   features: {"pt": …, "mass": …, …} with the keys of JetFeatures.names.
// Numbers are Float64 printed with Swift's round-tripping `description`.
//
// The whole input is parsed and validated before anything is printed; on a
// bad line the command prints "FILE:LINE: error: …" to stderr, prints nothing
// to stdout, and exits with status 1.

import ArgumentParser
import Foundation
import Jets
import JetsJSON

struct JetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jets",
        abstract: "Jet-physics tools: Lund-plane declusterings and high-level features.",
        subcommands: [Lund.self, Features.self, Benchmark.self]
    )

    /// Input selection shared by the subcommands.
    struct InputOptions: ParsableArguments {
        @Option(
            name: .long,
            help: ArgumentHelp(
                "JSON-lines file, one jet per line ({\"particles\": [[px, py, pz, E], ...]}); '-' for stdin.",
                valueName: "FILE"))
        var input: String?

        @Option(
            name: .long,
            help: ArgumentHelp(
                "Directory holding <split>_constituents.npy, <split>_offsets.npy, <split>_labels.npy.", valueName: "DIR"
            ))
        var dataset: String?

        @Option(name: .long, help: ArgumentHelp("Dataset split to read with --dataset.", valueName: "NAME"))
        var split: DatasetSelection = .test

        func validate() throws {
            switch (input, dataset) {
            case (nil, nil): throw ValidationError("Specify --input FILE or --dataset DIR.")
            case (.some, .some): throw ValidationError("--input and --dataset are mutually exclusive.")
            default: break
            }
        }

        /// Loads all jets, or prints the error and exits with status 1.
        func loadJets() throws -> [[PseudoJet]] {
            if let path = input { return try JetsCommand.readJSONLinesJets(path) }
            return try JetsCommand.loadDatasets(directory: dataset!, split: split).flatMap { ds in
                (0..<ds.count).map { ds.particles($0) }
            }
        }
    }

    /// The bytes of `path` ("-": standard input), or exit 1 naming the file.
    static func readInput(_ path: String) throws -> Data {
        do {
            return path == "-"
                ? FileHandle.standardInput.readDataToEndOfFile()
                : try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            try fail("\(path): error: cannot read input: \(error.localizedDescription)")
        }
    }

    /// The jets of the JSON-lines file `path` ("-": standard input), or exit 1
    /// with "FILE:LINE: error: …".
    static func readJSONLinesJets(_ path: String) throws -> [[PseudoJet]] {
        let data = try readInput(path)
        do {
            return try JetsJSONLines.parse(data, file: path == "-" ? "<stdin>" : path).map(\.particles)
        } catch let e as JetsInputError {
            try fail(e.description)
        } catch {
            try fail("\(path): error: \(error)")
        }
    }

    /// One value per line on standard output.
    static func writeLines<Value>(_ values: [Value]) {
        var out = ""
        out.reserveCapacity(values.count * 16)
        for v in values { out += "\(v)\n" }
        writeStdout(out)
    }

    /// The dataset splits named by `split` ("all": train, val, test); a failure names the directory.
    static func loadDatasets(directory: String, split: DatasetSelection) throws -> [JetDataset] {
        do {
            return try split.splits.map { try JetDataset.load(directory: directory, split: $0) }
        } catch let e as JetDatasetError {
            try fail("\(directory): error: \(e)")
        } catch {
            try fail("\(directory): error: \(error)")
        }
    }

    struct Lund: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Primary Lund-plane declusterings (C/A, all particles merged) per jet, as JSON lines.")

        @OptionGroup var options: InputOptions

        func run() throws {
            var out = ""
            if let directory = options.dataset {
                // Straight from the float32 rows, jet by jet.
                for ds in try JetsCommand.loadDatasets(directory: directory, split: options.split) {
                    out.reserveCapacity(out.utf8.count + ds.count * 256)
                    for i in 0..<ds.count {
                        JetsJSONLines.appendLundRecord(LundGenerator.primary(jet: i, of: ds), to: &out)
                        out += "\n"
                    }
                }
            } else {
                let jets = try options.loadJets()
                out.reserveCapacity(jets.count * 256)
                for ps in jets {
                    JetsJSONLines.appendLundRecord(LundGenerator.primary(ps), to: &out)
                    out += "\n"
                }
            }
            JetsCommand.writeStdout(out)
        }
    }

    struct Features: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "High-level jet features (JetFeatures.names) per jet, as JSON lines.")

        @OptionGroup var options: InputOptions

        func run() throws {
            let jets = try options.loadJets()
            var out = ""
            out.reserveCapacity(jets.count * 512)
            for ps in jets {
                JetsJSONLines.appendFeaturesRecord(JetFeatures(particles: ps), to: &out)
                out += "\n"
            }
            JetsCommand.writeStdout(out)
        }
    }

    struct Benchmark: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Jets per second of `jets lund` (float32 rows -> C/A reclustering -> primary walk), one core.",
            discussion: """
                Times, in CPU seconds of this process, building every jet's four-momenta from the \
                committed float32 rows, reclustering with C/A (everything merged) and walking the \
                primary Lund declusterings; reports the best of --rounds passes. With --particles, \
                only the jets with MIN…MAX constituents. \
                Tools/bench/lund.sh runs the same measurement with FastJet's C++. \
                With --scaling, instead times the clustering alone (C/A, everything merged, full \
                history) on pseudo-random events of N = 30…1920 particles uniform in a disc of \
                radius 0.8, and prints t/N².
                """)

        @Option(name: .long, help: ArgumentHelp("Directory of the committed jet sample.", valueName: "DIR"))
        var dataset: String = "Content/data/jets"

        @Option(name: .long, help: ArgumentHelp("Split to time.", valueName: "NAME"))
        var split: DatasetSelection = .all

        @Option(name: .long, help: "Timed passes over the sample; the best is reported.")
        var rounds: Int = 5

        @Option(name: .long, help: ArgumentHelp("Only jets with MIN…MAX constituents.", valueName: "MIN-MAX"))
        var particles: String?

        @Flag(name: .long, help: "Print the clustering time per event against N (t/N²) instead.")
        var scaling = false

        func validate() throws {
            guard rounds >= 1 else { throw ValidationError("--rounds must be at least 1.") }
            if let particles, Self.range(particles) == nil {
                throw ValidationError("--particles must be MIN-MAX with 0 ≤ MIN ≤ MAX, got '\(particles)'.")
            }
        }

        /// "MIN-MAX" as a closed range, nil if malformed.
        static func range(_ text: String) -> ClosedRange<Int>? {
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 2, let lo = Int(parts[0]), let hi = Int(parts[1]), lo >= 0, lo <= hi else {
                return nil
            }
            return lo...hi
        }

        func run() throws {
            if scaling { return runScaling() }
            let datasets = try JetsCommand.loadDatasets(directory: dataset, split: split)
            let allowed = particles.flatMap(Self.range) ?? 0...Int.max
            let selected = datasets.map { ds in (0..<ds.count).filter { allowed.contains(ds.constituentCount($0)) } }
            let jets = selected.reduce(0) { $0 + $1.count }
            var best = Double.infinity
            var checksum = 0.0
            for _ in 0..<rounds {
                let start = cpuSeconds()
                checksum = 0
                for (ds, indices) in zip(datasets, selected) {
                    for i in indices {
                        for d in LundGenerator.primary(jet: i, of: ds) { checksum += d.kt }
                    }
                }
                best = min(best, cpuSeconds() - start)
            }
            print(
                "archive jets lund (Swift, \(LundGenerator.kernelName)): \(jets) jets, best of \(rounds): "
                    + String(format: "%.4f s CPU = %.0f jets/s (checksum %.6g)", best, Double(jets) / best, checksum))
        }

        /// Clustering time per event for N = 30…1920 (the matrix kernel up to
        /// `ClusterSequence.matrixThreshold`, N2Plain above), best of --rounds.
        private func runScaling() {
            var state: UInt64 = 0x9E37_79B9_7F4A_7C15
            func uniform() -> Double {  // 64-bit LCG, top 53 bits
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return Double(state >> 11) / Double(1 << 53)
            }
            for n in [30, 60, 120, 240, 480, 960, 1920] {
                let events = (0..<max(2, 2_000_000 / (n * n))).map { _ in
                    (0..<n).map { _ -> PseudoJet in
                        let r = 0.8 * uniform().squareRoot()
                        let a = 2 * Double.pi * uniform()
                        return PseudoJet.fromPtYPhiM(pt: 1 + 100 * uniform(), y: r * cos(a), phi: 1 + r * sin(a))
                    }
                }
                var best = Double.infinity
                var steps = 0
                for _ in 0..<rounds {
                    let start = cpuSeconds()
                    steps = 0
                    for e in events { steps += ClusterSequence(particles: e).stepCount }
                    best = min(best, (cpuSeconds() - start) / Double(events.count))
                }
                precondition(steps == events.count * n, "every event merges into one jet")
                print(
                    String(
                        format: "N = %4d: %9.2f µs per event, t/N² = %.2f ns (%@)", n, best * 1e6,
                        best * 1e9 / Double(n * n),
                        n <= ClusterSequence.matrixThreshold ? "matrix" : "N2Plain"))
            }
        }

        private func cpuSeconds() -> Double {
            var t = timespec()
            clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
            return Double(t.tv_sec) + 1e-9 * Double(t.tv_nsec)
        }
    }

    static func writeStdout(_ s: String) {
        FileHandle.standardOutput.write(Data(s.utf8))
    }
}
