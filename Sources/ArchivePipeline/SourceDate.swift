import ArchiveIndex
import ArchiveModel
import Foundation

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

    private static func lastCommitSeconds(in directory: String) -> Int? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory, "log", "-1", "--format=%ct"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return Int(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
