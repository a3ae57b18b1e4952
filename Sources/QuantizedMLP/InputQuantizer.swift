// The input stage (`fc1_input`): `input_t(float)`, as nnet::convert_data in the predict()
// bridge: the float is widened to double exactly, then quantized.

import FixedPoint

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
        guard v.isFinite, abs(v) < 0x1p52, type.fractionalBits > -900, type.fractionalBits < 900, v.isNormal || v == 0
        else {
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
