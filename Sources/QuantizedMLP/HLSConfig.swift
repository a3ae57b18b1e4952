// Per-layer precision in hls4ml's own configuration vocabulary.
//
// hls4ml (1.3.0) resolves a layer's type `var` (weight, bias, accum, result) like
// `HLSConfig.get_precision`: LayerName.<layer>.Precision.<var>, then
// LayerName.<layer>.Precision (a single string applies to every var of the layer), then
// Model.Precision.<var>, then Model.Precision.default (a single string for Model.Precision is
// its default). granularity='model' with one precision P is `Model: {Precision: P}`.
//
// Softmax tables are not precisions of get_precision but layer attributes with defaults
// (hls4ml's FPGABackend softmax attributes): `exp_table_t`, `inv_table_t` and `inv_inp_t`
// default to ap_fixed<18,8,AP_RND,AP_SAT>, `table_size` to 1024 and `implementation` to
// `stable`; they are set with LayerName.softmax.{exp_table_t, inv_table_t, inv_inp_t,
// table_size, implementation}. The softmax accum_t is resolved with get_precision (hls4ml's
// `_set_accum_t`), i.e. from the model default unless configured.
//
// Layer names are those of the hls4ml tutorial model: input `fc1_input`, dense `fc1`, `fc2`,
// `fc3`, `output`, activations `relu1`, `relu2`, `relu3`, `softmax`.

import FixedPoint

public struct HLSConfigError: Error, CustomStringConvertible, Equatable, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// A configuration value tree (what a YAML or JSON configuration file decodes to).
public indirect enum ConfigNode: Equatable, Sendable {
    case scalar(String)
    case map([(String, ConfigNode)])

    public static func == (a: ConfigNode, b: ConfigNode) -> Bool {
        switch (a, b) {
        case (.scalar(let x), .scalar(let y)): return x == y
        case (.map(let x), .map(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    func value(_ key: String) -> ConfigNode? {
        if case .map(let pairs) = self { return pairs.first { $0.0 == key }?.1 }
        return nil
    }
}

public enum SoftmaxImplementation: String, Sendable, CaseIterable {
    case stable, latency
}

/// The hls4ml configuration of one model: model-level and per-layer precisions and softmax settings.
public struct HLSConfig: Equatable, Sendable {
    /// Model.Precision: "default" and optional per-var entries.
    public var modelPrecision: [String: FixedPointType]
    /// LayerName.<layer>.Precision.<var>; the key "default" holds a layer-wide single precision.
    public var layerPrecision: [String: [String: FixedPointType]]
    /// LayerName.softmax.{exp_table_t, inv_table_t, inv_inp_t} overrides.
    public var softmaxTypes: [String: FixedPointType]
    public var softmaxTableSize: Int
    public var softmaxImplementation: SoftmaxImplementation

    public static let defaultTableType = FixedPointType(
        width: 18, integerBits: 8, quantization: .roundHalfUp, overflow: .saturate)

    /// granularity='model': every weight, bias, accum and result (and the input) of type `precision`.
    public init(uniform precision: FixedPointType) {
        modelPrecision = ["default": precision]
        layerPrecision = [:]
        softmaxTypes = [:]
        softmaxTableSize = 1024
        softmaxImplementation = .stable
    }

    /// The precision of `variable` of `layer`, as get_precision.
    public func precision(layer: String, _ variable: PrecisionVariable) -> FixedPointType {
        let name = layer.lowercased()
        if let t = layerPrecision[name]?[variable.rawValue] { return t }
        if let t = layerPrecision[name]?["default"] { return t }
        if let t = modelPrecision[variable.rawValue] { return t }
        return modelPrecision["default"]!
    }

    public var expTableType: FixedPointType { softmaxTypes["exp_table_t"] ?? Self.defaultTableType }
    public var invTableType: FixedPointType { softmaxTypes["inv_table_t"] ?? Self.defaultTableType }
    public var invInputType: FixedPointType { softmaxTypes["inv_inp_t"] ?? Self.defaultTableType }

    // MARK: Parsing

    /// The keys of a `Precision` mapping: `default` and the variables.
    static let precisionKeys: Set<String> = Set(["default"] + PrecisionVariable.allCases.map(\.rawValue))

    /// Reads `{Model: {Precision: P | {default: P, weight: …}}, LayerName: {fc1: {Precision: …}, softmax: {…}}}`.
    /// Unknown keys are errors. `Model` may be omitted only if the tree has a top-level `Precision`.
    public init(tree: ConfigNode) throws {
        guard case .map(let top) = tree else { throw HLSConfigError("the configuration must be a mapping") }
        self.init(uniform: FixedPointType(width: 16, integerBits: 6))
        modelPrecision = [:]
        for (key, value) in top {
            switch key {
            case "Model":
                guard case .map(let pairs) = value else { throw HLSConfigError("'Model' must be a mapping") }
                for (k, v) in pairs {
                    switch k {
                    case "Precision": modelPrecision = try Self.precisions(v, context: "Model.Precision")
                    // No effect on the arithmetic here.
                    case "ReuseFactor", "Strategy", "BramFactor", "TraceOutput": continue
                    default:
                        throw HLSConfigError(
                            "unknown key 'Model.\(k)'; expected Precision, ReuseFactor, Strategy, BramFactor, TraceOutput"
                        )
                    }
                }
            case "LayerName":
                guard case .map(let layers) = value else { throw HLSConfigError("'LayerName' must be a mapping") }
                for (layer, config) in layers {
                    guard Self.layerNames.contains(layer) else {
                        throw HLSConfigError(
                            "unknown layer '\(layer)'; the model's layers are \(Self.layerNames.joined(separator: ", "))"
                        )
                    }
                    guard case .map(let pairs) = config else {
                        throw HLSConfigError("'LayerName.\(layer)' must be a mapping")
                    }
                    for (k, v) in pairs {
                        switch k {
                        case "Precision":
                            layerPrecision[layer] = try Self.precisions(v, context: "LayerName.\(layer).Precision")
                        case "exp_table_t", "inv_table_t", "inv_inp_t", "table_size", "implementation",
                            "Implementation":
                            guard layer == "softmax" else {
                                throw HLSConfigError("'\(k)' applies to the softmax layer only")
                            }
                            try setSoftmax(k, v)
                        case "ReuseFactor", "Trace": continue
                        default: throw HLSConfigError("unknown key 'LayerName.\(layer).\(k)'")
                        }
                    }
                }
            case "Precision": modelPrecision = try Self.precisions(value, context: "Precision")
            case "LayerType", "IOType", "Backend":
                throw HLSConfigError("'\(key)' is not supported here; use Model and LayerName")
            default:
                throw HLSConfigError("unknown key '\(key)'; expected Model, LayerName")
            }
        }
        guard modelPrecision["default"] != nil else {
            throw HLSConfigError("Model.Precision needs a default precision")
        }
    }

    mutating func setSoftmax(_ key: String, _ value: ConfigNode) throws {
        guard case .scalar(let text) = value else { throw HLSConfigError("'softmax.\(key)' must be a scalar") }
        switch key {
        case "table_size":
            guard let n = Int(text), n >= 2, n <= 1 << 20 else {
                throw HLSConfigError("table_size must be an integer in 2...1048576, got '\(text)'")
            }
            softmaxTableSize = n
        case "implementation", "Implementation":
            guard let impl = SoftmaxImplementation(rawValue: text.lowercased()) else {
                throw HLSConfigError("softmax implementation must be stable or latency, got '\(text)'")
            }
            softmaxImplementation = impl
        default:
            softmaxTypes[key] = try Self.type(text, context: "softmax.\(key)")
        }
    }

    static let layerNames = ["fc1_input", "fc1", "relu1", "fc2", "relu2", "fc3", "relu3", "output", "softmax"]

    static func type(_ text: String, context: String) throws -> FixedPointType {
        do { return try FixedPointType.parse(text) } catch {
            throw HLSConfigError("\(context): \(error)")
        }
    }

    static func precisions(_ node: ConfigNode, context: String) throws -> [String: FixedPointType] {
        switch node {
        case .scalar(let text): return ["default": try type(text, context: context)]
        case .map(let pairs):
            var out: [String: FixedPointType] = [:]
            for (k, v) in pairs {
                guard precisionKeys.contains(k) else {
                    throw HLSConfigError(
                        "unknown precision '\(context).\(k)'; expected \(precisionKeys.sorted().joined(separator: ", "))"
                    )
                }
                guard case .scalar(let text) = v else { throw HLSConfigError("\(context).\(k) must be a type string") }
                out[k] = try type(text, context: "\(context).\(k)")
            }
            return out
        }
    }

    /// A compact one-line spelling used by notebook cells: `;`-separated `key=value` items where
    /// key is `default` or a var (Model.Precision), `LAYER.var` (LayerName.LAYER.Precision.var),
    /// `LAYER` (LayerName.LAYER.Precision) or `softmax.exp_table_t` / `.inv_table_t` /
    /// `.inv_inp_t` / `.table_size` / `.implementation`. A bare type is `default=TYPE`.
    /// Example: `ap_fixed<16,6>; fc1.weight=ap_fixed<8,3>; output.result=ap_fixed<18,8>`.
    public init(compact text: String) throws {
        var model: [(String, ConfigNode)] = []
        var layers: [String: [(String, ConfigNode)]] = [:]
        var layerOrder: [String] = []
        for rawItem in text.split(separator: ";") {
            let item = rawItem.trimmedOf(" \t")
            if item.isEmpty { continue }
            let key: String
            let value: String
            if let eq = item.firstIndex(of: "=") {
                key = item[..<eq].trimmedOf(" \t")
                value = item[item.index(after: eq)...].trimmedOf(" \t")
            } else {
                key = "default"
                value = item
            }
            let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
            if parts.count == 1 && Self.precisionKeys.contains(parts[0]) {
                model.append((parts[0], .scalar(value)))
            } else {
                let layer = parts[0]
                if layers[layer] == nil {
                    layerOrder.append(layer)
                    layers[layer] = []
                }
                if parts.count == 1 {
                    layers[layer]!.append(("default", .scalar(value)))
                } else {
                    layers[layer]!.append((parts[1], .scalar(value)))
                }
            }
        }
        var layerNodes: [(String, ConfigNode)] = []
        for layer in layerOrder {
            var precision: [(String, ConfigNode)] = []
            var other: [(String, ConfigNode)] = []
            for (k, v) in layers[layer]! {
                if Self.precisionKeys.contains(k) { precision.append((k, v)) } else { other.append((k, v)) }
            }
            var node = other
            if !precision.isEmpty { node.append(("Precision", .map(precision))) }
            layerNodes.append((layer, .map(node)))
        }
        var top: [(String, ConfigNode)] = [("Model", .map([("Precision", .map(model))]))]
        if !layerNodes.isEmpty { top.append(("LayerName", .map(layerNodes))) }
        try self.init(tree: .map(top))
    }
}

extension StringProtocol {
    func trimmedOf(_ set: String) -> String {
        var s = Substring(self)
        while let c = s.first, set.contains(c) { s.removeFirst() }
        while let c = s.last, set.contains(c) { s.removeLast() }
        return String(s)
    }
}
