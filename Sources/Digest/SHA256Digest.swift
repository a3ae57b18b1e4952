import CLibCrypto
import Foundation

/// SHA-256 from the system's OpenSSL `libcrypto` (Debian `libssl-dev`): a well-kept library that,
/// unlike swift-crypto's bundled BoringSSL, adds nothing to a clean build.
public enum SHA256Digest {
    /// The digest of `bytes` as 64 lower-case hex characters.
    public static func hex<Bytes: ContiguousBytes>(_ bytes: Bytes) -> String {
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let ok = bytes.withUnsafeBytes { raw in
            digest.withUnsafeMutableBufferPointer { out in
                EVP_Digest(raw.baseAddress, raw.count, out.baseAddress, &length, EVP_sha256(), nil)
            }
        }
        // EVP_Digest fails only when OpenSSL cannot allocate its context.
        precondition(ok == 1 && length == 32, "OpenSSL SHA-256 failed")
        return hexString(digest)
    }

    /// The digest of a string's UTF-8 bytes.
    public static func hex(of text: String) -> String {
        hex(Array(text.utf8))
    }

    /// The digest of the file at `path` (memory-mapped where safe).
    public static func hexOfFile(atPath path: String) throws -> String {
        hex(try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe))
    }

    /// The name of the checksum list the trainers write beside a model and the build verifies.
    public static let checksumListName = "SHA256SUMS"

    /// Writes `directory/SHA256SUMS` in the `sha256sum` format (`<hex>  <name>`, names in byte
    /// order) for every visible regular file in `directory` but the list itself.
    public static func writeChecksumList(inDirectory directory: URL) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { name in
            var isFolder: ObjCBool = false
            return !name.hasPrefix(".") && name != checksumListName
                && FileManager.default.fileExists(
                    atPath: directory.appendingPathComponent(name).path, isDirectory: &isFolder)
                && !isFolder.boolValue
        }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var text = ""
        for name in names {
            text += try hexOfFile(atPath: directory.appendingPathComponent(name).path) + "  " + name + "\n"
        }
        try Data(text.utf8).write(to: directory.appendingPathComponent(checksumListName), options: .atomic)
    }

    /// The digests of the files `names` in `directory`, keyed by name: what a model manifest
    /// records to name the data it was trained on.
    public static func filesDigests(_ names: [String], in directory: String) throws -> [String: String] {
        var out: [String: String] = [:]
        for name in names {
            out[name] = try hexOfFile(atPath: URL(fileURLWithPath: directory).appendingPathComponent(name).path)
        }
        return out
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func hexString(_ digest: [UInt8]) -> String {
        var text = [UInt8]()
        text.reserveCapacity(digest.count * 2)
        for byte in digest {
            text.append(hexDigits[Int(byte >> 4)])
            text.append(hexDigits[Int(byte & 15)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
