import XCTest

@testable import NeuralNet

final class NeuralNetTests: XCTestCase {
    func testSplitMixAndXoshiroReferenceValues() {
        // SplitMix64 seeded with 0: first outputs from the reference implementation (Vigna).
        var sm = SplitMix64(seed: 0)
        XCTAssertEqual(sm.next(), 0xE220_A839_7B1D_CDAF)
        XCTAssertEqual(sm.next(), 0x6E78_9E6A_A1B9_65F4)
        // The same seed gives the same stream; different seeds differ.
        var a = Xoshiro256(seed: 7)
        var b = Xoshiro256(seed: 7)
        var c = Xoshiro256(seed: 8)
        let sa = (0..<5).map { _ in a.next() }
        XCTAssertEqual(sa, (0..<5).map { _ in b.next() })
        XCTAssertNotEqual(sa, (0..<5).map { _ in c.next() })
    }

    func testUniformHelpersStayInRange() {
        var rng = Xoshiro256(seed: 1)
        for _ in 0..<10_000 {
            let u = rng.nextUnitDouble()
            XCTAssert(u >= 0 && u < 1)
            let k = rng.nextInt(below: 7)
            XCTAssert((0..<7).contains(k))
        }
        var values = Array(0..<100)
        rng.shuffle(&values)
        XCTAssertEqual(values.sorted(), Array(0..<100))
        XCTAssertNotEqual(values, Array(0..<100))
    }

    func testMiniBatchesCoverEverySampleOnce() {
        var rng = Xoshiro256(seed: 3)
        let batches = Array(MiniBatches(count: 10, batchSize: 4, rng: &rng))
        XCTAssertEqual(batches.map(\.count), [4, 4, 2])
        XCTAssertEqual(batches.flatMap { $0 }.sorted(), Array(0..<10))
    }

    func testGlorotUniformBounds() {
        var rng = Xoshiro256(seed: 9)
        let w: [Float] = glorotUniform(fanIn: 16, fanOut: 64, count: 1024, rng: &rng)
        let limit = Float((6.0 / 80.0).squareRoot())
        XCTAssert(w.allSatisfy { abs($0) <= limit })
        XCTAssert(w.contains { $0 > limit * 0.9 } && w.contains { $0 < -limit * 0.9 })
    }

    func testDenseForwardMatchesDirectComputation() {
        let dense = Dense<Double>(kernel: [1, 2, 3, 4, 5, 6], bias: [0.5, -1, 2], inputs: 2, outputs: 3)
        let y = dense.forward(Matrix([[1, -1], [0.5, 2]]))
        XCTAssertEqual(y, Matrix([[1 - 4 + 0.5, 2 - 5 - 1, 3 - 6 + 2], [0.5 + 8 + 0.5, 1 + 10 - 1, 1.5 + 12 + 2]]))
    }

    func testSoftmaxCrossEntropyValues() {
        let logits = Matrix<Double>([[1, 2, 3], [0, 0, 0]])
        let p = SoftmaxCrossEntropy.softmax(logits)
        XCTAssertEqual(p[1, 0], 1.0 / 3, accuracy: 1e-15)
        let (loss, g) = SoftmaxCrossEntropy.lossAndGradient(logits: logits, labels: [2, 1])
        let z = exp(1.0) + exp(2.0) + exp(3.0)
        XCTAssertEqual(loss, (-(log(exp(3.0) / z)) + log(3.0)) / 2, accuracy: 1e-14)
        XCTAssertEqual(g[0, 2], (exp(3.0) / z - 1) / 2, accuracy: 1e-15)
        // Stable for huge logits.
        let (bigLoss, _) = SoftmaxCrossEntropy.lossAndGradient(logits: Matrix<Float>([[1000, 0]]), labels: [0])
        XCTAssertEqual(bigLoss, 0)
    }

    func testGradientCheckDenseReluSoftmax() {
        var rng = Xoshiro256(seed: 11)
        let model = Sequential<Double>([
            Dense(inputs: 4, outputs: 6, rng: &rng), ReLU(),
            Dense(inputs: 6, outputs: 5, rng: &rng), ReLU(),
            Dense(inputs: 5, outputs: 3, rng: &rng),
        ])
        // Non-zero biases so that ReLU kinks are away from the probes.
        model.visitParameters { p in
            if p.name == "bias" { for i in p.value.indices { p.value[i] = rng.nextDouble(in: -0.3, 0.3) } }
        }
        let x = Matrix(rows: 7, columns: 4, storage: (0..<28).map { _ in rng.nextGaussian() })
        let labels = (0..<7).map { $0 % 3 }
        let error = GradientCheck.check(model: model, input: x) {
            SoftmaxCrossEntropy.lossAndGradient(logits: $0, labels: labels)
        }
        XCTAssertLessThan(error, 1e-6)
    }

    func testGradientCheckMeanSquaredError() {
        var rng = Xoshiro256(seed: 12)
        let model = Sequential<Double>([
            Dense(inputs: 3, outputs: 4, rng: &rng), ReLU(), Dense(inputs: 4, outputs: 3, rng: &rng),
        ])
        model.visitParameters { p in
            if p.name == "bias" { for i in p.value.indices { p.value[i] = 0.1 * Double(i + 1) } }
        }
        let x = Matrix(rows: 5, columns: 3, storage: (0..<15).map { _ in rng.nextGaussian() })
        let target = Matrix(rows: 5, columns: 3, storage: (0..<15).map { _ in rng.nextGaussian() })
        let error = GradientCheck.check(model: model, input: x) {
            MeanSquaredError.lossAndGradient(prediction: $0, target: target)
        }
        XCTAssertLessThan(error, 1e-6)
    }

    func testStandardizer() {
        let s = Standardizer(fitting: [1, 10, 3, 10, 5, 10], columns: 2)
        XCTAssertEqual(s.mean, [3, 10])
        XCTAssertEqual(s.std[0], (8.0 / 3).squareRoot(), accuracy: 1e-15)
        XCTAssertEqual(s.std[1], 1)
        let t: [Double] = s.transform([3, 10])
        XCTAssertEqual(t, [0, 0])
    }

    /// Trains a small classifier twice from the same seed: identical weights, decreasing loss.
    func testTrainingIsDeterministicAndLearns() {
        func train() -> (weights: [Float], first: Float, last: Float) {
            var rng = Xoshiro256(seed: 2024)
            let n = 400
            var xs: [Float] = []
            var ys: [Int] = []
            for i in 0..<n {
                let label = i % 3
                ys.append(label)
                xs.append(Float(rng.nextGaussian()) + Float(label))
                xs.append(Float(rng.nextGaussian()) - Float(label))
            }
            let data = Matrix(rows: n, columns: 2, storage: xs)
            let model = Sequential<Float>([
                Dense(inputs: 2, outputs: 16, rng: &rng), ReLU(), Dense(inputs: 16, outputs: 3, rng: &rng),
            ])
            var adam = Adam<Float>(learningRate: 1e-2)
            var first: Float = 0
            var last: Float = 0
            for epoch in 0..<15 {
                var total: Float = 0
                var count = 0
                for batch in MiniBatches(count: n, batchSize: 32, rng: &rng) {
                    let (loss, g) = SoftmaxCrossEntropy.lossAndGradient(
                        logits: model.forward(Matrix(gathering: batch, from: data)), labels: batch.map { ys[$0] })
                    model.zeroGradients()
                    _ = model.backward(g)
                    adam.step(model)
                    total += loss * Float(batch.count)
                    count += batch.count
                }
                if epoch == 0 { first = total / Float(count) }
                last = total / Float(count)
            }
            return (model.parameters.flatMap(\.value), first, last)
        }
        let a = train()
        let b = train()
        XCTAssertEqual(a.weights.map(\.bitPattern), b.weights.map(\.bitPattern))
        XCTAssertLessThan(a.last, a.first * 0.8)
    }
}
