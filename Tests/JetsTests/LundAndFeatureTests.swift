import Foundation
import XCTest

@testable import Jets

final class LundAndFeatureTests: XCTestCase {
    // MARK: Lund

    func testTwoParticleDeclusteringByHand() {
        let hard = particle(pt: 100, y: 0, phi: 0)
        let soft = particle(pt: 20, y: 0.1, phi: 0.3)
        for ps in [[hard, soft], [soft, hard]] {
            let ds = LundGenerator.primary(ps)
            XCTAssertEqual(ds.count, 1)
            let d = ds[0]
            XCTAssertEqual(d.delta, 0.1.squareRoot(), accuracy: 1e-12)
            XCTAssertEqual(d.kt, 20 * 0.1.squareRoot(), accuracy: 1e-10)
            XCTAssertEqual(d.z, 20.0 / 120.0, accuracy: 1e-14)
            XCTAssertEqual(d.m, (2 * 100 * 20 * (cosh(0.1) - cos(0.3))).squareRoot(), accuracy: 1e-10)
            XCTAssertEqual(d.psi, atan2(0.1, 0.3), accuracy: 1e-12)
            XCTAssertEqual(d.kappa, d.z * d.delta)
        }
        // ψ across the φ branch cut: softer branch at smaller φ (through 0) and higher y.
        let h2 = particle(pt: 100, y: 0, phi: 0.05)
        let s2 = particle(pt: 20, y: 0.1, phi: 2 * .pi - 0.05)
        let d2 = LundGenerator.primary([h2, s2])[0]
        XCTAssertEqual(d2.delta, (0.01 + 0.01).squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(d2.psi, 0.75 * .pi, accuracy: 1e-12)
        XCTAssertEqual(LundGenerator.primary([hard]), [])
        XCTAssertEqual(LundGenerator.primary([]), [])
    }

    func testPrimaryFollowsHarderBranchAndTreeLayout() {
        var rng = TestRNG(seed: 99)
        for _ in 0..<20 {
            let ps = randomEvent(&rng, count: rng.int(2, 60))
            let cs = ClusterSequence(particles: ps)
            let root = cs.finalJetIndex!
            let primary = cs.primaryDeclusterings(of: root)
            XCTAssertEqual(primary, LundGenerator.primary(ps))
            // (Δ is only approximately decreasing along the sequence: E-scheme recombination
            // moves the subjet axes, so no ordering is asserted.)
            XCTAssertTrue(primary.allSatisfy { $0.z >= 0 && $0.z <= 0.5 && $0.kt >= 0 && abs($0.psi) <= .pi })
            XCTAssertEqual(primary.first!.m, cs.jets[root].m)

            let tree = LundGenerator.tree(ps)
            XCTAssertEqual(tree.count, ps.count - 1, "one node per recombination")
            XCTAssertEqual(tree.prefix(primary.count).map(\.declustering), primary)
            XCTAssertTrue(tree.prefix(primary.count).allSatisfy(\.isPrimary))
            XCTAssertTrue(tree.dropFirst(primary.count).allSatisfy { !$0.isPrimary })
            XCTAssertEqual(tree[0].parent, -1)
            XCTAssertEqual(tree[0].depth, 0)
            for (i, node) in tree.enumerated().dropFirst() {
                XCTAssertLessThan(node.parent, i)
                XCTAssertEqual(node.depth, tree[node.parent].depth + 1)
                XCTAssertEqual(node.isPrimary, tree[node.parent].isPrimary && node.fromHarderBranch)
                // The node's jet is a parent of its tree parent's jet.
                let (a, b) = cs.parents(of: tree[node.parent].jetIndex)!
                XCTAssertEqual(node.jetIndex, node.fromHarderBranch ? a : b)
                XCTAssertEqual(node.declustering.m, cs.jets[node.jetIndex].m)
            }
        }
    }

    func testPrimaryWalkMatchesClusterSequenceOnExactTies() {
        // LundGenerator.primary walks its own merge tree; on exact ties (equal
        // distances, equal pT² of the two parents) it must follow the same branch.
        var rng = TestRNG(seed: 5)
        let dup = randomEvent(&rng, count: 15)
        let lattice = (0..<25).map { particle(pt: 10, y: Double($0 / 5) * 0.1, phi: Double($0 % 5) * 0.1) }
        for ps in [dup + dup, lattice, Array(lattice.prefix(2)), [dup[0], dup[0]]] {
            let cs = ClusterSequence(particles: ps)
            XCTAssertEqual(LundGenerator.primary(ps), cs.primaryDeclusterings(of: cs.finalJetIndex!), "n \(ps.count)")
        }
    }

    // MARK: Features

    func testFeatureNamesAndOrder() {
        XCTAssertEqual(JetFeatures.names.count, 19)
        XCTAssertGreaterThanOrEqual(JetFeatures.count, 16)
        XCTAssertEqual(Set(JetFeatures.names).count, JetFeatures.names.count)
        XCTAssertEqual(JetFeatures().vector.count, JetFeatures.names.count)
        XCTAssertEqual(JetFeatures.names.prefix(4), ["pt", "mass", "mass_sd", "n_constituents"])
    }

    func testTwoParticleFeaturesByHand() {
        let p1 = particle(pt: 100, y: 0, phi: 0)
        let p2 = particle(pt: 20, y: 0, phi: 0.3)
        let f = JetFeatures(particles: [p1, p2])
        let jpx = 100 + 20 * cos(0.3)
        let jpy = 20 * sin(0.3)
        let jetPt = (jpx * jpx + jpy * jpy).squareRoot()
        let phiJ = atan2(jpy, jpx)
        let m = (2 * 100 * 20 * (1 - cos(0.3))).squareRoot()
        XCTAssertEqual(f.pt, jetPt, accuracy: 1e-10)
        XCTAssertEqual(f.mass, m, accuracy: 1e-9)
        XCTAssertEqual(f.massSD, m, accuracy: 1e-9, "z = 1/6 > 0.1 keeps both prongs")
        XCTAssertEqual(f.zg, 1.0 / 6.0, accuracy: 1e-14)
        XCTAssertEqual(f.rg, 0.3, accuracy: 1e-12)
        XCTAssertEqual(f.nConstituents, 2)
        let sumDR = 100 * phiJ + 20 * (0.3 - phiJ)
        XCTAssertEqual(f.tau1, sumDR / (120 * 0.8), accuracy: 1e-12)
        XCTAssertEqual(f.tau2, 0)
        XCTAssertEqual(f.tau3, 0)
        XCTAssertEqual(f.tau21, 0)
        XCTAssertEqual(f.tau32, 0)
        XCTAssertEqual(f.c2Beta1, 0)
        XCTAssertEqual(f.d2Beta2, 0)
        XCTAssertEqual(f.sumZLnZ, (1.0 / 6.0) * log(1.0 / 6.0), accuracy: 1e-14)
        XCTAssertEqual(f.ptD, (100.0 * 100 + 400).squareRoot() / 120, accuracy: 1e-14)
        XCTAssertEqual(f.girth, sumDR / jetPt, accuracy: 1e-12)
        XCTAssertEqual(f.nPrimary, 1)

        // A soft second prong (z < 0.1) is groomed away: mass_sd = mass of the hard particle (0).
        let g = JetFeatures(particles: [p1, particle(pt: 5, y: 0, phi: 0.3)])
        XCTAssertEqual(g.massSD, 0)
        XCTAssertEqual(g.zg, 0)
        XCTAssertEqual(g.rg, 0)
        XCTAssertGreaterThan(g.mass, 0)
    }

    func testThreeParticleEnergyCorrelatorsAndTausByHand() {
        let p1 = particle(pt: 50, y: 0, phi: 0)
        let p2 = particle(pt: 30, y: 0.2, phi: 0)
        let p3 = particle(pt: 20, y: 0, phi: 0.2)
        let f = JetFeatures(particles: [p1, p2, p3])
        let z1 = 0.5
        let z2 = 0.3
        let z3 = 0.2
        let d12 = 0.2
        let d13 = 0.2
        let d23 = 0.08.squareRoot()
        let e2b1 = z1 * z2 * d12 + z1 * z3 * d13 + z2 * z3 * d23
        let e3b1 = z1 * z2 * z3 * d12 * d13 * d23
        let e2b2 = z1 * z2 * d12 * d12 + z1 * z3 * d13 * d13 + z2 * z3 * d23 * d23
        let e3b2 = z1 * z2 * z3 * d12 * d12 * d13 * d13 * d23 * d23
        XCTAssertEqual(f.c2Beta1, e3b1 / (e2b1 * e2b1), accuracy: 1e-12)
        XCTAssertEqual(f.d2Beta1, e3b1 / (e2b1 * e2b1 * e2b1), accuracy: 1e-11)
        XCTAssertEqual(f.c2Beta2, e3b2 / (e2b2 * e2b2), accuracy: 1e-12)
        XCTAssertEqual(f.d2Beta2, e3b2 / (e2b2 * e2b2 * e2b2), accuracy: 1e-10)
        // τ2 with exclusive-kt axes: kt merges (1,3) first (min pT² ΔR²: 16 < 32 < 36),
        // so the axes are p1+p3 and p2; τ3 = 0 (3 particles, 3 axes).
        let a13 = p1 + p3
        let tau2 = (50 * p1.deltaR(to: a13) + 20 * p3.deltaR(to: a13)) / (100 * 0.8)
        XCTAssertEqual(f.tau2, tau2, accuracy: 1e-12)
        XCTAssertEqual(f.tau3, 0)
        let jet = p1 + p2 + p3
        let tau1 = (50 * p1.deltaR(to: jet) + 30 * p2.deltaR(to: jet) + 20 * p3.deltaR(to: jet)) / 80
        XCTAssertEqual(f.tau1, tau1, accuracy: 1e-12)
        XCTAssertEqual(f.tau21, tau2 / tau1, accuracy: 1e-12)
        XCTAssertEqual(f.tau32, 0)
        XCTAssertEqual(f.ptD, (2500.0 + 900 + 400).squareRoot() / 100, accuracy: 1e-14)
        // C/A merges (1,2) or (1,3) (tied ΔR = 0.2 up to rounding), then the third.
        XCTAssertEqual(f.nPrimary, 2)
    }

    func testDegenerateJetsGiveFiniteValues() {
        XCTAssertEqual(JetFeatures(particles: []).vector, [Double](repeating: 0, count: 19))
        let single = JetFeatures(particles: [PseudoJet(3, 4, 0, 10)])
        XCTAssertEqual(single.pt, 5)
        XCTAssertEqual(single.mass, (100.0 - 25).squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(single.massSD, single.mass)
        XCTAssertEqual(single.ptD, 1)
        XCTAssertEqual(single.girth, 0)
        XCTAssertEqual(single.nConstituents, 1)
        let weird: [[PseudoJet]] = [
            [PseudoJet(0, 0, 0, 0), PseudoJet(0, 0, 0, 0)],
            [PseudoJet(0, 0, 5, 5), PseudoJet(0, 0, -5, 5)],
            [PseudoJet(1, 0, 0, 1), PseudoJet(1, 0, 0, 1), PseudoJet(1, 0, 0, 1)],  // collinear duplicates
            [PseudoJet(1.2, 3.2, 5.4, 2.5), PseudoJet(1.25, 3.15, 5.4, 2.4)],  // spacelike
            [PseudoJet(1e50, 0, 0, 1e50), PseudoJet(-1e50, 0, 0, 1e50)],
            [PseudoJet(0, 0, 3, 1), PseudoJet(1, 0, 0, -1)],  // unphysical
        ]
        for ps in weird {
            let v = JetFeatures(particles: ps).vector
            XCTAssertTrue(v.allSatisfy(\.isFinite), "\(ps) → \(v)")
        }
    }

    func testFeaturesFiniteOnRandomJets() {
        var rng = TestRNG(seed: 5)
        for _ in 0..<30 {
            let ps = randomEvent(&rng, count: rng.int(1, 80))
            let f = JetFeatures(particles: ps)
            XCTAssertTrue(f.vector.allSatisfy(\.isFinite))
            XCTAssertTrue(f.tau1 >= 0 && f.tau2 >= 0 && f.tau3 >= 0)
            XCTAssertTrue(f.ptD > 0 && f.ptD <= 1 + 1e-12)
            XCTAssertEqual(f.floatVector.count, 19)
        }
    }
}
