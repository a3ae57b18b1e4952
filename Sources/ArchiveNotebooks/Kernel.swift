import ArchiveModel
import Foundation
import ParallelMap

/// A computation a notebook cell can run at build time. Kernels validate their own parameters,
/// name the committed files they read (hashed into the cache address) and return tables.
public protocol NotebookKernel: Sendable {
    associatedtype Parameters: Sendable

    /// The name cells use: ```` ```kernel NAME ````.
    var name: String { get }
    /// Bumped whenever the kernel's results may change; part of the cache address.
    var version: String { get }
    /// Reads and checks the parameters; problems are recorded in `reader`.
    func parameters(from reader: inout ParameterReader) -> Parameters
    /// Content-relative paths of every file the run reads (datasets, model weights).
    func inputs(for parameters: Parameters) -> [String]
    func run(_ parameters: Parameters, context: KernelContext) throws -> KernelOutput
}

/// What a running kernel may use: its inputs, its seed, and the deadline it must respect.
public struct KernelContext: Sendable {
    public let contentDirectory: URL
    public let seed: UInt64
    let deadline: DispatchTime

    public init(contentDirectory: URL, seed: UInt64, deadline: DispatchTime) {
        self.contentDirectory = contentDirectory
        self.seed = seed
        self.deadline = deadline
    }

    public func inputURL(_ path: String) -> URL { contentDirectory.appendingPathComponent(path) }

    /// Long loops call this so a cell past its timeout stops promptly instead of running on.
    public func checkDeadline() throws {
        if DispatchTime.now() > deadline { throw KernelTimeout() }
    }

    /// `transform` over 0..<count on all cores, results in index order; once the deadline has
    /// passed no further index is started and the call throws `KernelTimeout`, so that a cell
    /// abandoned at its timeout stops computing instead of running on behind the build.
    public func map<T: Sendable>(_ count: Int, _ transform: @Sendable (Int) throws -> T) throws -> [T] {
        try parallelMap(count) { index in
            try checkDeadline()
            return try transform(index)
        }
    }
}

public struct KernelTimeout: Error {}

/// A kernel failure with a message meant for the notebook's author.
public struct KernelFailure: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// A kernel with its parameter type erased, as the registry stores it.
public struct RegisteredKernel: Sendable {
    public let name: String
    public let version: String
    let prepare: @Sendable (inout ParameterReader) -> PreparedRun

    public init<K: NotebookKernel>(_ kernel: K) {
        name = kernel.name
        version = kernel.version
        prepare = { reader in
            let parameters = kernel.parameters(from: &reader)
            return PreparedRun(inputs: kernel.inputs(for: parameters)) { context in
                try kernel.run(parameters, context: context)
            }
        }
    }
}

/// A validated cell, ready to run.
struct PreparedRun: Sendable {
    let inputs: [String]
    let run: @Sendable (KernelContext) throws -> KernelOutput
}

/// The kernels a build knows, by name.
public struct KernelRegistry: Sendable {
    private var kernels: [String: RegisteredKernel] = [:]

    public init(_ kernels: [RegisteredKernel] = []) {
        for kernel in kernels { register(kernel) }
    }

    public mutating func register(_ kernel: RegisteredKernel) { kernels[kernel.name] = kernel }

    public func kernel(named name: String) -> RegisteredKernel? { kernels[name] }

    public var names: [String] { kernels.keys.sorted() }
}
