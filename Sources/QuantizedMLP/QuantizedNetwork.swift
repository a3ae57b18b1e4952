// Bit-exact emulation of the hls4ml 1.3.0 C simulation (Vivado/Vitis backend, io_parallel,
// Strategy: Latency) of the tutorial MLP: the network, built stage by stage from an
// `HLSConfig`, and its one-sample entry points.
//
// One file per stage, each saying what the stage computes: InputQuantizer.swift
// (`fc1_input`), DenseStage.swift, ReluStage.swift, SoftmaxStage.swift. `T(x)` there is the
// ap_fixed cast `T y = x;` with T's rounding and overflow modes; the types T come from the
// configuration (Precision.swift).
//
// Two paths compute the same bits: the per-operation path (PerOperationPath.swift), each
// cast as hls4ml performs it and counting overflows, the oracle; and the fast path
// (FastPath.swift), which drops the bookkeeping and sums a dense layer on Int32 where that
// is exact.
//
// Outputs ("logits" = the `output` dense result, "probabilities" = the softmax result) are
// returned as exact Doubles (hls4ml's float predict() would round values wider than 24
// significant bits to float).

import FixedPoint

public struct QuantizedPrediction: Equatable, Sendable {
    public var logits: [Double]
    public var probabilities: [Double]
}

public struct QuantizedNetwork: Sendable {
    public let config: HLSConfig
    public let inputType: FixedPointType
    let inputQuantizer: InputQuantizer
    let dense: [DenseStage]
    let relu: [ReluStage]
    let softmax: SoftmaxStage

    /// The resolved types, for display: layer → var → type.
    public var resolvedTypes: [(layer: String, variable: String, type: FixedPointType)] {
        let weight = PrecisionVariable.weight.rawValue
        let bias = PrecisionVariable.bias.rawValue
        let accum = PrecisionVariable.accum.rawValue
        let result = PrecisionVariable.result.rawValue
        var out: [(String, String, FixedPointType)] = [("fc1_input", result, inputType)]
        for (k, d) in dense.enumerated() {
            out += [
                (d.name, weight, d.weightType), (d.name, bias, d.biasType),
                (d.name, accum, d.accumType), (d.name, result, d.resultType),
            ]
            if k < relu.count { out.append((relu[k].name, result, relu[k].resultType)) }
        }
        out += [
            ("softmax", accum, softmax.accumType), ("softmax", result, softmax.resultType),
            ("softmax", "exp_table_t", softmax.expTableType), ("softmax", "inv_table_t", softmax.invTableType),
            ("softmax", "inv_inp_t", softmax.invInputType), ("softmax", "inp_norm_t", softmax.normType),
        ]
        return out
    }

    /// Multiplications × (data bits + weight bits) summed over the dense layers: a resource proxy.
    public var multiplierBits: Int {
        dense.reduce(0) { $0 + $1.inputs * $1.outputs * ($1.dataType.width + $1.weightType.width) }
    }

    public var softmaxTableSizes: (exp: Int, inv: Int) { (softmax.expTableSize, softmax.invTableSize) }

    public init(model: MLPModel, config: HLSConfig) throws {
        self.config = config
        inputType = try config.supportedPrecision(layer: "fc1_input", .result)
        inputQuantizer = InputQuantizer(inputType)
        var dataType = inputType
        var dense: [DenseStage] = []
        var relu: [ReluStage] = []
        for (k, weights) in model.dense.enumerated() {
            let stage = try DenseStage(weights: weights, dataType: dataType, config: config)
            dense.append(stage)
            dataType = stage.resultType
            if k < model.dense.count - 1 {
                let name = MLPModel.reluNames[k]
                let result = try config.supportedPrecision(layer: name, .result)
                relu.append(ReluStage(name: name, dataType: dataType, resultType: result))
                dataType = result
            }
        }
        self.dense = dense
        self.relu = relu
        softmax = try SoftmaxStage(dataType: dataType, config: config, count: model.outputCount)
    }

    // MARK: Inference of one sample

    /// One sample: `input` holds the network's float32 inputs (already standardised).
    public func predict(_ input: [Float]) -> QuantizedPrediction {
        var statistics: OverflowStatistics? = nil
        return predict(input, statistics: &statistics)
    }

    /// One sample; when `statistics` is non-nil, per-layer overflows are added to it (the
    /// slower per-operation path).
    public func predict(_ input: [Float], statistics: inout OverflowStatistics?) -> QuantizedPrediction {
        precondition(
            input.count == dense[0].inputs, "QuantizedNetwork: \(input.count) inputs, expected \(dense[0].inputs)")
        guard statistics != nil else { return predictRange(input, 0..<1)[0] }
        if statistics!.layers.isEmpty { statistics = emptyStatistics() }
        let (predictions, sampleStatistics) = predictRangeWithStatistics(input, 0..<1)
        statistics!.merge(sampleStatistics)
        return predictions[0]
    }
}

@inline(__always)
func rawToDouble(_ raw: Int64, _ t: FixedPointType) -> Double {
    Double(raw) * Double(sign: .plus, exponent: -t.fractionalBits, significand: 1)
}
