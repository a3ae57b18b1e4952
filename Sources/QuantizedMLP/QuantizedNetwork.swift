// Bit-exact emulation of the hls4ml 1.3.0 C simulation (Vivado/Vitis backend, io_parallel,
// Strategy: Latency) of the tutorial MLP.
//
// What each stage computes (types resolved from `HLSConfig`; `T(x)` is the ap_fixed cast
// `T y = x;` with T's rounding and overflow modes):
//
// - input (`fc1_input`): `input_t(float)` (nnet::convert_data in the predict() bridge; the
//   float is widened to double exactly, then quantized).
// - dense (`nnet::dense_latency`): `mult[i][j] = accum_t(x[i] * w[i][j])` (the product is
//   exact), `acc[j] = accum_t(bias[j])`, then for i = 0, 1, … `acc[j] = accum_t(acc[j] +
//   mult[i][j])`, finally `res[j] = result_t(acc[j])`. Weights and biases are the float
//   values written as hls4ml writes them (see `HLSWeightText`) and read into weight_t/bias_t.
// - ReLU (`nnet::relu`): `res = x > 0 ? result_t(x) : 0`.
// - softmax `stable` (`nnet::softmax_stable`): x_max = max x; d_i = inp_norm_t(x_max - x_i)
//   with inp_norm_t = ap_ufixed<W-1, I-1> for a signed ap_fixed<W, I> input (ap_ufixed<W, I>
//   if unsigned); the exp table is addressed by the top N = ceillog2(exp_table_size) bits of
//   d_i; exp_res_i = accum_t(exp_table[·]); exp_sum = inv_inp_t(balanced-tree sum of exp_res
//   in accum_t, each addition cast to accum_t); inv = inv_table[top bits of exp_sum];
//   res_i = result_t(exp_res_i * inv). Tables: exp_table[k] = exp_table_t(expf(-v_k)) where
//   v_k is the inp_norm_t value whose top N bits are k; inv_table[k] = inv_table_t(1.0f / u_k)
//   with u_k the inv_inp_t value whose top N bits are k (1/0 = +inf).
// - softmax `latency` (`nnet::softmax_latency`): the same without the max subtraction: the exp
//   table (exp_table_t(expf(v_k)), v_k of the input type, two's complement top bits) is
//   addressed by the top bits of x_i directly.
// - table sizes: hls4ml's FixSoftmaxTableSize pass first lowers table_size to
//   2^min(input width, inv_table_t width) when it is larger; inv_table_size = table_size and,
//   for `stable` with a signed input of width W, exp_table_size = min(table_size, 2^(W-1)).
//   ceillog2 is hls4ml's (ceillog2(x) = x <= 2 ? 1 : 1 + ceillog2((x + 1) / 2)).
//
// Outputs ("logits" = the `output` dense result, "probabilities" = the softmax result) are
// returned as exact Doubles (hls4ml's float predict() would round values wider than 24
// significant bits to float).
//
// Limits: every type at most 31 bits wide except accumulators (at most 40 bits); other
// configurations throw. Arithmetic runs on Int64 raw values; when a dense layer's accum_t
// wraps (AP_WRAP, N = 0), truncates (AP_TRN, or needs no rounding of the products) and is at
// most 32 bits wide, and the products fit 32 bits, the per-product casts and the wrapped
// additions reduce exactly to an Int32 sum of shifted products wrapped once at the end
// (two's-complement wrap-around commutes with addition), which is the fast path.

import FixedPoint

public struct QuantizedPrediction: Equatable, Sendable {
    public var logits: [Double]
    public var probabilities: [Double]
}

/// Per-layer overflow counts of a batch: values whose computation overflowed at least one
/// cast (the overflow mode acted), out of `values` outputs of the layer.
public struct OverflowStatistics: Equatable, Sendable {
    public var layers: [String]
    public var overflowed: [Int]
    public var values: [Int]

    public func fraction(_ layer: String) -> Double {
        guard let k = layers.firstIndex(of: layer), values[k] > 0 else { return 0 }
        return Double(overflowed[k]) / Double(values[k])
    }

    mutating func merge(_ other: OverflowStatistics) {
        for k in overflowed.indices {
            overflowed[k] += other.overflowed[k]
            values[k] += other.values[k]
        }
    }
}

@inline(__always)
func ceilLog2(_ x: Int) -> Int { x <= 2 ? 1 : 1 + ceilLog2((x + 1) / 2) }

public struct QuantizedNetwork: Sendable {
    public let config: HLSConfig
    public let inputType: FixedPointType
    let inputConverter: InputQuantizer
    let dense: [DenseStage]
    let relu: [ReluStage]
    let softmax: SoftmaxStage

    /// The resolved types, for display: layer → var → type.
    public var resolvedTypes: [(layer: String, variable: String, type: FixedPointType)] {
        var out: [(String, String, FixedPointType)] = [("fc1_input", "result", inputType)]
        for (k, d) in dense.enumerated() {
            out += [(d.name, "weight", d.weightType), (d.name, "bias", d.biasType),
                    (d.name, "accum", d.accumType), (d.name, "result", d.resultType)]
            if k < relu.count { out.append((relu[k].name, "result", relu[k].resultType)) }
        }
        out += [("softmax", "accum", softmax.accumType), ("softmax", "result", softmax.resultType),
                ("softmax", "exp_table_t", softmax.expTableType), ("softmax", "inv_table_t", softmax.invTableType),
                ("softmax", "inv_inp_t", softmax.invInputType), ("softmax", "inp_norm_t", softmax.normType)]
        return out
    }

    /// Multiplications × (data bits + weight bits) summed over the dense layers: a resource proxy.
    public var multiplierBits: Int {
        dense.reduce(0) { $0 + $1.inputs * $1.outputs * ($1.dataType.width + $1.weightType.width) }
    }

    public var softmaxTableSizes: (exp: Int, inv: Int) { (softmax.expTableSize, softmax.invTableSize) }

    public init(model: MLPModel, config: HLSConfig) throws {
        self.config = config
        inputType = config.precision(layer: "fc1_input", "result")
        try Self.check(inputType, "fc1_input.result")
        inputConverter = InputQuantizer(inputType)
        var dataType = inputType
        var dense: [DenseStage] = []
        var relu: [ReluStage] = []
        for (k, weights) in model.dense.enumerated() {
            let stage = try DenseStage(weights: weights, dataType: dataType, config: config)
            dense.append(stage)
            dataType = stage.resultType
            if k < model.dense.count - 1 {
                let name = MLPModel.reluNames[k]
                let result = config.precision(layer: name, "result")
                try Self.check(result, "\(name).result")
                relu.append(ReluStage(name: name, dataType: dataType, resultType: result))
                dataType = result
            }
        }
        self.dense = dense
        self.relu = relu
        softmax = try SoftmaxStage(dataType: dataType, config: config, count: model.outputCount)
    }

    static func check(_ t: FixedPointType, _ what: String, maxWidth: Int = 31) throws {
        guard t.width <= maxWidth else {
            throw HLSConfigError("\(what) is \(t): this emulation supports types of at most \(maxWidth) bits here")
        }
        guard t.overflow != .wrapSignMagnitude, t.saturationBits == 0 else {
            throw HLSConfigError("\(what) is \(t): AP_WRAP_SM and saturation bits N > 0 are not supported by the network emulation")
        }
    }

    // MARK: Inference

    /// One sample: `input` holds the network's float32 inputs (already standardised).
    public func predict(_ input: [Float]) -> QuantizedPrediction {
        var stats: OverflowStatistics? = nil
        return predict(input, statistics: &stats)
    }

    /// One sample; when `statistics` is non-nil, per-layer overflows are added to it (slower path).
    public func predict(_ input: [Float], statistics: inout OverflowStatistics?) -> QuantizedPrediction {
        precondition(input.count == dense[0].inputs, "QuantizedNetwork: \(input.count) inputs, expected \(dense[0].inputs)")
        var x = [Int64](repeating: 0, count: input.count)
        for i in input.indices { x[i] = inputConverter.quantize(input[i]) }
        let tracking = statistics != nil
        if tracking && statistics!.layers.isEmpty { statistics = emptyStatistics() }
        var y: [Int64] = []
        for k in dense.indices {
            if tracking {
                var n = 0
                y = dense[k].forwardTracking(x, overflowedOutputs: &n)
                statistics!.overflowed[2 * k] += n
                statistics!.values[2 * k] += y.count
            } else {
                y = dense[k].forward(x)
            }
            if k < relu.count {
                if tracking {
                    var n = 0
                    x = relu[k].forward(y, overflowedOutputs: &n)
                    statistics!.overflowed[2 * k + 1] += n
                    statistics!.values[2 * k + 1] += x.count
                } else {
                    var n = 0
                    x = relu[k].forward(y, overflowedOutputs: &n)
                }
            }
        }
        var n = 0
        let p = softmax.forward(y, overflowedOutputs: &n)
        if tracking {
            statistics!.overflowed[statistics!.overflowed.count - 1] += n
            statistics!.values[statistics!.values.count - 1] += p.count
        }
        let lt = dense[dense.count - 1].resultType
        return QuantizedPrediction(logits: y.map { rawToDouble($0, lt) },
                                   probabilities: p.map { rawToDouble($0, softmax.resultType) })
    }

    func emptyStatistics() -> OverflowStatistics {
        var layers: [String] = []
        for k in dense.indices {
            layers.append(dense[k].name)
            if k < relu.count { layers.append(relu[k].name) }
        }
        layers.append("softmax")
        return OverflowStatistics(layers: layers, overflowed: [Int](repeating: 0, count: layers.count),
                                  values: [Int](repeating: 0, count: layers.count))
    }

    /// Raw outputs of one sample on the general (per-operation) path, for cross-checks.
    func predictGeneral(_ input: [Float]) -> (logits: [Int64], probabilities: [Int64]) {
        var x = input.map { inputConverter.quantize($0) }
        var y: [Int64] = []
        for k in dense.indices {
            var n = 0
            y = dense[k].forwardTracking(x, overflowedOutputs: &n)
            if k < relu.count { x = relu[k].forward(y, overflowedOutputs: &n) }
        }
        var n = 0
        return (y, softmax.forward(y, overflowedOutputs: &n))
    }
}

@inline(__always)
func rawToDouble(_ raw: Int64, _ t: FixedPointType) -> Double {
    Double(raw) * Double(sign: .plus, exponent: -t.fractionalBits, significand: 1)
}

// MARK: - Input conversion

/// `input_t x = (double)f;` for float inputs, on raw integers (falls back to FixedPoint for
/// non-finite or huge values).
struct InputQuantizer: Sendable {
    let type: FixedPointType
    let scale: Double
    let rounding: RawConverter
    let overflow: RawConverter

    init(_ type: FixedPointType) {
        self.type = type
        scale = Double(sign: .plus, exponent: type.fractionalBits, significand: 1)
        // `rounding` only supplies roundsUp(); `overflow` converts an integer-aligned raw value.
        rounding = RawConverter(from: type, to: type)
        let container = FixedPointType(width: 62, integerBits: 62 - type.fractionalBits)
        overflow = RawConverter(from: container, to: type)
    }

    @inline(__always)
    func quantize(_ f: Float) -> Int64 {
        let v = Double(f) * scale
        guard v.isFinite, abs(v) < 0x1p52, type.fractionalBits > -900, type.fractionalBits < 900, v.isNormal || v == 0 else {
            return type.quantize(Double(f)).raw
        }
        let fl = v.rounded(.down)
        var q = Int64(fl)
        let r = v - fl
        if r != 0 {
            let half = r >= 0.5
            let sticky = r != 0.5 && r != 0 && (half ? r > 0.5 : true)
            if rounding.roundsUp(half: half, sticky: sticky, negative: v < 0, odd: q & 1 != 0) { q += 1 }
        }
        return overflow.convert(q)
    }
}

// MARK: - Stages

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
    /// Fast path: Int32 weights and the product shift (positive: right, negative: left).
    let weights32: [Int32]
    let fastShift: Int?

    init(weights w: DenseWeights, dataType: FixedPointType, config: HLSConfig) throws {
        name = w.name
        inputs = w.inputs
        outputs = w.outputs
        self.dataType = dataType
        weightType = config.precision(layer: name, "weight")
        biasType = config.precision(layer: name, "bias")
        accumType = config.precision(layer: name, "accum")
        resultType = config.precision(layer: name, "result")
        try QuantizedNetwork.check(weightType, "\(name).weight")
        try QuantizedNetwork.check(biasType, "\(name).bias")
        try QuantizedNetwork.check(accumType, "\(name).accum", maxWidth: 40)
        try QuantizedNetwork.check(resultType, "\(name).result")
        let wt = weightType, bt = biasType
        weights = w.kernel.map { HLSWeightText.quantize($0, type: wt).raw }
        let biases = w.bias.map { HLSWeightText.quantize($0, type: bt) }
        let product = FixedPointType.product(dataType, weightType)
        productToAccum = RawConverter(from: product, to: accumType)
        sumToAccum = RawConverter(from: FixedPointType.sum(accumType, accumType), to: accumType)
        accumToResult = RawConverter(from: accumType, to: resultType)
        let biasConverter = RawConverter(from: biasType, to: accumType)
        var b: [Int64] = [], bo: [Bool] = []
        for v in biases {
            var o = false
            b.append(biasConverter.convert(v.raw, overflowed: &o))
            bo.append(o)
        }
        biasInAccum = b
        biasOverflow = bo
        let shift = product.fractionalBits - accumType.fractionalBits
        if accumType.overflow == .wrap, accumType.saturationBits == 0, accumType.width <= 32,
           accumType.isSigned || accumType.width <= 31,
           accumType.quantization == .truncate || shift <= 0,
           product.width <= 32, shift > -32, shift < 32 {
            fastShift = shift
            weights32 = weights.map { Int32($0) }
        } else {
            fastShift = nil
            weights32 = []
        }
    }

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

    /// The fast path when available, else the general one.
    func forward(_ x: [Int64]) -> [Int64] {
        guard let shift = fastShift else {
            var n = 0
            return forwardTracking(x, overflowedOutputs: &n)
        }
        let m = outputs
        var acc = [Int32](repeating: 0, count: m)
        for j in 0..<m { acc[j] = Int32(truncatingIfNeeded: biasInAccum[j]) }
        acc.withUnsafeMutableBufferPointer { ap in
            weights32.withUnsafeBufferPointer { wp in
                for i in 0..<inputs {
                    let xi = Int32(truncatingIfNeeded: x[i])
                    if xi == 0 { continue }
                    let row = wp.baseAddress! + i * m
                    if shift >= 0 {
                        let s = Int32(shift)
                        for j in 0..<m { ap[j] &+= (xi &* row[j]) &>> s }
                    } else {
                        let s = Int32(-shift)
                        for j in 0..<m { ap[j] &+= (xi &* row[j]) &<< s }
                    }
                }
            }
        }
        var y = [Int64](repeating: 0, count: m)
        for j in 0..<m { y[j] = accumToResult.convert(wrapToAccum(acc[j])) }
        return y
    }

    /// dense_latency literally: every product cast to accum_t, every addition cast to accum_t.
    func forwardTracking(_ x: [Int64], overflowedOutputs: inout Int) -> [Int64] {
        let m = outputs
        var acc = biasInAccum
        var flags = biasOverflow
        for i in 0..<inputs {
            let xi = x[i]
            for j in 0..<m {
                var o = false
                let mult = productToAccum.convert(xi &* weights[i * m + j], overflowed: &o)
                acc[j] = sumToAccum.convert(acc[j] &+ mult, overflowed: &o)
                if o { flags[j] = true }
            }
        }
        var y = [Int64](repeating: 0, count: m)
        for j in 0..<m {
            var o = false
            y[j] = accumToResult.convert(acc[j], overflowed: &o)
            if o || flags[j] { overflowedOutputs += 1 }
        }
        return y
    }
}

final class ReluStage: Sendable {
    let name: String
    let dataType: FixedPointType
    let resultType: FixedPointType
    let converter: RawConverter
    /// The cast of a positive input changes nothing (same scale, wide enough range, no AP_SAT_SYM edge).
    let positiveIdentity: Bool

    init(name: String, dataType: FixedPointType, resultType: FixedPointType) {
        self.name = name
        self.dataType = dataType
        self.resultType = resultType
        converter = RawConverter(from: dataType, to: resultType)
        let sameScale = dataType.fractionalBits == resultType.fractionalBits
        let dataMaxBits = dataType.width - (dataType.isSigned ? 1 : 0)
        let resultMaxBits = resultType.width - (resultType.isSigned ? 1 : 0)
        positiveIdentity = sameScale && resultMaxBits >= dataMaxBits && resultType.saturationBits == 0
            && resultType.overflow != .wrapSignMagnitude
    }

    func forward(_ x: [Int64], overflowedOutputs: inout Int) -> [Int64] {
        var y = [Int64](repeating: 0, count: x.count)
        for i in x.indices where x[i] > 0 {
            var o = false
            y[i] = converter.convert(x[i], overflowed: &o)
            if o { overflowedOutputs += 1 }
        }
        return y
    }
}

final class SoftmaxStage: Sendable {
    let implementation: SoftmaxImplementation
    let dataType: FixedPointType
    let accumType: FixedPointType
    let resultType: FixedPointType
    let expTableType: FixedPointType
    let invTableType: FixedPointType
    let invInputType: FixedPointType
    /// inp_norm_t (stable); the input type itself for `latency`.
    let normType: FixedPointType
    let expTableSize: Int
    let invTableSize: Int
    /// exp_table entries already cast to accum_t (exp_res = accum_t(exp_table[k])).
    let expInAccum: [Int64]
    let expOverflow: [Bool]
    /// Raw exp_table_t and inv_table_t entries (for tests and display).
    let expTable: [Int64]
    let invTable: [Int64]
    let toNorm: RawConverter
    let sumToAccum: RawConverter
    let accumToInvInput: RawConverter
    let productToResult: RawConverter
    let expBits: Int
    let invBits: Int

    init(dataType: FixedPointType, config: HLSConfig, count: Int) throws {
        implementation = config.softmaxImplementation
        self.dataType = dataType
        accumType = config.precision(layer: "softmax", "accum")
        resultType = config.precision(layer: "softmax", "result")
        expTableType = config.expTableType
        invTableType = config.invTableType
        invInputType = config.invInputType
        try QuantizedNetwork.check(accumType, "softmax.accum")
        try QuantizedNetwork.check(resultType, "softmax.result")
        try QuantizedNetwork.check(expTableType, "softmax.exp_table_t")
        try QuantizedNetwork.check(invTableType, "softmax.inv_table_t")
        try QuantizedNetwork.check(invInputType, "softmax.inv_inp_t")

        // FixSoftmaxTableSize (Vivado: no backend limitation).
        var tableSize = config.softmaxTableSize
        let limitBits = min(dataType.width, invTableType.width)
        if limitBits < 62, (1 << limitBits) < tableSize { tableSize = 1 << limitBits }
        invTableSize = tableSize
        if implementation == .stable {
            let s = dataType.isSigned ? 1 : 0
            normType = FixedPointType(width: dataType.width - s, integerBits: dataType.integerBits - s, isSigned: false)
            expTableSize = dataType.isSigned ? min(tableSize, 1 << (dataType.width - 1)) : tableSize
        } else {
            normType = dataType
            expTableSize = tableSize
        }
        expBits = ceilLog2(expTableSize)
        invBits = ceilLog2(invTableSize)
        guard expBits <= normType.width, invBits <= invInputType.width else {
            throw HLSConfigError("softmax table of \(expTableSize)/\(invTableSize) entries needs more address bits than \(normType)/\(invInputType) have")
        }
        let negate = implementation == .stable
        var expTable: [Int64] = []
        for k in 0..<expTableSize {
            let x = Self.valueFromIndex(k, bits: expBits, type: normType)
            let arg: Float = negate ? -x : x
            expTable.append(expTableType.quantize(Double(Float.expf(arg))).raw)
        }
        var invTable: [Int64] = []
        for k in 0..<invTableSize {
            let u = Self.valueFromIndex(k, bits: invBits, type: invInputType)
            invTable.append(invTableType.quantize(Double(Float(1) / u)).raw)
        }
        self.expTable = expTable
        self.invTable = invTable
        let expToAccum = RawConverter(from: expTableType, to: accumType)
        var e: [Int64] = [], eo: [Bool] = []
        for v in expTable {
            var o = false
            e.append(expToAccum.convert(v, overflowed: &o))
            eo.append(o)
        }
        expInAccum = e
        expOverflow = eo
        toNorm = RawConverter(from: FixedPointType.difference(dataType, dataType), to: normType)
        sumToAccum = RawConverter(from: FixedPointType.sum(accumType, accumType), to: accumType)
        accumToInvInput = RawConverter(from: accumType, to: invInputType)
        productToResult = RawConverter(from: FixedPointType.product(accumType, invTableType), to: resultType)
    }

    /// softmax_real_val_from_idx: the value of `type` whose top `bits` bits are `index`, as float.
    static func valueFromIndex(_ index: Int, bits: Int, type: FixedPointType) -> Float {
        let word = UInt64(index) << UInt64(type.width - bits)
        let v = FixedPointValue(bitPattern: word, format: type)
        return Float(v.doubleValue)
    }

    /// softmax_idx_from_real_val: the top `bits` bits of the W-bit word of `raw`.
    @inline(__always)
    static func index(_ raw: Int64, bits: Int, width: Int) -> Int {
        let word = UInt64(bitPattern: raw) & (width == 64 ? ~0 : ((1 << UInt64(width)) - 1))
        return Int(word >> UInt64(width - bits))
    }

    /// nnet::reduce with Op_add<accum_t>: a balanced tree, left part the largest power of two below n.
    func reduceSum(_ x: ArraySlice<Int64>, overflowed: inout Bool) -> Int64 {
        let n = x.count
        if n == 1 { return x[x.startIndex] }
        if n == 2 { return sumToAccum.convert(x[x.startIndex] &+ x[x.startIndex + 1], overflowed: &overflowed) }
        var left = 1
        while left * 2 <= n - 1 { left *= 2 }
        let a = reduceSum(x.prefix(left), overflowed: &overflowed)
        let b = reduceSum(x.dropFirst(left), overflowed: &overflowed)
        return sumToAccum.convert(a &+ b, overflowed: &overflowed)
    }

    func forward(_ x: [Int64], overflowedOutputs: inout Int) -> [Int64] {
        var expRes = [Int64](repeating: 0, count: x.count)
        var o = false
        switch implementation {
        case .stable:
            var m = x[0]
            for v in x.dropFirst() where v > m { m = v }
            for i in x.indices {
                let d = toNorm.convert(m &- x[i], overflowed: &o)
                let k = Self.index(d, bits: expBits, width: normType.width)
                expRes[i] = expInAccum[k]
                if expOverflow[k] { o = true }
            }
        case .latency:
            for i in x.indices {
                let k = Self.index(x[i], bits: expBits, width: normType.width)
                expRes[i] = expInAccum[k]
                if expOverflow[k] { o = true }
            }
        }
        let sum = reduceSum(expRes[...], overflowed: &o)
        let expSum = accumToInvInput.convert(sum, overflowed: &o)
        let inv = invTable[Self.index(expSum, bits: invBits, width: invInputType.width)]
        var y = [Int64](repeating: 0, count: x.count)
        for i in x.indices {
            var oi = false
            y[i] = productToResult.convert(expRes[i] &* inv, overflowed: &oi)
            if oi || o { overflowedOutputs += 1 }
        }
        return y
    }
}

extension Float {
    /// C's expf (glibc on Linux), as std::exp(float) in the hls4ml headers.
    static func expf(_ x: Float) -> Float {
        #if canImport(Glibc)
        return Glibc.expf(x)
        #else
        return Darwin.expf(x)
        #endif
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
