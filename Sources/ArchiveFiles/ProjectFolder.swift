import ArchiveModel
import Foundation

/// How every stage lists and opens the project's own files (content, notebooks, data, theme):
/// one rule for hidden names, listing failures that are errors rather than empty folders, and no
/// symbolic link that leads out of the folder it was found in.
public enum ProjectFolder {
    /// Names starting with "." (`.gitkeep`, editor swap files, `.DS_Store`) are never content.
    public static func isHidden(_ name: String) -> Bool { name.hasPrefix(".") }

    /// The visible entries of the folder at `path`, in byte order so that every run reads (and
    /// reports) in the same order. A folder that exists but cannot be listed is an error naming
    /// it: read as empty, it would silently unpublish everything it holds.
    public static func visibleEntries(of path: String) throws -> [String] {
        guard let folder = opendir(path) else {
            throw Diagnostic(
                "cannot list the folder: \(String(cString: strerror(errno)))",
                at: SourceLocation(path: path))
        }
        defer { closedir(folder) }
        var names: [String] = []
        errno = 0
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != ".", name != "..", !isHidden(name) { names.append(name) }
        }
        if errno != 0 {
            throw Diagnostic(
                "cannot list the folder: \(String(cString: strerror(errno)))",
                at: SourceLocation(path: path))
        }
        return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// nil when `path` resolves (through any symbolic links) to a place inside `root`; otherwise
    /// why it may not be read. Content is untrusted: a link to `/etc/passwd` or `~/.ssh` would
    /// publish that file.
    public static func escapeProblem(_ path: String, root: String) -> String? {
        guard let resolvedRoot = resolved(root) else { return "cannot resolve the folder '\(root)'" }
        guard let target = resolved(path) else {
            return "cannot resolve the path (a broken symbolic link?)"
        }
        if target == resolvedRoot || target.hasPrefix(resolvedRoot == "/" ? "/" : resolvedRoot + "/") { return nil }
        return "symbolic link leads outside \(root) (to \(target)); only files inside it are read"
    }

    /// The canonical absolute path (symbolic links, `.` and `..` resolved), nil when it does not exist.
    public static func resolved(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }
}
