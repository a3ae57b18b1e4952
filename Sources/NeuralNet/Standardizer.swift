/// Per-column standardisation `(x - mean) / std` with the training set's mean and population
/// standard deviation (ddof = 0, as scikit-learn's StandardScaler), both computed in Double with
/// a two-pass algorithm. A column with zero spread gets std 1.
public struct Standardizer: Equatable, Sendable, Codable {
    public var mean: [Double]
    public var std: [Double]

    public init(mean: [Double], std: [Double]) {
        precondition(mean.count == std.count, "Standardizer: mean and std of different lengths")
        self.mean = mean
        self.std = std
    }

    /// Fits on `rows` samples of `columns` features each (row-major `values`).
    public init(fitting values: [Double], columns: Int) {
        precondition(columns > 0 && values.count % columns == 0, "Standardizer: values do not form rows of \(columns)")
        let rows = values.count / columns
        var mean = [Double](repeating: 0, count: columns)
        for r in 0..<rows { for c in 0..<columns { mean[c] += values[r * columns + c] } }
        for c in 0..<columns { mean[c] /= Double(Swift.max(rows, 1)) }
        var variance = [Double](repeating: 0, count: columns)
        for r in 0..<rows {
            for c in 0..<columns {
                let d = values[r * columns + c] - mean[c]
                variance[c] += d * d
            }
        }
        let std = variance.map { v -> Double in
            let s = (v / Double(Swift.max(rows, 1))).squareRoot()
            return s > 0 ? s : 1
        }
        self.init(mean: mean, std: std)
    }

    /// Standardised values (row-major, same layout), computed in Double and rounded once to `Scalar`.
    public func transform<Scalar: NNScalar>(_ values: [Double], as _: Scalar.Type = Scalar.self) -> [Scalar] {
        let c = mean.count
        precondition(values.count % c == 0, "Standardizer: values do not form rows of \(c)")
        var out = [Scalar]()
        out.reserveCapacity(values.count)
        for (i, x) in values.enumerated() { out.append(Scalar((x - mean[i % c]) / std[i % c])) }
        return out
    }
}
