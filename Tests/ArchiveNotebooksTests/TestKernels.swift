import ArchiveModel
import ArchiveNotebooks
import Foundation

/// Sums the numbers (one per line) of a content file, times a factor: small, with a real input.
struct SumKernel: NotebookKernel {
    var version = "1"
    let name = "sum"
    struct Parameters: Sendable {
        var file: String
        var factor: Int
    }

    func parameters(from reader: inout ParameterReader) -> Parameters {
        Parameters(
            file: reader.string("file", default: "numbers.txt"),
            factor: reader.integer("factor", default: 1, in: 1...1000))
    }

    func inputs(for parameters: Parameters) -> [String] { [parameters.file] }

    func run(_ parameters: Parameters, context: KernelContext) throws -> KernelOutput {
        let text = try String(contentsOf: context.inputURL(parameters.file), encoding: .utf8)
        let numbers = text.split(separator: "\n").compactMap { Int($0) }
        let total = numbers.reduce(0, +) * parameters.factor
        return KernelOutput(tables: [
            ResultTable(
                id: "total", title: "Total",
                columns: [
                    TableColumn("count", label: "Numbers"), TableColumn("total", label: "Total"),
                    TableColumn("mean", label: "Mean"),
                ],
                rows: [
                    [
                        .integer(numbers.count), .integer(total),
                        .real(Double(total) / Double(max(numbers.count, 1)), decimals: 3),
                    ]
                ])
        ])
    }
}

/// Spins until its deadline passes: for the timeout test.
struct SpinKernel: NotebookKernel {
    let name = "spin"
    let version = "1"
    func parameters(from reader: inout ParameterReader) { () }
    func inputs(for parameters: Void) -> [String] { [] }
    func run(_ parameters: Void, context: KernelContext) throws -> KernelOutput {
        while true {
            try context.checkDeadline()
            usleep(1000)
        }
    }
}

/// Waits (up to 5 s) until another cell of this kernel is running at the same time, and reports
/// whether it saw one: proves cells run in parallel without timing anything.
// @unchecked: `running` and `peak` are only touched under `lock`.
final class OverlapProbe: @unchecked Sendable {
    private let lock = NSLock()
    private var running = 0
    private var peak = 0
    var maximum: Int {
        lock.lock()
        defer { lock.unlock() }
        return peak
    }

    func enter() {
        lock.lock()
        running += 1
        peak = max(peak, running)
        lock.unlock()
    }
    func leave() {
        lock.lock()
        running -= 1
        lock.unlock()
    }
    var current: Int {
        lock.lock()
        defer { lock.unlock() }
        return running
    }
}

struct OverlapKernel: NotebookKernel {
    let name = "overlap"
    let version = "1"
    let probe: OverlapProbe
    func parameters(from reader: inout ParameterReader) -> Int { reader.integer("id", default: 0, in: 0...100) }
    func inputs(for parameters: Int) -> [String] { [] }
    func run(_ parameters: Int, context: KernelContext) throws -> KernelOutput {
        probe.enter()
        defer { probe.leave() }
        var waited = 0
        while probe.maximum < 2, waited < 5000 {
            usleep(1000)
            waited += 1
        }
        return KernelOutput(tables: [
            ResultTable(
                id: "t", title: "t", columns: [TableColumn("id", label: "id")],
                rows: [[.integer(parameters)]])
        ])
    }
}
