// The softmax stage, both hls4ml implementations.
//
// - `stable` (`nnet::softmax_stable`): x_max = max x; d_i = inp_norm_t(x_max - x_i) with
//   inp_norm_t = ap_ufixed<W-1, I-1> for a signed ap_fixed<W, I> input (ap_ufixed<W, I> if
//   unsigned); the exp table is addressed by the top N = ceillog2(exp_table_size) bits of
//   d_i; exp_res_i = accum_t(exp_table[·]); exp_sum = inv_inp_t(balanced-tree sum of exp_res
//   in accum_t, each addition cast to accum_t); inv = inv_table[top bits of exp_sum];
//   res_i = result_t(exp_res_i * inv). Tables: exp_table[k] = exp_table_t(expf(-v_k)) where
//   v_k is the inp_norm_t value whose top N bits are k; inv_table[k] = inv_table_t(1.0f / u_k)
//   with u_k the inv_inp_t value whose top N bits are k (1/0 = +inf).
// - `latency` (`nnet::softmax_latency`): the same without the max subtraction: the exp table
//   (exp_table_t(expf(v_k)), v_k of the input type, two's complement top bits) is addressed
//   by the top bits of x_i directly.
// - table sizes: hls4ml's FixSoftmaxTableSize pass first lowers table_size to
//   2^min(input width, inv_table_t width) when it is larger; inv_table_size = table_size and,
//   for `stable` with a signed input of width W, exp_table_size = min(table_size, 2^(W-1)).
//   ceillog2 is hls4ml's (ceillog2(x) = x <= 2 ? 1 : 1 + ceillog2((x + 1) / 2)).
//
// The stage has a single path: its casts are few (one per output plus the shared sum), so
// the fast path runs it with the overflow counts too and ignores them.

import FixedPoint

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@inline(__always)
func ceilLog2(_ x: Int) -> Int { x <= 2 ? 1 : 1 + ceilLog2((x + 1) / 2) }

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
        accumType = try config.supportedPrecision(layer: "softmax", .accum)
        resultType = try config.supportedPrecision(layer: "softmax", .result)
        expTableType = config.expTableType
        invTableType = config.invTableType
        invInputType = config.invInputType
        try requireSupported(expTableType, "softmax.exp_table_t")
        try requireSupported(invTableType, "softmax.inv_table_t")
        try requireSupported(invInputType, "softmax.inv_inp_t")

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
            throw HLSConfigError(
                "softmax table of \(expTableSize)/\(invTableSize) entries needs more address bits than \(normType)/\(invInputType) have"
            )
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
        var e: [Int64] = []
        var eo: [Bool] = []
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

    /// nnet::reduce with Op_add<accum_t> over `x[0..<n]`: a balanced tree, left part the
    /// largest power of two below n.
    @inline(__always)
    func sumTree(_ x: UnsafePointer<Int64>, _ n: Int, overflowed: inout Bool) -> Int64 {
        if n == 1 { return x[0] }
        if n == 2 { return sumToAccum.convert(x[0] &+ x[1], overflowed: &overflowed) }
        var left = 1
        while left * 2 <= n - 1 { left *= 2 }
        let a = sumTree(x, left, overflowed: &overflowed)
        let b = sumTree(x + left, n - left, overflowed: &overflowed)
        return sumToAccum.convert(a &+ b, overflowed: &overflowed)
    }

    /// `y = softmax(x)` for `n` raw values; `expRes` is scratch for n values. Returns the
    /// number of outputs whose computation overflowed a cast (a cast shared by all outputs
    /// counts for each).
    func forward(
        _ x: UnsafePointer<Int64>, count n: Int, into y: UnsafeMutablePointer<Int64>,
        scratch expRes: UnsafeMutablePointer<Int64>
    ) -> Int {
        var o = false
        switch implementation {
        case .stable:
            var m = x[0]
            for i in 1..<n where x[i] > m { m = x[i] }
            for i in 0..<n {
                let d = toNorm.convert(m &- x[i], overflowed: &o)
                let k = Self.index(d, bits: expBits, width: normType.width)
                expRes[i] = expInAccum[k]
                if expOverflow[k] { o = true }
            }
        case .latency:
            for i in 0..<n {
                let k = Self.index(x[i], bits: expBits, width: normType.width)
                expRes[i] = expInAccum[k]
                if expOverflow[k] { o = true }
            }
        }
        let sum = sumTree(expRes, n, overflowed: &o)
        let expSum = accumToInvInput.convert(sum, overflowed: &o)
        let inv = invTable[Self.index(expSum, bits: invBits, width: invInputType.width)]
        var overflowedOutputs = 0
        for i in 0..<n {
            var oi = false
            y[i] = productToResult.convert(expRes[i] &* inv, overflowed: &oi)
            if oi || o { overflowedOutputs += 1 }
        }
        return overflowedOutputs
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
