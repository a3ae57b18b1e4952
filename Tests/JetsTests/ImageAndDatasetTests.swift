import Foundation
import NPY
import XCTest

@testable import Jets

final class JetImageTests: XCTestCase {
    private func pixel(_ img: [Float], _ r: Int, _ c: Int, n: Int = 32) -> Float { img[r * n + c] }

    private func centroidRowCol(_ img: [Float], n: Int = 32) -> (Double, Double) {
        var r = 0.0
        var c = 0.0
        for i in 0..<n {
            for j in 0..<n {
                r += Double(img[i * n + j]) * Double(i)
                c += Double(img[i * n + j]) * Double(j)
            }
        }
        return (r, c)
    }

    func testUnitSumSizeAndCentring() {
        var rng = TestRNG(seed: 11)
        for _ in 0..<10 {
            let y0 = rng.uniform(-2, 2)
            let phi0 = rng.uniform(0, 2 * .pi)
            let ps = (0..<40).map { _ in
                particle(pt: 1 + 50 * rng.uniform(), y: y0 + rng.uniform(-0.3, 0.3), phi: phi0 + rng.uniform(-0.3, 0.3))
            }
            let img = JetImage.make(particles: ps)
            XCTAssertEqual(img.count, 32 * 32)
            XCTAssertEqual(img.reduce(0, +), 1, accuracy: 1e-5)
            XCTAssertTrue(img.allSatisfy { $0 >= 0 && $0.isFinite })
        }
        XCTAssertEqual(JetImage.make(particles: []), [Float](repeating: 0, count: 1024))
        XCTAssertEqual(JetImage.make(particles: [PseudoJet(0, 0, 5, 5)]), [Float](repeating: 0, count: 1024))
        let small = JetImage.make(particles: [particle(pt: 1, y: 0, phi: 0)], pixels: 4, halfWidth: 0.8)
        XCTAssertEqual(small.count, 16)
        // A single particle sits at the centre x = y = 0: column ⌊(0 + 0.8)/0.4⌋ = 2, row ⌊(0.8 − 0)/0.4⌋ = 2.
        XCTAssertEqual(small[2 * 4 + 2], 1)
    }

    func testRotationPutsPrincipalAxisVerticalAndHardHalfOnTop() {
        // Two particles along a diagonal in (η, φ): the principal axis is rotated to vertical,
        // the harder particle ends up in the top half.
        for angle in [0.0, 0.3, 1.0, -0.7, 2.0] {
            // Centroid is d/2 from the hard particle towards it: hard at +0.125, soft at −0.375
            // along the axis (mid-pixel positions, rows 13 and 23).
            let d = 0.25
            let hard = particle(pt: 30, y: 1.0 + d * cos(angle), phi: 2.0 + d * sin(angle))
            let soft = particle(pt: 10, y: 1.0 - d * cos(angle), phi: 2.0 - d * sin(angle))
            let img = JetImage.make(particles: [hard, soft])
            // Centroid at (η, φ) weighted: the two points lie on the vertical axis through the centre.
            var lit: [(Int, Int, Float)] = []
            for r in 0..<32 { for c in 0..<32 where img[r * 32 + c] > 0 { lit.append((r, c, img[r * 32 + c])) } }
            XCTAssertEqual(lit.count, 2, "angle \(angle)")
            XCTAssertTrue(
                [15, 16].contains(lit[0].1) && [15, 16].contains(lit[1].1), "vertical axis through the centre")
            // Top row (smaller r) holds the harder particle (weight 0.75).
            XCTAssertEqual(lit[0].2, 0.75, accuracy: 1e-6)
            XCTAssertEqual(lit[1].2, 0.25, accuracy: 1e-6)
            XCTAssertEqual(lit[0].0, 13)
            XCTAssertEqual(lit[1].0, 23)
        }
    }

    func testHorizontalFlipPutsHarderSideRight() {
        // Three particles: a vertical pair plus an off-axis one; the off-axis weight must end on the right.
        let base = [particle(pt: 40, y: 0, phi: 0.3), particle(pt: 40, y: 0, phi: -0.3)]
        for side in [-1.0, 1.0] {
            let img = JetImage.make(particles: base + [particle(pt: 5, y: side * 0.1, phi: 0)])
            var left: Float = 0
            var right: Float = 0
            for r in 0..<32 {
                for c in 0..<32 { if c < 16 { left += img[r * 32 + c] } else { right += img[r * 32 + c] } }
            }
            XCTAssertGreaterThanOrEqual(right, left)
        }
    }

    func testImageAcrossPhiBranchCut() {
        // The same jet placed at φ ≈ 0 (straddling 2π) and at φ ≈ 1 gives the same image.
        var rng = TestRNG(seed: 3)
        var offsets: [(Double, Double, Double)] = []
        for _ in 0..<25 { offsets.append((1 + 50 * rng.uniform(), rng.uniform(-0.4, 0.4), rng.uniform(-0.4, 0.4))) }
        let atZero = offsets.map { particle(pt: $0.0, y: 0.5 + $0.1, phi: $0.2) }
        let atOne = offsets.map { particle(pt: $0.0, y: 0.5 + $0.1, phi: 1 + $0.2) }
        let a = JetImage.make(particles: atZero)
        let b = JetImage.make(particles: atOne)
        var diff: Float = 0
        for i in a.indices { diff += abs(a[i] - b[i]) }
        XCTAssertLessThan(diff, 1e-4)
        let (r, c) = centroidRowCol(a)
        XCTAssertEqual(r, 15.5, accuracy: 1.5)
        XCTAssertEqual(c, 15.5, accuracy: 1.5)
    }
}

final class JetDatasetTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("jetds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }

    private func write(_ name: String, _ a: NPYArray) throws {
        try NPY.write(a, to: dir.appendingPathComponent(name))
    }

    func testLoadTinyDataset() throws {
        let cons: [Float] = [1, 2, 3, 10, 4, 5, 6, 20, 7, 8, 9, 30]
        try write("test_constituents.npy", NPYArray(cons, shape: [3, 4]))
        try write("test_offsets.npy", NPYArray([0, 2, 2, 3] as [Int64]))
        try write("test_labels.npy", NPYArray([4, 0, 2] as [Int64]))
        let ds = try JetDataset.load(directory: dir.path, split: "test")
        XCTAssertEqual(ds.count, 3)
        XCTAssertEqual(ds.constituentCount(0), 2)
        XCTAssertEqual(ds.constituentCount(1), 0)
        XCTAssertEqual(ds.particles(0), [PseudoJet(1, 2, 3, 10), PseudoJet(4, 5, 6, 20)])
        XCTAssertEqual(ds.particles(1), [])
        XCTAssertEqual(ds.particles(2), [PseudoJet(7, 8, 9, 30)])
        XCTAssertEqual(ds.jetClass(0), .top)
        XCTAssertEqual(ds.jetClass(1).symbol, "g")
        XCTAssertEqual(ds.jetClass(2), .w)
        // Round trip through write().
        try ds.write(directory: dir.path, split: "copy")
        let again = try JetDataset.load(directory: dir.path, split: "copy")
        XCTAssertEqual(again.constituents, ds.constituents)
        XCTAssertEqual(again.offsets, ds.offsets)
        XCTAssertEqual(again.labels, ds.labels)
    }

    func testDatasetErrors() throws {
        func expectError(_ check: (JetDatasetError) -> Bool, file: StaticString = #filePath, line: UInt = #line) {
            XCTAssertThrowsError(try JetDataset.load(directory: dir.path, split: "s"), file: file, line: line) { e in
                guard let de = e as? JetDatasetError, check(de) else { return XCTFail("\(e)", file: file, line: line) }
                XCTAssertFalse(de.description.isEmpty)
            }
        }
        // Missing files.
        expectError { if case .npy(_, .io) = $0 { return true } else { return false } }
        let cons: [Float] = [1, 2, 3, 10, 4, 5, 6, 20]
        try write("s_constituents.npy", NPYArray(cons, shape: [2, 4]))
        try write("s_offsets.npy", NPYArray([0, 1, 2] as [Int64]))
        try write("s_labels.npy", NPYArray([1, 3] as [Int64]))
        XCTAssertNoThrow(try JetDataset.load(directory: dir.path, split: "s"))
        // Wrong label value.
        try write("s_labels.npy", NPYArray([1, 5] as [Int64]))
        expectError { $0 == .badLabel(index: 1, value: 5) }
        // Label count mismatch.
        try write("s_labels.npy", NPYArray([1] as [Int64]))
        expectError { $0 == .countMismatch(jets: 2, labels: 1) }
        try write("s_labels.npy", NPYArray([1, 3] as [Int64]))
        // Offsets not ending at the row count / decreasing / not starting at 0.
        try write("s_offsets.npy", NPYArray([0, 1, 3] as [Int64]))
        expectError { if case .badOffsets = $0 { return true } else { return false } }
        try write("s_offsets.npy", NPYArray([0, 2, 1, 2] as [Int64]))
        try write("s_labels.npy", NPYArray([1, 3, 0] as [Int64]))
        expectError { if case .badOffsets = $0 { return true } else { return false } }
        try write("s_offsets.npy", NPYArray([1, 2] as [Int64]))
        try write("s_labels.npy", NPYArray([1] as [Int64]))
        expectError { if case .badOffsets = $0 { return true } else { return false } }
        try write("s_offsets.npy", NPYArray([0, 1, 2] as [Int64]))
        try write("s_labels.npy", NPYArray([1, 3] as [Int64]))
        // Wrong dtype and shape of the constituents.
        try write("s_constituents.npy", NPYArray(cons.map(Double.init), shape: [2, 4]))
        expectError { if case .wrongDType = $0 { return true } else { return false } }
        try write("s_constituents.npy", NPYArray(Array(cons.prefix(6)), shape: [2, 3]))
        expectError { if case .wrongShape = $0 { return true } else { return false } }
        // Non-finite momentum.
        try write("s_constituents.npy", NPYArray([1, 2, 3, .nan, 4, 5, 6, 20] as [Float], shape: [2, 4]))
        expectError { $0 == .nonFiniteMomentum(row: 0) }
        // Corrupt file.
        try Data("garbage".utf8).write(to: dir.appendingPathComponent("s_constituents.npy"))
        expectError { if case .npy(_, .badMagic) = $0 { return true } else { return false } }
    }

    /// The first jets of each class, in file order, optionally among some labels.
    func testFirstJetsPerClass() throws {
        let row: [Float] = [1, 0, 0, 2]
        let ds = try JetDataset(
            constituents: Array(repeating: row, count: 7).flatMap { $0 },
            offsets: Array(0...7), labels: [2, 0, 2, 1, 2, 0, 4])
        XCTAssertEqual(ds.firstJets(perClass: 1), [0, 1, 3, 6])
        XCTAssertEqual(ds.firstJets(perClass: 2), [0, 1, 2, 3, 5, 6])
        XCTAssertEqual(ds.firstJets(perClass: 2, labels: [0, 1]), [1, 3, 5])
        XCTAssertEqual(ds.firstJets(perClass: 0), [])
    }

    /// The file names a manifest lists for a split.
    func testFileNames() {
        XCTAssertEqual(JetDataset.fileNames(splits: ["s"]), ["s_constituents.npy", "s_offsets.npy", "s_labels.npy"])
    }

    /// The committed dataset (produced by Tools/datagen), when present.
    func testCommittedDatasetIfPresent() throws {
        let repo = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let dir = repo.appendingPathComponent("Content/data/jets")
        guard FileManager.default.fileExists(atPath: dir.appendingPathComponent("test_offsets.npy").path) else {
            throw XCTSkip("Content/data/jets/test_*.npy not present")
        }
        let ds = try JetDataset.load(directory: dir.path, split: "test")
        XCTAssertGreaterThan(ds.count, 0)
        XCTAssertEqual(Set(ds.labels).isSubset(of: [0, 1, 2, 3, 4]), true)
        for i in 0..<min(ds.count, 50) {
            let ps = ds.particles(i)
            XCTAssertTrue(JetFeatures(particles: ps).vector.allSatisfy(\.isFinite))
            let lund = LundGenerator.primary(ps)
            XCTAssertEqual(lund.isEmpty, ps.count < 2)
            XCTAssertEqual(LundGenerator.primary(jet: i, of: ds), lund, "jet \(i)")
        }
    }
}
