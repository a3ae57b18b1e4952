// The allocation-free inference path: raw Int64 values in caller-provided buffers.

/// Scratch buffers for one thread of inference.
final class InferenceWorkspace {
    let a: UnsafeMutablePointer<Int64>
    let b: UnsafeMutablePointer<Int64>
    let acc: UnsafeMutablePointer<Int32>
    let small: UnsafeMutablePointer<Int64>
    let acc64: UnsafeMutablePointer<Int64>
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        a = .allocate(capacity: capacity)
        b = .allocate(capacity: capacity)
        acc = .allocate(capacity: capacity)
        small = .allocate(capacity: capacity)
        acc64 = .allocate(capacity: capacity)
    }

    deinit {
        a.deallocate(); b.deallocate(); acc.deallocate(); small.deallocate(); acc64.deallocate()
    }
}

extension DenseStage {
    /// `y = dense(x)` (fast path when available, else the per-operation one).
    @inline(__always)
    func forward(_ x: UnsafePointer<Int64>, into y: UnsafeMutablePointer<Int64>, acc: UnsafeMutablePointer<Int32>,
                 acc64: UnsafeMutablePointer<Int64>) {
        guard let shift = fastShift else {
            forwardPerOperation(x, into: y, acc: acc64)
            return
        }
        let m = outputs
        for j in 0..<m { acc[j] = Int32(truncatingIfNeeded: biasInAccum[j]) }
        weights32.withUnsafeBufferPointer { wp in
            let base = wp.baseAddress!
            if shift >= 0 {
                let s = Int32(shift)
                for i in 0..<inputs {
                    let xi = Int32(truncatingIfNeeded: x[i])
                    if xi == 0 { continue }
                    let row = base + i * m
                    for j in 0..<m { acc[j] &+= (xi &* row[j]) &>> s }
                }
            } else {
                let s = Int32(-shift)
                for i in 0..<inputs {
                    let xi = Int32(truncatingIfNeeded: x[i])
                    if xi == 0 { continue }
                    let row = base + i * m
                    for j in 0..<m { acc[j] &+= (xi &* row[j]) &<< s }
                }
            }
        }
        var ignored = false
        for j in 0..<m { y[j] = accumToResult.convert(wrapToAccum(acc[j]), overflowed: &ignored) }
    }
}

extension DenseStage {
    /// dense_latency literally (every product and every partial sum cast to accum_t), without
    /// overflow bookkeeping. A zero input is skipped: its product casts to 0 and `acc + 0` cast
    /// to accum_t is acc itself (acc always holds a value of accum_t, and AP_SAT_SYM never
    /// produces the most negative one).
    func forwardPerOperation(_ x: UnsafePointer<Int64>, into y: UnsafeMutablePointer<Int64>, acc: UnsafeMutablePointer<Int64>) {
        let m = outputs
        for j in 0..<m { acc[j] = biasInAccum[j] }
        var ignored = false
        weights.withUnsafeBufferPointer { wp in
            let base = wp.baseAddress!
            for i in 0..<inputs {
                let xi = x[i]
                if xi == 0 { continue }
                let row = base + i * m
                for j in 0..<m {
                    let mult = productToAccum.convert(xi &* row[j], overflowed: &ignored)
                    acc[j] = sumToAccum.convert(acc[j] &+ mult, overflowed: &ignored)
                }
            }
        }
        for j in 0..<m { y[j] = accumToResult.convert(acc[j], overflowed: &ignored) }
    }
}

extension ReluStage {
    @inline(__always)
    func forwardInPlace(_ x: UnsafeMutablePointer<Int64>, count: Int) {
        if positiveIdentity {
            for i in 0..<count { x[i] = max(0, x[i]) }
            return
        }
        var ignored = false
        for i in 0..<count { x[i] = x[i] > 0 ? converter.convert(x[i], overflowed: &ignored) : 0 }
    }
}

extension SoftmaxStage {
    @inline(__always)
    func sumTree(_ x: UnsafePointer<Int64>, _ n: Int) -> Int64 {
        if n == 1 { return x[0] }
        var ignored = false
        if n == 2 { return sumToAccum.convert(x[0] &+ x[1], overflowed: &ignored) }
        var left = 1
        while left * 2 <= n - 1 { left *= 2 }
        return sumToAccum.convert(sumTree(x, left) &+ sumTree(x + left, n - left), overflowed: &ignored)
    }

    func forward(_ x: UnsafePointer<Int64>, count n: Int, into y: UnsafeMutablePointer<Int64>, scratch expRes: UnsafeMutablePointer<Int64>) {
        var ignored = false
        switch implementation {
        case .stable:
            var m = x[0]
            for i in 1..<n where x[i] > m { m = x[i] }
            for i in 0..<n {
                let d = toNorm.convert(m &- x[i], overflowed: &ignored)
                expRes[i] = expInAccum[Self.index(d, bits: expBits, width: normType.width)]
            }
        case .latency:
            for i in 0..<n { expRes[i] = expInAccum[Self.index(x[i], bits: expBits, width: normType.width)] }
        }
        let expSum = accumToInvInput.convert(sumTree(expRes, n), overflowed: &ignored)
        let inv = invTable[Self.index(expSum, bits: invBits, width: invInputType.width)]
        for i in 0..<n { y[i] = productToResult.convert(expRes[i] &* inv, overflowed: &ignored) }
    }
}

extension QuantizedNetwork {
    /// One sample without allocations: raw logits (output result_t) and probabilities (softmax result_t).
    func predictRaw(_ input: UnsafePointer<Float>, logits: UnsafeMutablePointer<Int64>, probabilities: UnsafeMutablePointer<Int64>,
                    workspace w: InferenceWorkspace) {
        var x = w.a, y = w.b
        for i in 0..<dense[0].inputs { x[i] = inputConverter.quantize(input[i]) }
        let last = dense.count - 1
        for k in 0..<last {
            dense[k].forward(x, into: y, acc: w.acc, acc64: w.acc64)
            relu[k].forwardInPlace(y, count: dense[k].outputs)
            swap(&x, &y)
        }
        dense[last].forward(x, into: logits, acc: w.acc, acc64: w.acc64)
        softmax.forward(logits, count: dense[last].outputs, into: probabilities, scratch: w.small)
    }

    var workspaceCapacity: Int { max(64, dense.map { max($0.inputs, $0.outputs) }.max() ?? 0) }

    /// Predictions for `count` samples on one thread (what the benchmark's single-thread figure measures).
    public func predictSingleThreaded(batch inputs: [Float], count: Int) -> [QuantizedPrediction] {
        predictRange(inputs, 0..<count)
    }

    func predictRange(_ inputs: [Float], _ range: Range<Int>) -> [QuantizedPrediction] {
        let n = dense[0].inputs, c = dense[dense.count - 1].outputs
        precondition(inputs.count >= range.upperBound * n, "QuantizedNetwork: not enough input values")
        let w = InferenceWorkspace(capacity: workspaceCapacity)
        let lt = dense[dense.count - 1].resultType, pt = softmax.resultType
        var logits = [Int64](repeating: 0, count: c), probabilities = [Int64](repeating: 0, count: c)
        var out: [QuantizedPrediction] = []
        out.reserveCapacity(range.count)
        inputs.withUnsafeBufferPointer { xp in
            logits.withUnsafeMutableBufferPointer { lp in
                probabilities.withUnsafeMutableBufferPointer { pp in
                    for i in range {
                        predictRaw(xp.baseAddress! + i * n, logits: lp.baseAddress!, probabilities: pp.baseAddress!, workspace: w)
                        out.append(QuantizedPrediction(logits: lp.map { rawToDouble($0, lt) }, probabilities: pp.map { rawToDouble($0, pt) }))
                    }
                }
            }
        }
        return out
    }

    /// Raw outputs of one sample on the fast path (tests).
    func predictFastRaw(_ input: [Float]) -> (logits: [Int64], probabilities: [Int64]) {
        let c = dense[dense.count - 1].outputs
        var l = [Int64](repeating: 0, count: c), p = [Int64](repeating: 0, count: c)
        let w = InferenceWorkspace(capacity: workspaceCapacity)
        input.withUnsafeBufferPointer { xp in
            l.withUnsafeMutableBufferPointer { lp in
                p.withUnsafeMutableBufferPointer { pp in
                    predictRaw(xp.baseAddress!, logits: lp.baseAddress!, probabilities: pp.baseAddress!, workspace: w)
                }
            }
        }
        return (l, p)
    }
}

// MARK: - Per-operation path with overflow bookkeeping (notebook statistics)

extension DenseStage {
    /// As `forwardPerOperation`, also counting outputs for which any cast overflowed.
    func forwardTracked(_ x: UnsafePointer<Int64>, into y: UnsafeMutablePointer<Int64>, acc: UnsafeMutablePointer<Int64>,
                        flags: UnsafeMutablePointer<Bool>) -> Int {
        let m = outputs
        for j in 0..<m {
            acc[j] = biasInAccum[j]
            flags[j] = biasOverflow[j]
        }
        weights.withUnsafeBufferPointer { wp in
            let base = wp.baseAddress!
            for i in 0..<inputs {
                let xi = x[i]
                if xi == 0 { continue }
                let row = base + i * m
                for j in 0..<m {
                    var o = false
                    let mult = productToAccum.convert(xi &* row[j], overflowed: &o)
                    acc[j] = sumToAccum.convert(acc[j] &+ mult, overflowed: &o)
                    if o { flags[j] = true }
                }
            }
        }
        var count = 0
        for j in 0..<m {
            var o = false
            y[j] = accumToResult.convert(acc[j], overflowed: &o)
            if o || flags[j] { count += 1 }
        }
        return count
    }
}

extension ReluStage {
    func forwardTracked(_ x: UnsafeMutablePointer<Int64>, count: Int) -> Int {
        var n = 0
        for i in 0..<count {
            if x[i] > 0 {
                var o = false
                x[i] = converter.convert(x[i], overflowed: &o)
                if o { n += 1 }
            } else {
                x[i] = 0
            }
        }
        return n
    }
}

extension QuantizedNetwork {
    /// One sample on the per-operation path, adding per-layer overflow counts to `overflowed`
    /// (indexed like `OverflowStatistics.layers`).
    func predictRawTracked(_ input: UnsafePointer<Float>, logits: UnsafeMutablePointer<Int64>,
                           probabilities: UnsafeMutablePointer<Int64>, workspace w: InferenceWorkspace,
                           flags: UnsafeMutablePointer<Bool>, overflowed: inout [Int]) {
        var x = w.a, y = w.b
        for i in 0..<dense[0].inputs { x[i] = inputConverter.quantize(input[i]) }
        let last = dense.count - 1
        for k in 0..<last {
            overflowed[2 * k] += dense[k].forwardTracked(x, into: y, acc: w.acc64, flags: flags)
            overflowed[2 * k + 1] += relu[k].forwardTracked(y, count: dense[k].outputs)
            swap(&x, &y)
        }
        overflowed[2 * last] += dense[last].forwardTracked(x, into: logits, acc: w.acc64, flags: flags)
        var n = 0
        let c = dense[last].outputs
        let p = softmax.forward(Array(UnsafeBufferPointer(start: logits, count: c)), overflowedOutputs: &n)
        for i in 0..<c { probabilities[i] = p[i] }
        overflowed[2 * last + 1] += n
    }

    func predictRangeTracked(_ inputs: [Float], _ range: Range<Int>) -> ([QuantizedPrediction], OverflowStatistics) {
        let n = dense[0].inputs, c = dense[dense.count - 1].outputs
        precondition(inputs.count >= range.upperBound * n, "QuantizedNetwork: not enough input values")
        let w = InferenceWorkspace(capacity: workspaceCapacity)
        let flags = UnsafeMutablePointer<Bool>.allocate(capacity: workspaceCapacity)
        defer { flags.deallocate() }
        var stats = emptyStatistics()
        var overflowed = stats.overflowed
        let lt = dense[dense.count - 1].resultType, pt = softmax.resultType
        var logits = [Int64](repeating: 0, count: c), probabilities = [Int64](repeating: 0, count: c)
        var out: [QuantizedPrediction] = []
        out.reserveCapacity(range.count)
        inputs.withUnsafeBufferPointer { xp in
            logits.withUnsafeMutableBufferPointer { lp in
                probabilities.withUnsafeMutableBufferPointer { pp in
                    for i in range {
                        predictRawTracked(xp.baseAddress! + i * n, logits: lp.baseAddress!, probabilities: pp.baseAddress!,
                                          workspace: w, flags: flags, overflowed: &overflowed)
                        out.append(QuantizedPrediction(logits: lp.map { rawToDouble($0, lt) }, probabilities: pp.map { rawToDouble($0, pt) }))
                    }
                }
            }
        }
        stats.overflowed = overflowed
        for k in stats.values.indices {
            let width = k == stats.values.count - 1 ? c : dense[k / 2].outputs
            stats.values[k] = width * range.count
        }
        return (out, stats)
    }
}
