// Exact decimal text of `raw · 2^-F` via a small multi-word unsigned integer.
// Not on any hot path: it allocates.

/// An unsigned integer as little-endian 32-bit limbs (no leading zero limbs).
struct DecimalScratch {
    var limbs: [UInt32]

    init(high: UInt64, low: UInt64) {
        limbs = [
            UInt32(truncatingIfNeeded: low), UInt32(truncatingIfNeeded: low >> 32),
            UInt32(truncatingIfNeeded: high), UInt32(truncatingIfNeeded: high >> 32),
        ]
        trim()
    }

    mutating func trim() {
        while let last = limbs.last, last == 0 { limbs.removeLast() }
    }

    var isZero: Bool { limbs.isEmpty }

    mutating func multiply(by factor: UInt32) {
        var carry: UInt64 = 0
        for i in limbs.indices {
            let p = UInt64(limbs[i]) * UInt64(factor) + carry
            limbs[i] = UInt32(truncatingIfNeeded: p)
            carry = p >> 32
        }
        if carry != 0 { limbs.append(UInt32(carry)) }
    }

    mutating func shiftLeft(by bits: Int) {
        if isZero || bits == 0 { return }
        let whole = bits / 32
        let part = bits % 32
        if part != 0 {
            var carry: UInt32 = 0
            for i in limbs.indices {
                let v = limbs[i]
                limbs[i] = (v << UInt32(part)) | carry
                carry = v >> UInt32(32 - part)
            }
            if carry != 0 { limbs.append(carry) }
        }
        if whole > 0 { limbs.insert(contentsOf: repeatElement(0, count: whole), at: 0) }
    }

    /// Divides in place and returns the remainder.
    mutating func divide(by divisor: UInt32) -> UInt32 {
        var remainder: UInt64 = 0
        for i in limbs.indices.reversed() {
            let cur = (remainder << 32) | UInt64(limbs[i])
            limbs[i] = UInt32(cur / UInt64(divisor))
            remainder = cur % UInt64(divisor)
        }
        trim()
        return UInt32(remainder)
    }

    /// Decimal digits, without sign or leading zeros ("0" for zero).
    mutating func decimalDigits() -> String {
        if isZero { return "0" }
        var chunks: [UInt32] = []
        while !isZero { chunks.append(divide(by: 1_000_000_000)) }
        var text = String(chunks.removeLast())
        for chunk in chunks.reversed() {
            let s = String(chunk)
            text += String(repeating: "0", count: 9 - s.count) + s
        }
        return text
    }
}

/// The exact decimal expansion of `raw · 2^-fractionalBits`.
func exactDecimalString(_ raw: WideInt, fractionalBits: Int) -> String {
    if raw.isZero { return "0" }
    let (h, l) = raw.magnitude
    var n = DecimalScratch(high: h, low: l)
    let sign = raw.isNegative ? "-" : ""
    if fractionalBits <= 0 {
        n.shiftLeft(by: -fractionalBits)
        return sign + n.decimalDigits()
    }
    // raw / 2^F = raw · 5^F / 10^F: F decimal places.
    var remaining = fractionalBits
    while remaining >= 13 {
        n.multiply(by: 1_220_703_125)  // 5^13
        remaining -= 13
    }
    var tail: UInt32 = 1
    for _ in 0..<remaining { tail *= 5 }
    n.multiply(by: tail)
    var digits = Array(n.decimalDigits().utf8)
    if digits.count <= fractionalBits {
        digits.insert(contentsOf: repeatElement(UInt8(ascii: "0"), count: fractionalBits + 1 - digits.count), at: 0)
    }
    var fraction = digits[(digits.count - fractionalBits)...]
    while fraction.last == UInt8(ascii: "0") { fraction.removeLast() }
    let integerPart = String(decoding: digits[..<(digits.count - fractionalBits)], as: UTF8.self)
    if fraction.isEmpty { return sign + integerPart }
    return sign + integerPart + "." + String(decoding: fraction, as: UTF8.self)
}
