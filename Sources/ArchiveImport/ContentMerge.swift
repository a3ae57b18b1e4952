import Foundation

/// What `Content/` holds before an import: the files (as key blocks), the ids taken, and the
/// manifest of what the previous import wrote.
struct ExistingContent {
    var files: [String: (parsed: ContentFile, text: String)] = [:]
    var idsBySource: [String: String] = [:]
    var takenIDs: Set<String> = []
    /// Relative path → key → the block the previous import wrote (the body under `bodyKey`).
    var manifest: [String: [String: String]] = [:]

    static let bodyKey = "(body)"

    init(directory: String) {
        let fileManager = FileManager.default
        var paths = ["workshop.md"]
        for folder in ["sessions", "talks", "people"] {
            let names = (try? fileManager.contentsOfDirectory(atPath: directory + "/" + folder)) ?? []
            paths += names.filter { $0.hasSuffix(".md") && !$0.hasPrefix(".") }.sorted().map { folder + "/" + $0 }
        }
        for path in paths {
            guard let data = fileManager.contents(atPath: directory + "/" + path) else { continue }
            let text = String(decoding: data, as: UTF8.self)
            guard let parsed = ContentFile.parse(text, path: path) else { continue }
            files[path] = (parsed, text)
            let folder = String(path.split(separator: "/").first ?? "")
            let id = String(path.split(separator: "/").last?.dropLast(3) ?? "")
            takenIDs.insert(folder + "/" + id)
            if let block = parsed.block("source") { idsBySource[folder + "|" + Self.value(of: block)] = id }
        }
        if let data = fileManager.contents(atPath: directory + "/" + IndicoImport.manifestName),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let files = object["files"] as? [String: [String: String]]
        {
            manifest = files
        }
    }

    /// The text of a one-line `key: value` block, unquoted.
    static func value(of block: String) -> String {
        let raw = block.drop { $0 != ":" }.dropFirst().trimmingCharacters(in: .whitespaces)
        if raw.hasPrefix("\""), let data = raw.data(using: .utf8),
            let text = try? JSONDecoder().decode(String.self, from: data)
        {
            return text
        }
        return raw
    }
}

/// A three-way merge per key (and of the body) of what the export says now, what the previous
/// import wrote (the manifest) and what the file holds: the export wins where the file still has
/// what the import wrote, a hand edit wins where the export did not change, and where both changed
/// the hand edit is kept and the conflict reported. Keys the export never wrote (tracks added by
/// hand, aliases, notes) are kept.
struct ContentMerge {
    let existing: ExistingContent
    var changes: [(path: String, text: String, isNew: Bool)] = []
    var conflicts: [String] = []
    var manifest: [String: [String: String]] = [:]

    init(existing: ExistingContent) {
        self.existing = existing
    }

    mutating func add(_ planned: ContentFile) {
        var record = Dictionary(planned.keys.map { ($0.name, $0.block) }, uniquingKeysWith: { first, _ in first })
        if let body = planned.body { record[ExistingContent.bodyKey] = body }
        manifest[planned.path] = record
        guard let current = existing.files[planned.path] else {
            changes.append((planned.path, planned.text, true))
            return
        }
        let base = existing.manifest[planned.path]
        var merged = ContentFile(path: planned.path, keys: [], body: nil)
        for key in planned.keys {
            if let block = pick(
                planned.path, key.name, new: key.block, base: base?[key.name], current: current.parsed.block(key.name))
            {
                merged.keys.append((key.name, block))
            }
        }
        for key in current.parsed.keys where !planned.keys.contains(where: { $0.name == key.name }) {
            if let block = pick(planned.path, key.name, new: nil, base: base?[key.name], current: key.block) {
                merged.keys.append((key.name, block))
            }
        }
        merged.body = pick(
            planned.path, "the body", new: planned.body, base: base?[ExistingContent.bodyKey],
            current: current.parsed.body)
        if merged.text != current.text { changes.append((planned.path, merged.text, false)) }
    }

    /// The block to keep for one key; nil to leave the key out.
    private mutating func pick(_ path: String, _ name: String, new: String?, base: String?, current: String?) -> String?
    {
        if current == base || current == new { return new }
        if new == base { return current }
        conflicts.append(
            "\(path): '\(name)' was edited here and changed in the export; kept this file's "
                + (new.map { "(the export now has: \(Self.shown($0)))" } ?? "(the export no longer has it)"))
        return current
    }

    private static func shown(_ block: String) -> String {
        let line = block.split(separator: "\n").first.map(String.init) ?? ""
        return line.count > 100 ? String(line.prefix(100)) + "…" : line
    }
}
