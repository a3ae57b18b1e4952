import Foundation
import NPY
import XCTest

@testable import LundNet

/// A NaN or infinite weight would change every published number without a word: refused on load.
final class NonFiniteWeightTests: XCTestCase {
    func testNaNOrInfiniteWeightIsRefusedOnLoad() throws {
        let committed = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Content/models/lundnet-w").path
        for bad in [Float.nan, -Float.infinity] {
            let copy = FileManager.default.temporaryDirectory.appendingPathComponent("weights-\(UUID().uuidString)")
                .path
            defer { try? FileManager.default.removeItem(atPath: copy) }
            try FileManager.default.copyItem(atPath: committed, toPath: copy)
            let tensor = try NPY.read(path: copy + "/head1.bias.npy")
            var values = try XCTUnwrap(tensor.floats)
            values[1] = bad
            try NPY.write(try NPYArray(values, shape: tensor.shape), path: copy + "/head1.bias.npy")
            XCTAssertThrowsError(try { _ = try LundNetWeights.load(directory: URL(fileURLWithPath: copy)) }()) {
                error in
                XCTAssertTrue(
                    "\(error)".contains("head1.bias.npy: element 1 is \(bad); only finite numbers are accepted"),
                    "\(error)")
            }
        }
    }
}
