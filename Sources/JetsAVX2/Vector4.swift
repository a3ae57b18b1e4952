// Four Float64 / Int64 lanes as LLVM vectors. Swift's SIMD types lower their
// comparisons and selects lane by lane (a mask byte at a time; Swift 6.3), and
// the kernel written with SIMD8<Double> ran at 26–70 µs per jet against 17 for
// the scalar matrix kernel; the compiler builtins (this module is built with
// -parse-stdlib) give one AVX2 instruction per operation. Only what the
// clustering kernel needs, and nothing that could change a result: no fused
// multiply-add, each lane computes exactly the scalar expression.

import Swift

@frozen @usableFromInline
struct Float64x4 {
    @usableFromInline var value: Builtin.Vec4xFPIEEE64

    @_transparent @usableFromInline init(_ value: Builtin.Vec4xFPIEEE64) { self.value = value }
    @_transparent @usableFromInline init(_ x: Double) { value = SIMD4<Double>(repeating: x)._storage._value }
    @_transparent @usableFromInline init(_ a: Double, _ b: Double, _ c: Double, _ d: Double) {
        value = SIMD4<Double>(a, b, c, d)._storage._value
    }

    @_transparent static func + (a: Float64x4, b: Float64x4) -> Float64x4 {
        Float64x4(Builtin.fadd_Vec4xFPIEEE64(a.value, b.value))
    }
    @_transparent static func - (a: Float64x4, b: Float64x4) -> Float64x4 {
        Float64x4(Builtin.fsub_Vec4xFPIEEE64(a.value, b.value))
    }
    @_transparent static func * (a: Float64x4, b: Float64x4) -> Float64x4 {
        Float64x4(Builtin.fmul_Vec4xFPIEEE64(a.value, b.value))
    }

    /// Lane masks (all ones or all zeros) of a < b and a == b.
    @_transparent static func .< (a: Float64x4, b: Float64x4) -> Int64x4 {
        Int64x4(Builtin.sext_Vec4xInt1_Vec4xInt64(Builtin.fcmp_olt_Vec4xFPIEEE64(a.value, b.value)))
    }
    @_transparent static func .== (a: Float64x4, b: Float64x4) -> Int64x4 {
        Int64x4(Builtin.sext_Vec4xInt1_Vec4xInt64(Builtin.fcmp_oeq_Vec4xFPIEEE64(a.value, b.value)))
    }

    @_transparent var bits: Int64x4 { Int64x4(Builtin.bitcast_Vec4xFPIEEE64_Vec4xInt64(value)) }

    @inline(__always) subscript(lane: Int) -> Double {
        Double(Builtin.extractelement_Vec4xFPIEEE64_Int32(value, Builtin.truncOrBitCast_Int64_Int32(lane._value)))
    }

    /// The smallest and the largest lane.
    @inline(__always) var min: Double {
        let a = self[0] < self[1] ? self[0] : self[1]
        let b = self[2] < self[3] ? self[2] : self[3]
        return b < a ? b : a
    }
    @inline(__always) var max: Double {
        let a = self[0] > self[1] ? self[0] : self[1]
        let b = self[2] > self[3] ? self[2] : self[3]
        return b > a ? b : a
    }

    @_transparent static func load(_ p: UnsafeMutablePointer<Double>) -> Float64x4 {
        UnsafeMutableRawPointer(p).assumingMemoryBound(to: Float64x4.self).pointee
    }
    @_transparent func store(to p: UnsafeMutablePointer<Double>) {
        UnsafeMutableRawPointer(p).assumingMemoryBound(to: Float64x4.self).pointee = self
    }
}

@frozen @usableFromInline
struct Int64x4 {
    @usableFromInline var value: Builtin.Vec4xInt64

    @_transparent @usableFromInline init(_ value: Builtin.Vec4xInt64) { self.value = value }
    @_transparent @usableFromInline init(_ x: Int64) { value = SIMD4<Int64>(repeating: x)._storage._value }
    @_transparent @usableFromInline init(_ a: Int64, _ b: Int64, _ c: Int64, _ d: Int64) {
        value = SIMD4<Int64>(a, b, c, d)._storage._value
    }

    @_transparent static func & (a: Int64x4, b: Int64x4) -> Int64x4 {
        Int64x4(Builtin.and_Vec4xInt64(a.value, b.value))
    }
    @_transparent static func | (a: Int64x4, b: Int64x4) -> Int64x4 { Int64x4(Builtin.or_Vec4xInt64(a.value, b.value)) }
    @_transparent static prefix func ~ (a: Int64x4) -> Int64x4 {
        Int64x4(Builtin.xor_Vec4xInt64(a.value, Int64x4(-1).value))
    }
    @_transparent static func &- (a: Int64x4, b: Int64x4) -> Int64x4 {
        Int64x4(Builtin.sub_Vec4xInt64(a.value, b.value))
    }
    @_transparent static func &<< (a: Int64x4, b: Int64x4) -> Int64x4 {
        Int64x4(Builtin.shl_Vec4xInt64(a.value, b.value))
    }

    @_transparent var float: Float64x4 { Float64x4(Builtin.bitcast_Vec4xInt64_Vec4xFPIEEE64(value)) }

    @inline(__always) subscript(lane: Int) -> Int64 {
        Int64(Builtin.extractelement_Vec4xInt64_Int32(value, Builtin.truncOrBitCast_Int64_Int32(lane._value)))
    }

    /// The lanes OR-ed, and summed.
    @inline(__always) var orOfLanes: Int64 { (self[0] | self[1]) | (self[2] | self[3]) }
    @inline(__always) var sumOfLanes: Int64 { (self[0] &+ self[1]) &+ (self[2] &+ self[3]) }
}

/// Per lane, `mask ? b : a` (mask lanes all ones or all zeros).
@_transparent func select(_ mask: Int64x4, _ a: Float64x4, _ b: Float64x4) -> Float64x4 {
    ((a.bits & ~mask) | (b.bits & mask)).float
}
@_transparent func select(_ mask: Int64x4, _ a: Int64x4, _ b: Int64x4) -> Int64x4 {
    (a & ~mask) | (b & mask)
}
