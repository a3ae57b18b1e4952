/// A YAML value of a cell with the place it was written, so every complaint points into the cell.
public struct ParameterNode: Sendable {
    public indirect enum Kind: Sendable {
        case scalar(KernelValue)
        case list([ParameterNode])
        case map([(key: String, keyLocation: SourceLocation, value: ParameterNode)])
    }

    public var kind: Kind
    public var location: SourceLocation
    /// A scalar's text as written (nil for lists and maps): integers beyond `Int`, such as the
    /// largest `UInt64` seed, are read from it.
    public var text: String?

    public init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }

    /// The value without locations, as hashed into the cache address.
    public var value: KernelValue {
        switch kind {
        case .scalar(let value): return value
        case .list(let nodes): return .list(nodes.map(\.value))
        case .map(let pairs): return .map(pairs.map { ($0.key, $0.value.value) })
        }
    }
}
