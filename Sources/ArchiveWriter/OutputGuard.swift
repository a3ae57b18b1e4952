import ArchiveModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Decides whether a folder may be replaced by a site: the write swaps the whole output folder,
/// so a wrong `--output` (the project, the content, the theme, the cache) would delete it.
public enum OutputGuard {
    /// The file every site of this tool carries, so that a later build knows the folder is its own.
    public static let stampName = ".workshop-archive"
    public static let stampContents = Array(
        "This folder is a site written by Workshop Archive; every build replaces it as a whole.\n".utf8)

    /// Throws unless `output` is apart from every protected folder: not the same folder, not
    /// inside one and not containing one. Paths are compared after resolving symbolic links and
    /// `..`, so `../<project>` or a link to `Content` are caught like the plain names.
    public static func checkLocation(output: String, protected folders: [(role: String, path: String)]) throws {
        let resolvedOutput = canonicalPath(output)
        if resolvedOutput == "/" {
            throw Diagnostic(
                "refusing to use '\(output)' as the output folder: it is the root of the file system", at: nil)
        }
        var problems: [Diagnostic] = []
        for (role, path) in folders {
            let resolved = canonicalPath(path)
            let reason: String
            if resolved == resolvedOutput {
                reason = "it is the \(role) folder"
            } else if isInside(resolved, resolvedOutput) {
                reason = "it contains the \(role) folder '\(path)'"
            } else if isInside(resolvedOutput, resolved) {
                reason = "it lies inside the \(role) folder '\(path)'"
            } else {
                continue
            }
            problems.append(
                Diagnostic(
                    "refusing to use '\(output)' as the output folder: \(reason), and every build replaces the "
                        + "output folder as a whole", at: nil))
        }
        if !problems.isEmpty { throw DiagnosticList(problems) }
    }

    /// Throws unless the existing folder `output` may be replaced by a site whose top-level entries
    /// are `siteEntries`: it is empty (but for `.gitkeep`), carries the stamp, or holds a site of
    /// this tool's layout written before sites were stamped (an `index.html` and nothing the new
    /// site lacks at its top).
    static func checkReplaceable(_ output: String, siteEntries: Set<String>) throws {
        let entries = try listing(of: output).filter { $0 != ".gitkeep" }
        if entries.isEmpty || entries.contains(stampName) { return }
        if entries.contains("index.html") && entries.allSatisfy(siteEntries.contains) { return }
        let shown = entries.sorted().prefix(3).map { "'\($0)'" }.joined(separator: ", ")
        throw Diagnostic(
            "refusing to replace '\(output)': it holds files that are not a site of this tool (\(shown)"
                + (entries.count > 3 ? ", …" : "") + ") and no '\(stampName)' stamp; move them away or "
                + "choose another --output", at: nil)
    }

    /// The names in a directory, or an error naming it.
    static func listing(of directory: String) throws -> [String] {
        guard let handle = opendir(directory) else {
            throw Diagnostic("cannot read the folder '\(directory)': \(String(cString: strerror(errno)))", at: nil)
        }
        defer { closedir(handle) }
        var names: [String] = []
        errno = 0
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        if errno != 0 {
            throw Diagnostic("cannot read the folder '\(directory)': \(String(cString: strerror(errno)))", at: nil)
        }
        return names
    }

    /// Whether `inner` is a strict descendant of `outer` (both canonical).
    static func isInside(_ inner: String, _ outer: String) -> Bool {
        outer == "/" ? inner != "/" : inner.hasPrefix(outer + "/")
    }

    /// The absolute path with symbolic links and `.`/`..` resolved, for paths that need not exist:
    /// the longest existing prefix goes through `realpath`, the rest is normalised by name.
    static func canonicalPath(_ path: String) -> String {
        var absolute = path
        if !absolute.hasPrefix("/") {
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let cwd = getcwd(&buffer, buffer.count).map { String(cString: $0) } ?? "/"
            absolute = cwd + "/" + path
        }
        var resolved = "/"
        var existing = true
        for component in absolute.split(separator: "/") where component != "." {
            if component == ".." {
                if let slash = resolved.lastIndex(of: "/") {
                    resolved = slash == resolved.startIndex ? "/" : String(resolved[..<slash])
                }
                continue
            }
            let next = resolved == "/" ? "/" + component : resolved + "/" + component
            if existing, let real = realpath(next, nil) {
                resolved = String(cString: real)
                free(real)
            } else {
                existing = false
                resolved = next
            }
        }
        return resolved
    }
}
