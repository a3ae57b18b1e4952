/// One value of a result table. Reals carry how many decimals the page shows; downloads keep
/// full precision.
public enum TableValue: Hashable, Sendable, Codable {
    case text(String)
    case integer(Int)
    case real(Double, decimals: Int)
    /// A value with its statistical uncertainty.
    case measured(Double, uncertainty: Double, decimals: Int)

    /// The number compared by expectations (nil for text).
    public var number: Double? {
        switch self {
        case .text: return nil
        case .integer(let value): return Double(value)
        case .real(let value, _), .measured(let value, _, _): return value
        }
    }
}

public struct TableColumn: Hashable, Sendable, Codable {
    /// Stable key used by `expect:` and in CSV/JSON headers.
    public var id: String
    /// What the page shows in the header cell.
    public var label: String

    public init(_ id: String, label: String) {
        self.id = id
        self.label = label
    }
}

/// A table computed by a kernel.
public struct ResultTable: Hashable, Sendable, Codable {
    /// Stable key: `expect:` names tables by it and downloads are `<notebook>-<id>.csv`.
    public var id: String
    public var title: String
    public var columns: [TableColumn]
    public var rows: [[TableValue]]
    /// A sentence under the table explaining what it shows (definitions, cuts).
    public var note: String?

    public init(id: String, title: String, columns: [TableColumn], rows: [[TableValue]], note: String? = nil) {
        self.id = id
        self.title = title
        self.columns = columns
        self.rows = rows
        self.note = note
    }
}

/// A line plot (e.g. a ROC curve), drawn as inline SVG by the renderer with a text alternative.
public struct LinePlot: Hashable, Sendable, Codable {
    public struct Series: Hashable, Sendable, Codable {
        public var label: String
        public var points: [[Double]]
        public init(label: String, points: [(Double, Double)]) {
            self.label = label
            self.points = points.map { [$0.0, $0.1] }
        }
    }

    public var id: String
    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var logY: Bool
    public var series: [Series]
    /// Describes the plot for readers who cannot see it.
    public var textAlternative: String

    public init(
        id: String, title: String, xLabel: String, yLabel: String, logY: Bool = false,
        series: [Series], textAlternative: String
    ) {
        self.id = id
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.logY = logY
        self.series = series
        self.textAlternative = textAlternative
    }
}

/// Everything one cell produced.
public struct KernelOutput: Hashable, Sendable, Codable {
    public var tables: [ResultTable]
    public var plots: [LinePlot]

    public init(tables: [ResultTable], plots: [LinePlot] = []) {
        self.tables = tables
        self.plots = plots
    }
}
