import Digest
import Foundation
import Jets
import XCTest

final class SHA256DigestTests: XCTestCase {
    /// FIPS 180-4 examples: "abc", the empty message and the 448-bit two-block message.
    func testKnownVectors() {
        XCTAssertEqual(SHA256Digest.hex(of: "abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256Digest.hex(of: ""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(
            SHA256Digest.hex(of: "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(
            SHA256Digest.hex(Data(repeating: UInt8(ascii: "a"), count: 1_000_000)),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// File digests keyed by name; a missing file throws.
    func testFilesDigests() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("digest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("abc".utf8).write(to: dir.appendingPathComponent("a"))
        try Data().write(to: dir.appendingPathComponent("b"))
        XCTAssertEqual(
            try SHA256Digest.filesDigests(["a", "b"], in: dir.path),
            [
                "a": "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                "b": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            ])
        XCTAssertThrowsError(try SHA256Digest.filesDigests(["missing"], in: dir.path))
    }

    /// The digests equal those Tools/datagen wrote (Python's hashlib) into the committed manifest.
    func testCommittedDatasetManifest() throws {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let dir = repo.appendingPathComponent("Content/data/jets")
        struct Manifest: Decodable {
            struct File: Decodable { var sha256: String }
            var files: [String: File]
        }
        let manifest = try JSONDecoder().decode(
            Manifest.self, from: Data(contentsOf: dir.appendingPathComponent("manifest.json")))
        let names = JetDataset.fileNames(splits: ["train", "val", "test"])
        for (name, digest) in try SHA256Digest.filesDigests(names, in: dir.path) {
            XCTAssertEqual(digest, manifest.files[name]?.sha256, name)
        }
    }
}
