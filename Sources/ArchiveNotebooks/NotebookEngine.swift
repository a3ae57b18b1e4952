import ArchiveFiles
import ArchiveModel
import Foundation
import ParallelMap
import Synchronization

/// Runs every kernel cell of a build: validates parameters, answers from the content-addressed
/// cache where it can, executes the rest in parallel on all cores with a per-cell timeout, and checks
/// every result against its `expect:` block.
public struct NotebookEngine: Sendable {
    public struct Options: Sendable {
        public var contentDirectory: String
        public var cacheDirectory: String
        /// Notebook paths whose cells must run again (`--refresh PATH`), as the user gave them.
        public var refreshPaths: [String]
        public var refreshAll: Bool

        public init(
            contentDirectory: String, cacheDirectory: String = ".archive-cache",
            refreshPaths: [String] = [], refreshAll: Bool = false
        ) {
            self.contentDirectory = contentDirectory
            self.cacheDirectory = cacheDirectory
            self.refreshPaths = refreshPaths
            self.refreshAll = refreshAll
        }
    }

    public struct Report: Sendable {
        /// Results per notebook id, in cell order.
        public var results: [String: [CellResult]]
        /// `NOTEBOOK_PATH:LINE: executed: REASON` for every executed cell, in file order.
        public var whyLines: [String]
        public var executedCount: Int
        public var cachedCount: Int
    }

    public static let defaultTimeoutSeconds = 120.0
    /// The longest a notebook may give its cells: an hour, far beyond any kernel here, and small
    /// enough that a deadline in nanoseconds cannot overflow.
    public static let maximumTimeoutSeconds = 3600.0

    let registry: KernelRegistry
    let options: Options

    public init(registry: KernelRegistry, options: Options) {
        self.registry = registry
        self.options = options
    }

    /// A planned cell: validated, addressed, and either answered by the cache or due to run.
    private struct Plan {
        var cell: NotebookCell
        var notebookID: String
        var timeout: Double
        var run: PreparedRun
        var expectation: Expectation
        var provenance: Provenance
        var address: String
        var ledger: LedgerEntry
        var cached: KernelOutput?
        var reason: String?
    }

    public func execute(_ notebooks: [Notebook]) throws -> Report {
        let contentURL = URL(fileURLWithPath: options.contentDirectory)
        let cache = ResultCache(directory: URL(fileURLWithPath: options.cacheDirectory))
        let refresh = Set(options.refreshPaths.map(Self.canonicalPath))
        var problems: [Diagnostic] = []
        var plans: [Plan] = []
        var checksums = InputChecksums(contentDirectory: options.contentDirectory)

        for notebook in notebooks {
            let refreshed = options.refreshAll || refresh.contains(Self.canonicalPath(notebook.path))
            for cell in notebook.cells {
                guard let kernel = registry.kernel(named: cell.kernelName) else {
                    problems.append(
                        Diagnostic(
                            NearestName.message(
                                "unknown kernel '\(cell.kernelName)'", name: cell.kernelName, among: registry.names,
                                rest: "known kernels: " + registry.names.joined(separator: ", ")),
                            at: cell.location))
                    continue
                }
                var reader = ParameterReader(kernelName: kernel.name, params: cell.params, cellLocation: cell.location)
                let run = kernel.prepare(&reader)
                reader.finish()
                problems += reader.problems
                var expectation = Expectation(tables: [])
                if let expect = cell.expect {
                    let parsed = Expectation.parse(expect)
                    expectation = parsed.0
                    problems += parsed.1
                }
                var inputs: [(path: String, sha256: String)] = []
                for path in Set(run.inputs).sorted() {
                    let url = contentURL.appendingPathComponent(path)
                    if let problem = ProjectFolder.escapeProblem(url.path, root: contentURL.path),
                        FileManager.default.fileExists(atPath: url.path)
                    {
                        problems.append(
                            Diagnostic(
                                "input file '\(options.contentDirectory)/\(path)' of kernel "
                                    + "'\(kernel.name)': \(problem)", at: cell.location))
                        continue
                    }
                    do {
                        inputs.append((path, try cache.hashInput(url, key: path)))
                    } catch {
                        problems.append(
                            Diagnostic(
                                "missing input file '\(options.contentDirectory)/\(path)' "
                                    + "of kernel '\(kernel.name)'", at: cell.location))
                    }
                }
                guard reader.problems.isEmpty, inputs.count == Set(run.inputs).count else { continue }
                for problem in checksums.problems(inputs) where !problems.contains(problem) {
                    problems.append(problem)
                }

                let parameters = cell.params?.value.canonicalJSON ?? "{}"
                let seed = cell.seed ?? Self.derivedSeed(kernel: kernel.name, parameters: parameters)
                let ledger = LedgerEntry(
                    kernel: kernel.name, version: kernel.version, parameters: parameters,
                    seed: seed, inputs: Dictionary(uniqueKeysWithValues: inputs.map { ($0.path, $0.sha256) }))
                let address = Self.address(of: ledger)
                var plan = Plan(
                    cell: cell, notebookID: notebook.id, timeout: notebook.timeoutSeconds, run: run,
                    expectation: expectation,
                    provenance: Provenance(kernel: kernel.name, version: kernel.version, inputs: inputs, seed: seed),
                    address: address, ledger: ledger)
                if refreshed {
                    plan.reason = "refresh requested"
                } else {
                    switch cache.lookup(address) {
                    case .hit(let output): plan.cached = output
                    case .corrupt: plan.reason = "cache entry corrupt"
                    case .missing:
                        plan.reason = Self.missReason(
                            now: ledger, before: cache.ledgerEntry(for: Self.ledgerKey(cell)),
                            contentDirectory: options.contentDirectory)
                    }
                }
                plans.append(plan)
            }
        }
        if !problems.isEmpty { throw DiagnosticList(problems) }

        // Execute the misses in parallel; each slot waits for its kernel at most its timeout.
        let pending = plans.indices.filter { plans[$0].cached == nil }
        if !pending.isEmpty {
            do { try cache.prepareForWriting() } catch let diagnostic as Diagnostic {
                throw DiagnosticList([diagnostic])
            }
        }
        let contentDirectory = contentURL
        let outcomes = parallelMap(pending.count, chunk: 1) { [plans] slot in
            let plan = plans[pending[slot]]
            return Self.runWithTimeout(
                plan.run, seed: plan.provenance.seed, timeout: plan.timeout,
                contentDirectory: contentDirectory)
        }

        var results: [String: [CellResult]] = [:]
        var whyLines: [(SourceLocation, String)] = []
        for (index, plan) in plans.enumerated() {
            var output = plan.cached
            var seconds = 0.0
            if let slot = pending.firstIndex(of: index) {
                switch outcomes[slot] {
                case .success(let produced, let elapsed):
                    output = produced
                    seconds = elapsed
                    whyLines.append(
                        (
                            plan.cell.location,
                            "\(plan.cell.notebookPath):\(plan.cell.location.line): executed: \(plan.reason ?? "new")"
                        ))
                case .failure(let message):
                    problems.append(
                        Self.failure(
                            message, cell: plan.cell, contentURL: contentURL,
                            shownAs: options.contentDirectory))
                    continue
                }
            }
            guard let output else { continue }
            let mismatches = plan.expectation.check(output)
            problems += mismatches
            if plan.cached == nil, mismatches.isEmpty {
                do { try cache.store(output, at: plan.address) } catch {
                    problems.append(
                        Diagnostic(
                            "cannot write the cache entry: \(error.localizedDescription)",
                            at: SourceLocation(path: options.cacheDirectory)))
                }
            }
            cache.remember(plan.ledger, for: Self.ledgerKey(plan.cell))
            results[plan.notebookID, default: []].append(
                CellResult(
                    cell: plan.cell, output: output, provenance: plan.provenance,
                    executionReason: plan.cached == nil ? plan.reason : nil, seconds: seconds))
        }
        if !problems.isEmpty { throw DiagnosticList(problems) }
        try cache.save()
        let lines = whyLines.sorted { $0.0 < $1.0 }.map(\.1)
        return Report(
            results: results, whyLines: lines.isEmpty ? ["0 cells executed"] : lines,
            executedCount: pending.count, cachedCount: plans.count - pending.count)
    }

    // MARK: - Addresses and reasons

    static func ledgerKey(_ cell: NotebookCell) -> String { "\(cell.notebookPath)#\(cell.ordinal)" }

    static func address(of entry: LedgerEntry) -> String {
        let inputs = entry.inputs.keys.sorted().map { "\(JSONText.quoted($0)):\(JSONText.quoted(entry.inputs[$0]!))" }
        let canonical =
            "{\"inputs\":{\(inputs.joined(separator: ","))},\"kernel\":\(JSONText.quoted(entry.kernel)),"
            + "\"parameters\":\(entry.parameters),\"seed\":\(entry.seed),\"version\":\(JSONText.quoted(entry.version))}"
        return sha256Hex(Data(canonical.utf8))
    }

    /// Unless a cell gives `seed:`, its seed comes from the kernel and its parameters, never from
    /// where the cell stands, so moving a cell changes nothing.
    static func derivedSeed(kernel: String, parameters: String) -> UInt64 {
        let hex = sha256Hex(Data("\(kernel)\u{0}\(parameters)".utf8))
        return UInt64(hex.prefix(16), radix: 16)!
    }

    static func missReason(now: LedgerEntry, before: LedgerEntry?, contentDirectory: String) -> String {
        guard let before, before.kernel == now.kernel else { return "new" }
        if before.version != now.version { return "kernel version changed" }
        if before.parameters != now.parameters || before.seed != now.seed { return "params changed" }
        for path in now.inputs.keys.sorted() where before.inputs[path] != now.inputs[path] {
            return "input changed: \(contentDirectory)/\(path)"
        }
        return "new"
    }

    static func canonicalPath(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.path }

    // MARK: - Execution with a timeout

    enum Outcome: Sendable {
        case success(KernelOutput, Double)
        case failure(String)
    }

    /// The outcome of a kernel's thread, read by the waiting build once the thread signalled.
    final class OutcomeBox: Sendable {
        private let stored = Mutex<Outcome?>(nil)
        func set(_ outcome: Outcome) { stored.withLock { $0 = outcome } }
        var outcome: Outcome? { stored.withLock { $0 } }
    }

    /// Runs a kernel on a thread of its own and waits at most `timeout` seconds. A kernel that
    /// overruns is told through its context's deadline; the build fails either way.
    static func runWithTimeout(_ run: PreparedRun, seed: UInt64, timeout: Double, contentDirectory: URL) -> Outcome {
        let start = DispatchTime.now()
        let deadline = start + .nanoseconds(Int(timeout * 1e9))
        let context = KernelContext(contentDirectory: contentDirectory, seed: seed, deadline: deadline)
        let done = DispatchSemaphore(value: 0)
        let box = OutcomeBox()
        let thread = Thread {
            do {
                let output = try run.run(context)
                let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
                box.set(.success(output, elapsed))
            } catch is KernelTimeout {
                box.set(.failure("cell timed out after \(formatSeconds(timeout)) s"))
            } catch {
                box.set(.failure("kernel failed: \(error)"))
            }
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
        if done.wait(timeout: deadline) == .timedOut {
            return .failure("cell timed out after \(formatSeconds(timeout)) s")
        }
        return box.outcome!
    }

    /// A kernel's failure as a diagnostic: paths as the user wrote the content folder, and placed
    /// at the data or model file the message begins with (the file is at fault, not the cell).
    static func failure(_ message: String, cell: NotebookCell, contentURL: URL, shownAs shown: String) -> Diagnostic {
        let text = message.replacingOccurrences(of: contentURL.path, with: shown)
        let prefix = "kernel failed: "
        if text.hasPrefix(prefix + shown + "/"), let colon = text.dropFirst(prefix.count).range(of: ": ") {
            let path = String(text[text.index(text.startIndex, offsetBy: prefix.count)..<colon.lowerBound])
            if !path.contains(" ") {
                return Diagnostic(
                    String(text[colon.upperBound...]) + " (read by the cell at \(cell.notebookPath):"
                        + "\(cell.location.line))", at: SourceLocation(path: path))
            }
        }
        return Diagnostic(text, at: cell.location)
    }

    static func formatSeconds(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
