/// A kernel cell: a fenced block ```` ```kernel NAME ```` whose body is YAML
/// (`params:`, optional `seed:` and `expect:`).
public struct NotebookCell: Sendable {
    public var notebookPath: String
    /// Position among the notebook's cells, from 0 (only used to explain cache misses).
    public var ordinal: Int
    /// The opening fence.
    public var location: SourceLocation
    public var kernelName: String
    public var params: ParameterNode?
    public var seed: UInt64?
    public var expect: ParameterNode?
    /// The cell's YAML as written, shown collapsed beside its result.
    public var source: String

    public init(
        notebookPath: String, ordinal: Int, location: SourceLocation, kernelName: String,
        params: ParameterNode?, seed: UInt64?, expect: ParameterNode?, source: String
    ) {
        self.notebookPath = notebookPath
        self.ordinal = ordinal
        self.location = location
        self.kernelName = kernelName
        self.params = params
        self.seed = seed
        self.expect = expect
        self.source = source
    }
}

/// A notebook: `Content/notebooks/<id>.md`.
public struct Notebook: Sendable {
    public enum Segment: Sendable {
        case markdown(String)
        /// Index into `cells`.
        case cell(Int)
    }

    public var id: String
    public var path: String
    public var title: String
    /// One or two sentences on what the notebook shows (the notebooks index and the page's
    /// description for search engines); nil when the front matter gives none.
    public var summary: String?
    public var authors: [String]
    /// Talk and session ids this notebook illustrates; the pages of those link back.
    public var related: [String]
    public var relatedLocations: [SourceLocation]
    /// Per-cell timeout in seconds (default 120).
    public var timeoutSeconds: Double
    public var segments: [Segment]
    public var cells: [NotebookCell]
    /// What the notebook's checks let through and the build summary reports (text its
    /// `allow_secrets` permits, entries that match nothing).
    public var notes: [Diagnostic] = []

    public init(
        id: String, path: String, title: String, authors: [String], related: [String],
        relatedLocations: [SourceLocation], timeoutSeconds: Double, segments: [Segment], cells: [NotebookCell],
        summary: String? = nil
    ) {
        self.id = id
        self.path = path
        self.title = title
        self.summary = summary
        self.authors = authors
        self.related = related
        self.relatedLocations = relatedLocations
        self.timeoutSeconds = timeoutSeconds
        self.segments = segments
        self.cells = cells
    }
}

/// Where a published table came from, printed in its caption.
public struct Provenance: Hashable, Sendable {
    public var kernel: String
    public var version: String
    /// Content-relative input paths with their SHA-256, in path order.
    public var inputs: [(path: String, sha256: String)]
    public var seed: UInt64

    public init(kernel: String, version: String, inputs: [(path: String, sha256: String)], seed: UInt64) {
        self.kernel = kernel
        self.version = version
        self.inputs = inputs
        self.seed = seed
    }

    public static func == (a: Provenance, b: Provenance) -> Bool {
        a.kernel == b.kernel && a.version == b.version && a.seed == b.seed
            && a.inputs.map(\.path) == b.inputs.map(\.path) && a.inputs.map(\.sha256) == b.inputs.map(\.sha256)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(kernel)
        hasher.combine(version)
        hasher.combine(seed)
        for input in inputs {
            hasher.combine(input.path)
            hasher.combine(input.sha256)
        }
    }
}

/// A cell's published result.
public struct CellResult: Sendable {
    public var cell: NotebookCell
    public var output: KernelOutput
    public var provenance: Provenance
    /// Why the cell ran in this build (nil when it came from the cache).
    public var executionReason: String?
    /// Wall time of the execution; never written into the site.
    public var seconds: Double

    public init(
        cell: NotebookCell, output: KernelOutput, provenance: Provenance, executionReason: String?,
        seconds: Double
    ) {
        self.cell = cell
        self.output = output
        self.provenance = provenance
        self.executionReason = executionReason
        self.seconds = seconds
    }
}

/// A notebook with the results of all its cells, as the renderer publishes it.
public struct ExecutedNotebook: Sendable {
    public var notebook: Notebook
    public var results: [CellResult]
    /// The build's source date (`YYYY-MM-DD`), stamped into every table's provenance caption.
    public var sourceDate: String

    public init(notebook: Notebook, results: [CellResult], sourceDate: String) {
        self.notebook = notebook
        self.results = results
        self.sourceDate = sourceDate
    }
}
