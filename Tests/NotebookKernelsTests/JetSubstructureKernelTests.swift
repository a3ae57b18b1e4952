import ArchiveModel
import ArchiveNotebooks
import Foundation
import Jets
import XCTest

@testable import NotebookKernels

/// The substructure kernel on a small sample written for the test: physics-free checks that the
/// tables count and order what they claim to.
final class JetSubstructureKernelTests: XCTestCase {
    func testTablesOnATinyDataset() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("jsk-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let jetsFolder = root.appendingPathComponent("data/jets")
        try FileManager.default.createDirectory(at: jetsFolder, withIntermediateDirectories: true)
        // Two-prong "W" jets (two hard particles 0.3 apart) and one-prong "g" jets (one hard, four soft).
        var constituents: [Float] = []
        var offsets = [0]
        var labels: [Int] = []
        func add(_ particles: [(Double, Double, Double)], label: Int) {
            for (pt, eta, phi) in particles {
                let p = PseudoJet.fromPtYPhiM(pt: pt, y: eta, phi: phi)
                constituents += [Float(p.px), Float(p.py), Float(p.pz), Float(p.E)]
            }
            offsets.append(offsets.last! + particles.count)
            labels.append(label)
        }
        for k in 0..<6 {
            add([(300, 0, 0.3 * Double(k % 2)), (250, 0.3, 0.3 * Double(k % 2)), (5, 0.1, 0.1)], label: 2)
            add([(550, 0, 0), (3, 0.3, 0.1), (3, -0.2, 0.25), (3, 0.1, -0.3), (3, -0.25, -0.1)], label: 0)
        }
        try JetDataset(constituents: constituents, offsets: offsets, labels: labels).write(
            directory: jetsFolder.path, split: "test")

        var reader = ParameterReader(
            kernelName: "jet-substructure", params: nil, cellLocation: SourceLocation(path: "x"))
        let kernel = JetSubstructureKernel()
        let parameters = kernel.parameters(from: &reader)
        XCTAssertTrue(reader.problems.isEmpty)
        let output = try kernel.run(
            parameters,
            context: KernelContext(
                contentDirectory: root, seed: 0, deadline: .now() + .seconds(60)))

        let classes = try XCTUnwrap(output.tables.first { $0.id == "classes" })
        XCTAssertEqual(classes.rows.map { $0[0] }, [.text("g"), .text("W")])
        XCTAssertEqual(classes.rows.map { $0[1] }, [.integer(6), .integer(6)])
        let discrimination = try XCTUnwrap(output.tables.first { $0.id == "discrimination" })
        // τ21 separates two-prong from one-prong jets perfectly here.
        XCTAssertEqual(discrimination.rows[1][1].number, 1.0)
        let density = try XCTUnwrap(output.tables.first { $0.id == "lund_density" })
        XCTAssertEqual(density.rows.count, 8)
        XCTAssertEqual(output.plots.first?.series.count, 2)
    }

    func testParametersAreValidated() {
        let node = ParameterNode(
            .map([
                (
                    key: "split", keyLocation: SourceLocation(path: "n.md", line: 3, column: 3),
                    value: ParameterNode(
                        .scalar(.string("bogus")), at: SourceLocation(path: "n.md", line: 3, column: 10))
                ),
                (
                    key: "sigal", keyLocation: SourceLocation(path: "n.md", line: 4, column: 3),
                    value: ParameterNode(.scalar(.string("W")), at: SourceLocation(path: "n.md", line: 4, column: 10))
                ),
            ]), at: SourceLocation(path: "n.md", line: 3, column: 3))
        var reader = ParameterReader(
            kernelName: "jet-substructure", params: node, cellLocation: SourceLocation(path: "n.md"))
        _ = JetSubstructureKernel().parameters(from: &reader)
        reader.finish()
        XCTAssertEqual(
            reader.problems.map(\.description),
            [
                "n.md:3:10: error: parameter 'split' must be one of: train, val, test; got 'bogus'",
                "n.md:4:3: error: unknown parameter 'sigal' for kernel 'jet-substructure'; did you mean 'signal'? "
                    + "Expected one of: split, signal, background, mass_window_low, mass_window_high, max_jets_per_class, lund_kt_min",
            ])
    }
}
