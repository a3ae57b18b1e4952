import ArchiveIndex
import ArchiveModel
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The date a build is stamped with: `SOURCE_DATE_EPOCH` if set, else the last commit's date,
/// else the date fixed in the workshop file. Never the wall clock, so rebuilds are reproducible.
public enum SourceDate {
    public static func resolve(contentDirectory: String, fallback: CalendarDay,
                               environment: [String: String] = ProcessInfo.processInfo.environment) -> CalendarDay {
        if let text = environment["SOURCE_DATE_EPOCH"], let seconds = Int(text.trimmingCharacters(in: .whitespaces)) {
            return utcDay(seconds)
        }
        if let seconds = lastCommitSeconds(in: contentDirectory) { return utcDay(seconds) }
        return fallback
    }

    /// The UTC calendar day of a Unix time.
    static func utcDay(_ seconds: Int) -> CalendarDay {
        CalendarDay(daysSinceEpoch: Int((Double(seconds) / 86_400).rounded(.down)))
    }

    /// `git log -1 --format=%ct` in the content folder, started with posix_spawn: Foundation's
    /// `Process` costs tens of milliseconds per launch here, more than the whole warm build budget.
    static func lastCommitSeconds(in directory: String) -> Int? {
        var pipe: [Int32] = [0, 0]
        guard Glibc.pipe(&pipe) == 0 else { return nil }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipe[1], 1)
        posix_spawn_file_actions_addclose(&actions, pipe[0])
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let arguments = ["git", "-C", directory, "log", "-1", "--format=%ct"]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, "git", &actions, nil, &argv, environ)
        close(pipe[1])
        defer { close(pipe[0]) }
        guard spawned == 0 else { return nil }
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 256)
        while true {
            let count = read(pipe[0], &buffer, buffer.count)
            if count <= 0 { break }
            output += buffer[0..<count]
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        guard status == 0 else { return nil }
        return Int(String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
