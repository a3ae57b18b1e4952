import JetsAVX2
import XCTest

@testable import Jets

/// The AVX2 merge-everything C/A kernel against the matrix kernel (FastJet's
/// N2Plain): the same jets, merged in the same order, on random events of all
/// sizes and across the φ = 0 / 2π cut, and a fallback on exact ties.
final class AVX2KernelTests: XCTestCase {
    private func requireAVX2() throws {
        try XCTSkipUnless(CPUFeatures.hasAVX2Kernel, "this CPU lacks the features JetsAVX2 is compiled for")
    }

    private func trees(_ ps: [PseudoJet]) -> (avx2: MergeTree, matrix: MergeTree) {
        var avx2 = MergeTree(ps)
        var matrix = MergeTree(ps)
        XCTAssertTrue(avx2.cluster(with: .avx2))
        XCTAssertTrue(matrix.cluster(with: .matrix))
        return (avx2, matrix)
    }

    func testSameMergesAsMatrixKernelOnRandomEvents() throws {
        try requireAVX2()
        var rng = TestRNG(seed: 2026)
        var events: [[PseudoJet]] = []
        for n in [2, 3, 4, 5, 7, 8, 9, 16, 17, 60, 63, 64, 65, 66, 127, 128, 129, 300, 512] {
            events.append(randomEvent(&rng, count: n))
        }
        // Straddling φ = 0 / 2π: only wrapped distances keep these together.
        events.append(
            (0..<40).map { _ in
                particle(pt: rng.uniform(1, 50), y: rng.uniform(-0.3, 0.3), phi: rng.uniform(-0.3, 0.3))
            })
        for ps in events {
            var avx2 = MergeTree(ps)
            XCTAssertTrue(
                clusterCambridgeAachenToOneJet(count: ps.count, input: { (ps[$0].rap, ps[$0].phi) }) { a, b in
                    let k = avx2.merge(a, b, dij: 0)
                    return (k, avx2.jets[k].rap, avx2.jets[k].phi)
                }, "no tie expected, n \(ps.count)")
            var matrix = MergeTree(ps)
            XCTAssertTrue(matrix.cluster(with: .matrix))
            XCTAssertEqual(avx2.jets, matrix.jets, "n \(ps.count)")
            XCTAssertEqual(avx2.primaryDeclusterings(), matrix.primaryDeclusterings(), "n \(ps.count)")
        }
    }

    func testLargeEventMatchesClusterSequence() throws {
        try requireAVX2()
        var rng = TestRNG(seed: 9)
        let ps = randomEvent(&rng, count: ClusterSequence.matrixThreshold + 90)
        let cs = ClusterSequence(particles: ps, algorithm: .cambridgeAachen, R: .infinity)
        var tree = MergeTree(ps)
        XCTAssertTrue(tree.cluster(with: .avx2))
        XCTAssertEqual(tree.jets, cs.jets)
        XCTAssertEqual(LundGenerator.primary(ps), cs.primaryDeclusterings(of: cs.jets.count - 1))
    }

    func testExactTiesFallBackToFastJetOrder() throws {
        try requireAVX2()
        var rng = TestRNG(seed: 5)
        let base = randomEvent(&rng, count: 12)
        let lattice = (0..<36).map { particle(pt: 10, y: Double($0 / 6) * 0.1, phi: Double($0 % 6) * 0.1) }
        // Two identical pairs (two pairs at distance 0), three identical
        // particles, a duplicated event, and a symmetric lattice.
        let tied = [base + [base[0], base[1]], base + [base[3], base[3]], base + base, lattice]
        for (k, ps) in tied.enumerated() {
            var merges = 0
            let finished = clusterCambridgeAachenToOneJet(
                count: ps.count, input: { (ps[$0].rap, ps[$0].phi) },
                merge: { _, _ in
                    merges += 1
                    return (ps.count + merges - 1, 0, 0)
                })
            if k < 3 { XCTAssertFalse(finished, "event \(k): the tie at distance 0 must stop the kernel") }
            let (avx2, matrix) = trees(ps)
            XCTAssertEqual(avx2.jets, matrix.jets, "event \(k)")
            XCTAssertEqual(avx2.primaryDeclusterings(), matrix.primaryDeclusterings(), "event \(k)")
        }
    }

    func testDegenerateEventsMatchMatrixKernel() throws {
        try requireAVX2()
        var rng = TestRNG(seed: 11)
        let jet = randomEvent(&rng, count: 10)
        let events: [[PseudoJet]] = [
            jet + [PseudoJet(px: 0, py: 0, pz: 0, E: 0), PseudoJet(px: 0, py: 0, pz: 0, E: 1)],  // no pT, at rest
            jet + [PseudoJet(px: 0, py: 0, pz: 40, E: 40), PseudoJet(px: 0, py: 0, pz: -7, E: 7)],  // along the beam
            jet + [
                PseudoJet(px: 1e150, py: -2e150, pz: 3e150, E: 4e150), PseudoJet(px: 1e-300, py: 0, pz: 0, E: 1e-300),
            ],
            Array(repeating: jet[2], count: 9),  // all at one point
        ]
        for (k, ps) in events.enumerated() {
            let (avx2, matrix) = trees(ps)
            XCTAssertEqual(avx2.jets, matrix.jets, "event \(k)")
            XCTAssertEqual(avx2.primaryDeclusterings(), matrix.primaryDeclusterings(), "event \(k)")
        }
    }

    func testFeatureDetectionReadsEveryRequiredFlag() {
        let flags = "fpu sse2 avx avx2 bmi1 bmi2 abm movbe popcnt f16c fma"
        XCTAssertTrue(CPUFeatures.hasAVX2Kernel(cpuinfo: "processor\t: 0\nflags\t\t: \(flags)\nbugs\t: x\n"))
        for missing in ["avx2", "bmi2", "abm", "fma"] {
            let without = flags.split(separator: " ").filter { $0 != missing }.joined(separator: " ")
            XCTAssertFalse(CPUFeatures.hasAVX2Kernel(cpuinfo: "flags\t\t: \(without)\n"), missing)
        }
        XCTAssertFalse(CPUFeatures.hasAVX2Kernel(cpuinfo: "model name: x\n"))
    }
}
