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
    private(set) var ledger: [String: LedgerEntry]
    private var inputHashes: [String: InputStamp]
    private var inputHashesChanged = false
    private var ledgerChanged = false

    /// What identifies a file's content without reading it: if size and mtime match, the hash does.
    struct InputStamp: Codable, Equatable {
        var size: UInt64
        var modified: Double
        var sha256: String
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

    func remember(_ entry: LedgerEntry, for cell: String) {
        lock.lock(); defer { lock.unlock() }
        if ledger[cell] != entry {
            ledger[cell] = entry
            ledgerChanged = true
        }
    }

    /// SHA-256 of a content file, read only when its size or modification time changed.
    func hashInput(_ url: URL, key: String) throws -> String {
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        let size = (attributes[.size] as? NSNumber)?.uint64Value ?? 0
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        lock.lock()
        if let stamp = inputHashes[key], stamp.size == size, stamp.modified == modified {
            lock.unlock()
            return stamp.sha256
        }
        lock.unlock()
        let hash = sha256Hex(try Data(contentsOf: url, options: .mappedIfSafe))
        lock.lock(); defer { lock.unlock() }
        inputHashes[key] = InputStamp(size: size, modified: modified, sha256: hash)
        inputHashesChanged = true
        return hash
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
