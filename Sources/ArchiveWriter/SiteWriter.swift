import ArchiveModel
import Dispatch
import ParallelMap

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `write(2)`, named apart from `SiteWriter.write(_:)`.
private func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buffer, count)
}

/// Puts a rendered site on disk, all or nothing.
///
/// 1. Every path is validated first (relative, no empty, `.` or `..` components, no NUL or
///    backslash, no file that is also a directory of another file); any problem throws before
///    anything is written.
/// 2. The site is written into a fresh temporary directory beside the output
///    (`.<name>.tmp-XXXXXX`, same parent, hence same file system), with `O_EXCL | O_NOFOLLOW`
///    so that no existing file or symlink is ever written through; `.gitkeep` is always written.
///    Top-level directories are written in parallel (directory creation dominates the cost).
/// 3. The new tree is swapped into place: an atomic exchange (`renameat2(RENAME_EXCHANGE)`) where
///    the kernel offers it, otherwise rename old away, rename new in; then the old tree is deleted
///    (without following symlinks).
///
/// If the output already holds exactly this site — the same files with the same bytes and modes,
/// no other entry — nothing is written (a rebuild of unchanged content then costs reads, not the
/// file creations and deletions of a new tree).
///
/// A failure at any step removes the temporary directory and leaves the previous output as it was.
/// Errors are thrown as `Diagnostic`s (no source location), so they print like every other error.
public struct SiteWriter: Sendable {
    public let outputDirectory: String

    /// Directories get 0755 and files 0644 whatever the umask (set explicitly after creation): a
    /// site is meant to be read by anyone, and a build under `umask 077` must not change that.
    public static let directoryMode: mode_t = 0o755
    public static let fileMode: mode_t = 0o644

    /// For tests of the all-or-nothing behaviour: fail, as a full disk would, when about to write
    /// the file at this position (in byte order of paths); nil in normal use.
    public var simulatedFailureAtFile: Int? = nil

    public init(outputDirectory: String) {
        self.outputDirectory = outputDirectory
    }

    /// Writes `site` into the output directory; false if the output already held exactly it.
    @discardableResult
    public func write(_ site: RenderedSite) throws -> Bool {
        try Self.validate(Array(site.files.keys))

        var output = outputDirectory
        while output.count > 1 && output.hasSuffix("/") { output.removeLast() }
        guard !output.isEmpty, output != "/", output != ".", output != ".." else {
            throw Diagnostic("refusing to use '\(outputDirectory)' as the output directory", at: nil)
        }
        let (parent, name) = Self.split(output)
        guard name != "." && name != ".." else {
            throw Diagnostic("refusing to use '\(outputDirectory)' as the output directory", at: nil)
        }

        try Self.makeDirectories(parent)
        let lock = try OutputLock(parent: parent) {
            let message = Array("waiting for another build to finish writing '\(output)'…\n".utf8)
            _ = message.withUnsafeBytes { Self.writeToStandardError($0) }
        }
        defer { lock.release() }
        Self.removeLeftovers(parent: parent, name: name)
        var info = stat()
        let exists: Bool
        if lstat(output, &info) == 0 {
            if (info.st_mode & S_IFMT) == S_IFLNK {
                throw Diagnostic("output '\(output)' is a symbolic link; refusing to replace it", at: nil)
            }
            guard (info.st_mode & S_IFMT) == S_IFDIR else {
                throw Diagnostic("output '\(output)' exists and is not a directory", at: nil)
            }
            exists = true
        } else if errno == ENOENT {
            exists = false
        } else {
            throw Self.error("cannot inspect '\(output)'")
        }

        var files = site.files
        if files[".gitkeep"] == nil { files[".gitkeep"] = [] }
        files[OutputGuard.stampName] = OutputGuard.stampContents
        if exists {
            let top = Set(files.keys.map { String($0.split(separator: "/", maxSplits: 1)[0]) })
            try OutputGuard.checkReplaceable(output, siteEntries: top)
        }
        if exists, simulatedFailureAtFile == nil, Self.holds(files, at: output) { return false }

        let temporary = try Self.makeTemporaryDirectory(parent: parent, name: name, kind: "tmp")
        do {
            // mkdtemp makes the directory private (0700); the site is meant to be read by anyone.
            if chmod(temporary, Self.directoryMode) != 0 {
                throw Self.error("cannot set permissions of '\(temporary)'")
            }
            let paths = files.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            let failing = simulatedFailureAtFile.flatMap { $0 < paths.count ? paths[$0] : nil }

            // One group per top-level directory (and one for the files at the top): groups are
            // written in parallel, since creating entries under different parents does not contend
            // for the same directory lock. Paths were validated, so no group writes outside its own.
            var groups: [[String]] = []
            var groupIndex: [Substring: Int] = [:]
            for path in paths {
                let first = path.split(separator: "/", maxSplits: 1).count > 1 ? path.split(separator: "/")[0] : ""
                if let i = groupIndex[first] {
                    groups[i].append(path)
                } else {
                    groupIndex[first] = groups.count
                    groups.append([path])
                }
            }
            // The first failing group (in group order) is reported.
            _ = try parallelMap(groups.count, chunk: 1) { [groups, output, files] g in
                var made = Set<String>()
                for path in groups[g] {
                    if path == failing {
                        throw Diagnostic("cannot write '\(output)/\(path)': simulated failure", at: nil)
                    }
                    var directory = temporary
                    for component in path.split(separator: "/", omittingEmptySubsequences: false).dropLast() {
                        directory += "/" + component
                        if made.insert(directory).inserted {
                            if mkdir(directory, Self.directoryMode) != 0 && errno != EEXIST
                                || chmod(directory, Self.directoryMode) != 0
                            {
                                throw Self.error(
                                    "cannot create directory '\(output)/\(directory.dropFirst(temporary.count + 1))'")
                            }
                        }
                    }
                    try Self.writeFile(temporary + "/" + path, files[path]!, shownAs: output + "/" + path)
                }
            }
            try Self.swap(temporary: temporary, into: output, exists: exists, parent: parent, name: name)
        } catch {
            Self.removeTree(temporary)
            throw error
        }
        return true
    }

    // MARK: Validation

    /// Throws a `DiagnosticList` naming every unusable path.
    static func validate(_ paths: [String]) throws {
        var problems: [Diagnostic] = []
        let sorted = paths.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let set = Set(paths)
        for path in sorted {
            let shown = "'\(path)'"
            if path.isEmpty {
                problems.append(Diagnostic("invalid path '' in rendered site: empty", at: nil))
                continue
            }
            if path.hasPrefix("/") {
                problems.append(Diagnostic("invalid path \(shown) in rendered site: absolute", at: nil))
                continue
            }
            if path.utf8.contains(0) || path.contains("\\") {
                problems.append(
                    Diagnostic("invalid path \(shown) in rendered site: contains NUL or backslash", at: nil))
                continue
            }
            let components = path.split(separator: "/", omittingEmptySubsequences: false)
            if components.contains(where: { $0.isEmpty }) {
                problems.append(Diagnostic("invalid path \(shown) in rendered site: empty component", at: nil))
                continue
            }
            if components.contains(where: { $0 == "." || $0 == ".." }) {
                problems.append(Diagnostic("invalid path \(shown) in rendered site: '.' or '..' component", at: nil))
                continue
            }
            if components.contains(where: { $0.utf8.count > 255 }) {
                problems.append(Diagnostic("invalid path \(shown) in rendered site: component too long", at: nil))
                continue
            }
            var prefix = ""
            for component in components.dropLast() {
                prefix += prefix.isEmpty ? String(component) : "/" + component
                if set.contains(prefix) {
                    problems.append(
                        Diagnostic("invalid path \(shown) in rendered site: '\(prefix)' is also a file", at: nil))
                    break
                }
            }
        }
        if !problems.isEmpty { throw DiagnosticList(problems) }
    }

    // MARK: File system

    static func error(_ message: String) -> Diagnostic {
        Diagnostic("\(message): \(String(cString: strerror(errno)))", at: nil)
    }

    static func split(_ path: String) -> (parent: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let parent = String(path[..<slash])
        return (parent.isEmpty ? "/" : parent, String(path[path.index(after: slash)...]))
    }

    static func makeDirectories(_ path: String) throws {
        var info = stat()
        if stat(path, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFDIR else { throw Diagnostic("'\(path)' is not a directory", at: nil) }
            return
        }
        let (parent, _) = split(path)
        if parent != path { try makeDirectories(parent) }
        if mkdir(path, 0o755) != 0 && errno != EEXIST { throw error("cannot create directory '\(path)'") }
    }

    static func writeToStandardError(_ bytes: UnsafeRawBufferPointer) -> Int {
        #if canImport(Glibc)
            Glibc.write(STDERR_FILENO, bytes.baseAddress, bytes.count)
        #else
            Darwin.write(STDERR_FILENO, bytes.baseAddress, bytes.count)
        #endif
    }

    static func makeTemporaryDirectory(parent: String, name: String, kind: String) throws -> String {
        var template = Array("\(parent)/.\(name).\(kind)-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard made != nil else { throw error("cannot create a temporary directory in '\(parent)'") }
        return String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func writeFile(_ path: String, _ bytes: [UInt8], shownAs: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, fileMode)
        guard fd >= 0 else { throw error("cannot create '\(shownAs)'") }
        if fchmod(fd, fileMode) != 0 {
            let failure = error("cannot set permissions of '\(shownAs)'")
            close(fd)
            throw failure
        }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { posixWrite(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                let failure = error("cannot write '\(shownAs)'")
                close(fd)
                throw failure
            }
            offset += n
        }
        if close(fd) != 0 { throw error("cannot write '\(shownAs)'") }
    }

    /// `renameat2(…, RENAME_EXCHANGE)`, looked up at run time (older C libraries lack it).
    private typealias RenameAt2 =
        @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    private static let renameat2: RenameAt2? = {
        #if os(Linux)
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return nil }
            return unsafeBitCast(symbol, to: RenameAt2.self)
        #else
            return nil
        #endif
    }()

    static func swap(temporary: String, into output: String, exists: Bool, parent: String, name: String) throws {
        guard exists else {
            if rename(temporary, output) != 0 { throw error("cannot move the new site into '\(output)'") }
            return
        }
        // Atomic exchange: at every instant, `output` is either the old site or the new one.
        let renameExchange: UInt32 = 2  // RENAME_EXCHANGE of <linux/fs.h>
        if let renameat2, renameat2(AT_FDCWD, temporary, AT_FDCWD, output, renameExchange) == 0 {
            removeTree(temporary)  // now holds the old site
            return
        }
        // Fallback: move the old tree aside (onto an empty placeholder), move the new one in.
        let old = try makeTemporaryDirectory(parent: parent, name: name, kind: "old")
        if rename(output, old) != 0 {
            let failure = error("cannot move the previous '\(output)' aside")
            rmdir(old)
            throw failure
        }
        if rename(temporary, output) != 0 {
            let failure = error("cannot move the new site into '\(output)'")
            if rename(old, output) != 0 {
                throw Diagnostic("\(failure.message); the previous site is in '\(old)'", at: nil)
            }
            throw failure
        }
        removeTree(old)
    }

    /// Deletes a directory tree without following symbolic links (best effort); the entries at
    /// its top are removed in parallel.
    static func removeTree(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            unlink(path)
            return
        }
        let children = entries(of: path)
        _ = parallelMap(children.count, chunk: 1) { i in removeTreeSequentially(path + "/" + children[i]) }
        rmdir(path)
    }

    static func removeTreeSequentially(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        if (info.st_mode & S_IFMT) != S_IFDIR {
            unlink(path)
            return
        }
        for child in entries(of: path) { removeTreeSequentially(path + "/" + child) }
        rmdir(path)
    }

    /// Removes the temporary folders of builds of this output that died while writing; called
    /// with the output lock held, so no live build owns them.
    static func removeLeftovers(parent: String, name: String) {
        for entry in entries(of: parent) where entry.hasPrefix(".\(name).tmp-") || entry.hasPrefix(".\(name).old-") {
            removeTree(parent + "/" + entry)
        }
    }

    static func entries(of directory: String) -> [String] {
        guard let handle = opendir(directory) else { return [] }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}
