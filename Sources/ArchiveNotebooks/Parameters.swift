import ArchiveModel

/// Reads a kernel's parameters strictly: types and ranges are checked, unknown keys are rejected
/// naming the expected ones, and every problem is kept (not just the first) with its location.
public struct ParameterReader {
    public let kernelName: String
    private let pairs: [(key: String, keyLocation: SourceLocation, value: ParameterNode)]
    private let location: SourceLocation
    private var expected: [String] = []
    public private(set) var problems: [Diagnostic] = []

    /// `params` is the cell's `params:` mapping, or nil when the cell has none (all defaults).
    public init(kernelName: String, params: ParameterNode?, cellLocation: SourceLocation) {
        self.kernelName = kernelName
        self.location = params?.location ?? cellLocation
        switch params?.kind {
        case .map(let pairs)?: self.pairs = pairs
        case nil: self.pairs = []
        case .scalar(.null)?: self.pairs = []
        default:
            self.pairs = []
            problems.append(Diagnostic("'params' of kernel '\(kernelName)' must be a mapping", at: location))
        }
    }

    private mutating func node(_ key: String) -> ParameterNode? {
        expected.append(key)
        return pairs.first { $0.key == key }?.value
    }

    private mutating func complain(_ message: String, at location: SourceLocation) {
        problems.append(Diagnostic(message, at: location))
    }

    public mutating func integer(_ key: String, default defaultValue: Int, in range: ClosedRange<Int>) -> Int {
        guard let node = node(key) else { return defaultValue }
        guard case .scalar(.integer(let value)) = node.kind else {
            complain("parameter '\(key)' must be an integer", at: node.location)
            return defaultValue
        }
        guard range.contains(value) else {
            complain(
                "parameter '\(key)' must be in \(range.lowerBound)...\(range.upperBound), got \(value)",
                at: node.location)
            return defaultValue
        }
        return value
    }

    public mutating func real(_ key: String, default defaultValue: Double, in range: ClosedRange<Double>) -> Double {
        guard let node = node(key) else { return defaultValue }
        let value: Double
        switch node.kind {
        case .scalar(.integer(let integer)): value = Double(integer)
        case .scalar(.real(let real)): value = real
        default:
            complain("parameter '\(key)' must be a number", at: node.location)
            return defaultValue
        }
        guard range.contains(value) else {
            complain(
                "parameter '\(key)' must be in \(range.lowerBound)...\(range.upperBound), got \(value)",
                at: node.location)
            return defaultValue
        }
        return value
    }

    public mutating func string(_ key: String, default defaultValue: String, allowed: [String]? = nil) -> String {
        guard let node = node(key) else { return defaultValue }
        guard case .scalar(.string(let value)) = node.kind else {
            complain("parameter '\(key)' must be a string", at: node.location)
            return defaultValue
        }
        if let allowed, !allowed.contains(value) {
            complain(
                "parameter '\(key)' must be one of: \(allowed.joined(separator: ", ")); got '\(value)'",
                at: node.location)
            return defaultValue
        }
        return value
    }

    public mutating func strings(_ key: String, default defaultValue: [String], allowed: [String]? = nil) -> [String] {
        guard let node = node(key) else { return defaultValue }
        guard case .list(let items) = node.kind, !items.isEmpty else {
            complain("parameter '\(key)' must be a non-empty list", at: node.location)
            return defaultValue
        }
        var values: [String] = []
        for item in items {
            guard case .scalar(.string(let value)) = item.kind else {
                complain("items of parameter '\(key)' must be strings", at: item.location)
                continue
            }
            if let allowed, !allowed.contains(value) {
                complain(
                    "'\(value)' is not allowed in '\(key)'; expected one of: \(allowed.joined(separator: ", "))",
                    at: item.location)
                continue
            }
            values.append(value)
        }
        return values
    }

    /// Rejects every key the kernel did not ask for; call after reading all parameters.
    public mutating func finish() {
        let known = Set(expected)
        for pair in pairs where !known.contains(pair.key) {
            let list = expected.isEmpty ? "none" : expected.joined(separator: ", ")
            complain(
                NearestName.message(
                    "unknown parameter '\(pair.key)' for kernel '\(kernelName)'", name: pair.key, among: expected,
                    rest: "expected one of: \(list)"),
                at: pair.keyLocation)
        }
    }
}
