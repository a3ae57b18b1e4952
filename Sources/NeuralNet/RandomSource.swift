import Foundation

/// SplitMix64 (Steele, Lea, Flood 2014): used to expand a seed into xoshiro's state.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public var state: UInt64
    public init(seed: UInt64) { state = seed }

    @inlinable
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// xoshiro256** (Blackman & Vigna), seeded through SplitMix64. Deterministic on every platform;
/// the helpers below use only integer operations and exactly rounded floating-point ones.
public struct Xoshiro256: RandomNumberGenerator, Sendable {
    public var s: (UInt64, UInt64, UInt64, UInt64)

    public init(seed: UInt64) {
        var sm = SplitMix64(seed: seed)
        s = (sm.next(), sm.next(), sm.next(), sm.next())
    }

    @inlinable
    public mutating func next() -> UInt64 {
        let result = rotl(s.1 &* 5, 7) &* 9
        let t = s.1 << 17
        s.2 ^= s.0
        s.3 ^= s.1
        s.1 ^= s.2
        s.0 ^= s.3
        s.2 ^= t
        s.3 = rotl(s.3, 45)
        return result
    }

    @inlinable
    func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// Uniform in [0, 1) with 53 random bits.
    @inlinable
    public mutating func nextUnitDouble() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// Uniform in [low, high).
    @inlinable
    public mutating func nextDouble(in low: Double, _ high: Double) -> Double {
        low + (high - low) * nextUnitDouble()
    }

    /// Uniform integer in 0..<bound (Lemire's unbiased multiply-and-reject).
    @inlinable
    public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0, "Xoshiro256.nextInt(below:) needs a positive bound")
        let b = UInt64(bound)
        var m = next().multipliedFullWidth(by: b)
        if m.low < b {
            let threshold = (0 &- b) % b
            while m.low < threshold { m = next().multipliedFullWidth(by: b) }
        }
        return Int(m.high)
    }

    /// A standard normal deviate (Box–Muller; uses two uniforms per call).
    public mutating func nextGaussian() -> Double {
        var u1 = nextUnitDouble()
        while u1 == 0 { u1 = nextUnitDouble() }
        let u2 = nextUnitDouble()
        return (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
    }

    /// Fisher–Yates shuffle with this generator (independent of the standard library's algorithm).
    public mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) {
            let j = nextInt(below: i + 1)
            if i != j { array.swapAt(i, j) }
        }
    }
}

/// The sample indices of one epoch, shuffled, cut into mini-batches (the last one may be shorter).
public struct MiniBatches: Sequence, Sendable {
    public let order: [Int]
    public let batchSize: Int

    public init(count: Int, batchSize: Int, rng: inout Xoshiro256, shuffle: Bool = true) {
        precondition(batchSize > 0, "MiniBatches: batch size must be positive")
        var order = Array(0..<count)
        if shuffle { rng.shuffle(&order) }
        self.order = order
        self.batchSize = batchSize
    }

    public func makeIterator() -> AnyIterator<[Int]> {
        var start = 0
        return AnyIterator {
            guard start < order.count else { return nil }
            let end = Swift.min(order.count, start + batchSize)
            defer { start = end }
            return Array(order[start..<end])
        }
    }
}

/// Glorot (Xavier) uniform initialisation: U(-l, l) with l = sqrt(6 / (fanIn + fanOut)), as Keras.
public func glorotUniform<Scalar: NNScalar>(fanIn: Int, fanOut: Int, count: Int, rng: inout Xoshiro256) -> [Scalar] {
    let limit = (6.0 / Double(fanIn + fanOut)).squareRoot()
    return (0..<count).map { _ in Scalar(rng.nextDouble(in: -limit, limit)) }
}
