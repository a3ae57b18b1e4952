import Foundation

/// Problems of an import, each at the JSON path where the export has it:
/// `EVENT.json: results[0].sessions[3].contributions[2].startDate: error: …`.
public struct ImportProblem: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var path: String
    public var message: String

    public var description: String {
        (path.isEmpty ? "\(file): " : "\(file): \(path): ") + "error: " + message
    }
}

/// Every problem of one run.
public struct ImportProblems: Error, Sendable, CustomStringConvertible {
    public var problems: [ImportProblem]
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

/// Collects problems while an export is read; the reader goes on after each, so that one run
/// reports them all.
final class ProblemList {
    private(set) var problems: [ImportProblem] = []

    func add(_ file: String, _ path: String, _ message: String) {
        problems.append(ImportProblem(file: file, path: path, message: message))
    }
}

/// A value of the export's JSON (as JSONSerialization reads it) and where it is, so that each
/// accessor can report a missing key or a wrong type at its path. Hand-written on purpose: a
/// `Decodable` model stops at the first mistake, and an export's mistakes are wanted all at once.
struct JSONNode {
    let value: Any?
    let path: String
    let file: String
    let problems: ProblemList

    static func parse(_ data: Data, file: String, problems: ProblemList) -> JSONNode? {
        do {
            let value = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return JSONNode(value: value, path: "", file: file, problems: problems)
        } catch {
            problems.add(file, "", "not valid JSON (\((error as NSError).localizedDescription))")
            return nil
        }
    }

    /// Absent, or JSON `null`.
    var isNull: Bool { value == nil || value is NSNull }

    subscript(key: String) -> JSONNode {
        let child = (value as? [String: Any])?[key]
        return JSONNode(value: child, path: path.isEmpty ? key : path + "." + key, file: file, problems: problems)
    }

    func fail(_ message: String) {
        problems.add(file, path, message)
    }

    private var kind: String {
        switch value {
        case nil: return "nothing"
        case is NSNull: return "null"
        case is String: return "text"
        case is [Any]: return "a list"
        case is [String: Any]: return "an object"
        default: return "a number or boolean"
        }
    }

    /// The items of a list; a missing or null list is empty unless `required`.
    func array(required: Bool = false) -> [JSONNode] {
        if isNull {
            if required { fail("missing list") }
            return []
        }
        guard let items = value as? [Any] else {
            fail("expected a list, found \(kind)")
            return []
        }
        return items.enumerated().map { index, item in
            JSONNode(value: item, path: "\(path)[\(index)]", file: file, problems: problems)
        }
    }

    /// The keys of an object, in byte order.
    var keys: [String] { ((value as? [String: Any])?.keys).map { $0.sorted() } ?? [] }

    var isObject: Bool { value is [String: Any] }

    func object(required: Bool = true) -> JSONNode? {
        if isNull {
            if required { fail("missing object") }
            return nil
        }
        guard isObject else {
            fail("expected an object, found \(kind)")
            return nil
        }
        return self
    }

    /// Text; numbers are accepted where Indico writes ids either way (`"id": "137346"` or `137346`).
    func string(required: Bool = true, numbersAllowed: Bool = false) -> String? {
        if isNull {
            if required { fail("missing value") }
            return nil
        }
        if let text = value as? String { return text }
        // Foundation on Linux bridges 0 and 1 to Bool as well, so integers are tried first.
        if numbersAllowed, let number = value as? Int { return String(number) }
        fail("expected text, found \(kind)")
        return nil
    }

    /// Text that may be absent, null or empty: nil for all three.
    var optionalText: String? {
        guard let text = string(required: false), !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        else { return nil }
        return text
    }

    func integer(required: Bool = true) -> Int? {
        if isNull {
            if required { fail("missing number") }
            return nil
        }
        if let number = value as? Int { return number }
        if let number = value as? Double, let exact = Int(exactly: number) { return exact }
        if let text = value as? String, let number = Int(text) { return number }
        fail("expected a whole number, found \(kind)")
        return nil
    }

    var bool: Bool? { value as? Bool }
}
