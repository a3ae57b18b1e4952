import ArchiveModel
import Yams

extension FieldReader {
    /// One entry of a talk's `speakers` or a session's `conveners`: a person id, and the
    /// affiliation given for this appearance when the entry is written
    /// `{person: id, affiliation: "…"}` instead of the plain id.
    struct Appearance {
        var person: Located<String>
        var affiliation: String?
    }

    static let appearanceKeys = ["person", "affiliation"]

    /// The entries of `key`; entries of another shape and people listed twice are reported and
    /// left out.
    func appearances(_ key: String) -> [Appearance] {
        guard let list = value(key), let nodes = sequence(key) else { return [] }
        var result: [Appearance] = []
        var seen: Set<String> = []
        let listLocation = location(ofValue: list, key)
        let aliasedList = listLocation != file.location(list)
        var floor = listLocation
        for node in nodes {
            let written = aliasedList ? listLocation : file.location(node, after: floor)
            floor = max(floor, written)
            var entry: Appearance
            switch node {
            case .scalar(let scalar) where !Self.isNull(node):
                entry = Appearance(person: Located(scalar.string, at: written))
            case .mapping:
                guard
                    let fields = FieldReader(
                        node, entity: "entry of '\(key)'", keys: Self.appearanceKeys, required: ["person"],
                        file: file, diagnostics: diagnostics),
                    let person = fields.scalar("person", expected: "a person id")
                else { continue }
                entry = Appearance(person: person, affiliation: fields.text("affiliation")?.value)
            default:
                diagnostics.error(
                    "expected a person id or {person: id, affiliation: \"…\"} in '\(key)', found "
                        + Self.describe(node), at: written)
                continue
            }
            guard seen.insert(entry.person.value).inserted else {
                diagnostics.error(
                    "'\(Self.printable(entry.person.value))' is listed twice in '\(key)'", at: entry.person.location)
                continue
            }
            result.append(entry)
        }
        return result
    }
}
