// The per-operation inference path: every cast as hls4ml's C simulation performs it (the
// stages' `forwardPerOperation`), counting per layer the outputs for which an overflow mode
// acted. It is the oracle the fast path is tested against, and the path of the statistics.

extension QuantizedNetwork {
    /// One sample: raw logits and probabilities, adding per-layer overflow counts to
    /// `overflowed` (indexed like `OverflowStatistics.layers`).
    func predictRawPerOperation(
        _ input: UnsafePointer<Float>, logits: UnsafeMutablePointer<Int64>,
        probabilities: UnsafeMutablePointer<Int64>, workspace w: InferenceWorkspace,
        overflowed: inout [Int]
    ) {
        var x = w.layerInput
        var y = w.layerOutput
        for i in 0..<dense[0].inputs { x[i] = inputQuantizer.quantize(input[i]) }
        let last = dense.count - 1
        for k in 0..<last {
            overflowed[2 * k] += dense[k].forwardPerOperation(
                x, into: y, accumulators: w.accumulators64,
                overflowFlags: w.overflowFlags)
            overflowed[2 * k + 1] += relu[k].forwardPerOperation(y, count: dense[k].outputs)
            swap(&x, &y)
        }
        overflowed[2 * last] += dense[last].forwardPerOperation(
            x, into: logits, accumulators: w.accumulators64,
            overflowFlags: w.overflowFlags)
        overflowed[2 * last + 1] += softmax.forward(
            logits, count: dense[last].outputs, into: probabilities,
            scratch: w.softmaxScratch)
    }

    func predictRangeWithStatistics(_ inputs: [Float], _ range: Range<Int>) -> (
        [QuantizedPrediction], OverflowStatistics
    ) {
        let n = dense[0].inputs
        let c = dense[dense.count - 1].outputs
        precondition(inputs.count >= range.upperBound * n, "QuantizedNetwork: not enough input values")
        let w = InferenceWorkspace(capacity: workspaceCapacity)
        var stats = emptyStatistics()
        var overflowed = stats.overflowed
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
                        predictRawPerOperation(
                            xp.baseAddress! + i * n, logits: lp.baseAddress!, probabilities: pp.baseAddress!,
                            workspace: w, overflowed: &overflowed)
                        out.append(
                            QuantizedPrediction(
                                logits: lp.map { rawToDouble($0, lt) }, probabilities: pp.map { rawToDouble($0, pt) }))
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

    /// Raw outputs of one sample on the per-operation path (tests).
    func predictRawPerOperation(_ input: [Float]) -> (logits: [Int64], probabilities: [Int64]) {
        let c = dense[dense.count - 1].outputs
        var l = [Int64](repeating: 0, count: c)
        var p = [Int64](repeating: 0, count: c)
        var overflowed = emptyStatistics().overflowed
        let w = InferenceWorkspace(capacity: workspaceCapacity)
        input.withUnsafeBufferPointer { xp in
            l.withUnsafeMutableBufferPointer { lp in
                p.withUnsafeMutableBufferPointer { pp in
                    predictRawPerOperation(
                        xp.baseAddress!, logits: lp.baseAddress!, probabilities: pp.baseAddress!,
                        workspace: w, overflowed: &overflowed)
                }
            }
        }
        return (l, p)
    }
}
