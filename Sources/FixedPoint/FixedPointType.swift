// Fixed-point formats equivalent to Xilinx `ap_fixed<W,I,Q,O,N>` / `ap_ufixed<W,I,Q,O,N>`
// (the `ap_types` headers shipped with hls4ml 1.3.0 are the reference for every rule here).

/// How the bits below a format's least significant bit are discarded
/// (the `Q` parameter of `ap_fixed`). Each case documents its `ap_q_mode` name.
public enum QuantizationMode: UInt8, CaseIterable, Hashable, Sendable {
    /// `AP_TRN` (the default): truncate toward minus infinity (floor).
    case truncate
    /// `AP_TRN_ZERO`: truncate toward zero.
    case truncateTowardZero
    /// `AP_RND`: round to nearest, ties toward plus infinity.
    case roundHalfUp
    /// `AP_RND_ZERO`: round to nearest, ties toward zero.
    case roundHalfTowardZero
    /// `AP_RND_MIN_INF`: round to nearest, ties toward minus infinity.
    case roundHalfDown
    /// `AP_RND_INF`: round to nearest, ties away from zero.
    case roundHalfAwayFromZero
    /// `AP_RND_CONV`: round to nearest, ties to even (convergent rounding).
    case roundHalfToEven

    /// The `ap_q_mode` spelling, e.g. `"AP_RND_CONV"`.
    public var apName: String {
        switch self {
        case .truncate: return "AP_TRN"
        case .truncateTowardZero: return "AP_TRN_ZERO"
        case .roundHalfUp: return "AP_RND"
        case .roundHalfTowardZero: return "AP_RND_ZERO"
        case .roundHalfDown: return "AP_RND_MIN_INF"
        case .roundHalfAwayFromZero: return "AP_RND_INF"
        case .roundHalfToEven: return "AP_RND_CONV"
        }
    }

    /// Looks a mode up by its `ap_q_mode` name, with or without the `AP_` prefix,
    /// in any letter case (`"AP_RND"`, `"RND"`, `"rnd_conv"`).
    public init?(apName: String) {
        let key = normalizedModeName(apName)
        guard let mode = Self.allCases.first(where: { normalizedModeName($0.apName) == key }) else {
            return nil
        }
        self = mode
    }
}

/// What happens to a value outside a format's range (the `O` parameter of `ap_fixed`).
public enum OverflowMode: UInt8, CaseIterable, Hashable, Sendable {
    /// `AP_WRAP` (the default): keep the low `W` bits (two's-complement wrap-around).
    /// With `saturationBits` N > 0 the N most significant bits are forced on overflow
    /// exactly as the reference headers do.
    case wrap
    /// `AP_SAT`: clamp to the largest or smallest representable value.
    case saturate
    /// `AP_SAT_ZERO`: any overflow gives zero.
    case saturateToZero
    /// `AP_SAT_SYM`: clamp symmetrically to ±max (signed formats never produce their
    /// most negative value, which is replaced by `-max` even without overflow).
    case saturateSymmetric
    /// `AP_WRAP_SM`: sign-magnitude wrap-around (signed formats only), with the
    /// reference headers' bit manipulation, including for N > 0.
    case wrapSignMagnitude

    /// The `ap_o_mode` spelling, e.g. `"AP_SAT_SYM"`.
    public var apName: String {
        switch self {
        case .wrap: return "AP_WRAP"
        case .saturate: return "AP_SAT"
        case .saturateToZero: return "AP_SAT_ZERO"
        case .saturateSymmetric: return "AP_SAT_SYM"
        case .wrapSignMagnitude: return "AP_WRAP_SM"
        }
    }

    /// Looks a mode up by its `ap_o_mode` name, with or without the `AP_` prefix,
    /// in any letter case (`"AP_SAT"`, `"SAT_SYM"`, `"wrap"`).
    public init?(apName: String) {
        let key = normalizedModeName(apName)
        guard let mode = Self.allCases.first(where: { normalizedModeName($0.apName) == key }) else {
            return nil
        }
        self = mode
    }
}

func normalizedModeName(_ name: String) -> String {
    var s = name.uppercased()
    if s.hasPrefix("AP_") { s.removeFirst(3) }
    return s
}

/// A fixed-point format: `ap_fixed<W,I,Q,O,N>` when signed, `ap_ufixed<W,I,Q,O,N>` when not.
///
/// A value of this format is `raw · 2^-F` where `raw` is a `W`-bit integer
/// (two's complement when signed) and `F = W - I` is the number of fractional bits.
/// `I` may be negative or larger than `W`, as in `ap_fixed`.
///
/// Limits of this implementation: `1 <= W <= 128` for signed formats and
/// `1 <= W <= 127` for unsigned ones (raw values are held in a 128-bit
/// two's-complement integer), and `|I| <= 16384`. A product fits when `W1 + W2 <= 128`
/// (127 when both operands are unsigned): any two formats of at most 63 bits, or two
/// signed 64-bit ones. A sum or difference fits when its result width
/// `max(I1, I2) + max(F1, F2) + 1` (one more for a signed/unsigned mix) is at most 128,
/// e.g. two operands of one format of up to 127 bits, or the `<33,13>` sum of two
/// `<16,6>` products. An operation whose `ap_fixed` result type would be wider traps
/// with a clear message.
public struct FixedPointType: Hashable, Sendable {
    @usableFromInline let _integerBits: Int32
    @usableFromInline let _width: UInt8
    @usableFromInline let _saturationBits: UInt8
    /// Whether the format is signed (`ap_fixed`) or unsigned (`ap_ufixed`).
    public let isSigned: Bool
    /// The quantization (rounding) mode applied when a value is converted to this format.
    public let quantization: QuantizationMode
    /// The overflow mode applied when a value is converted to this format.
    public let overflow: OverflowMode

    /// The largest width supported for a signed format.
    @inlinable public static var maximumSignedWidth: Int { 128 }
    /// The largest width supported for an unsigned format.
    @inlinable public static var maximumUnsignedWidth: Int { 127 }
    /// The supported range of `integerBits`.
    @inlinable public static var integerBitsRange: ClosedRange<Int> { -16384...16384 }

    /// Creates a format; traps on parameters outside the documented limits
    /// (use `FixedPointType.validate` or `parse(_:)` to check untrusted input).
    @inlinable
    public init(
        width: Int, integerBits: Int, isSigned: Bool = true,
        quantization: QuantizationMode = .truncate, overflow: OverflowMode = .wrap,
        saturationBits: Int = 0
    ) {
        if let problem = FixedPointType.validate(
            width: width, integerBits: integerBits, isSigned: isSigned,
            overflow: overflow, saturationBits: saturationBits)
        {
            preconditionFailure("FixedPoint: \(problem)")
        }
        _width = UInt8(width)
        _integerBits = Int32(integerBits)
        _saturationBits = UInt8(saturationBits)
        self.isSigned = isSigned
        self.quantization = quantization
        self.overflow = overflow
    }

    /// Creates a format whose parameters the caller has already checked.
    @inlinable
    init(uncheckedWidth width: Int, integerBits: Int, isSigned: Bool) {
        _width = UInt8(truncatingIfNeeded: width)
        _integerBits = Int32(truncatingIfNeeded: integerBits)
        _saturationBits = 0
        self.isSigned = isSigned
        self.quantization = .truncate
        self.overflow = .wrap
    }

    /// Why the given parameters do not form a supported format, or nil if they do.
    public static func validate(
        width: Int, integerBits: Int, isSigned: Bool,
        overflow: OverflowMode, saturationBits: Int
    ) -> String? {
        let maxWidth = isSigned ? maximumSignedWidth : maximumUnsignedWidth
        if width < 1 || width > maxWidth {
            return "width \(width) is outside 1...\(maxWidth) for \(isSigned ? "signed" : "unsigned") formats"
        }
        if !integerBitsRange.contains(integerBits) {
            return "integer bits \(integerBits) are outside \(integerBitsRange)"
        }
        if saturationBits < 0 || saturationBits > width {
            return "saturation bits \(saturationBits) are outside 0...\(width)"
        }
        if overflow == .wrapSignMagnitude && !isSigned {
            return "AP_WRAP_SM is not supported by unsigned formats (ap_ufixed rejects it too)"
        }
        return nil
    }

    /// Total number of bits, `W`.
    @inlinable public var width: Int { Int(_width) }
    /// Number of integer bits, `I` (including the sign bit when signed); may be negative or exceed `W`.
    @inlinable public var integerBits: Int { Int(_integerBits) }
    /// Number of fractional bits, `F = W - I`; may be negative.
    @inlinable public var fractionalBits: Int { Int(_width) - Int(_integerBits) }
    /// The `N` parameter: saturation bits used by `AP_WRAP` and `AP_WRAP_SM`.
    @inlinable public var saturationBits: Int { Int(_saturationBits) }

    /// The same width, integer bits and signedness with other modes.
    @inlinable
    public func with(
        quantization: QuantizationMode? = nil, overflow: OverflowMode? = nil,
        saturationBits: Int? = nil
    ) -> FixedPointType {
        FixedPointType(
            width: width, integerBits: integerBits, isSigned: isSigned,
            quantization: quantization ?? self.quantization,
            overflow: overflow ?? self.overflow,
            saturationBits: saturationBits ?? self.saturationBits)
    }

    // MARK: Range

    /// The smallest raw value (`-2^(W-1)` or 0).
    @inlinable var minimumRaw: WideInt {
        isSigned ? WideInt(-1).shiftedLeft(by: width - 1) : .zero
    }

    /// The largest raw value (`2^(W-1) - 1` or `2^W - 1`).
    @inlinable var maximumRaw: WideInt {
        WideInt.one.shiftedLeft(by: isSigned ? width - 1 : width) &- .one
    }

    /// The most negative representable value (zero for unsigned formats).
    public var leastValue: FixedPointValue { FixedPointValue(storage: minimumRaw, format: self) }
    /// The largest representable value.
    public var greatestValue: FixedPointValue { FixedPointValue(storage: maximumRaw, format: self) }
    /// The value zero in this format.
    @inlinable public var zero: FixedPointValue { FixedPointValue(storage: .zero, format: self) }

    /// Whether raw values of this format always fit an `Int64`.
    @inlinable var rawFitsInt64: Bool { _width < 64 || (_width == 64 && isSigned) }

    // MARK: Result types of full-precision arithmetic (ap_fixed_base::RType)

    /// The type of `a * b`: `ap_fixed<W1+W2, I1+I2>` (signed if either operand is).
    @inlinable
    public static func product(_ a: FixedPointType, _ b: FixedPointType) -> FixedPointType {
        let s = a.isSigned || b.isSigned
        return resultType(
            width: a.width + b.width, integerBits: a.integerBits + b.integerBits,
            isSigned: s, operation: "product")
    }

    /// The type of `a + b`: `I = max(I1 + (S2 && !S1), I2 + (S1 && !S2)) + 1`,
    /// `F = max(F1, F2)`, signed if either operand is.
    @inlinable
    public static func sum(_ a: FixedPointType, _ b: FixedPointType) -> FixedPointType {
        let i =
            Swift.max(
                a.integerBits + (b.isSigned && !a.isSigned ? 1 : 0),
                b.integerBits + (a.isSigned && !b.isSigned ? 1 : 0)) + 1
        let f = Swift.max(a.fractionalBits, b.fractionalBits)
        return resultType(width: i + f, integerBits: i, isSigned: a.isSigned || b.isSigned, operation: "sum")
    }

    /// The type of `a - b`: as for the sum, but always signed.
    @inlinable
    public static func difference(_ a: FixedPointType, _ b: FixedPointType) -> FixedPointType {
        let i =
            Swift.max(
                a.integerBits + (b.isSigned && !a.isSigned ? 1 : 0),
                b.integerBits + (a.isSigned && !b.isSigned ? 1 : 0)) + 1
        let f = Swift.max(a.fractionalBits, b.fractionalBits)
        return resultType(width: i + f, integerBits: i, isSigned: true, operation: "difference")
    }

    /// The type of `-a`: `ap_fixed<W+1, I+1>`.
    @inlinable
    public static func negation(_ a: FixedPointType) -> FixedPointType {
        resultType(width: a.width + 1, integerBits: a.integerBits + 1, isSigned: true, operation: "negation")
    }

    @inlinable
    static func resultType(width: Int, integerBits: Int, isSigned: Bool, operation: StaticString) -> FixedPointType {
        let maxWidth = isSigned ? maximumSignedWidth : maximumUnsignedWidth
        precondition(
            width <= maxWidth && integerBitsRange.contains(integerBits),
            "FixedPoint: the full-precision \(operation) type <\(width),\(integerBits)> exceeds the supported limits")
        return FixedPointType(uncheckedWidth: width, integerBits: integerBits, isSigned: isSigned)
    }
}

extension FixedPointType: CustomStringConvertible {
    /// The `ap_fixed` spelling, omitting trailing default parameters:
    /// `ap_fixed<16,6>`, `ap_ufixed<8,0,AP_RND_CONV,AP_SAT>`, `ap_fixed<8,3,AP_TRN,AP_WRAP,2>`.
    public var description: String {
        var parts = ["\(width)", "\(integerBits)"]
        if quantization != .truncate || overflow != .wrap || saturationBits != 0 {
            parts.append(quantization.apName)
        }
        if overflow != .wrap || saturationBits != 0 {
            parts.append(overflow.apName)
        }
        if saturationBits != 0 {
            parts.append("\(saturationBits)")
        }
        return (isSigned ? "ap_fixed<" : "ap_ufixed<") + parts.joined(separator: ",") + ">"
    }
}
