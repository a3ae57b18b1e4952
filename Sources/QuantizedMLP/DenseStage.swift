// The dense stage (`nnet::dense_latency`): `mult[i][j] = accum_t(x[i] * w[i][j])` (the
// product is exact), `acc[j] = accum_t(bias[j])`, then for i = 0, 1, … `acc[j] =
// accum_t(acc[j] + mult[i][j])`, finally `res[j] = result_t(acc[j])`. Weights and biases are
// the float values written as hls4ml writes them (see `HLSWeightText`) and read into
// weight_t/bias_t.
//
// Here: the stage's types and constants and its per-operation path, the literal
// transcription the Int32 fast path (FastPath.swift) must agree with.

import FixedPoint

final class DenseStage: Sendable {
    let name: String
    let inputs: Int
    let outputs: Int
    let dataType: FixedPointType
    let weightType: FixedPointType
    let biasType: FixedPointType
    let accumType: FixedPointType
    let resultType: FixedPointType
    /// Raw weights [inputs, outputs] and biases already cast to accum_t.
    let weights: [Int64]
    let biasInAccum: [Int64]
    let biasOverflow: [Bool]
    let productToAccum: RawConverter
    let sumToAccum: RawConverter
    let accumToResult: RawConverter
    /// The fast path's Int32 weights and product shift (positive: right, negative: left); the
    /// shift is nil when the layer's types rule that path out.
    let fastPathWeights: [Int32]
    let fastPathShift: Int?

    init(weights w: DenseWeights, dataType: FixedPointType, config: HLSConfig) throws {
        name = w.name
        inputs = w.inputs
        outputs = w.outputs
        self.dataType = dataType
        weightType = try config.supportedPrecision(layer: name, .weight)
        biasType = try config.supportedPrecision(layer: name, .bias)
        accumType = try config.supportedPrecision(layer: name, .accum, maxWidth: 40)
        resultType = try config.supportedPrecision(layer: name, .result)
        let wt = weightType
        let bt = biasType
        weights = w.kernel.map { HLSWeightText.quantize($0, type: wt).raw }
        let biases = w.bias.map { HLSWeightText.quantize($0, type: bt) }
        let product = FixedPointType.product(dataType, weightType)
        productToAccum = RawConverter(from: product, to: accumType)
        sumToAccum = RawConverter(from: FixedPointType.sum(accumType, accumType), to: accumType)
        accumToResult = RawConverter(from: accumType, to: resultType)
        let biasConverter = RawConverter(from: biasType, to: accumType)
        var b: [Int64] = []
        var bo: [Bool] = []
        for v in biases {
            var o = false
            b.append(biasConverter.convert(v.raw, overflowed: &o))
            bo.append(o)
        }
        biasInAccum = b
        biasOverflow = bo
        // The conditions under which the Int32 sum is exact (FastPath.swift).
        let shift = product.fractionalBits - accumType.fractionalBits
        if accumType.overflow == .wrap, accumType.saturationBits == 0, accumType.width <= 32,
            accumType.isSigned || accumType.width <= 31,
            accumType.quantization == .truncate || shift <= 0,
            product.width <= 32, shift > -32, shift < 32
        {
            fastPathShift = shift
            fastPathWeights = weights.map { Int32($0) }
        } else {
            fastPathShift = nil
            fastPathWeights = []
        }
    }

    /// dense_latency literally: every product and every partial sum cast to accum_t. Returns
    /// the number of outputs for which any cast overflowed, the bias's included.
    ///
    /// A zero input is skipped: its product casts to 0 and `acc + 0` cast to accum_t is acc
    /// itself, without overflow (acc always holds a value of accum_t, and AP_SAT_SYM never
    /// produces the most negative one).
    func forwardPerOperation(
        _ x: UnsafePointer<Int64>, into y: UnsafeMutablePointer<Int64>,
        accumulators acc: UnsafeMutablePointer<Int64>,
        overflowFlags flags: UnsafeMutablePointer<Bool>
    ) -> Int {
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
