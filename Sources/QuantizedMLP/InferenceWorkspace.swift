// Scratch buffers of one thread of inference, shared by the fast and the per-operation path
// so that neither allocates per sample.

/// Scratch buffers for one thread of inference, each of `capacity` elements.
final class InferenceWorkspace {
    /// Raw values a layer reads and writes; the drivers swap the two between layers.
    let layerInput: UnsafeMutablePointer<Int64>
    let layerOutput: UnsafeMutablePointer<Int64>
    /// A dense layer's accumulators: Int32 on the fast path, Int64 on the per-operation path.
    let accumulators32: UnsafeMutablePointer<Int32>
    let accumulators64: UnsafeMutablePointer<Int64>
    /// Per-output overflow flags of the per-operation dense path.
    let overflowFlags: UnsafeMutablePointer<Bool>
    /// The softmax's exp_res values.
    let softmaxScratch: UnsafeMutablePointer<Int64>
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        layerInput = .allocate(capacity: capacity)
        layerOutput = .allocate(capacity: capacity)
        accumulators32 = .allocate(capacity: capacity)
        accumulators64 = .allocate(capacity: capacity)
        overflowFlags = .allocate(capacity: capacity)
        softmaxScratch = .allocate(capacity: capacity)
    }

    deinit {
        layerInput.deallocate()
        layerOutput.deallocate()
        accumulators32.deallocate()
        accumulators64.deallocate()
        overflowFlags.deallocate()
        softmaxScratch.deallocate()
    }
}

extension QuantizedNetwork {
    /// Elements per workspace buffer: the widest layer, at least 64.
    var workspaceCapacity: Int { max(64, dense.map { max($0.inputs, $0.outputs) }.max() ?? 0) }
}
