import ArchiveModel
import Foundation

/// The checksums committed beside data and models, against which every kernel input under
/// `data/` and `models/` is verified before a cell may use it. A folder lists them either in
/// `SHA256SUMS` (the `sha256sum` format, which the trainers write) or in the `files` of its
/// `manifest.json` (`{"files": {"<name>": {"sha256": "<hex>"}}}`, the jet sample's format).
struct InputChecksums {
    static let checkedFolders = ["data", "models"]
    static let listName = "SHA256SUMS"

    /// A folder's checksums by file name; a list read from manifest.json cannot hold its own.
    struct List {
        var sums: [String: String]
        var isManifest = false
    }

    let contentDirectory: String
    /// Each folder's list, read once per build however many cells use the folder.
    private var lists: [String: Result<List, Diagnostic>] = [:]

    init(contentDirectory: String) { self.contentDirectory = contentDirectory }

    /// Problems with `inputs` (content-relative paths with the SHA-256 just computed): a file
    /// whose hash differs from its folder's list, a folder without a list, or a list that cannot
    /// be read. Each names the file to look at.
    mutating func problems(_ inputs: [(path: String, sha256: String)]) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for input in inputs {
            guard let top = input.path.split(separator: "/").first, Self.checkedFolders.contains(String(top)) else {
                continue
            }
            let folder = (input.path as NSString).deletingLastPathComponent
            let name = (input.path as NSString).lastPathComponent
            let list = lists[folder] ?? Self.load(folder: folder, contentDirectory: contentDirectory)
            lists[folder] = list
            let shown = contentDirectory + "/" + input.path
            switch list {
            case .failure(let problem):
                if !problems.contains(problem) { problems.append(problem) }
            case .success(let expected):
                if let sha256 = expected.sums[name] {
                    if sha256 != input.sha256 {
                        problems.append(
                            Diagnostic(
                                "SHA-256 of the file is \(input.sha256), but its folder's checksum "
                                    + "list records \(sha256): the file was changed or damaged",
                                at: SourceLocation(path: shown)))
                    }
                } else if !(name == "manifest.json" && expected.isManifest) {
                    problems.append(
                        Diagnostic(
                            "no checksum for this file in \(contentDirectory)/\(folder)/"
                                + "\(Self.listName) or manifest.json", at: SourceLocation(path: shown)))
                }
            }
        }
        return problems
    }

    private static func load(folder: String, contentDirectory: String) -> Result<List, Diagnostic> {
        let base = contentDirectory + "/" + folder + "/"
        if let data = FileManager.default.contents(atPath: base + listName) {
            return parseList(data, path: base + listName)
        }
        guard let data = FileManager.default.contents(atPath: base + "manifest.json") else {
            return .failure(
                Diagnostic(
                    "no checksum list: a folder of data or models needs \(listName) (as "
                        + "`sha256sum` writes it) or a manifest.json with the files' sha256",
                    at: SourceLocation(path: base + listName)))
        }
        return parseManifest(data, path: base + "manifest.json")
    }

    /// `<64 hex>  <name>` per line (`*<name>` in binary mode); names are plain file names.
    static func parseList(_ data: Data, path: String) -> Result<List, Diagnostic> {
        var sums: [String: String] = [:]
        let text = String(decoding: data, as: UTF8.self)
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where !line.isEmpty {
            let hash = line.prefix(64)
            let rest = line.dropFirst(64)
            guard hash.count == 64, hash.allSatisfy({ $0.isHexDigit && !$0.isUppercase }),
                rest.hasPrefix("  ") || rest.hasPrefix(" *"), !rest.dropFirst(2).isEmpty,
                !rest.dropFirst(2).contains("/")
            else {
                return .failure(
                    Diagnostic(
                        "expected '<64 lower-case hex digits>  <file name>'",
                        at: SourceLocation(path: path, line: offset + 1, column: 1)))
            }
            sums[String(rest.dropFirst(2))] = String(hash)
        }
        if sums.isEmpty { return .failure(Diagnostic("the checksum list is empty", at: SourceLocation(path: path))) }
        return .success(List(sums: sums))
    }

    static func parseManifest(_ data: Data, path: String) -> Result<List, Diagnostic> {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            return .failure(
                Diagnostic("manifest is not a JSON object (truncated or damaged?)", at: SourceLocation(path: path)))
        }
        guard let files = object["files"] as? [String: Any], !files.isEmpty else {
            return .failure(
                Diagnostic(
                    "manifest has no 'files' with checksums; add \(listName) beside it",
                    at: SourceLocation(path: path)))
        }
        var sums: [String: String] = [:]
        for (name, entry) in files {
            guard let sha256 = (entry as? [String: Any])?["sha256"] as? String, sha256.count == 64,
                sha256.allSatisfy({ $0.isHexDigit && !$0.isUppercase })
            else {
                return .failure(
                    Diagnostic(
                        "manifest entry '\(name)' has no valid 'sha256' (64 lower-case hex digits)",
                        at: SourceLocation(path: path)))
            }
            sums[name] = sha256
        }
        return .success(List(sums: sums, isManifest: true))
    }
}
