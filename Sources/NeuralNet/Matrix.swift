/// A row-major matrix: `rows` row vectors of `columns` scalars (for layers, a batch of samples).
public struct Matrix<Scalar: NNScalar>: Equatable, Sendable {
    public var rows: Int
    public var columns: Int
    /// `rows * columns` values, row after row.
    public var storage: [Scalar]

    @inlinable
    public init(rows: Int, columns: Int, storage: [Scalar]) {
        precondition(
            rows >= 0 && columns >= 0 && storage.count == rows * columns,
            "Matrix: \(storage.count) values for a \(rows)×\(columns) matrix")
        self.rows = rows
        self.columns = columns
        self.storage = storage
    }

    @inlinable
    public init(rows: Int, columns: Int, repeating value: Scalar = 0) {
        self.init(rows: rows, columns: columns, storage: [Scalar](repeating: value, count: rows * columns))
    }

    /// One row per element of `rowsOf`, which must all have the same length.
    @inlinable
    public init(_ rowsOf: [[Scalar]]) {
        let c = rowsOf.first?.count ?? 0
        precondition(rowsOf.allSatisfy { $0.count == c }, "Matrix: rows of different lengths")
        self.init(rows: rowsOf.count, columns: c, storage: rowsOf.flatMap { $0 })
    }

    /// The rows `indices` of `source` (a mini-batch gathered from a data set).
    @inlinable
    public init(gathering indices: [Int], from source: Matrix<Scalar>) {
        var out = [Scalar]()
        out.reserveCapacity(indices.count * source.columns)
        for i in indices {
            out.append(contentsOf: source.storage[(i * source.columns)..<((i + 1) * source.columns)])
        }
        self.init(rows: indices.count, columns: source.columns, storage: out)
    }

    @inlinable
    public subscript(row: Int, column: Int) -> Scalar {
        get { storage[row * columns + column] }
        set { storage[row * columns + column] = newValue }
    }

    /// A copy of row `i`.
    @inlinable
    public func row(_ i: Int) -> [Scalar] { Array(storage[(i * columns)..<((i + 1) * columns)]) }
}
