/// Diagnostics as GitHub Actions workflow commands (`::error file=…,line=…,col=…::message`), which
/// a pull request shows on the lines they name.
extension Diagnostic {
    public var githubAnnotation: String {
        let command: String
        switch severity {
        case .error: command = "error"
        case .warning: command = "warning"
        case .note: command = "notice"
        }
        var properties = ""
        if let location {
            properties =
                " file=" + Self.escapedProperty(location.path) + ",line=\(location.line),col=\(location.column)"
        }
        return "::" + command + properties + "::" + Self.escapedData(Self.visible(message))
    }

    /// The runner's own escaping of a command's message: `%`, CR and LF.
    static func escapedData(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "%": result += "%25"
            case "\r": result += "%0D"
            case "\n": result += "%0A"
            case "\r\n": result += "%0D%0A"
            default: result.append(character)
            }
        }
        return result
    }

    /// A property value also escapes `:` and `,`, which separate properties.
    static func escapedProperty(_ text: String) -> String {
        var result = ""
        for character in escapedData(Self.visible(text)) {
            switch character {
            case ":": result += "%3A"
            case ",": result += "%2C"
            default: result.append(character)
            }
        }
        return result
    }
}
