// The ReLU stage (`nnet::relu`): `res = x > 0 ? result_t(x) : 0`.
//
// Here: the stage's constants and its per-operation path; the fast path, which skips casts
// that cannot change a value, is in FastPath.swift.

import FixedPoint

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
        positiveIdentity =
            sameScale && resultMaxBits >= dataMaxBits && resultType.saturationBits == 0
            && resultType.overflow != .wrapSignMagnitude
    }

    /// `x = relu(x)` in place, every positive value cast to result_t; returns the number of
    /// outputs whose cast overflowed.
    func forwardPerOperation(_ x: UnsafeMutablePointer<Int64>, count: Int) -> Int {
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
