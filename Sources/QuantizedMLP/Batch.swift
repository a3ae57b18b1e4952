// Inference of a batch of samples on all cores, in chunks of 256 samples per task.

import Dispatch
import NeuralNet
import ParallelMap

extension QuantizedNetwork {
    /// Predictions for `count` samples (row-major float32 inputs), computed on all cores.
    public func predict(batch inputs: [Float], count: Int) -> [QuantizedPrediction] {
        let n = dense[0].inputs
        precondition(inputs.count == count * n, "QuantizedNetwork: \(inputs.count) values for \(count) samples of \(n)")
        let chunk = 256
        let blocks = (count + chunk - 1) / chunk
        return parallelMap(blocks, chunk: 1) { b in predictRange(inputs, (b * chunk)..<min(count, (b + 1) * chunk)) }
            .flatMap { $0 }
    }

    /// Predictions and per-layer overflow statistics (the slower per-operation path).
    public func predictWithStatistics(batch inputs: [Float], count: Int) -> ([QuantizedPrediction], OverflowStatistics)
    {
        let chunk = 256
        let blocks = (count + chunk - 1) / chunk
        let parts = parallelMap(blocks, chunk: 1) { b in
            predictRangeWithStatistics(inputs, (b * chunk)..<min(count, (b + 1) * chunk))
        }
        var all: [QuantizedPrediction] = []
        var stats = emptyStatistics()
        for (p, s) in parts {
            all += p
            stats.merge(s)
        }
        return (all, stats)
    }
}
