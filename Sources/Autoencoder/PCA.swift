// Principal component analysis in Double: covariance of centred rows, eigen-decomposition by
// cyclic Jacobi rotations (deterministic: fixed sweep order, no randomness), components sorted
// by decreasing eigenvalue with a sign convention (largest-magnitude entry positive).

import Foundation

/// Eigenvalues and eigenvectors of a symmetric matrix (cyclic Jacobi).
public enum SymmetricEigen {
    /// Returns eigenvalues (descending) and eigenvectors as rows `vectors[k]` of length n.
    /// `matrix` is n×n row-major and must be symmetric.
    public static func decompose(
        _ matrix: [Double], n: Int, maxSweeps: Int = 100,
        tolerance: Double = 1e-14
    ) -> (values: [Double], vectors: [[Double]]) {
        precondition(matrix.count == n * n, "SymmetricEigen: \(matrix.count) values for \(n)×\(n)")
        var a = matrix
        var v = [Double](repeating: 0, count: n * n)
        for i in 0..<n { v[i * n + i] = 1 }
        var scale = 0.0
        for x in a { scale += x * x }
        let threshold = tolerance * tolerance * max(scale, .leastNormalMagnitude)
        for _ in 0..<maxSweeps {
            var off = 0.0
            for p in 0..<n { for q in (p + 1)..<max(p + 1, n) { off += 2 * a[p * n + q] * a[p * n + q] } }
            if off <= threshold { break }
            for p in 0..<(n - 1) {
                for q in (p + 1)..<n {
                    let apq = a[p * n + q]
                    if apq == 0 { continue }
                    let app = a[p * n + p]
                    let aqq = a[q * n + q]
                    let theta = (aqq - app) / (2 * apq)
                    let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot()
                    let s = t * c
                    // A ← Jᵀ A J on rows/columns p, q.
                    for k in 0..<n {
                        let akp = a[k * n + p]
                        let akq = a[k * n + q]
                        a[k * n + p] = c * akp - s * akq
                        a[k * n + q] = s * akp + c * akq
                    }
                    for k in 0..<n {
                        let apk = a[p * n + k]
                        let aqk = a[q * n + k]
                        a[p * n + k] = c * apk - s * aqk
                        a[q * n + k] = s * apk + c * aqk
                    }
                    for k in 0..<n {
                        let vkp = v[k * n + p]
                        let vkq = v[k * n + q]
                        v[k * n + p] = c * vkp - s * vkq
                        v[k * n + q] = s * vkp + c * vkq
                    }
                }
            }
        }
        let order = (0..<n).sorted { a[$0 * n + $0] > a[$1 * n + $1] || (a[$0 * n + $0] == a[$1 * n + $1] && $0 < $1) }
        var vectors: [[Double]] = []
        for j in order {
            var col = (0..<n).map { v[$0 * n + j] }
            // Sign convention: the largest-magnitude entry is positive.
            var big = 0
            for i in 0..<n where abs(col[i]) > abs(col[big]) { big = i }
            if col[big] < 0 { col = col.map { -$0 } }
            vectors.append(col)
        }
        return (order.map { a[$0 * n + $0] }, vectors)
    }
}

/// A PCA model: the mean and the leading `components` (unit rows) of the training data.
public struct PCAModel: Sendable, Equatable {
    public var mean: [Double]
    /// k rows of length d.
    public var components: [[Double]]
    /// All d eigenvalues of the (population, 1/N) covariance, descending.
    public var eigenvalues: [Double]

    public var dimension: Int { mean.count }

    public init(mean: [Double], components: [[Double]], eigenvalues: [Double]) {
        self.mean = mean
        self.components = components
        self.eigenvalues = eigenvalues
    }

    /// Fits on `rows` samples of `columns` values (row-major) with `latent` components.
    public init(fitting values: [Float], columns d: Int, latent k: Int) {
        precondition(d > 0 && values.count % d == 0 && k <= d, "PCAModel: bad shapes")
        let n = values.count / d
        var mean = [Double](repeating: 0, count: d)
        for r in 0..<n { for c in 0..<d { mean[c] += Double(values[r * d + c]) } }
        for c in 0..<d { mean[c] /= Double(max(n, 1)) }
        var cov = [Double](repeating: 0, count: d * d)
        var centred = [Double](repeating: 0, count: d)
        for r in 0..<n {
            for c in 0..<d { centred[c] = Double(values[r * d + c]) - mean[c] }
            for i in 0..<d {
                let ci = centred[i]
                if ci == 0 { continue }
                for j in i..<d { cov[i * d + j] += ci * centred[j] }
            }
        }
        for i in 0..<d {
            for j in i..<d {
                cov[i * d + j] /= Double(max(n, 1))
                cov[j * d + i] = cov[i * d + j]
            }
        }
        let (values, vectors) = SymmetricEigen.decompose(cov, n: d)
        self.init(mean: mean, components: Array(vectors.prefix(k)), eigenvalues: values)
    }

    /// Mean squared error (over the d values) of the projection onto the components.
    public func reconstructionError(_ x: [Float]) -> Double {
        let d = dimension
        var centred = [Double](repeating: 0, count: d)
        for i in 0..<d { centred[i] = Double(x[i]) - mean[i] }
        var recon = [Double](repeating: 0, count: d)
        for comp in components {
            var z = 0.0
            for i in 0..<d { z += comp[i] * centred[i] }
            for i in 0..<d { recon[i] += z * comp[i] }
        }
        var s = 0.0
        for i in 0..<d {
            let e = centred[i] - recon[i]
            s += e * e
        }
        return s / Double(d)
    }

    /// The optimal (Eckart–Young) mean squared error on the training data: the trailing eigenvalues / d.
    public var trainingError: Double {
        eigenvalues.dropFirst(components.count).reduce(0, +) / Double(dimension)
    }
}
