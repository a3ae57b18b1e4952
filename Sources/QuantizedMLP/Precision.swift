// The configuration's precisions as the stages take them: the variables a layer's precision
// is given for, and the types this emulation can run.

import FixedPoint

/// A variable of a layer that hls4ml gives a precision (`Precision.<var>`); the raw values
/// are hls4ml's configuration keys.
public enum PrecisionVariable: String, Sendable, CaseIterable {
    case weight, bias, accum, result
}

extension HLSConfig {
    /// `precision(layer:_:)`, refused when the emulation cannot run it (the error names
    /// `layer.variable`).
    func supportedPrecision(layer: String, _ variable: PrecisionVariable, maxWidth: Int = 31) throws -> FixedPointType {
        let type = precision(layer: layer, variable)
        try requireSupported(type, "\(layer).\(variable.rawValue)", maxWidth: maxWidth)
        return type
    }
}

/// Throws unless the network emulation runs `type` (called `what` in the error): at most
/// `maxWidth` bits (31; 40 for a dense layer's accum_t), so that raw products and sums fit
/// an Int64, no AP_WRAP_SM and no saturation bits.
func requireSupported(_ type: FixedPointType, _ what: String, maxWidth: Int = 31) throws {
    guard type.width <= maxWidth else {
        throw HLSConfigError("\(what) is \(type): this emulation supports types of at most \(maxWidth) bits here")
    }
    guard type.overflow != .wrapSignMagnitude, type.saturationBits == 0 else {
        throw HLSConfigError(
            "\(what) is \(type): AP_WRAP_SM and saturation bits N > 0 are not supported by the network emulation")
    }
}
