import FixedPoint

/// `target_t y = x;` on raw integers: converts `raw · 2^-sourceFractionalBits` into `target`,
/// applying its quantization and overflow modes, without building `FixedPointValue`s.
///
/// It implements the same rules as `FixedPointValue.cast(to:)` (which Tests/QuantizedMLPTests
/// cross-check exhaustively on small formats and randomly on the network's formats) for
/// targets of at most 62 bits with AP_WRAP (N = 0), AP_SAT, AP_SAT_ZERO or AP_SAT_SYM, and
/// sources whose raw values fit an Int64. Anything else falls back to `cast(to:)`.
@usableFromInline
struct RawConverter: Sendable {
    @usableFromInline let shift: Int  // sourceFractionalBits - target.fractionalBits
    @usableFromInline let quantization: QuantizationMode
    @usableFromInline let overflow: OverflowMode
    @usableFromInline let isSigned: Bool
    @usableFromInline let width: Int
    @usableFromInline let minimum: Int64
    @usableFromInline let maximum: Int64
    @usableFromInline let target: FixedPointType
    @usableFromInline let source: FixedPointType
    @usableFromInline let fast: Bool

    /// - Parameters:
    ///   - source: the format of the raw values that will be converted (only its fractional
    ///     bits matter on the fast path; the fallback uses the whole format).
    init(from source: FixedPointType, to target: FixedPointType) {
        self.source = source
        self.target = target
        shift = source.fractionalBits - target.fractionalBits
        quantization = target.quantization
        overflow = target.overflow
        isSigned = target.isSigned
        width = target.width
        let w = Int64(target.width)
        if target.width <= 62 {
            minimum = target.isSigned ? (-1 &<< (w &- 1)) : 0
            maximum = target.isSigned ? ~minimum : ((1 &<< w) &- 1)
        } else {
            minimum = 0
            maximum = 0
        }
        let sourceFits = source.width <= 63
        fast =
            sourceFits && target.width <= 62 && shift > -62 && shift < 63
            && (target.overflow == .saturate || target.overflow == .saturateToZero
                || target.overflow == .saturateSymmetric || (target.overflow == .wrap && target.saturationBits == 0))
    }

    @inlinable @inline(__always)
    func roundsUp(half: Bool, sticky: Bool, negative: Bool, odd: Bool) -> Bool {
        quantization.roundsUp(half: half, sticky: sticky, negative: negative, odd: odd)
    }

    /// The converted raw value; `overflowed` tells whether the overflow mode had to act.
    @inlinable @inline(__always)
    func convert(_ raw: Int64, overflowed: inout Bool) -> Int64 {
        guard fast else { return slowConvert(raw, overflowed: &overflowed) }
        return fastConvert(raw, overflowed: &overflowed)
    }

    @inline(never) @usableFromInline
    func slowConvert(_ raw: Int64, overflowed: inout Bool) -> Int64 {
        do {
            let v = FixedPointValue(raw: raw, format: source)
            let r = v.cast(to: target)
            let exactlyRepresentable = FixedPointType(width: 64, integerBits: 64 - target.fractionalBits)
            // Overflow happened when the value rounded to the target's ulp (without range limits) differs.
            let unbounded = v.cast(to: exactlyRepresentable.with(quantization: target.quantization))
            if !unbounded.isNumericallyEqual(to: r) { overflowed = true }
            return r.raw
        }
    }

    @inlinable @inline(__always)
    func fastConvert(_ raw: Int64, overflowed: inout Bool) -> Int64 {
        var q: Int64
        var beyond = false
        if shift > 0 {
            q = raw &>> Int64(shift)
            if quantization != .truncate {
                let half = (raw &>> Int64(shift - 1)) & 1 != 0
                let sticky = raw & ((1 &<< Int64(shift - 1)) &- 1) != 0
                if roundsUp(half: half, sticky: sticky, negative: raw < 0, odd: q & 1 != 0) { q &+= 1 }
            }
        } else if shift < 0 {
            q = raw &<< Int64(-shift)
            beyond = (q &>> Int64(-shift)) != raw
        } else {
            q = raw
        }
        let isOver = beyond ? raw > 0 : q > maximum
        let isUnder = beyond ? raw < 0 : q < minimum
        if isOver || isUnder { overflowed = true }
        return overflow.resolve(
            q, isOver: isOver, isUnder: isUnder, isSigned: isSigned, width: Int64(width),
            minimum: minimum, maximum: maximum)
    }

    @inlinable @inline(__always)
    func convert(_ raw: Int64) -> Int64 {
        var ignored = false
        return convert(raw, overflowed: &ignored)
    }
}
