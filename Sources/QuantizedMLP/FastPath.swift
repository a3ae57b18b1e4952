// The fast inference path: allocation-free, on raw Int64 values in workspace buffers, without
// overflow bookkeeping, and equal bit for bit to the per-operation path.
//
// A dense layer whose accum_t wraps (AP_WRAP, N = 0), truncates (AP_TRN, or needs no
// rounding of the products) and is at most 32 bits wide, and whose products fit 32 bits,
// runs on Int32: there the per-product casts and the wrapped additions reduce exactly to an
// Int32 sum of shifted products wrapped once at the end (two's-complement wrap-around
// commutes with addition). Other dense layers run the per-operation path.

extension DenseStage {
    /// `y = dense(x)`: the Int32 sum when the layer's types allow it, else the per-operation path.
    @inline(__always)
    func forward(_ x: UnsafePointer<Int64>, into y: UnsafeMutablePointer<Int64>, workspace w: InferenceWorkspace) {
        guard let shift = fastPathShift else {
            _ = forwardPerOperation(x, into: y, accumulators: w.accumulators64, overflowFlags: w.overflowFlags)
            return
        }
        forwardInt32(x, into: y, shift: shift, accumulators: w.accumulators32)
    }

    /// The Int32 sum of the shifted products, wrapped to accum_t once, then cast to result_t.
    @inline(__always)
    func forwardInt32(
        _ x: UnsafePointer<Int64>, into y: UnsafeMutablePointer<Int64>, shift: Int,
        accumulators acc: UnsafeMutablePointer<Int32>
    ) {
        let m = outputs
        for j in 0..<m { acc[j] = Int32(truncatingIfNeeded: biasInAccum[j]) }
        fastPathWeights.withUnsafeBufferPointer { wp in
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

    /// `accum_t(a)` for an Int32 sum: its low accum_t-width bits, sign-extended when signed.
    @inline(__always)
    func wrapToAccum(_ a: Int32) -> Int64 {
        let w = accumType.width
        if accumType.isSigned {
            if w == 32 { return Int64(a) }
            let s = Int32(32 - w)
            return Int64((a &<< s) &>> s)
        }
        return Int64(UInt32(bitPattern: a) & ((1 << UInt32(w)) - 1))
    }
}

extension ReluStage {
    /// `x = relu(x)` in place, without the cast where it cannot change a positive value.
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

extension QuantizedNetwork {
    /// One sample without allocations: raw logits (output result_t) and probabilities (softmax result_t).
    func predictRaw(
        _ input: UnsafePointer<Float>, logits: UnsafeMutablePointer<Int64>, probabilities: UnsafeMutablePointer<Int64>,
        workspace w: InferenceWorkspace
    ) {
        var x = w.layerInput
        var y = w.layerOutput
        for i in 0..<dense[0].inputs { x[i] = inputQuantizer.quantize(input[i]) }
        let last = dense.count - 1
        for k in 0..<last {
            dense[k].forward(x, into: y, workspace: w)
            relu[k].forwardInPlace(y, count: dense[k].outputs)
            swap(&x, &y)
        }
        dense[last].forward(x, into: logits, workspace: w)
        _ = softmax.forward(logits, count: dense[last].outputs, into: probabilities, scratch: w.softmaxScratch)
    }

    /// Predictions for `count` samples on one thread (what the benchmark's single-thread figure measures).
    public func predictSingleThreaded(batch inputs: [Float], count: Int) -> [QuantizedPrediction] {
        predictRange(inputs, 0..<count)
    }

    func predictRange(_ inputs: [Float], _ range: Range<Int>) -> [QuantizedPrediction] {
        let n = dense[0].inputs
        let c = dense[dense.count - 1].outputs
        precondition(inputs.count >= range.upperBound * n, "QuantizedNetwork: not enough input values")
        let w = InferenceWorkspace(capacity: workspaceCapacity)
        let lt = dense[dense.count - 1].resultType
        let pt = softmax.resultType
        var logits = [Int64](repeating: 0, count: c)
        var probabilities = [Int64](repeating: 0, count: c)
        var out: [QuantizedPrediction] = []
        out.reserveCapacity(range.count)
        inputs.withUnsafeBufferPointer { xp in
            logits.withUnsafeMutableBufferPointer { lp in
                probabilities.withUnsafeMutableBufferPointer { pp in
                    for i in range {
                        predictRaw(
                            xp.baseAddress! + i * n, logits: lp.baseAddress!, probabilities: pp.baseAddress!,
                            workspace: w)
                        out.append(
                            QuantizedPrediction(
                                logits: lp.map { rawToDouble($0, lt) }, probabilities: pp.map { rawToDouble($0, pt) }))
                    }
                }
            }
        }
        return out
    }

    /// Raw outputs of one sample on the fast path (tests).
    func predictRawFast(_ input: [Float]) -> (logits: [Int64], probabilities: [Int64]) {
        let c = dense[dense.count - 1].outputs
        var l = [Int64](repeating: 0, count: c)
        var p = [Int64](repeating: 0, count: c)
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
