// Conversion of an exact value `raw · 2^-F2` into a format: quantization, then overflow.
//
// This is `ap_fixed_base::operator=(const ap_fixed_base&)` and `ap_fixed_base(double)`
// expressed on exact integers: the value is first rounded to a multiple of the target's
// ulp according to the quantization mode (integer shift plus a 0/1 increment decided
// from the first discarded bit and a sticky bit), then, if the rounded integer lies
// outside the target range, the overflow mode decides the result. For AP_WRAP with
// N > 0 and AP_WRAP_SM the reference headers define the result by bit manipulation of
// the wrapped W-bit word; those rules are reproduced literally.
//
// There are two implementations of the same rules: `_convert64`, an allocation-free
// Int64 path used whenever source and target raw values fit an Int64 and the overflow
// mode is AP_WRAP (N = 0), AP_SAT, AP_SAT_ZERO or AP_SAT_SYM, and `_convertGeneral`
// on 128-bit integers for everything else. Tests cross-check the two. The two decisions
// shared with other Int64 fast paths (QuantizedMLP's RawConverter) are
// `QuantizationMode.roundsUp` and `OverflowMode.resolve`.

extension QuantizationMode {
    /// Whether the rounding step adds one ulp to the floor of the exact value.
    ///
    /// - Parameters:
    ///   - half: the first discarded bit (the value of the discarded part is ≥ 1/2 ulp).
    ///   - sticky: any lower discarded bit is set (the discarded part is not exactly 0 or 1/2).
    ///   - negative: the exact value is negative.
    ///   - odd: the floor is an odd multiple of the ulp.
    @inlinable @inline(__always)
    public func roundsUp(half: Bool, sticky: Bool, negative: Bool, odd: Bool) -> Bool {
        switch self {
        case .truncate: return false
        case .truncateTowardZero: return negative && (half || sticky)
        case .roundHalfUp: return half
        case .roundHalfTowardZero: return half && (negative || sticky)
        case .roundHalfDown: return half && sticky
        case .roundHalfAwayFromZero: return half && (!negative || sticky)
        case .roundHalfToEven: return half && (odd || sticky)
        }
    }
}

extension OverflowMode {
    /// The raw result for a rounded raw value `q` of a format with `width` bits whose range
    /// is `minimum...maximum`; `isOver`/`isUnder` say whether the exact rounded value lies
    /// above or below that range (`q` itself may have been wrapped when it did not fit an
    /// Int64). Covers AP_WRAP with N = 0, AP_SAT, AP_SAT_ZERO and AP_SAT_SYM (AP_SAT_SYM
    /// also replaces a signed format's most negative value, overflow or not); the other
    /// rules need the general conversion.
    @inlinable @inline(__always)
    public func resolve(
        _ q: Int64, isOver: Bool, isUnder: Bool, isSigned: Bool, width: Int64,
        minimum: Int64, maximum: Int64
    ) -> Int64 {
        if !isOver && !isUnder {
            if self == .saturateSymmetric && isSigned && q == minimum && width > 1 { return minimum &+ 1 }
            return q
        }
        switch self {
        case .wrap:
            if isSigned {
                let s = 64 &- width
                return (q &<< s) &>> s
            }
            return q & maximum
        case .saturate:
            return isOver ? maximum : minimum
        case .saturateToZero:
            return 0
        case .saturateSymmetric:
            if isOver { return maximum }
            return isSigned && width > 1 ? minimum &+ 1 : minimum
        case .wrapSignMagnitude:
            preconditionFailure("unreachable: AP_WRAP_SM uses the general conversion")
        }
    }
}

extension FixedPointType {
    /// Whether the rounding step adds one ulp to the floor of the exact value
    /// (`QuantizationMode.roundsUp` of this format's mode).
    @inlinable @inline(__always)
    func roundsUp(half: Bool, sticky: Bool, negative: Bool, odd: Bool) -> Bool {
        quantization.roundsUp(half: half, sticky: sticky, negative: negative, odd: odd)
    }

    /// Whether `_convert64` implements conversions into this format.
    @inlinable
    var supportsFastConversion: Bool {
        rawFitsInt64 && overflow != .wrapSignMagnitude && (overflow != .wrap || _saturationBits == 0)
    }

    /// The raw value of `raw · 2^-sourceFractionalBits` converted to this format.
    /// Requires `supportsFastConversion`.
    @inlinable
    func _convert64(raw: Int64, sourceFractionalBits: Int) -> Int64 {
        let d = sourceFractionalBits - fractionalBits
        var q: Int64
        var beyondInt64 = false  // the exact shifted value does not fit an Int64
        if d > 0 {
            if d < 64 {
                q = raw &>> Int64(d)
                if quantization != .truncate {
                    let half = (raw &>> Int64(d - 1)) & 1 != 0
                    let sticky = raw & ((1 &<< Int64(d - 1)) &- 1) != 0
                    if roundsUp(half: half, sticky: sticky, negative: raw < 0, odd: q & 1 != 0) { q &+= 1 }
                }
            } else {
                q = raw &>> 63
                if quantization != .truncate {
                    let sticky = d == 64 ? (raw & Int64.max) != 0 : raw != 0
                    if roundsUp(half: raw < 0, sticky: sticky, negative: raw < 0, odd: q & 1 != 0) { q &+= 1 }
                }
            }
        } else if d < 0 {
            let s = -d
            if s < 64 {
                q = raw &<< Int64(s)
                beyondInt64 = (q &>> Int64(s)) != raw
            } else {
                q = 0
                beyondInt64 = raw != 0
            }
        } else {
            q = raw
        }

        let w = Int64(_width)
        let minimum: Int64 = isSigned ? (-1 &<< (w &- 1)) : 0
        let maximum: Int64 = isSigned ? ~minimum : ((1 &<< w) &- 1)
        let isOver: Bool
        let isUnder: Bool
        if beyondInt64 {
            isOver = raw > 0
            isUnder = raw < 0
        } else {
            isOver = q > maximum
            isUnder = q < minimum
        }
        return overflow.resolve(
            q, isOver: isOver, isUnder: isUnder, isSigned: isSigned, width: w,
            minimum: minimum, maximum: maximum)
    }

    /// The general conversion on 128-bit integers, covering every mode.
    ///
    /// - Parameters:
    ///   - raw: the source raw value (any 128-bit integer).
    ///   - sourceFractionalBits: the source's `F2`.
    ///   - sourceWidth: the source's `W2` (only AP_WRAP_SM looks at it: the headers read
    ///     the source bit just above the target window only when it lies below `W2`).
    @usableFromInline
    func _convertGeneral(raw: WideInt, sourceFractionalBits: Int, sourceWidth: Int) -> FixedPointValue {
        if raw.isZero { return zero }
        let negative = raw.isNegative
        let d = sourceFractionalBits - fractionalBits
        var q: WideInt
        var beyond128 = false  // the exact shifted value does not fit 128 bits
        if d > 0 {
            q = raw.shiftedRight(by: d)
            if quantization != .truncate {
                let half = raw.bit(d - 1)
                let sticky = raw.hasNonzeroBits(below: d - 1)
                if roundsUp(half: half, sticky: sticky, negative: negative, odd: q.low & 1 != 0) {
                    q = q &+ .one
                }
            }
        } else if d < 0 {
            let s = -d
            if s < 128 {
                q = raw.shiftedLeft(by: s)
                beyond128 = q.shiftedRight(by: s) != raw
            } else {
                q = .zero
                beyond128 = true
            }
        } else {
            q = raw
        }

        let minimum = minimumRaw
        let maximum = maximumRaw
        let isOver: Bool
        let isUnder: Bool
        if beyond128 {
            isOver = !negative
            isUnder = negative
        } else {
            isOver = maximum < q
            isUnder = q < minimum
        }
        let w = width
        if !isOver && !isUnder {
            if overflow == .saturateSymmetric && isSigned && q == minimum && w > 1 {
                return FixedPointValue(storage: minimum &+ .one, format: self)
            }
            return FixedPointValue(storage: q, format: self)
        }

        let result: WideInt
        switch overflow {
        case .saturate:
            result = isOver ? maximum : minimum
        case .saturateToZero:
            result = .zero
        case .saturateSymmetric:
            result = isOver ? maximum : (isSigned && w > 1 ? minimum &+ .one : minimum)
        case .wrap, .wrapSignMagnitude:
            // The rounded value is negative exactly when the header's `neg_src` is set.
            let sign = isUnder
            var word = q.truncated(toWidth: w, signed: false)
            let n = saturationBits
            let top = WideInt.one.shiftedLeft(by: w - 1)
            func setBits(_ from: Int, _ through: Int, _ on: Bool) {
                guard from <= through else { return }
                let m = WideInt.mask(from: from, through: through)
                word = on ? (word | m) : (word & ~m)
            }
            if overflow == .wrap {
                if n > 0 {
                    if isSigned {
                        setBits(w - 1, w - 1, sign)
                        if n > 1 { setBits(w - n, w - 2, !sign) }
                    } else {
                        setBits(w - n, w - 1, true)
                    }
                }
            } else {
                // AP_WRAP_SM (signed formats only).
                let allOnes = WideInt.mask(from: 0, through: w - 1)
                let ro = !(word & top).isZero
                if n == 0 {
                    let pos1 = d + w
                    let ld = pos1 >= 0 && pos1 < sourceWidth ? raw.bit(pos1) : false
                    if ld != ro {
                        word = ~word & allOnes
                        setBits(w - 1, w - 1, ld)
                    }
                } else {
                    if n == 1 && sign != ro {
                        word = ~word & allOnes
                    } else if n > 1 {
                        let lNo = word.bit(w - n)
                        if lNo == sign { word = ~word & allOnes }
                        setBits(w - n, w - 2, !sign)
                    }
                    setBits(w - 1, w - 1, sign)
                }
            }
            result = word.truncated(toWidth: w, signed: isSigned)
        }
        return FixedPointValue(storage: result, format: self)
    }

    /// Converts `raw · 2^-sourceFractionalBits` (a `sourceWidth`-bit raw value) to this format.
    @inlinable
    func convert(raw: Int64, sourceFractionalBits: Int, sourceWidth: Int) -> FixedPointValue {
        if supportsFastConversion {
            return FixedPointValue(
                storage: WideInt(_convert64(raw: raw, sourceFractionalBits: sourceFractionalBits)),
                format: self)
        }
        return _convertGeneral(raw: WideInt(raw), sourceFractionalBits: sourceFractionalBits, sourceWidth: sourceWidth)
    }

    /// The value of this format nearest to `value` under the format's quantization and
    /// overflow modes, exactly as `ap_fixed<...> x = value;` computes it.
    ///
    /// The conversion works on the IEEE bits of `value` (its integer significand and
    /// binary exponent) with integer arithmetic only. Like the reference headers, a
    /// NaN or infinity is read as its significand (1.fraction) times 2^1024, which
    /// overflows every format (the headers only print a warning for NaN). Subnormal
    /// inputs are converted exactly; the headers misread them (as 1.fraction · 2^-1023),
    /// which differs only for formats with more than about 1020 fractional bits.
    @inlinable
    public func quantize(_ value: Double) -> FixedPointValue {
        let bits = value.bitPattern
        let exponentField = Int((bits &>> 52) & 0x7FF)
        var significand = Int64(bitPattern: bits & 0x000F_FFFF_FFFF_FFFF)
        let exponent: Int
        if exponentField == 0 {
            if significand == 0 { return zero }
            exponent = -1074
        } else {
            significand |= 1 &<< 52
            exponent = exponentField &- 1075
        }
        if bits &>> 63 != 0 { significand = -significand }
        return convert(raw: significand, sourceFractionalBits: -exponent, sourceWidth: 54)
    }

    /// `value` converted to this format (the same as `value.cast(to: self)`).
    @inlinable
    public func quantize(_ value: FixedPointValue) -> FixedPointValue {
        value.cast(to: self)
    }
}
