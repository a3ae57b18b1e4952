@testable import FixedPoint

/// An independent statement of ap_fixed conversion semantics on exact rationals
/// `n · 2^e` (plain Int arithmetic, no shifts of the implementation's kind), used as
/// the oracle for the exhaustive small-format tests. Covers every quantization mode
/// and the overflow modes AP_WRAP (N = 0), AP_SAT, AP_SAT_ZERO and AP_SAT_SYM (the
/// bit-level AP_WRAP N > 0 and AP_WRAP_SM rules are checked against the headers' own
/// golden vectors instead).
enum ExactOracle {
    /// floor(a / b) and a - b·floor(a / b) for b > 0.
    static func floorDivision(_ a: Int, _ b: Int) -> (quotient: Int, remainder: Int) {
        var q = a / b
        var r = a % b
        if r < 0 {
            q -= 1
            r += b
        }
        return (q, r)
    }

    /// The raw integer of `n · 2^e` quantized to `format` (which must use one of the
    /// overflow modes named above). Requires |n| < 2^40 and format.width <= 16.
    static func convert(numerator n: Int, exponent e: Int, to format: FixedPointType) -> Int {
        precondition(abs(n) < 1 << 40 && format.width <= 16)
        let f = format.fractionalBits
        // q = n · 2^(e + f), rounded. `huge` marks magnitudes far beyond any target.
        var q: Int
        var huge = false
        let s = e + f
        if s >= 0 {
            if s > 20 {
                huge = n != 0
                // Only the low W bits matter for wrap-around: n·2^s mod 2^W.
                q = s >= format.width ? 0 : n * (1 << s)
            } else {
                q = n * (1 << s)
            }
        } else if -s > 50 {
            // 0 < |x| < 2^-10 ulp: the floor is 0 or -1 and a negative value is much
            // closer to 0, so only AP_TRN keeps -1.
            q = n < 0 && format.quantization == .truncate ? -1 : 0
        } else {
            let d = 1 << -s
            let (fl, rem) = floorDivision(n, d)
            let twice = 2 * rem
            let isTie = twice == d
            let aboveHalf = twice > d
            let negative = n < 0
            let up: Bool
            switch format.quantization {
            case .truncate: up = false
            case .truncateTowardZero: up = negative && rem != 0
            case .roundHalfUp: up = twice >= d
            case .roundHalfTowardZero: up = aboveHalf || (isTie && negative)
            case .roundHalfDown: up = aboveHalf
            case .roundHalfAwayFromZero: up = aboveHalf || (isTie && !negative)
            case .roundHalfToEven: up = aboveHalf || (isTie && fl % 2 != 0)
            }
            q = fl + (up ? 1 : 0)
        }

        let w = format.width
        let lo = format.isSigned ? -(1 << (w - 1)) : 0
        let hi = format.isSigned ? (1 << (w - 1)) - 1 : (1 << w) - 1
        let over = huge ? n > 0 : q > hi
        let under = huge ? n < 0 : q < lo
        if !over && !under {
            if format.overflow == .saturateSymmetric && format.isSigned && q == lo && w > 1 {
                return -hi
            }
            return q
        }
        switch format.overflow {
        case .wrap:
            precondition(format.saturationBits == 0)
            let m = floorDivision(q, 1 << w).remainder
            return format.isSigned && m > hi ? m - (1 << w) : m
        case .saturate:
            return over ? hi : lo
        case .saturateToZero:
            return 0
        case .saturateSymmetric:
            if over { return hi }
            // The headers set the word to 100..01; for W = 1 that is the single bit 1,
            // i.e. the minimum -1, not -max = 0.
            return format.isSigned ? (w > 1 ? -hi : lo) : 0
        case .wrapSignMagnitude:
            preconditionFailure("not covered by the oracle")
        }
    }

    /// The exact decimal text of `n / 2^k` (k >= 0), by long division.
    static func decimal(numerator n: Int, fractionalBits k: Int) -> String {
        if n == 0 { return "0" }
        let sign = n < 0 ? "-" : ""
        let m = n.magnitude
        if k <= 0 { return sign + String(m << UInt(-k)) }
        let d = UInt(1) << UInt(k)
        var text = sign + String(m / d)
        var r = m % d
        if r != 0 { text += "." }
        while r != 0 {
            r *= 10
            text += String(r / d)
            r %= d
        }
        return text
    }
}
