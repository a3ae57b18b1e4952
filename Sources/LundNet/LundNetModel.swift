import Foundation
import NeuralNet

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
            let parts: [(String, (any Layer<Scalar>)?)] = [
                ("edge1", b.edgeDense1), ("edge1_bn", b.edgeNorm1),
                ("edge2", b.edgeDense2), ("edge2_bn", b.edgeNorm2),
                ("shortcut", b.shortcutDense), ("shortcut_bn", b.shortcutNorm),
            ]
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
