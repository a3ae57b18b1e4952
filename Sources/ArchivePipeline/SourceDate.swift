import ArchiveIndex
import ArchiveModel
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The date a build is stamped with: `SOURCE_DATE_EPOCH` if set, else the date of the last commit
/// of the repository the user's working directory belongs to, else the date fixed in the workshop
/// file. Never the wall clock, so rebuilds are reproducible.
///
/// Git runs in the working directory, never inside the content folder: content is untrusted, and a
/// `Content/.git` of its own could configure programs for git to run (`gpg.program` with
/// `log.showSignature`, a pager, an fsmonitor hook). Even in the user's own repository git gets a
/// fixed argument list whose `-c` overrides switch every such program off.
public enum SourceDate {
    public static func resolve(
        workingDirectory: String = FileManager.default.currentDirectoryPath,
        fallback: CalendarDay,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> CalendarDay {
        if let text = environment["SOURCE_DATE_EPOCH"], let seconds = Int(text.trimmingCharacters(in: .whitespaces)) {
            return utcDay(seconds)
        }
        if let seconds = lastCommitSeconds(in: workingDirectory, environment: environment) { return utcDay(seconds) }
        return fallback
    }

    /// The UTC calendar day of a Unix time.
    static func utcDay(_ seconds: Int) -> CalendarDay {
        CalendarDay(daysSinceEpoch: Int((Double(seconds) / 86_400).rounded(.down)))
    }

    /// The arguments git is started with: no pager, no signature verification (hence no
    /// `gpg.program`), no fsmonitor, no hooks, no external diff or text conversion.
    static func gitArguments(directory: String) -> [String] {
        [
            "git", "--no-pager", "--no-optional-locks", "-C", directory,
            "-c", "core.pager=cat", "-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null",
            "-c", "log.showSignature=false", "-c", "gpg.program=false", "-c", "gpg.ssh.program=false",
            "-c", "gpg.x509.program=false", "-c", "diff.external=", "-c", "log.mailmap=false",
            "log", "-1", "--no-show-signature", "--no-textconv", "--no-ext-diff", "--format=%ct",
        ]
    }

    /// The environment git is started with: the system configuration off, no prompts, no
    /// repository or configuration chosen by variables other than the user's global file.
    static func gitEnvironment(_ environment: [String: String]) -> [String] {
        var kept: [String: String] = [:]
        for key in ["PATH", "HOME", "XDG_CONFIG_HOME", "LANG", "LC_ALL", "TZ"] { kept[key] = environment[key] }
        kept["GIT_CONFIG_NOSYSTEM"] = "1"
        kept["GIT_TERMINAL_PROMPT"] = "0"
        kept["GIT_PAGER"] = "cat"
        kept["PAGER"] = "cat"
        return kept.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
    }

    /// `git log -1 --format=%ct` in `directory`, started with posix_spawn: Foundation's `Process`
    /// costs tens of milliseconds per launch here, more than the whole warm build budget.
    static func lastCommitSeconds(
        in directory: String,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> Int? {
        var pipe: [Int32] = [0, 0]
        guard Glibc.pipe(&pipe) == 0 else { return nil }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipe[1], 1)
        posix_spawn_file_actions_addclose(&actions, pipe[0])
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var argv: [UnsafeMutablePointer<CChar>?] = gitArguments(directory: directory).map { strdup($0) } + [nil]
        var envp: [UnsafeMutablePointer<CChar>?] = gitEnvironment(environment).map { strdup($0) } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, "git", &actions, nil, &argv, &envp)
        close(pipe[1])
        defer { close(pipe[0]) }
        guard spawned == 0 else { return nil }
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 256)
        while output.count < 4096 {
            let count = read(pipe[0], &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            output += buffer[0..<count]
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        guard status == 0 else { return nil }
        return Int(String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
