// FixedPoint: a bit-exact emulation of Xilinx `ap_fixed` / `ap_ufixed` arithmetic, the
// number format of hls4ml's generated HLS code. The reference for every rule is the
// `ap_types` headers shipped with hls4ml 1.3.0; Tests/FixedPointTests checks this module
// against an exact-rational oracle and against golden vectors computed with those
// headers (Tools/apfixed-reference).
//
// Overview
//
//     let data = try FixedPointType.parse("ap_fixed<16,6,AP_RND,AP_SAT>")
//     let weight = try FixedPointType.parse("fixed<16,6>")          // hls4ml spelling
//     let accum = FixedPointType(width: 32, integerBits: 12)        // ap_fixed<32,12>
//
//     let x = data.quantize(1.37)        // rounding/overflow of `data_t x = 1.37;`
//     let w = weight.quantize(-0.25)
//     let p = x * w                      // exact: ap_fixed<32,12>, like ap_fixed's operator*
//     var acc = accum.zero
//     acc = (acc + p.cast(to: accum)).cast(to: accum)   // `acc += (accum_t)(x * w);`
//     print(acc, acc.doubleValue)        // exact decimal text, exact Double
//
// - `FixedPointType`: width W, integer bits I (may be negative or exceed W), signedness,
//   quantization mode (all seven `ap_q_mode`s), overflow mode (AP_WRAP, AP_SAT,
//   AP_SAT_ZERO, AP_SAT_SYM and AP_WRAP_SM) and saturation bits N (any 0...W, used by
//   AP_WRAP and AP_WRAP_SM as the headers do). Formats up to 128 bits (127 unsigned).
// - `FixedPointValue`: a raw integer plus its format. `*`, `+`, `-` and prefix `-` are
//   exact and return ap_fixed's full-precision result types; only `cast(to:)` and
//   `FixedPointType.quantize(_:)` round and handle overflow.
//
// Values keep their raw integer in 128-bit two's complement; whenever source and
// target fit 64 bits (every format of at most 63 bits, and signed 64-bit ones) the
// arithmetic and the common conversions run on `Int64` in @inlinable, allocation-free
// code. Everything else, including AP_WRAP with N > 0 and AP_WRAP_SM, goes through a
// general 128-bit routine with the same rules.
