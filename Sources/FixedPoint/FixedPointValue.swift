// A value of a fixed-point format, with ap_fixed's full-precision arithmetic.

/// A fixed-point number: a raw integer and its `FixedPointType`; the value is
/// `raw · 2^-format.fractionalBits`.
///
/// Arithmetic is exact, as in `ap_fixed`: `a * b`, `a + b`, `a - b` and `-a` return a
/// value of the full-precision result type (`FixedPointType.product`, `.sum`,
/// `.difference`, `.negation`; their modes are the defaults AP_TRN/AP_WRAP). Rounding
/// and overflow happen only in `cast(to:)` (or `FixedPointType.quantize`), i.e. where
/// C++ would assign to a variable of a declared type.
///
/// Equality (`==`) compares the format as well as the raw value; use
/// `isNumericallyEqual(to:)` to compare values of different formats.
@frozen
public struct FixedPointValue: Hashable, Sendable {
    /// Raw value, sign-extended to 128 bits.
    @usableFromInline var storage: WideInt
    /// The format of this value.
    public let format: FixedPointType

    @inlinable @inline(__always)
    init(storage: WideInt, format: FixedPointType) {
        self.storage = storage
        self.format = format
    }

    /// The value with the given raw integer; traps unless `raw` is within the
    /// format's raw range (`-2^(W-1) ... 2^(W-1)-1` or `0 ... 2^W-1`).
    @inlinable
    public init(raw: Int64, format: FixedPointType) {
        let s = WideInt(raw)
        precondition(
            !(s < format.minimumRaw) && !(format.maximumRaw < s),
            "FixedPoint: raw value \(raw) is outside the range of \(format)")
        self.init(storage: s, format: format)
    }

    /// The value with the given 128-bit two's-complement raw integer; traps unless
    /// it is within the format's raw range.
    public init(rawHigh: Int64, rawLow: UInt64, format: FixedPointType) {
        let s = WideInt(high: rawHigh, low: rawLow)
        precondition(
            !(s < format.minimumRaw) && !(format.maximumRaw < s),
            "FixedPoint: raw value is outside the range of \(format)")
        self.init(storage: s, format: format)
    }

    /// The value whose `W`-bit word is the low `W` bits of `bitPattern`
    /// (as `x.V = bits` in C++); requires `format.width <= 64`.
    @inlinable
    public init(bitPattern: UInt64, format: FixedPointType) {
        precondition(format.width <= 64, "FixedPoint: init(bitPattern:format:) needs a width of at most 64")
        let s = WideInt(high: 0, low: bitPattern).truncated(toWidth: format.width, signed: format.isSigned)
        self.init(storage: s, format: format)
    }

    /// The raw integer (value · 2^F); traps if it does not fit an `Int64`, which can
    /// only happen for formats wider than 63 bits (see `rawWords`).
    @inlinable
    public var raw: Int64 {
        precondition(storage.fitsInt64, "FixedPoint: raw value of \(format) does not fit an Int64; use rawWords")
        return storage.truncatedInt64
    }

    /// The raw integer as a 128-bit two's-complement pair.
    @inlinable
    public var rawWords: (high: Int64, low: UInt64) { (storage.high, storage.low) }

    /// The low `W` bits of the raw integer (the `ap_fixed` word `V`); requires `W <= 64`.
    @inlinable
    public var bitPattern: UInt64 {
        precondition(format.width <= 64, "FixedPoint: bitPattern needs a width of at most 64")
        return format.width == 64 ? storage.low : storage.low & ((1 &<< UInt64(format.width)) &- 1)
    }

    @inlinable public var isZero: Bool { storage.isZero }
    @inlinable public var isNegative: Bool { storage.isNegative }

    /// Whether both values denote the same number, whatever their formats.
    public func isNumericallyEqual(to other: FixedPointValue) -> Bool {
        let f = Swift.max(format.fractionalBits, other.format.fractionalBits)
        // Both differences of fractional bits are at most 2·16384 + 255; values that
        // would be shifted out of 128 bits cannot be equal unless both are zero.
        func aligned(_ v: FixedPointValue) -> WideInt? {
            let s = f - v.format.fractionalBits
            if v.storage.isZero { return .zero }
            if s >= 128 || v.storage.magnitudeBitWidth + s > 127 { return nil }
            return v.storage.shiftedLeft(by: s)
        }
        let a = aligned(self)
        let b = aligned(other)
        if a == nil && b == nil {
            // Both are too large to align in 128 bits; compare via the exact decimal text.
            return description == other.description
        }
        return a == b
    }

    // MARK: Conversion

    /// This value converted to `target`, applying its quantization and overflow modes
    /// exactly as the assignment `target_t y = x;` does.
    @inlinable
    public func cast(to target: FixedPointType) -> FixedPointValue {
        if format.rawFitsInt64 && target.supportsFastConversion {
            return FixedPointValue(
                storage: WideInt(
                    target._convert64(
                        raw: storage.truncatedInt64,
                        sourceFractionalBits: format.fractionalBits)),
                format: target)
        }
        return target._convertGeneral(
            raw: storage, sourceFractionalBits: format.fractionalBits,
            sourceWidth: format.width)
    }

    /// The value as a `Double`: exact whenever the raw integer has at most 53
    /// significant bits (every format of at most 53 bits), otherwise rounded to
    /// nearest, ties to even, like `ap_fixed::to_double()`. Values beyond the `Double`
    /// range give ±infinity; magnitudes below 2^-1022 may be rounded twice.
    @inlinable
    public var doubleValue: Double {
        if storage.fitsInt64 {
            let f = format.fractionalBits
            if f >= -1023 && f <= 1022 {
                return Double(storage.truncatedInt64) * Double(bitPattern: UInt64(1023 - f) &<< 52)
            }
        }
        return _doubleValueGeneral()
    }

    @usableFromInline
    func _doubleValueGeneral() -> Double {
        if storage.isZero { return 0 }
        let (h, l) = storage.magnitude
        var top: UInt64
        var shift = 0
        if h != 0 {
            // Keep the 64 leading bits and fold the rest into a sticky bit; the 64-bit
            // integer then rounds to 53 bits exactly as the full value would.
            shift = 64 - h.leadingZeroBitCount
            let sticky: Bool
            if shift == 64 {
                top = h
                sticky = l != 0
            } else {
                top = (h &<< UInt64(64 - shift)) | (l &>> UInt64(shift))
                sticky = l & ((1 &<< UInt64(shift)) &- 1) != 0
            }
            if sticky { top |= 1 }
        } else {
            top = l
        }
        let magnitude = Double(sign: .plus, exponent: shift - format.fractionalBits, significand: Double(top))
        return storage.isNegative ? -magnitude : magnitude
    }

    // MARK: Full-precision arithmetic

    /// The exact product, of type `FixedPointType.product(lhs.format, rhs.format)`.
    @inlinable
    public static func * (lhs: FixedPointValue, rhs: FixedPointValue) -> FixedPointValue {
        let t = FixedPointType.product(lhs.format, rhs.format)
        if t.rawFitsInt64 {
            return FixedPointValue(
                storage: WideInt(lhs.storage.truncatedInt64 &* rhs.storage.truncatedInt64), format: t)
        }
        return FixedPointValue(storage: lhs.storage &* rhs.storage, format: t)
    }

    /// The exact sum, of type `FixedPointType.sum(lhs.format, rhs.format)`.
    @inlinable
    public static func + (lhs: FixedPointValue, rhs: FixedPointValue) -> FixedPointValue {
        let t = FixedPointType.sum(lhs.format, rhs.format)
        let f = t.fractionalBits
        if t.rawFitsInt64 {
            let a = lhs.storage.truncatedInt64 &<< Int64(f - lhs.format.fractionalBits)
            let b = rhs.storage.truncatedInt64 &<< Int64(f - rhs.format.fractionalBits)
            return FixedPointValue(storage: WideInt(a &+ b), format: t)
        }
        let a = lhs.storage.shiftedLeft(by: f - lhs.format.fractionalBits)
        let b = rhs.storage.shiftedLeft(by: f - rhs.format.fractionalBits)
        return FixedPointValue(storage: a &+ b, format: t)
    }

    /// The exact difference, of type `FixedPointType.difference(lhs.format, rhs.format)`.
    @inlinable
    public static func - (lhs: FixedPointValue, rhs: FixedPointValue) -> FixedPointValue {
        let t = FixedPointType.difference(lhs.format, rhs.format)
        let f = t.fractionalBits
        if t.rawFitsInt64 {
            let a = lhs.storage.truncatedInt64 &<< Int64(f - lhs.format.fractionalBits)
            let b = rhs.storage.truncatedInt64 &<< Int64(f - rhs.format.fractionalBits)
            return FixedPointValue(storage: WideInt(a &- b), format: t)
        }
        let a = lhs.storage.shiftedLeft(by: f - lhs.format.fractionalBits)
        let b = rhs.storage.shiftedLeft(by: f - rhs.format.fractionalBits)
        return FixedPointValue(storage: a &- b, format: t)
    }

    /// The exact negation, of type `FixedPointType.negation(operand.format)`.
    @inlinable
    public static prefix func - (operand: FixedPointValue) -> FixedPointValue {
        FixedPointValue(storage: -operand.storage, format: FixedPointType.negation(operand.format))
    }
}

extension FixedPointValue: CustomStringConvertible, CustomDebugStringConvertible {
    /// The exact value in decimal, e.g. `"-1.375"`, `"0"`, `"1024"`.
    ///
    /// Every fixed-point value is a dyadic rational, so its decimal expansion is finite
    /// and printed in full (no exponent, no rounding). `Double(description)` therefore
    /// gives exactly `doubleValue`: the value itself when it has at most 53 significant
    /// bits (all formats of at most 53 bits), otherwise the same correctly rounded
    /// (ties-to-even) `Double`.
    public var description: String {
        exactDecimalString(storage, fractionalBits: format.fractionalBits)
    }

    /// The format, the exact value and the raw integer, e.g. `ap_fixed<8,3>(1.25, raw 40)`.
    public var debugDescription: String {
        "\(format)(\(description), raw \(rawDescription))"
    }

    /// The raw integer in decimal, for any width.
    public var rawDescription: String {
        exactDecimalString(storage, fractionalBits: 0)
    }
}
