// How hls4ml puts float weights into the C simulation.
//
// hls4ml 1.3.0 writes every weight and bias tensor as decimal text (firmware/weights/*.h and
// .txt, `VivadoWriter.print_array_to_cpp`), each value formatted by `WeightVariable` with
// Python's `'{:.Nf}'.format(value)` where N = max(0, fractional bits of the weight type)
// (`{:.0f}` for integer types). The C simulation that `hls_model.compile()` builds
// (build_lib.sh defines WEIGHTS_DIR, and WriteWeightsTxt is on by default) loads the .txt files
// with `nnet::load_weights_from_txt`, i.e. `std::istringstream(token) >> w[i]`, whose ap_fixed
// overload reads a double (correctly rounded, as strtod) and assigns it: `weight_t w = double;`
// quantizes it with the weight type's rounding and overflow modes. (Synthesis, or a build
// without WEIGHTS_DIR, compiles the same text as C++ literals: the same doubles.)
//
// So the weight is quantized twice: first to N decimal digits (round half to even on the
// exact binary value, as Python's float formatting — glibc's printf does the same), then to
// the type. Usually the result equals quantizing the float directly, but not always: with
// AP_TRN, a float just below a multiple of the ulp 2^-N whose distance is below 0.5·10^-N is
// printed as that multiple and becomes it, where direct truncation would give the multiple
// below. `hls4mlWeight` reproduces the text path exactly.

import FixedPoint

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

public enum HLSWeightText {
    /// The decimal text hls4ml writes for `value` stored in a weight of type `type`.
    public static func text(_ value: Float, type: FixedPointType) -> String {
        let digits = max(0, type.fractionalBits)
        return format(Double(value), digits: digits)
    }

    /// `printf("%.*f", digits, value)`: exact decimal expansion rounded half-to-even.
    public static func format(_ value: Double, digits: Int) -> String {
        var buffer = [CChar](repeating: 0, count: 512 + digits)
        let n = withVaList([Int32(digits), value]) { args in
            vsnprintf(&buffer, buffer.count, "%.*f", args)
        }
        precondition(n >= 0 && Int(n) < buffer.count, "HLSWeightText: formatting failed")
        return String(decoding: buffer.prefix(Int(n)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The weight as the C simulation holds it: the text read back as a double, then quantized.
    public static func quantize(_ value: Float, type: FixedPointType) -> FixedPointValue {
        let t = text(value, type: type)
        guard let d = Double(t) else { preconditionFailure("HLSWeightText: unreadable text '\(t)'") }
        return type.quantize(d)
    }
}
