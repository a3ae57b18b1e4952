import CLibCrypto

/// Name-based UUIDs, version 5 (RFC 9562, 5.5: SHA-1 of the namespace and the name): identifiers
/// that never change for the same name, for feed entries and schedule events.
public enum NameBasedUUID {
    /// The RFC's DNS namespace, 6ba7b810-9dad-11d1-80b4-00c04fd430c8.
    public static let dnsNamespace: [UInt8] = [
        0x6B, 0xA7, 0xB8, 0x10, 0x9D, 0xAD, 0x11, 0xD1, 0x80, 0xB4, 0x00, 0xC0, 0x4F, 0xD4, 0x30, 0xC8,
    ]

    /// `886313e1-3b8a-5372-9b90-0c9aee199e5d` for "python.org" in the DNS namespace.
    public static func v5(namespace: [UInt8], name: String) -> String {
        precondition(namespace.count == 16, "a UUID namespace is 16 bytes")
        let input = namespace + Array(name.utf8)
        var digest = [UInt8](repeating: 0, count: 20)
        var length: UInt32 = 0
        let ok = input.withUnsafeBytes { raw in
            digest.withUnsafeMutableBufferPointer { out in
                EVP_Digest(raw.baseAddress, raw.count, out.baseAddress, &length, EVP_sha1(), nil)
            }
        }
        precondition(ok == 1 && length == 20, "OpenSSL SHA-1 failed")
        var bytes = Array(digest.prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50  // version 5
        bytes[8] = (bytes[8] & 0x3F) | 0x80  // RFC variant
        let hex = bytes.map { byte in
            String(byte, radix: 16).count == 1 ? "0" + String(byte, radix: 16) : String(byte, radix: 16)
        }
        return [hex[0..<4], hex[4..<6], hex[6..<8], hex[8..<10], hex[10..<16]].map { $0.joined() }.joined(
            separator: "-")
    }
}
