import ArchiveModel
import Digest
import Foundation
import XCTest

@testable import ArchiveNotebooks

/// Data and model files are verified against the checksums committed beside them.
final class InputChecksumTests: XCTestCase {
    var content: String!
    let bytes = Data("1\n2\n3\n4\n".utf8)
    var digest: String { sha256Hex(bytes) }

    override func setUpWithError() throws {
        content = FileManager.default.temporaryDirectory.appendingPathComponent("sums-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: content + "/data/jets", withIntermediateDirectories: true)
        try bytes.write(to: URL(fileURLWithPath: content + "/data/jets/numbers.npy"))
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: content) }

    func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: content + "/data/jets/" + name))
    }

    func problems() -> [String] {
        var checksums = InputChecksums(contentDirectory: content)
        return checksums.problems([("data/jets/numbers.npy", digest), ("data/jets/manifest.json", "m")])
            .map { $0.description.replacingOccurrences(of: content, with: "C") }
    }

    func testMatchingManifestPasses() throws {
        try write("manifest.json", #"{"files": {"numbers.npy": {"sha256": "\#(digest)"}}}"#)
        XCTAssertEqual(problems(), [])
    }

    func testWrongGarbageTruncatedOrMissingManifestFails() throws {
        let wrong = String(repeating: "0", count: 64)
        try write("manifest.json", #"{"files": {"numbers.npy": {"sha256": "\#(wrong)"}}}"#)
        XCTAssertEqual(problems().first?.hasPrefix("C/data/jets/numbers.npy:1:1: error: SHA-256 of the file is"), true)
        try write("manifest.json", #"{"files": {"numbers.npy": {"sha256": "not hex"}}}"#)
        XCTAssertEqual(problems().first?.contains("has no valid 'sha256'"), true, "\(problems())")
        try write("manifest.json", #"{"files": {"numbers.npy": {"sha2"#)
        XCTAssertEqual(
            problems(), ["C/data/jets/manifest.json:1:1: error: manifest is not a JSON object (truncated or damaged?)"])
        try FileManager.default.removeItem(atPath: content + "/data/jets/manifest.json")
        XCTAssertEqual(problems().first?.hasPrefix("C/data/jets/SHA256SUMS:1:1: error: no checksum list"), true)
    }

    func testChecksumListCoversEveryFileIncludingTheManifest() throws {
        try write("manifest.json", "{}")
        try write("SHA256SUMS", "\(digest)  numbers.npy\n")
        XCTAssertEqual(
            problems(),
            [
                "C/data/jets/manifest.json:1:1: error: no checksum for this file in "
                    + "C/data/jets/SHA256SUMS or manifest.json"
            ])
        try write("SHA256SUMS", "\(digest)  numbers.npy\n\(String(repeating: "a", count: 64))  manifest.json\n")
        XCTAssertEqual(problems().count, 1, "the manifest's hash 'm' does not match")
        try write("SHA256SUMS", "\(digest) numbers.npy\n")
        XCTAssertEqual(
            problems(), ["C/data/jets/SHA256SUMS:1:1: error: expected '<64 lower-case hex digits>  <file name>'"])
    }

    func testFilesOutsideDataAndModelsNeedNoList() {
        var checksums = InputChecksums(contentDirectory: content)
        XCTAssertEqual(checksums.problems([("numbers.txt", digest)]), [])
    }

    func testTrainersChecksumListIsWhatSha256sumWrites() throws {
        try write("manifest.json", "{}")
        try SHA256Digest.writeChecksumList(inDirectory: URL(fileURLWithPath: content + "/data/jets"))
        let list = try String(contentsOfFile: content + "/data/jets/SHA256SUMS", encoding: .utf8)
        XCTAssertEqual(list, "\(sha256Hex(Data("{}".utf8)))  manifest.json\n\(digest)  numbers.npy\n")
    }
}
