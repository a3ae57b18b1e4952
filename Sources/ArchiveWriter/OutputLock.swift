#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An exclusive lock on the folder that holds the output, held while a site is written: a second
/// build writing the same output waits for the first. While it is held, a temporary folder of this
/// output (`.<name>.tmp-*`, `.<name>.old-*`) can only be a leftover of a build that died.
final class OutputLock {
    private let descriptor: Int32

    /// Locks `parent` (flock on the directory itself: no lock file is left behind), calling
    /// `onWait` once if another process holds the lock.
    init(parent: String, onWait: () -> Void) throws {
        descriptor = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw SiteWriter.error("cannot open '\(parent)' to lock it") }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK else {
                let failure = SiteWriter.error("cannot lock '\(parent)'")
                close(descriptor)
                throw failure
            }
            onWait()
            while flock(descriptor, LOCK_EX) != 0 {
                guard errno == EINTR else {
                    let failure = SiteWriter.error("cannot lock '\(parent)'")
                    close(descriptor)
                    throw failure
                }
            }
        }
    }

    /// Unlocks; called once, when the write is over.
    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
