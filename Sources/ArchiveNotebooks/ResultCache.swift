import ArchiveModel
import Digest
import Foundation

/// SHA-256 as lower-case hex.
public func sha256Hex(_ data: Data) -> String {
    SHA256Digest.hex(data)
}

/// What the cache remembers about the last run of one cell position, to explain the next miss.
struct LedgerEntry: Codable, Equatable {
    var kernel: String
    var version: String
    var parameters: String
    var seed: UInt64
    var inputs: [String: String]
}

/// Results stored under content addresses in `.archive-cache/`. Every entry carries the SHA-256 and
/// length of its payload; an entry that does not match them is reported corrupt and recomputed.
// @unchecked: every mutable property is read and written under `lock`.
final class ResultCache: @unchecked Sendable {
    enum Lookup {
        case hit(KernelOutput)
        case missing
        case corrupt
    }

    private let results: URL
    private let ledgerURL: URL
    private let inputsURL: URL
    private let lock = NSLock()
    private var ledger: [String: LedgerEntry]
    private var inputHashes: [String: InputStamp]
    private var inputHashesChanged = false
    private var ledgerChanged = false

    /// What was known of an input file when it was last hashed. The hash is reused only while every
    /// field still matches: size and mtime alone can be kept by a replacement, but not the inode
    /// change time, which no user program can set.
    struct InputStamp: Codable, Equatable {
        var size: UInt64
        var modifiedNanoseconds: Int64
        var changedNanoseconds: Int64
        var inode: UInt64
        var device: UInt64
        /// When the stamp was taken (the file's clock, nanoseconds since 1970).
        var hashedAtNanoseconds: Int64
        var sha256: String
    }

    /// Timestamps closer than this to the moment of hashing do not prove anything: the file may
    /// have been written again within the same tick of a coarse file-system clock ("racy" in git's
    /// words), so it is hashed again.
    static let racyWindowNanoseconds: Int64 = 2_000_000_000

    /// Whether a stamp taken earlier still vouches for the file as it is now.
    static func isTrusted(_ stamp: InputStamp, now current: InputStamp) -> Bool {
        stamp.size == current.size && stamp.modifiedNanoseconds == current.modifiedNanoseconds
            && stamp.changedNanoseconds == current.changedNanoseconds && stamp.inode == current.inode
            && stamp.device == current.device
            && max(stamp.modifiedNanoseconds, stamp.changedNanoseconds) < stamp.hashedAtNanoseconds
                - racyWindowNanoseconds
    }

    /// The file's stamp (without a hash) from `stat(2)`.
    static func stamp(of path: String, at now: Int64) throws -> InputStamp {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path])
        }
        func nanoseconds(_ time: timespec) -> Int64 { Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec) }
        return InputStamp(
            size: UInt64(info.st_size), modifiedNanoseconds: nanoseconds(info.st_mtim),
            changedNanoseconds: nanoseconds(info.st_ctim), inode: UInt64(info.st_ino),
            device: UInt64(info.st_dev), hashedAtNanoseconds: now, sha256: "")
    }

    static func currentTimeNanoseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }

    init(directory: URL) {
        results = directory.appendingPathComponent("results")
        ledgerURL = directory.appendingPathComponent("ledger.json")
        inputsURL = directory.appendingPathComponent("inputs.json")
        ledger = (try? JSONDecoder().decode([String: LedgerEntry].self, from: Data(contentsOf: ledgerURL))) ?? [:]
        inputHashes = (try? JSONDecoder().decode([String: InputStamp].self, from: Data(contentsOf: inputsURL))) ?? [:]
    }

    func lookup(_ address: String) -> Lookup {
        guard let data = try? Data(contentsOf: entryURL(address)) else { return .missing }
        guard let newline = data.firstIndex(of: UInt8(ascii: "\n")) else { return .corrupt }
        let header = String(decoding: data[data.startIndex..<newline], as: UTF8.self).split(separator: " ")
        let payload = data[(newline + 1)...]
        guard header.count == 4, header[0] == "archive-cache", header[1] == "1",
            header[3] == Substring(String(payload.count)),
            header[2] == Substring(sha256Hex(Data(payload))),
            let output = try? JSONDecoder().decode(KernelOutput.self, from: Data(payload))
        else { return .corrupt }
        return .hit(output)
    }

    func store(_ output: KernelOutput, at address: String) throws {
        let payload = try Self.encoder.encode(output)
        var data = Data("archive-cache 1 \(sha256Hex(payload)) \(payload.count)\n".utf8)
        data.append(payload)
        try FileManager.default.createDirectory(at: results, withIntermediateDirectories: true)
        try data.write(to: entryURL(address), options: .atomic)
    }

    /// Makes sure results can be stored before any cell runs, so that an unusable cache folder
    /// is one error naming it rather than one per cell after minutes of work.
    func prepareForWriting() throws {
        // POSIX calls rather than FileManager: their errno names the reason in words.
        var prefix = results.path.hasPrefix("/") ? "" : "."
        for component in results.path.split(separator: "/") {
            prefix += "/" + component
            if mkdir(prefix, 0o755) != 0, errno != EEXIST { throw cacheProblem(String(cString: strerror(errno))) }
        }
        let probe = results.appendingPathComponent(".write-test-\(getpid())").path
        let descriptor = open(probe, O_CREAT | O_WRONLY | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw cacheProblem(String(cString: strerror(errno))) }
        close(descriptor)
        unlink(probe)
    }

    private func cacheProblem(_ reason: String) -> Diagnostic {
        Diagnostic(
            "cannot use the notebook cache folder: \(reason)",
            at: SourceLocation(path: results.deletingLastPathComponent().path))
    }

    func remember(_ entry: LedgerEntry, for cell: String) {
        lock.lock()
        defer { lock.unlock() }
        if ledger[cell] != entry {
            ledger[cell] = entry
            ledgerChanged = true
        }
    }

    /// SHA-256 of a content file, read again unless its stamp is trusted (`isTrusted`).
    func hashInput(_ url: URL, key: String) throws -> String {
        var current = try Self.stamp(of: url.path, at: Self.currentTimeNanoseconds())
        lock.lock()
        if let stamp = inputHashes[key], Self.isTrusted(stamp, now: current) {
            lock.unlock()
            return stamp.sha256
        }
        lock.unlock()
        current.sha256 = sha256Hex(try Data(contentsOf: url, options: .mappedIfSafe))
        lock.lock()
        defer { lock.unlock() }
        inputHashes[key] = current
        inputHashesChanged = true
        return current.sha256
    }

    /// What the ledger says the cell `key` last ran with.
    func ledgerEntry(for key: String) -> LedgerEntry? {
        lock.lock()
        defer { lock.unlock() }
        return ledger[key]
    }

    /// Writes the ledger and the input stamps; the results were written as they were computed.
    func save() throws {
        try FileManager.default.createDirectory(at: results, withIntermediateDirectories: true)
        if ledgerChanged { try Self.encoder.encode(ledger).write(to: ledgerURL, options: .atomic) }
        if inputHashesChanged { try Self.encoder.encode(inputHashes).write(to: inputsURL, options: .atomic) }
    }

    private func entryURL(_ address: String) -> URL { results.appendingPathComponent(address + ".json") }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()
}
