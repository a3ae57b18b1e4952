// The in-memory form of an `.npy` array: element type, typed payload and shape.

import Foundation

/// Element type of an `.npy` array.
public enum NPYDType: String, Sendable, Equatable, CaseIterable {
    case float32 = "<f4"
    case float64 = "<f8"
    case int64 = "<i8"

    /// Bytes per element.
    public var itemSize: Int {
        switch self {
        case .float32: return 4
        case .float64, .int64: return 8
        }
    }
}

/// The typed payload of an `.npy` array (flattened, C order).
public enum NPYData: Sendable, Equatable {
    case float32([Float])
    case float64([Double])
    case int64([Int64])

    public var dtype: NPYDType {
        switch self {
        case .float32: return .float32
        case .float64: return .float64
        case .int64: return .int64
        }
    }

    public var count: Int {
        switch self {
        case .float32(let a): return a.count
        case .float64(let a): return a.count
        case .int64(let a): return a.count
        }
    }
}

/// An n-dimensional array as stored in an `.npy` file.
public struct NPYArray: Sendable, Equatable {
    /// Shape; `[]` is a 0-d (scalar) array holding one element.
    public let shape: [Int]
    /// Elements in C (row-major) order; `data.count == shape.reduce(1, *)`.
    public let data: NPYData

    public var dtype: NPYDType { data.dtype }
    public var count: Int { data.count }

    /// Creates an array, checking that the element count matches the shape.
    public init(shape: [Int], data: NPYData) throws {
        guard shape.allSatisfy({ $0 >= 0 }) else {
            throw NPYError.invalidShape("negative dimension in \(shape)")
        }
        let (n, overflow) = NPYArray.product(shape)
        guard !overflow, n == data.count else {
            throw NPYError.invalidShape("shape \(shape) does not hold \(data.count) elements")
        }
        self.shape = shape
        self.data = data
    }

    public init(_ values: [Float], shape: [Int]? = nil) throws {
        try self.init(shape: shape ?? [values.count], data: .float32(values))
    }

    public init(_ values: [Double], shape: [Int]? = nil) throws {
        try self.init(shape: shape ?? [values.count], data: .float64(values))
    }

    public init(_ values: [Int64], shape: [Int]? = nil) throws {
        try self.init(shape: shape ?? [values.count], data: .int64(values))
    }

    /// The elements if the dtype is '<f4', else nil.
    public var floats: [Float]? { if case .float32(let a) = data { return a } else { return nil } }
    /// The elements if the dtype is '<f8', else nil.
    public var doubles: [Double]? { if case .float64(let a) = data { return a } else { return nil } }
    /// The elements if the dtype is '<i8', else nil.
    public var int64s: [Int64]? { if case .int64(let a) = data { return a } else { return nil } }

    /// Throws `NPYError.nonFinite` at the first NaN or infinity: weights and inputs must be
    /// numbers, or every result computed from them silently is not.
    public func requireFinite() throws {
        switch data {
        case .float32(let values):
            if let index = values.firstIndex(where: { !$0.isFinite }) {
                throw NPYError.nonFinite(index: index, value: "\(values[index])")
            }
        case .float64(let values):
            if let index = values.firstIndex(where: { !$0.isFinite }) {
                throw NPYError.nonFinite(index: index, value: "\(values[index])")
            }
        case .int64:
            return
        }
    }

    static func product(_ shape: [Int]) -> (Int, Bool) {
        var n = 1
        for d in shape {
            let (p, o) = n.multipliedReportingOverflow(by: d)
            if o { return (0, true) }
            n = p
        }
        return (n, false)
    }
}
