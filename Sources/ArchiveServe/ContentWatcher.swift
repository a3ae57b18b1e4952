import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Watches folders (and every folder below them) with inotify and calls back once per burst of
/// changes: an editor's save is often several events (a temporary file, a rename, attributes).
final class ContentWatcher: Sendable {
    private let roots: [String]
    private let descriptor: Int32
    /// How long the folders must stay quiet before a burst counts as finished.
    static let quietMilliseconds: Int32 = 40

    init(roots: [String]) throws {
        self.roots = roots
        descriptor = inotify_init1(Int32(IN_CLOEXEC))
        guard descriptor >= 0 else { throw WatchError.unavailable(String(cString: strerror(errno))) }
        addWatches()
    }

    enum WatchError: Error, CustomStringConvertible {
        case unavailable(String)
        var description: String {
            switch self {
            case .unavailable(let reason): return "cannot watch the content for changes (inotify: \(reason))"
            }
        }
    }

    private static let mask: UInt32 =
        UInt32(IN_MODIFY) | UInt32(IN_CLOSE_WRITE) | UInt32(IN_CREATE) | UInt32(IN_DELETE) | UInt32(IN_MOVED_FROM)
        | UInt32(IN_MOVED_TO) | UInt32(IN_ATTRIB) | UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF)

    /// Watches every folder under the roots; a folder already watched keeps its watch, so this is
    /// run again after each burst to pick up folders created meanwhile.
    private func addWatches() {
        for root in roots {
            _ = inotify_add_watch(descriptor, root, Self.mask)
            guard let walker = FileManager.default.enumerator(atPath: root) else { continue }
            while let relative = walker.nextObject() as? String {
                let path = root + "/" + relative
                var isFolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
                    _ = inotify_add_watch(descriptor, path, Self.mask)
                }
            }
        }
    }

    /// Blocks the calling thread, calling `changed` after each burst, until `stop` returns true.
    func run(stop: @escaping @Sendable () -> Bool, changed: @Sendable () -> Void) {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while !stop() {
            guard wait(milliseconds: 250) else { continue }
            drain(&buffer)
            // The rest of the burst.
            while wait(milliseconds: Self.quietMilliseconds) { drain(&buffer) }
            addWatches()
            changed()
        }
    }

    private func wait(milliseconds: Int32) -> Bool {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, milliseconds) > 0
    }

    private func drain(_ buffer: inout [UInt8]) {
        _ = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
    }

    deinit { close(descriptor) }
}
