import Foundation
import Jets
import NeuralNet
import XCTest

@testable import LundNet

/// Random trees (each node's parent has a smaller index) with random features.
func randomGraph(nodes: Int, features: Int, rng: inout Xoshiro256, shift: Double = 0) -> LundGraph {
    var parent = [-1]
    for k in 1..<max(nodes, 1) { parent.append(rng.nextInt(below: k)) }
    if nodes == 0 { parent = [] }
    let f = (0..<(nodes * features)).map { k in rng.nextGaussian() + (k % features == 0 ? shift : 0) }
    return LundGraph(nodeCount: nodes, featureCount: features, features: f, parent: parent)
}

/// Loss Σ w·y with fixed random weights w (so its gradient with respect to y is w).
func linearLoss(_ seed: UInt64) -> (Matrix<Double>) -> (loss: Double, gradient: Matrix<Double>) {
    return { y in
        var rng = Xoshiro256(seed: seed)
        var g = y
        var total = 0.0
        for i in g.storage.indices {
            let w = rng.nextGaussian()
            g.storage[i] = w
            total += w * y.storage[i]
        }
        return (total, g)
    }
}

/// Largest gradient error of `model` (parameters and input) against central differences, as
/// |analytic − numeric| / (1e-6 + |numeric|): an absolute floor is needed because batch norm in
/// training mode makes some gradients exactly zero (the bias before it), where the numeric
/// estimate is rounding noise and a purely relative error would be 1.
func gradientError(
    _ model: some Layer<Double>, input: Matrix<Double>, step h: Double = 1e-5,
    loss: (Matrix<Double>) -> (loss: Double, gradient: Matrix<Double>)
) -> Double {
    let (analytic, numeric, parameterCount) = GradientCheck.gradients(model: model, input: input, step: h, loss: loss)
    var worst = 0.0
    for (k, (a, n)) in zip(analytic, numeric).enumerated() {
        let e = abs(a - n) / (1e-5 + abs(n))
        if e > 1e-3 {
            print("gradient \(k) of \(analytic.count) (\(parameterCount) parameters): analytic \(a), numeric \(n)")
        }
        worst = max(worst, e)
    }
    return worst
}

func randomiseNorms(_ norms: [BatchNorm<Double>], rng: inout Xoshiro256) {
    for bn in norms {
        for j in 0..<bn.features {
            bn.gamma.value[j] = 0.5 + rng.nextUnitDouble()
            bn.beta.value[j] = rng.nextGaussian() * 0.3
            bn.runningMean[j] = rng.nextGaussian() * 0.3
            bn.runningVariance[j] = 0.5 + rng.nextUnitDouble()
        }
    }
}

final class LundNetTests: XCTestCase {
    // MARK: Graphs

    func testGraphFromJetTree() {
        // A small jet: five particles spread around an axis.
        let ps = [
            PseudoJet(px: 100, py: 0, pz: 20, E: 102.1), PseudoJet(px: 50, py: 5, pz: 12, E: 51.7),
            PseudoJet(px: 20, py: -4, pz: 3, E: 20.7), PseudoJet(px: 5, py: 1, pz: 2, E: 5.5),
            PseudoJet(px: 2, py: 0.5, pz: -0.3, E: 2.1),
        ]
        let tree = LundGenerator.tree(ps)
        let g = LundGraph(particles: ps, variant: .five)
        XCTAssertEqual(g.nodeCount, tree.count)
        XCTAssertEqual(g.nodeCount, 4)
        XCTAssertEqual(g.parent, tree.map(\.parent))
        XCTAssertEqual(g.directedEdges.count, 2 * (g.nodeCount - 1))
        let d = tree[0].declustering
        XCTAssertEqual(Array(g.features[0..<5]), [d.lnZ, -d.lnOneOverDelta, d.psi, d.lnM, d.lnKt])
        let g3 = LundGraph(particles: ps, variant: .three)
        XCTAssertEqual(Array(g3.features[0..<3]), [d.lnZ, -d.lnOneOverDelta, d.lnKt])
        // A cut keeps a tree: each kept node hangs from its nearest kept ancestor.
        let cut = tree.map(\.declustering.lnKt).sorted()[1]
        let gc = LundGraph(tree: tree, variant: .three, lnKtMin: cut)
        XCTAssertEqual(gc.nodeCount, tree.filter { $0.declustering.lnKt >= cut }.count)
        XCTAssertEqual(gc.parent.first, -1)
        for (k, p) in gc.parent.enumerated() { XCTAssertLessThan(p, k) }
        XCTAssertEqual(LundGraph(particles: [ps[0]], variant: .five).nodeCount, 0)
    }

    // MARK: EdgeConv against a direct implementation

    func testEdgeConvForwardMatchesDirectPerEdgeImplementation() {
        var rng = Xoshiro256(seed: 1)
        let graphs = [
            randomGraph(nodes: 7, features: 3, rng: &rng), randomGraph(nodes: 1, features: 3, rng: &rng),
            randomGraph(nodes: 5, features: 3, rng: &rng),
        ]
        let batch = GraphBatch<Double>(graphs, standardizer: nil)
        for (cin, cout) in [(3, 4), (3, 3)] {
            var x = batch.nodes
            if cin != 3 { x = Matrix(rows: x.rows, columns: cin) }
            let block = EdgeConvBlock<Double>(inputs: cin, outputs: cout, rng: &rng)
            randomiseNorms([block.edgeNorm1, block.edgeNorm2] + (block.shortcutNorm.map { [$0] } ?? []), rng: &rng)
            block.setTraining(false)
            let y = block.forward(x, graph: batch)

            func dense(_ d: Linear<Double>, _ v: [Double]) -> [Double] {
                var out = d.bias.value
                for o in 0..<d.outputs { for i in 0..<d.inputs { out[o] += v[i] * d.kernel.value[i * d.outputs + o] } }
                return out
            }
            func norm(_ bn: BatchNorm<Double>, _ v: [Double]) -> [Double] {
                var out = v
                for j in 0..<v.count {
                    let scale: Double = bn.gamma.value[j] / (bn.runningVariance[j] + 1e-5).squareRoot()
                    out[j] = scale * (v[j] - bn.runningMean[j]) + bn.beta.value[j]
                }
                return out
            }
            let relu: ([Double]) -> [Double] = { $0.map { max(0, $0) } }
            var base = 0
            for g in graphs {
                var neighbours = [[Int]](repeating: [], count: g.nodeCount)
                for (i, p) in g.parent.enumerated() where p >= 0 {
                    neighbours[i].append(p)
                    neighbours[p].append(i)
                }
                for i in 0..<g.nodeCount {
                    let xi = x.row(base + i)
                    var aggregate = [Double](repeating: 0, count: cout)
                    for j in neighbours[i] {
                        let xj = x.row(base + j)
                        // θ(x_j − x_i) + φ(x_i) with φ = first cin kernel rows, θ = last cin rows.
                        var m = block.edgeDense1.bias.value
                        for o in 0..<cout {
                            for f in 0..<cin {
                                m[o] += block.edgeDense1.kernel.value[f * cout + o] * xi[f]
                                m[o] += block.edgeDense1.kernel.value[(cin + f) * cout + o] * (xj[f] - xi[f])
                            }
                        }
                        let e = relu(norm(block.edgeNorm2, dense(block.edgeDense2, relu(norm(block.edgeNorm1, m)))))
                        for o in 0..<cout { aggregate[o] += e[o] / Double(neighbours[i].count) }
                    }
                    let shortcut = block.shortcutDense.map { norm(block.shortcutNorm!, dense($0, xi)) } ?? xi
                    let expected = relu(zip(aggregate, shortcut).map { $0 + $1 })
                    for o in 0..<cout { XCTAssertEqual(y[base + i, o], expected[o], accuracy: 1e-12) }
                }
                base += g.nodeCount
            }
        }
    }

    // MARK: Permutation invariance

    func testOutputInvariantUnderNodeRelabelling() {
        var rng = Xoshiro256(seed: 2)
        let model = LundNetModel<Double>(inputFeatures: 5, blockWidths: [6, 8], headWidth: 7, rng: &rng)
        randomiseNorms(model.namedNorms.map(\.1), rng: &rng)
        model.setTraining(false)
        for nodes in [1, 2, 9, 20] {
            let g = randomGraph(nodes: nodes, features: 5, rng: &rng)
            var permutation = Array(0..<nodes)
            rng.shuffle(&permutation)
            let a = GraphBatch<Double>([g], standardizer: nil)
            let b = GraphBatch<Double>([g.relabelled(permutation)], standardizer: nil)
            let ya = model.forward(a.nodes, graph: a)
            let yb = model.forward(b.nodes, graph: b)
            for k in ya.storage.indices { XCTAssertEqual(ya.storage[k], yb.storage[k], accuracy: 1e-12) }
        }
        // Batch composition does not change a graph's output at inference.
        let g1 = randomGraph(nodes: 6, features: 5, rng: &rng)
        let g2 = randomGraph(nodes: 4, features: 5, rng: &rng)
        let alone = GraphBatch<Double>([g2], standardizer: nil)
        let both = GraphBatch<Double>([g1, g2], standardizer: nil)
        XCTAssertEqual(model.forward(alone.nodes, graph: alone).row(0), model.forward(both.nodes, graph: both).row(1))
    }

    // MARK: Gradient checks

    func testBatchNormGradients() {
        var rng = Xoshiro256(seed: 3)
        let bn = BatchNorm<Double>(features: 4)
        randomiseNorms([bn], rng: &rng)
        let x = Matrix(rows: 9, columns: 4, storage: (0..<36).map { _ in rng.nextGaussian() })
        XCTAssertLessThan(gradientError(bn, input: x, loss: linearLoss(10)), 1e-6)
        bn.training = false
        XCTAssertLessThan(gradientError(bn, input: x, loss: linearLoss(11)), 1e-6)
    }

    func testEdgeConvBlockGradients() {
        var rng = Xoshiro256(seed: 4)
        let batch = GraphBatch<Double>(
            [
                randomGraph(nodes: 6, features: 3, rng: &rng), randomGraph(nodes: 1, features: 3, rng: &rng),
                randomGraph(nodes: 4, features: 3, rng: &rng),
            ], standardizer: nil)
        for (cout, training) in [(5, true), (3, true), (5, false)] {
            let block = EdgeConvBlock<Double>(inputs: 3, outputs: cout, rng: &rng)
            randomiseNorms([block.edgeNorm1, block.edgeNorm2] + (block.shortcutNorm.map { [$0] } ?? []), rng: &rng)
            block.setTraining(training)
            let error = gradientError(
                BoundGraphLayer(block, graph: batch), input: batch.nodes,
                loss: linearLoss(12))
            XCTAssertLessThan(error, 1e-4, "outputs \(cout), training \(training)")
        }
    }

    func testPoolingAndModelGradients() {
        var rng = Xoshiro256(seed: 5)
        let batch = GraphBatch<Double>(
            [
                randomGraph(nodes: 5, features: 5, rng: &rng), randomGraph(nodes: 0, features: 5, rng: &rng),
                randomGraph(nodes: 3, features: 5, rng: &rng),
            ], standardizer: nil)
        XCTAssertLessThan(
            gradientError(
                BoundGraphLayer(GlobalMeanPool<Double>(), graph: batch), input: batch.nodes,
                loss: linearLoss(13)), 1e-7)
        let model = LundNetModel<Double>(inputFeatures: 5, blockWidths: [4, 6], headWidth: 5, rng: &rng)
        // Non-zero head biases: the empty graph pools to 0, and a zero bias would put its hidden
        // units exactly on the ReLU kink, where central differences are meaningless.
        for j in 0..<5 { model.head1.bias.value[j] = 0.1 + 0.05 * Double(j) }
        let labels = [1, 0, 1]
        let error = gradientError(BoundGraphLayer(model, graph: batch), input: batch.nodes) {
            SoftmaxCrossEntropy.lossAndGradient(logits: $0, labels: labels)
        }
        XCTAssertLessThan(error, 1e-4)
    }

    // MARK: Training

    func testLearnsSeparableToyProblem() {
        var rng = Xoshiro256(seed: 6)
        var graphs: [LundGraph] = []
        var labels: [Int] = []
        for k in 0..<240 {
            let y = k % 2
            graphs.append(
                randomGraph(nodes: 2 + rng.nextInt(below: 8), features: 3, rng: &rng, shift: y == 1 ? 1.5 : -1.5))
            labels.append(y)
        }
        let trainSet = LundGraphSet(graphs: Array(graphs[0..<160]), labels: Array(labels[0..<160]))
        let testSet = LundGraphSet(graphs: Array(graphs[160...]), labels: Array(labels[160...]))
        var settings = LundNetTrainingSettings()
        settings.configuration = LundNetConfiguration(variant: .three, blockWidths: [8, 8], headWidth: 8)
        settings.epochs = 6
        settings.batchSize = 16
        settings.learningRateSteps = [1e-2, 3e-3]
        let (weights, record) = LundNetTrainer.train(
            train: trainSet, validation: testSet, settings: settings, dataSHA256: [:])
        XCTAssertGreaterThan(record.validationAccuracy, 0.95)
        XCTAssertLessThan(record.epochTrainLoss.last!, record.epochTrainLoss.first!)
        // Deterministic: a second run gives the same tensors.
        let (again, _) = LundNetTrainer.train(train: trainSet, validation: testSet, settings: settings, dataSHA256: [:])
        XCTAssertEqual(weights.tensors, again.tensors)
        // Save and load round trip.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lundnet-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        XCTAssertNoThrow(try LundNetTrainer.save(weights, record: record, to: dir))
        let loaded = try? LundNetWeights.load(directory: dir)
        XCTAssertEqual(loaded, weights)
        XCTAssertEqual(loaded?.signalProbabilities(testSet.graphs), weights.signalProbabilities(testSet.graphs))
    }
}
