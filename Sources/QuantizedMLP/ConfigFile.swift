// Reading an hls4ml configuration file (`archive kernel mlp --config FILE`): YAML as hls4ml
// writes it, or JSON (a subset of YAML), composed by Yams. Mappings and scalars only; a
// sequence, a tag or an alias is refused with its line, and the alias pre-scan runs first so
// that no configuration can make Yams expand aliases without bound.

import YAMLBounds
import Yams

extension ConfigNode {
    /// The most nodes (mappings and scalars) a configuration may hold; hls4ml's own have dozens.
    public static let maximumNodes = 10_000

    public static func parse(configFile text: String) throws -> ConfigNode {
        if let problem = YAMLAliasScan.check(text, limit: 0) {
            throw HLSConfigError("line \(problem.line), column \(problem.column): \(problem.message)")
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw HLSConfigError("the configuration is not valid YAML or JSON: \(error)")
        }
        guard let root else { return .map([]) }
        var budget = maximumNodes
        return try configNode(root, budget: &budget)
    }

    private static func configNode(_ node: Node, budget: inout Int) throws -> ConfigNode {
        budget -= 1
        guard budget >= 0 else {
            throw HLSConfigError("the configuration has more than \(maximumNodes) entries")
        }
        switch node {
        case .scalar(let scalar):
            // An empty value (`key:`, `~`, `null`) reads as an empty setting, as in hls4ml.
            return .scalar(scalar.tag.rawValue == Tag.Name.null.rawValue ? "" : scalar.string)
        case .mapping(let mapping):
            return .map(
                try mapping.map { key, value in
                    guard case .scalar(let name) = key else {
                        throw HLSConfigError("\(place(key)): a key must be a name, not a \(kind(key))")
                    }
                    return (name.string, try configNode(value, budget: &budget))
                })
        case .sequence, .alias:
            throw HLSConfigError("\(place(node)): a \(kind(node)) is not an hls4ml configuration value")
        }
    }

    private static func place(_ node: Node) -> String {
        guard let mark = node.mark else { return "the configuration" }
        return "line \(mark.line), column \(mark.column)"
    }

    private static func kind(_ node: Node) -> String {
        switch node {
        case .scalar: return "scalar"
        case .mapping: return "mapping"
        case .sequence: return "list"
        case .alias: return "alias"
        }
    }
}
