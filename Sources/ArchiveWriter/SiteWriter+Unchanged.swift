import ArchiveModel
import Dispatch
import ParallelMap

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension SiteWriter {
    // MARK: Unchanged output

    /// Whether the directory `root` holds exactly `files`: no other entry (no extra file, empty
    /// directory or symbolic link), each file regular with `fileMode` and these bytes, each
    /// directory with `directoryMode`. Any doubt (an unreadable entry, say) answers false.
    static func holds(_ files: [String: [UInt8]], at root: String) -> Bool {
        var directories: Set<String> = [""]
        for path in files.keys {
            var prefix = ""
            for component in path.split(separator: "/").dropLast() {
                prefix += prefix.isEmpty ? String(component) : "/" + component
                directories.insert(prefix)
            }
        }
        // The tree on disk, entry by entry (lstat: links are not followed).
        var found: [String] = []
        var pending = [""]
        while let relative = pending.popLast() {
            let directory = relative.isEmpty ? root : root + "/" + relative
            var info = stat()
            guard lstat(directory, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR,
                info.st_mode & 0o7777 == directoryMode, directories.contains(relative)
            else { return false }
            for name in entries(of: directory) {
                let path = relative.isEmpty ? name : relative + "/" + name
                guard lstat(root + "/" + path, &info) == 0 else { return false }
                switch info.st_mode & S_IFMT {
                case S_IFDIR: pending.append(path)
                case S_IFREG:
                    guard info.st_mode & 0o7777 == fileMode, let bytes = files[path], Int(info.st_size) == bytes.count
                    else {
                        return false
                    }
                    found.append(path)
                default: return false
                }
            }
        }
        guard found.count == files.count else { return false }
        // Contents, in parallel.
        return parallelMap(found.count) { [found] i in Self.fileHolds(root + "/" + found[i], files[found[i]]!) }
            .allSatisfy { $0 }
    }

    /// Whether the regular file at `path` holds exactly `bytes`.
    static func fileHolds(_ path: String, _ bytes: [UInt8]) -> Bool {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: bytes.count + 1)
        var total = 0
        while total < buffer.count {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress! + total, $0.count - total) }
            if n < 0 {
                if errno == EINTR { continue }
                return false
            }
            if n == 0 { break }
            total += n
        }
        return total == bytes.count && buffer[..<total].elementsEqual(bytes)
    }
}
