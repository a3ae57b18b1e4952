import Foundation
import NeuralNet

/// Batch normalisation over the rows of a batch (nodes or edges), PyTorch conventions:
/// training normalises with the batch mean and biased variance and updates the running
/// statistics with momentum 0.1 (running variance with the unbiased estimate); inference
/// (`training = false`) uses the running statistics. ε = 1e-5. Statistics are accumulated
/// in Double in row order, so they are deterministic.
public final class BatchNorm<Scalar: NNScalar>: Layer {
    public let features: Int
    public var gamma: Parameter<Scalar>
    public var beta: Parameter<Scalar>
    public var runningMean: [Scalar]
    public var runningVariance: [Scalar]
    public var training = true
    public let momentum: Double = 0.1
    public let epsilon: Double = 1e-5
    var normalised: [Scalar] = []
    var inverseStd: [Scalar] = []
    var rows = 0

    public init(features: Int) {
        self.features = features
        gamma = Parameter(name: "gamma", shape: [features], value: [Scalar](repeating: 1, count: features))
        beta = Parameter(name: "beta", shape: [features], value: [Scalar](repeating: 0, count: features))
        runningMean = [Scalar](repeating: 0, count: features)
        runningVariance = [Scalar](repeating: 1, count: features)
    }

    public func forward(_ x: Matrix<Scalar>) -> Matrix<Scalar> {
        precondition(x.columns == features, "BatchNorm: \(x.columns) columns, expected \(features)")
        let c = features, n = x.rows
        rows = n
        var mean = [Scalar](repeating: 0, count: c)
        var invStd = [Scalar](repeating: 0, count: c)
        if training && n > 0 {
            var sum = [Double](repeating: 0, count: c)
            for r in 0..<n { for j in 0..<c { sum[j] += Double(x.storage[r * c + j]) } }
            let m = sum.map { $0 / Double(n) }
            var sq = [Double](repeating: 0, count: c)
            for r in 0..<n {
                for j in 0..<c {
                    let d = Double(x.storage[r * c + j]) - m[j]
                    sq[j] += d * d
                }
            }
            for j in 0..<c {
                let variance = sq[j] / Double(n)
                mean[j] = Scalar(m[j])
                invStd[j] = Scalar(1 / (variance + epsilon).squareRoot())
                let unbiased = n > 1 ? sq[j] / Double(n - 1) : variance
                runningMean[j] = Scalar((1 - momentum) * Double(runningMean[j]) + momentum * m[j])
                runningVariance[j] = Scalar((1 - momentum) * Double(runningVariance[j]) + momentum * unbiased)
            }
        } else {
            for j in 0..<c {
                mean[j] = runningMean[j]
                invStd[j] = Scalar(1 / (Double(runningVariance[j]) + epsilon).squareRoot())
            }
        }
        var xhat = x.storage
        var y = x.storage
        let g = gamma.value, b = beta.value
        for r in 0..<n {
            for j in 0..<c {
                let v = (x.storage[r * c + j] - mean[j]) * invStd[j]
                xhat[r * c + j] = v
                y[r * c + j] = g[j] * v + b[j]
            }
        }
        normalised = xhat
        inverseStd = invStd
        return Matrix(rows: n, columns: c, storage: y)
    }

    public func backward(_ dy: Matrix<Scalar>) -> Matrix<Scalar> {
        let c = features, n = rows
        precondition(dy.rows == n && dy.columns == c, "BatchNorm.backward: shape mismatch")
        var dx = dy.storage
        guard n > 0 else { return dy }
        var sumDy = [Double](repeating: 0, count: c)
        var sumDyXhat = [Double](repeating: 0, count: c)
        let xh = normalised
        for r in 0..<n {
            for j in 0..<c {
                let g = Double(dy.storage[r * c + j])
                sumDy[j] += g
                sumDyXhat[j] += g * Double(xh[r * c + j])
            }
        }
        for j in 0..<c {
            beta.gradient[j] += Scalar(sumDy[j])
            gamma.gradient[j] += Scalar(sumDyXhat[j])
        }
        if training {
            // dx = γ/σ · (dy − mean(dy) − x̂ · mean(dy · x̂))
            let meanDy = sumDy.map { Scalar($0 / Double(n)) }
            let meanDyXhat = sumDyXhat.map { Scalar($0 / Double(n)) }
            let scale = (0..<c).map { gamma.value[$0] * inverseStd[$0] }
            let xh = normalised
            for r in 0..<n {
                for j in 0..<c {
                    let k = r * c + j
                    dx[k] = scale[j] * (dy.storage[k] - meanDy[j] - xh[k] * meanDyXhat[j])
                }
            }
        } else {
            let scale = (0..<c).map { gamma.value[$0] * inverseStd[$0] }
            for r in 0..<n { for j in 0..<c { dx[r * c + j] = dy.storage[r * c + j] * scale[j] } }
        }
        return Matrix(rows: n, columns: c, storage: dx)
    }

    public func visitParameters(_ body: (inout Parameter<Scalar>) -> Void) {
        body(&gamma)
        body(&beta)
    }
}

/// A layer that needs the graph structure as well as the node features.
public protocol GraphLayer<Scalar>: AnyObject {
    associatedtype Scalar: NNScalar
    func forward(_ x: Matrix<Scalar>, graph: GraphBatch<Scalar>) -> Matrix<Scalar>
    func backward(_ dy: Matrix<Scalar>) -> Matrix<Scalar>
    func visitParameters(_ body: (inout Parameter<Scalar>) -> Void)
    func setTraining(_ training: Bool)
}

/// A graph layer with its graph fixed, seen as a plain `Layer` (for `Adam` and `GradientCheck`).
public final class BoundGraphLayer<L: GraphLayer>: Layer {
    public let layer: L
    public var graph: GraphBatch<L.Scalar>
    public init(_ layer: L, graph: GraphBatch<L.Scalar>) {
        self.layer = layer
        self.graph = graph
    }
    public func forward(_ x: Matrix<L.Scalar>) -> Matrix<L.Scalar> { layer.forward(x, graph: graph) }
    public func backward(_ dy: Matrix<L.Scalar>) -> Matrix<L.Scalar> { layer.backward(dy) }
    public func visitParameters(_ body: (inout Parameter<L.Scalar>) -> Void) { layer.visitParameters(body) }
}

/// One EdgeConv block (LundNet / ParticleNet form). For every directed edge j → i:
///   e_ij = ReLU(BN(W2 · ReLU(BN(θ(x_j − x_i) + φ(x_i)))))
/// where θ(x_j − x_i) + φ(x_i) is one dense layer on the concatenation [x_i, x_j − x_i]
/// (its kernel is [φ; θ]); then the mean over the edges arriving at i, a shortcut
/// s_i = BN(W_s x_i) (identity when the widths agree), and out_i = ReLU(mean_j e_ij + s_i).
/// A node without edges aggregates 0.
public final class EdgeConvBlock<Scalar: NNScalar>: GraphLayer {
    public let inputs: Int
    public let outputs: Int
    public let edgeDense1: Linear<Scalar>
    public let edgeNorm1: BatchNorm<Scalar>
    public let edgeDense2: Linear<Scalar>
    public let edgeNorm2: BatchNorm<Scalar>
    public let shortcutDense: Linear<Scalar>?
    public let shortcutNorm: BatchNorm<Scalar>?
    let relu1 = ReLU<Scalar>()
    let relu2 = ReLU<Scalar>()
    var cachedGraph: GraphBatch<Scalar>?
    var outputMask: [Bool] = []

    public init(inputs: Int, outputs: Int, rng: inout Xoshiro256) {
        self.inputs = inputs
        self.outputs = outputs
        edgeDense1 = Linear(inputs: 2 * inputs, outputs: outputs, rng: &rng)
        edgeNorm1 = BatchNorm(features: outputs)
        edgeDense2 = Linear(inputs: outputs, outputs: outputs, rng: &rng)
        edgeNorm2 = BatchNorm(features: outputs)
        if inputs != outputs {
            shortcutDense = Linear(inputs: inputs, outputs: outputs, rng: &rng)
            shortcutNorm = BatchNorm(features: outputs)
        } else {
            shortcutDense = nil
            shortcutNorm = nil
        }
    }

    public func setTraining(_ training: Bool) {
        edgeNorm1.training = training
        edgeNorm2.training = training
        shortcutNorm?.training = training
    }

    /// Edge inputs [x_i, x_j − x_i], one row per directed edge.
    static func edgeInputs(_ x: Matrix<Scalar>, graph: GraphBatch<Scalar>) -> Matrix<Scalar> {
        let c = x.columns, e = graph.edgeCount
        var out = [Scalar](repeating: 0, count: e * 2 * c)
        for k in 0..<e {
            let i = graph.edgeDestination[k], j = graph.edgeSource[k]
            for f in 0..<c {
                let xi = x.storage[i * c + f]
                out[k * 2 * c + f] = xi
                out[k * 2 * c + c + f] = x.storage[j * c + f] - xi
            }
        }
        return Matrix(rows: e, columns: 2 * c, storage: out)
    }

    public func forward(_ x: Matrix<Scalar>, graph: GraphBatch<Scalar>) -> Matrix<Scalar> {
        precondition(x.columns == inputs && x.rows == graph.nodeCount, "EdgeConvBlock: input shape mismatch")
        cachedGraph = graph
        var h = edgeDense1.forward(Self.edgeInputs(x, graph: graph))
        h = relu1.forward(edgeNorm1.forward(h))
        h = relu2.forward(edgeNorm2.forward(edgeDense2.forward(h)))
        var out: Matrix<Scalar>
        if let d = shortcutDense, let bn = shortcutNorm { out = bn.forward(d.forward(x)) } else { out = x }
        let o = outputs
        for i in 0..<graph.nodeCount {
            let lo = graph.edgeStart[i], hi = graph.edgeStart[i + 1]
            guard hi > lo else { continue }
            let scale = 1 / Scalar(hi - lo)
            for f in 0..<o {
                var s: Scalar = 0
                for k in lo..<hi { s += h.storage[k * o + f] }
                out.storage[i * o + f] += s * scale
            }
        }
        outputMask = [Bool](repeating: false, count: out.storage.count)
        for k in out.storage.indices {
            if out.storage[k] > 0 { outputMask[k] = true } else { out.storage[k] = 0 }
        }
        return out
    }

    public func backward(_ dy: Matrix<Scalar>) -> Matrix<Scalar> {
        guard let graph = cachedGraph else { preconditionFailure("EdgeConvBlock.backward before forward") }
        let o = outputs, c = inputs
        var dpre = dy
        for k in dpre.storage.indices where !outputMask[k] { dpre.storage[k] = 0 }
        // Mean aggregation: every incoming edge gets dpre_i / degree(i).
        var dh = Matrix<Scalar>(rows: graph.edgeCount, columns: o)
        for i in 0..<graph.nodeCount {
            let lo = graph.edgeStart[i], hi = graph.edgeStart[i + 1]
            guard hi > lo else { continue }
            let scale = 1 / Scalar(hi - lo)
            for k in lo..<hi { for f in 0..<o { dh.storage[k * o + f] = dpre.storage[i * o + f] * scale } }
        }
        var g = edgeDense2.backward(edgeNorm2.backward(relu2.backward(dh)))
        g = edgeDense1.backward(edgeNorm1.backward(relu1.backward(g)))
        var dx: Matrix<Scalar>
        if let d = shortcutDense, let bn = shortcutNorm { dx = d.backward(bn.backward(dpre)) } else { dx = dpre }
        for k in 0..<graph.edgeCount {
            let i = graph.edgeDestination[k], j = graph.edgeSource[k]
            for f in 0..<c {
                let gi = g.storage[k * 2 * c + f], gd = g.storage[k * 2 * c + c + f]
                dx.storage[i * c + f] += gi - gd
                dx.storage[j * c + f] += gd
            }
        }
        return dx
    }

    public func visitParameters(_ body: (inout Parameter<Scalar>) -> Void) {
        edgeDense1.visitParameters(body)
        edgeNorm1.visitParameters(body)
        edgeDense2.visitParameters(body)
        edgeNorm2.visitParameters(body)
        shortcutDense?.visitParameters(body)
        shortcutNorm?.visitParameters(body)
    }
}

/// Mean of the node rows of each graph ([nodes, C] → [graphs, C]); an empty graph gives zeros.
public final class GlobalMeanPool<Scalar: NNScalar>: GraphLayer {
    var cachedGraph: GraphBatch<Scalar>?
    var columns = 0
    public init() {}
    public func setTraining(_ training: Bool) {}

    public func forward(_ x: Matrix<Scalar>, graph: GraphBatch<Scalar>) -> Matrix<Scalar> {
        cachedGraph = graph
        columns = x.columns
        let c = x.columns
        var out = Matrix<Scalar>(rows: graph.graphCount, columns: c)
        for g in 0..<graph.graphCount {
            let lo = graph.graphStart[g], hi = graph.graphStart[g + 1]
            guard hi > lo else { continue }
            let scale = 1 / Scalar(hi - lo)
            for f in 0..<c {
                var s: Scalar = 0
                for n in lo..<hi { s += x.storage[n * c + f] }
                out.storage[g * c + f] = s * scale
            }
        }
        return out
    }

    public func backward(_ dy: Matrix<Scalar>) -> Matrix<Scalar> {
        guard let graph = cachedGraph else { preconditionFailure("GlobalMeanPool.backward before forward") }
        let c = columns
        var dx = Matrix<Scalar>(rows: graph.nodeCount, columns: c)
        for g in 0..<graph.graphCount {
            let lo = graph.graphStart[g], hi = graph.graphStart[g + 1]
            guard hi > lo else { continue }
            let scale = 1 / Scalar(hi - lo)
            for n in lo..<hi { for f in 0..<c { dx.storage[n * c + f] = dy.storage[g * c + f] * scale } }
        }
        return dx
    }

    public func visitParameters(_ body: (inout Parameter<Scalar>) -> Void) {}
}

/// The LundNet classifier: EdgeConv blocks of widening width, the block outputs concatenated
/// per node, global mean pooling, a dense head (Dense → ReLU → Dense) giving class logits.
public final class LundNetModel<Scalar: NNScalar>: GraphLayer {
    public let inputFeatures: Int
    public let blockWidths: [Int]
    public let headWidth: Int
    public let classes: Int
    public let blocks: [EdgeConvBlock<Scalar>]
    public let pool = GlobalMeanPool<Scalar>()
    public let head1: Dense<Scalar>
    public let headReLU = ReLU<Scalar>()
    public let head2: Dense<Scalar>
    var blockOutputWidths: [Int] { blockWidths }

    public init(inputFeatures: Int, blockWidths: [Int], headWidth: Int, classes: Int = 2, rng: inout Xoshiro256) {
        self.inputFeatures = inputFeatures
        self.blockWidths = blockWidths
        self.headWidth = headWidth
        self.classes = classes
        var blocks: [EdgeConvBlock<Scalar>] = []
        var width = inputFeatures
        for w in blockWidths {
            blocks.append(EdgeConvBlock(inputs: width, outputs: w, rng: &rng))
            width = w
        }
        self.blocks = blocks
        head1 = Dense(inputs: blockWidths.reduce(0, +), outputs: headWidth, rng: &rng)
        head2 = Dense(inputs: headWidth, outputs: classes, rng: &rng)
    }

    public func setTraining(_ training: Bool) { for b in blocks { b.setTraining(training) } }

    public func forward(_ x: Matrix<Scalar>, graph: GraphBatch<Scalar>) -> Matrix<Scalar> {
        var h = x
        var outputs: [Matrix<Scalar>] = []
        for b in blocks {
            h = b.forward(h, graph: graph)
            outputs.append(h)
        }
        let pooled = pool.forward(concatenateColumns(outputs), graph: graph)
        return head2.forward(headReLU.forward(head1.forward(pooled)))
    }

    public func backward(_ dy: Matrix<Scalar>) -> Matrix<Scalar> {
        let dConcat = pool.backward(head1.backward(headReLU.backward(head2.backward(dy))))
        // Split the concatenation; the gradient reaching block k is its own slice plus what
        // flows back from block k + 1.
        var offsets = [0]
        for w in blockWidths { offsets.append(offsets.last! + w) }
        let total = offsets.last!
        var carried: Matrix<Scalar>? = nil
        for k in stride(from: blocks.count - 1, through: 0, by: -1) {
            let w = blockWidths[k]
            var g = Matrix<Scalar>(rows: dConcat.rows, columns: w)
            for n in 0..<dConcat.rows {
                for f in 0..<w { g.storage[n * w + f] = dConcat.storage[n * total + offsets[k] + f] }
            }
            if let c = carried { for i in g.storage.indices { g.storage[i] += c.storage[i] } }
            carried = blocks[k].backward(g)
        }
        return carried ?? Matrix(rows: dConcat.rows, columns: inputFeatures)
    }

    public func visitParameters(_ body: (inout Parameter<Scalar>) -> Void) {
        for b in blocks { b.visitParameters(body) }
        head1.visitParameters(body)
        head2.visitParameters(body)
    }

    /// Named parameter tensors in visiting order ("block0.edge1.kernel", …).
    public var namedParameters: [(String, Parameter<Scalar>)] {
        var out: [(String, Parameter<Scalar>)] = []
        for (k, b) in blocks.enumerated() {
            let parts: [(String, (any Layer<Scalar>)?)] = [("edge1", b.edgeDense1), ("edge1_bn", b.edgeNorm1),
                                                          ("edge2", b.edgeDense2), ("edge2_bn", b.edgeNorm2),
                                                          ("shortcut", b.shortcutDense), ("shortcut_bn", b.shortcutNorm)]
            for (name, layer) in parts {
                layer?.visitParameters { out.append(("block\(k).\(name).\($0.name)", $0)) }
            }
        }
        head1.visitParameters { out.append(("head1.\($0.name)", $0)) }
        head2.visitParameters { out.append(("head2.\($0.name)", $0)) }
        return out
    }

    /// Batch-norm layers with their names, for the running statistics.
    public var namedNorms: [(String, BatchNorm<Scalar>)] {
        var out: [(String, BatchNorm<Scalar>)] = []
        for (k, b) in blocks.enumerated() {
            out.append(("block\(k).edge1_bn", b.edgeNorm1))
            out.append(("block\(k).edge2_bn", b.edgeNorm2))
            if let s = b.shortcutNorm { out.append(("block\(k).shortcut_bn", s)) }
        }
        return out
    }
}

func concatenateColumns<Scalar: NNScalar>(_ parts: [Matrix<Scalar>]) -> Matrix<Scalar> {
    guard let first = parts.first else { return Matrix(rows: 0, columns: 0) }
    let rows = first.rows
    let total = parts.reduce(0) { $0 + $1.columns }
    var out = [Scalar](repeating: 0, count: rows * total)
    var offset = 0
    for p in parts {
        for r in 0..<rows { for f in 0..<p.columns { out[r * total + offset + f] = p.storage[r * p.columns + f] } }
        offset += p.columns
    }
    return Matrix(rows: rows, columns: total, storage: out)
}

extension GraphLayer {
    public func zeroGradients() {
        visitParameters { p in
            for i in p.gradient.indices { p.gradient[i] = 0 }
        }
    }
}

/// A dense layer (NeuralNet's `Dense`: same parameters, initialisation and forward pass) whose
/// backward pass computes the input gradient against a transposed copy of the kernel, so both
/// of its inner loops run over contiguous memory without a floating-point reduction and
/// vectorise; on the edge batches of the EdgeConv blocks this is the hot loop of training.
public final class Linear<Scalar: NNScalar>: Layer {
    public let dense: Dense<Scalar>
    var cachedInput: Matrix<Scalar>?

    public init(inputs: Int, outputs: Int, rng: inout Xoshiro256) {
        dense = Dense(inputs: inputs, outputs: outputs, rng: &rng)
    }

    public var inputs: Int { dense.inputs }
    public var outputs: Int { dense.outputs }
    public var kernel: Parameter<Scalar> {
        get { dense.kernel }
        set { dense.kernel = newValue }
    }
    public var bias: Parameter<Scalar> {
        get { dense.bias }
        set { dense.bias = newValue }
    }

    public func forward(_ x: Matrix<Scalar>) -> Matrix<Scalar> {
        cachedInput = x
        return Dense.apply(x, kernel: dense.kernel.value, bias: dense.bias.value, inputs: dense.inputs, outputs: dense.outputs)
    }

    public func backward(_ dy: Matrix<Scalar>) -> Matrix<Scalar> {
        guard let x = cachedInput else { preconditionFailure("Linear.backward before forward") }
        let n = dense.inputs, m = dense.outputs, rows = x.rows
        precondition(dy.rows == rows && dy.columns == m, "Linear.backward: gradient shape mismatch")
        var transposed = [Scalar](repeating: 0, count: n * m)
        let w = dense.kernel.value
        for i in 0..<n { for j in 0..<m { transposed[j * n + i] = w[i * m + j] } }
        var dx = [Scalar](repeating: 0, count: rows * n)
        var dw = dense.kernel.gradient
        var db = dense.bias.gradient
        dense.kernel.gradient = []
        dense.bias.gradient = []
        x.storage.withUnsafeBufferPointer { xp in
            dy.storage.withUnsafeBufferPointer { gp in
                transposed.withUnsafeBufferPointer { tp in
                    dw.withUnsafeMutableBufferPointer { dwp in
                        db.withUnsafeMutableBufferPointer { dbp in
                            dx.withUnsafeMutableBufferPointer { dxp in
                                for b in 0..<rows {
                                    let g = gp.baseAddress! + b * m
                                    let xRow = xp.baseAddress! + b * n
                                    let dxRow = dxp.baseAddress! + b * n
                                    for j in 0..<m { dbp[j] += g[j] }
                                    for i in 0..<n {
                                        let xi = xRow[i]
                                        let dwRow = dwp.baseAddress! + i * m
                                        for j in 0..<m { dwRow[j] += xi * g[j] }
                                    }
                                    for j in 0..<m {
                                        let gj = g[j]
                                        let tRow = tp.baseAddress! + j * n
                                        for i in 0..<n { dxRow[i] += gj * tRow[i] }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        dense.kernel.gradient = dw
        dense.bias.gradient = db
        return Matrix(rows: rows, columns: n, storage: dx)
    }

    public func visitParameters(_ body: (inout Parameter<Scalar>) -> Void) { dense.visitParameters(body) }
}
