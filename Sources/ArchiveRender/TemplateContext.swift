import Mustache

/// Text for a template: `{{x}}` escapes it, `{{{x}}}` inserts it as it is.
///
/// Strings are wrapped once, when contexts are built: swift-mustache then recognises a value at
/// its first dynamic cast instead of trying several (a large share of its time per look-up).
struct TemplateText: MustacheCustomRenderable, Sendable {
    let renderText: String
    var isNull: Bool { false }
}

/// A template context: named values that swift-mustache looks up through `MustacheParent`
/// (cheaper than its generic `Dictionary` path). Strings and integers are stored as
/// `TemplateText`, lists of strings as lists of it; everything else as given.
// @unchecked: `values` is typed `Any` because swift-mustache looks values up as `Any`, but
// `wrap` admits only immutable Sendable values (text, flags, contexts and lists of them).
struct TemplateContext: MustacheParent, ExpressibleByDictionaryLiteral, @unchecked Sendable {
    private var values: [String: Any]

    init(dictionaryLiteral elements: (String, Any)...) {
        var values: [String: Any] = [:]
        values.reserveCapacity(elements.count)
        for (key, value) in elements { values[key] = Self.wrap(value) }
        self.values = values
    }

    subscript(key: String) -> Any? {
        get { values[key] }
        set { values[key] = newValue.map(Self.wrap) }
    }

    func child(named name: String) -> Any? { values[name] }

    /// A text value as a plain string.
    func text(_ key: String) -> String? { (values[key] as? TemplateText)?.renderText }

    /// A boolean value (false when absent).
    func flag(_ key: String) -> Bool { values[key] as? Bool ?? false }

    func has(_ key: String) -> Bool { values[key] is TemplateContext }

    private static func wrap(_ value: Any) -> Any {
        switch value {
        case let text as String: TemplateText(renderText: text)
        case let number as Int: TemplateText(renderText: String(number))
        case let texts as [String]: texts.map { TemplateText(renderText: $0) }
        case is Bool, is TemplateText, is TemplateContext, is [TemplateContext], is [TemplateText]: value
        default:
            preconditionFailure("a template value must be text, a number, a flag or contexts, not \(type(of: value))")
        }
    }
}
