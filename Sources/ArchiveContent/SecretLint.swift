import ArchiveModel
import Yams

/// Runs the secrets lint over a whole content file, front matter and body, with the file's own
/// `allow_secrets` list (a list of the exact texts that are not secrets).
enum SecretLint {
    static let allowKey = "allow_secrets"

    static func check(_ text: String, root: Node?, file: FileContext, diagnostics: DiagnosticCollector) {
        for diagnostic in SecretText.diagnostics(
            in: text, path: file.path, allowing: allowances(root, file: file, diagnostics: diagnostics))
        {
            diagnostics.append(diagnostic)
        }
    }

    private static func allowances(_ root: Node?, file: FileContext, diagnostics: DiagnosticCollector)
        -> [SecretText.Allowance]
    {
        guard case .mapping(let mapping)? = root,
            let entry = mapping.first(where: { $0.key.scalar?.string == allowKey })
        else { return [] }
        if FieldReader.isNull(entry.value) { return [] }
        guard case .sequence(let items) = entry.value else {
            diagnostics.error(
                "expected a list of texts for '\(allowKey)', found \(FieldReader.describe(entry.value))",
                at: file.location(entry.value))
            return []
        }
        var result: [SecretText.Allowance] = []
        for item in items {
            guard case .scalar(let scalar) = item, !scalar.string.isEmpty else {
                diagnostics.error(
                    "each '\(allowKey)' entry is the exact text that is not a secret, found "
                        + FieldReader.describe(item), at: file.location(item))
                continue
            }
            result.append(SecretText.Allowance(scalar.string, at: file.location(item)))
        }
        return result
    }
}
