// Per-layer overflow counts: what the per-operation path reports besides the outputs.

/// Per-layer overflow counts of a batch: values whose computation overflowed at least one
/// cast (the overflow mode acted), out of `values` outputs of the layer.
public struct OverflowStatistics: Equatable, Sendable {
    public var layers: [String]
    public var overflowed: [Int]
    public var values: [Int]

    public func fraction(_ layer: String) -> Double {
        guard let k = layers.firstIndex(of: layer), values[k] > 0 else { return 0 }
        return Double(overflowed[k]) / Double(values[k])
    }

    mutating func merge(_ other: OverflowStatistics) {
        for k in overflowed.indices {
            overflowed[k] += other.overflowed[k]
            values[k] += other.values[k]
        }
    }
}

extension QuantizedNetwork {
    /// Zero counts for the layers in network order: dense layer k at index 2k, its ReLU at
    /// 2k + 1, the softmax last.
    func emptyStatistics() -> OverflowStatistics {
        var layers: [String] = []
        for k in dense.indices {
            layers.append(dense[k].name)
            if k < relu.count { layers.append(relu[k].name) }
        }
        layers.append("softmax")
        return OverflowStatistics(
            layers: layers, overflowed: [Int](repeating: 0, count: layers.count),
            values: [Int](repeating: 0, count: layers.count))
    }
}
