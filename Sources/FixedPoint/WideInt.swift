// A 128-bit two's-complement integer: the raw storage of every `FixedPointValue`.
//
// The standard library's `Int128` would do, but it is only available from macOS 15
// and the package still declares macOS 13, so this module carries its own minimal
// two-word integer. Only the operations the fixed-point core needs are provided;
// every arithmetic operation wraps modulo 2^128 (callers guarantee that the exact
// result fits, see `FixedPointType.maximumWidth`).

@frozen
@usableFromInline
struct WideInt: Hashable, Sendable {
    /// Bits 64...127, as a signed word (its sign is the sign of the whole value).
    @usableFromInline var high: Int64
    /// Bits 0...63.
    @usableFromInline var low: UInt64

    @inlinable @inline(__always)
    init(high: Int64, low: UInt64) {
        self.high = high
        self.low = low
    }

    @inlinable @inline(__always)
    init(_ value: Int64) {
        high = value >> 63
        low = UInt64(bitPattern: value)
    }

    @inlinable static var zero: WideInt { WideInt(high: 0, low: 0) }
    @inlinable static var one: WideInt { WideInt(high: 0, low: 1) }

    @inlinable var isNegative: Bool { high < 0 }
    @inlinable var isZero: Bool { high == 0 && low == 0 }

    /// Whether the value is representable as an `Int64`.
    @inlinable var fitsInt64: Bool { high == Int64(bitPattern: low) >> 63 }

    /// The low 64 bits reinterpreted as `Int64`: the value itself when `fitsInt64`.
    @inlinable var truncatedInt64: Int64 { Int64(bitPattern: low) }

    // MARK: Wrapping arithmetic

    @inlinable @inline(__always)
    static func &+ (a: WideInt, b: WideInt) -> WideInt {
        let (l, carry) = a.low.addingReportingOverflow(b.low)
        return WideInt(high: a.high &+ b.high &+ (carry ? 1 : 0), low: l)
    }

    @inlinable @inline(__always)
    static func &- (a: WideInt, b: WideInt) -> WideInt {
        let (l, borrow) = a.low.subtractingReportingOverflow(b.low)
        return WideInt(high: a.high &- b.high &- (borrow ? 1 : 0), low: l)
    }

    @inlinable @inline(__always)
    static prefix func - (a: WideInt) -> WideInt {
        WideInt.zero &- a
    }

    @inlinable @inline(__always)
    static prefix func ~ (a: WideInt) -> WideInt {
        WideInt(high: ~a.high, low: ~a.low)
    }

    @inlinable @inline(__always)
    static func & (a: WideInt, b: WideInt) -> WideInt {
        WideInt(high: a.high & b.high, low: a.low & b.low)
    }

    @inlinable @inline(__always)
    static func | (a: WideInt, b: WideInt) -> WideInt {
        WideInt(high: a.high | b.high, low: a.low | b.low)
    }

    /// The product modulo 2^128.
    @inlinable @inline(__always)
    static func &* (a: WideInt, b: WideInt) -> WideInt {
        let (ph, pl) = a.low.multipliedFullWidth(by: b.low)
        let cross = UInt64(bitPattern: a.high) &* b.low &+ a.low &* UInt64(bitPattern: b.high)
        return WideInt(high: Int64(bitPattern: ph &+ cross), low: pl)
    }

    // MARK: Shifts and bits

    /// Arithmetic (flooring) right shift; `n >= 0`, any size.
    @inlinable
    func shiftedRight(by n: Int) -> WideInt {
        if n == 0 { return self }
        if n < 64 {
            return WideInt(
                high: high &>> Int64(n),
                low: (low &>> UInt64(n)) | (UInt64(bitPattern: high) &<< UInt64(64 - n)))
        }
        if n < 128 {
            return WideInt(high: high &>> 63, low: UInt64(bitPattern: high &>> Int64(n - 64)))
        }
        let fill = high &>> 63
        return WideInt(high: fill, low: UInt64(bitPattern: fill))
    }

    /// Left shift modulo 2^128; `n >= 0`, any size.
    @inlinable
    func shiftedLeft(by n: Int) -> WideInt {
        if n == 0 { return self }
        if n < 64 {
            return WideInt(
                high: (high &<< Int64(n)) | Int64(bitPattern: low &>> UInt64(64 - n)),
                low: low &<< UInt64(n))
        }
        if n < 128 {
            return WideInt(high: Int64(bitPattern: low &<< UInt64(n - 64)), low: 0)
        }
        return .zero
    }

    /// Bit `i` (`i >= 0`) of the infinitely sign-extended value.
    @inlinable
    func bit(_ i: Int) -> Bool {
        if i < 64 { return (low &>> UInt64(i)) & 1 != 0 }
        if i < 128 { return (high &>> Int64(i - 64)) & 1 != 0 }
        return high < 0
    }

    /// Whether any of bits `0 ..< n` of the infinitely sign-extended value is set.
    @inlinable
    func hasNonzeroBits(below n: Int) -> Bool {
        if n <= 0 { return false }
        if n < 64 { return low & ((1 &<< UInt64(n)) &- 1) != 0 }
        if low != 0 { return true }
        if n == 64 { return false }
        if n < 128 { return high & ((1 &<< Int64(n - 64)) &- 1) != 0 }
        return high != 0
    }

    /// A mask with bits `from ... through` set (`0 <= from <= through < 128`).
    @inlinable
    static func mask(from: Int, through: Int) -> WideInt {
        let ones = WideInt.one.shiftedLeft(by: through - from + 1) &- .one
        return ones.shiftedLeft(by: from)
    }

    /// Keeps the low `width` bits (1...128) and sign- or zero-extends them.
    @inlinable
    func truncated(toWidth width: Int, signed: Bool) -> WideInt {
        if width >= 128 { return self }
        if signed {
            let s = 128 - width
            return shiftedLeft(by: s).shiftedRight(by: s)
        }
        if width < 64 { return WideInt(high: 0, low: low & ((1 &<< UInt64(width)) &- 1)) }
        if width == 64 { return WideInt(high: 0, low: low) }
        return WideInt(high: high & ((1 &<< Int64(width - 64)) &- 1), low: low)
    }

    /// The absolute value as an unsigned 128-bit pair (exact, also for -2^127).
    @inlinable
    var magnitude: (high: UInt64, low: UInt64) {
        let m = isNegative ? -self : self
        return (UInt64(bitPattern: m.high), m.low)
    }

    /// Number of significant bits of the magnitude (0 for zero).
    @inlinable
    var magnitudeBitWidth: Int {
        let (h, l) = magnitude
        if h != 0 { return 128 - h.leadingZeroBitCount }
        return 64 - l.leadingZeroBitCount
    }
}

extension WideInt: Comparable {
    @inlinable @inline(__always)
    static func < (a: WideInt, b: WideInt) -> Bool {
        a.high < b.high || (a.high == b.high && a.low < b.low)
    }
}
