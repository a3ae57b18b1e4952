import Foundation
import XCTest

@testable import Jets

/// Brute-force O(N³) sequential recombination: at every step evaluate all
/// d_ij = min(s_i, s_j)·ΔR²/R² and d_iB = s_i and take the global minimum.
/// Records FastJet-style history steps (parent history indices, distance).
private struct BruteForce {
    struct Step: Equatable {
        var p1: Int
        var p2: Int
        var dij: Double
    }
    var steps: [Step] = []
    var jets: [PseudoJet]
    /// Snapshots of the active jets (as momenta) when n jets remain.
    var snapshots: [Int: [PseudoJet]] = [:]

    init(_ ps: [PseudoJet], algorithm: JetAlgorithm, R: Double) {
        jets = ps
        var active: [(jet: Int, hist: Int)] = ps.indices.map { ($0, $0) }
        var nextHist = ps.count
        let invR2 = R.isInfinite ? 1.0 : 1.0 / (R * R)
        func scale(_ j: PseudoJet) -> Double {
            switch algorithm {
            case .cambridgeAachen: return 1
            case .kt: return j.pt2
            case .antiKt: return j.pt2 > 1e-300 ? 1 / j.pt2 : 1e300
            }
        }
        snapshots[active.count] = active.map { jets[$0.jet] }
        while !active.isEmpty {
            var best = Double.infinity
            var bi = -1
            var bj = -1
            for i in active.indices {
                let si = scale(jets[active[i].jet])
                if !R.isInfinite || active.count == 1 {
                    let diB = R.isInfinite ? Double.infinity : si
                    if diB < best || bi < 0 {
                        best = diB
                        bi = i
                        bj = -1
                    }
                }
                for j in active.indices where j > i {
                    let a = jets[active[i].jet]
                    let b = jets[active[j].jet]
                    let d2 = a.squaredDistance(to: b)
                    if !R.isInfinite && d2 >= R * R { continue }
                    let d = min(si, scale(b)) * d2 * invR2
                    if d < best {
                        best = d
                        bi = i
                        bj = j
                    }
                }
            }
            if bj >= 0 {
                let a = active[bi]
                let b = active[bj]
                jets.append(jets[a.jet] + jets[b.jet])
                steps.append(Step(p1: min(a.hist, b.hist), p2: max(a.hist, b.hist), dij: best))
                active[bi] = (jets.count - 1, nextHist)
                active.remove(at: bj)
            } else {
                steps.append(Step(p1: active[bi].hist, p2: ClusterSequence.beamJet, dij: best))
                active.remove(at: bi)
            }
            nextHist += 1
            snapshots[active.count] = snapshots[active.count] ?? active.map { jets[$0.jet] }
        }
    }
}

final class ClusteringTests: XCTestCase {
    static let golden: [PseudoJet] = [
        PseudoJet(1.2, 3.2, 5.4, 2.5), PseudoJet(1.25, 3.15, 5.4, 2.4), PseudoJet(1.4, 3.15, 5.4, 2.0),
        PseudoJet(32.2, 64.21, 543.34, 24.12), PseudoJet(32.45, 63.21, 543.14, 24.56),
    ]

    /// FastJet's own golden vector (scikit-hep/fastjet test_exclusive_lund_declustering):
    /// C/A R = 0.8, two exclusive jets in FastJet's order, each declustered.
    func testFastJetGoldenVector() {
        let cs = ClusterSequence(particles: Self.golden, algorithm: .cambridgeAachen, R: 0.8)
        let excl = cs.exclusiveJetIndices(2)
        XCTAssertEqual(excl.count, 2)
        XCTAssertEqual(Set(cs.constituents(of: excl[0])), [0, 1, 2])
        XCTAssertEqual(Set(cs.constituents(of: excl[1])), [3, 4])
        let expected: [[(Double, Double)]] = [
            [(0.08755181299980186, 0.30179987478357223), (0.019481226884377707, 0.06602095529127928)],
            [(0.014750342295225208, 1.0480537658466145)],
        ]
        for (k, j) in excl.enumerated() {
            // Declustering the exclusive jet in place and after C/A reclustering
            // of its constituents (LundGenerator) must both match.
            let inPlace = cs.primaryDeclusterings(of: j)
            let reclustered = LundGenerator.primary(cs.constituents(of: j).map { Self.golden[$0] })
            for ds in [inPlace, reclustered] {
                XCTAssertEqual(ds.count, expected[k].count)
                for (d, e) in zip(ds, expected[k]) {
                    XCTAssertTrue(close(d.delta, e.0, rtol: 1e-12), "Δ \(d.delta) vs \(e.0)")
                    XCTAssertTrue(close(d.kt, e.1, rtol: 1e-12), "kt \(d.kt) vs \(e.1)")
                }
            }
        }
        // Both inputs have E < |p| (spacelike); masses are negative as in FastJet.
        XCTAssertLessThan(cs.jets[excl[1]].m, 0)
        // exclusiveJets mirrors the indices.
        XCTAssertEqual(cs.exclusiveJets(2), excl.map { cs.jets[$0] })
        // Inclusive jets with R = 0.8: the same two jets.
        XCTAssertEqual(Set(cs.inclusiveJetIndices()), Set(excl))
        // The CLI's merge-everything clustering gives a different first splitting.
        let all = LundGenerator.primary(Self.golden)
        XCTAssertEqual(all.count, 2)
        XCTAssertEqual(all[1].delta, 0.014750342295225208, accuracy: 1e-15)
        XCTAssertGreaterThan(all[0].delta, 1)
    }

    func testMatchesBruteForceOnRandomEvents() {
        var rng = TestRNG(seed: 2024)
        var checkedSteps = 0
        for trial in 0..<60 {
            let n = trial < 5 ? trial + 1 : rng.int(2, 70)
            let ps = randomEvent(&rng, count: n, spread: rng.uniform(0.2, 1.2))
            for (alg, R) in [
                (JetAlgorithm.cambridgeAachen, 0.4), (.cambridgeAachen, 1.0), (.cambridgeAachen, .infinity),
                (.kt, 0.6), (.kt, .infinity), (.antiKt, 0.4),
            ] {
                let cs = ClusterSequence(particles: ps, algorithm: alg, R: R)
                let bf = BruteForce(ps, algorithm: alg, R: R)
                let mine = cs.history[n...].map { BruteForce.Step(p1: $0.parent1, p2: $0.parent2, dij: $0.dij) }
                XCTAssertEqual(mine.count, bf.steps.count)
                if alg == .cambridgeAachen && !R.isInfinite {
                    // All pair merges (d < 1) precede the beam steps (d_iB = 1, tied):
                    // compare merges in order and the set of jets leaving to the beam.
                    let m1 = mine.filter { $0.p2 >= 0 }
                    let b1 = bf.steps.filter { $0.p2 >= 0 }
                    XCTAssertEqual(m1.map { [$0.p1, $0.p2] }, b1.map { [$0.p1, $0.p2] }, "trial \(trial) R \(R)")
                    XCTAssertEqual(
                        Set(mine.filter { $0.p2 < 0 }.map(\.p1)), Set(bf.steps.filter { $0.p2 < 0 }.map(\.p1)))
                    XCTAssertTrue(mine.drop(while: { $0.p2 >= 0 }).allSatisfy { $0.p2 < 0 })
                } else {
                    XCTAssertEqual(
                        mine.map { [$0.p1, $0.p2] }, bf.steps.map { [$0.p1, $0.p2] }, "trial \(trial) \(alg) R \(R)")
                }
                for (a, b) in zip(mine, bf.steps) where a.p2 >= 0 && b.p2 >= 0 {
                    XCTAssertTrue(close(a.dij, b.dij, rtol: 1e-12))
                }
                // Exclusive jets in merge-everything mode: same momenta as the brute-force state.
                if R.isInfinite {
                    for k in 1...min(4, n) {
                        let e = cs.exclusiveJets(k)
                        XCTAssertEqual(e.count, k)
                        XCTAssertEqual(Set(e.map(\.px)), Set(bf.snapshots[k]!.map(\.px)), "exclusive \(k)")
                    }
                }
                checkedSteps += mine.count
            }
        }
        XCTAssertGreaterThan(checkedSteps, 10_000)
    }

    func testMatrixAndPlainImplementationsAgree() {
        var rng = TestRNG(seed: 77)
        var events: [[PseudoJet]] = []
        for _ in 0..<12 { events.append(randomEvent(&rng, count: rng.int(1, 300))) }
        events.append(randomEvent(&rng, count: ClusterSequence.matrixThreshold + 40))
        // Exact ties: duplicated particles and a symmetric lattice.
        let dup = randomEvent(&rng, count: 20)
        events.append(dup + dup)
        events.append((0..<36).map { particle(pt: 10, y: Double($0 / 6) * 0.1, phi: Double($0 % 6) * 0.1) })
        for ps in events {
            for (alg, R) in [
                (JetAlgorithm.cambridgeAachen, 0.4), (.cambridgeAachen, .infinity), (.kt, 1.0), (.antiKt, 0.5),
            ] {
                let a = ClusterSequence(particles: ps, algorithm: alg, R: R, useMatrix: true)
                let b = ClusterSequence(particles: ps, algorithm: alg, R: R, useMatrix: false)
                XCTAssertEqual(a.history, b.history, "\(alg) R \(R) n \(ps.count)")
                XCTAssertEqual(a.jets, b.jets)
            }
        }
    }

    func testClusteringAcrossPhiBranchCut() {
        // Two pairs each straddling φ = 0 / 2π and φ = ±π; without wrapping they
        // would be ~2π apart and never merge.
        let ps = [
            particle(pt: 50, y: 0.1, phi: 0.03), particle(pt: 40, y: 0.12, phi: 2 * .pi - 0.04),
            particle(pt: 30, y: -0.5, phi: .pi - 0.02), particle(pt: 20, y: -0.45, phi: -.pi + 0.05),
        ]
        let cs = ClusterSequence(particles: ps, algorithm: .cambridgeAachen, R: 0.4)
        let incl = cs.inclusiveJetIndices()
        XCTAssertEqual(incl.count, 2)
        let groups = Set(incl.map { Set(cs.constituents(of: $0)) })
        XCTAssertEqual(groups, [[0, 1], [2, 3]])
        let d01 = cs.history[4]
        XCTAssertEqual(d01.parent1, 0)
        XCTAssertEqual(d01.parent2, 1)
        XCTAssertEqual(d01.dij, (0.02 * 0.02 + 0.07 * 0.07) / 0.16, accuracy: 1e-12)
    }

    func testDegenerateInputs() {
        let empty = ClusterSequence(particles: [])
        XCTAssertEqual(empty.jets.count, 0)
        XCTAssertEqual(empty.exclusiveJets(1).count, 0)
        XCTAssertNil(empty.finalJetIndex)
        let one = ClusterSequence(particles: [PseudoJet(1, 2, 3, 4)])
        XCTAssertEqual(one.history.count, 2)
        XCTAssertEqual(one.history[1].parent2, ClusterSequence.beamJet)
        XCTAssertEqual(one.history[1].dij, .infinity)
        XCTAssertEqual(one.exclusiveJets(1), [PseudoJet(1, 2, 3, 4)])
        XCTAssertEqual(one.exclusiveJets(3).count, 1, "more jets than particles returns all particles")
        // Zero momenta and beam-collinear particles still merge in merge-everything mode.
        let odd = [PseudoJet(0, 0, 0, 0), PseudoJet(0, 0, 7, 7), PseudoJet(0, 0, -3, 3), PseudoJet(1, 1, 1, 2)]
        for alg in JetAlgorithm.allCases {
            let cs = ClusterSequence(particles: odd, algorithm: alg)
            XCTAssertEqual(cs.exclusiveJets(1).count, 1)
            XCTAssertEqual(cs.jets.last!, PseudoJet(1, 1, 5, 12))
            XCTAssertTrue(cs.history.allSatisfy { !$0.dij.isNaN })
        }
        let lund = LundGenerator.primary(odd)
        XCTAssertGreaterThanOrEqual(lund.count, 1)
        for d in lund {
            XCTAssertTrue(d.delta.isFinite && d.kt.isFinite && d.z.isFinite && d.m.isFinite && d.psi.isFinite)
        }
    }

    func testExclusiveDmergeAndConstituents() {
        var rng = TestRNG(seed: 7)
        let ps = randomEvent(&rng, count: 30)
        let cs = ClusterSequence(particles: ps, algorithm: .kt)
        XCTAssertEqual(cs.exclusiveDmerge(30), 0)
        XCTAssertEqual(cs.exclusiveDmerge(1), cs.history[2 * 30 - 2].dij)
        let all = cs.constituents(of: cs.finalJetIndex!)
        XCTAssertEqual(all.sorted(), Array(0..<30))
        for k in 1...5 {
            let idx = cs.exclusiveJetIndices(k)
            XCTAssertEqual(idx.flatMap { cs.constituents(of: $0) }.sorted(), Array(0..<30))
        }
    }
}
