import ArchiveModel
import YAMLBounds
import Yams

/// Converts YAML text into a located value tree. `firstLine` is the file line the text starts on,
/// so that every location is a position in the file, not in the fragment.
enum YAMLTree {
    static func parse(_ text: String, path: String, firstLine: Int) throws -> ParameterNode? {
        if let problem = YAMLAliasScan.check(text) {
            throw Diagnostic(
                problem.message,
                at: SourceLocation(
                    path: path, line: firstLine + problem.line - 1,
                    column: problem.column))
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw Diagnostic(message(of: error), at: location(of: error, path: path, firstLine: firstLine))
        }
        return node.map { convert($0, path: path, firstLine: firstLine) }
    }

    private static func location(_ mark: Mark?, path: String, firstLine: Int) -> SourceLocation {
        guard let mark else { return SourceLocation(path: path, line: firstLine, column: 1) }
        return SourceLocation(path: path, line: firstLine + mark.line - 1, column: mark.column)
    }

    private static func convert(_ node: Node, path: String, firstLine: Int) -> ParameterNode {
        let here = location(node.mark, path: path, firstLine: firstLine)
        switch node {
        case .scalar(let scalar):
            var result = ParameterNode(.scalar(value(of: scalar, node: node)), at: here)
            result.text = scalar.string
            return result
        case .sequence(let sequence):
            return ParameterNode(.list(sequence.map { convert($0, path: path, firstLine: firstLine) }), at: here)
        case .mapping(let mapping):
            let pairs = mapping.map { pair in
                (
                    key: pair.key.string ?? "", keyLocation: location(pair.key.mark, path: path, firstLine: firstLine),
                    value: convert(pair.value, path: path, firstLine: firstLine)
                )
            }
            return ParameterNode(.map(pairs), at: here)
        case .alias:
            return ParameterNode(.scalar(.null), at: here)
        }
    }

    /// Plain scalars are typed the YAML way (null, bool, int, float); quoted ones stay strings.
    private static func value(of scalar: Node.Scalar, node: Node) -> KernelValue {
        guard scalar.style == .plain else { return .string(scalar.string) }
        if node.null != nil { return .null }
        if let value = node.bool { return .bool(value) }
        if let value = Int(scalar.string) { return .integer(value) }
        if let value = node.float { return .real(value) }
        return .string(scalar.string)
    }

    private static func message(of error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
            .composer(let context, let problem, _, _):
            return "malformed YAML: \(problem)" + (context.map { " \($0.text)" } ?? "")
        case .duplicatedKeysInMapping(let duplicates, _):
            return "duplicate key '\(duplicates.joined(separator: "', '"))'"
        default:
            return "malformed YAML: \(error)"
        }
    }

    private static func location(of error: YamlError, path: String, firstLine: Int) -> SourceLocation {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return location(mark, path: path, firstLine: firstLine)
        case .duplicatedKeysInMapping(_, let context):
            return location(context.mark, path: path, firstLine: firstLine)
        default:
            return SourceLocation(path: path, line: firstLine, column: 1)
        }
    }
}
