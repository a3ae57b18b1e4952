import ArchiveModel

/// Checks of a file's Markdown body that front matter gets from its own readers: no control
/// characters (they would reach the HTML), no bidirectional overrides, and no URL that carries a
/// credential.
enum BodyText {
    static func check(_ file: FrontMatterFile, diagnostics: DiagnosticCollector) {
        guard let body = file.body else { return }
        var line = file.bodyLine
        var column = 1
        for scalar in body.unicodeScalars {
            if scalar == "\n" {
                line += 1
                column = 1
                continue
            }
            if scalar != "\t", Values.isControl(scalar) {
                diagnostics.error(
                    "control character \(SourceText.codePoint(scalar)) is not allowed in the text",
                    at: SourceLocation(path: file.context.path, line: line, column: column))
            } else if BidiControls.contains(scalar) {
                diagnostics.error(
                    BidiControls.message(scalar),
                    at: SourceLocation(path: file.context.path, line: line, column: column))
            }
            column += 1
        }
        for problem in URLCredentials.problems(inText: body, firstLine: file.bodyLine) {
            diagnostics.error(
                problem.message,
                at: SourceLocation(path: file.context.path, line: problem.line, column: problem.column))
        }
    }
}
