import Foundation
import XCTest

@testable import Jets

final class KinematicsTests: XCTestCase {
    func testPhiRangeAndWrapping() {
        // φ is in [0, 2π) as FastJet's phi().
        XCTAssertEqual(PseudoJet(1, 0, 0, 1).phi, 0)
        XCTAssertEqual(PseudoJet(0, 1, 0, 1).phi, .pi / 2, accuracy: 1e-15)
        XCTAssertEqual(PseudoJet(-1, 0, 0, 1).phi, .pi, accuracy: 1e-15)
        XCTAssertEqual(PseudoJet(-1, -0.0, 0, 1).phi, .pi, accuracy: 1e-15)  // atan2(-0, -1) = -π → +2π
        XCTAssertEqual(PseudoJet(0, -1, 0, 1).phi, 1.5 * .pi, accuracy: 1e-15)
        XCTAssertEqual(PseudoJet(1, -1e-300, 0, 1).phi, 0, "2π − tiny rounds to 2π and is wrapped to 0")
        let tiny = PseudoJet(1, -1e-10, 0, 1).phi
        XCTAssertTrue(tiny < 2 * .pi && tiny > 6.28)
        XCTAssertEqual(PseudoJet(0, 0, 5, 6).phi, 0, "pt = 0 → φ = 0")
        for k in 0..<360 {
            let a = Double(k) * .pi / 180 - .pi
            let p = PseudoJet(cos(a), sin(a), 0, 2)
            XCTAssertTrue(p.phi >= 0 && p.phi < jetsTwoPi)
            XCTAssertTrue(p.phiStd > -.pi - 1e-15 && p.phiStd <= .pi + 1e-15)
        }
    }

    func testDeltaPhiAcrossBranchCut() {
        let a = particle(pt: 10, y: 0, phi: .pi - 0.05)
        let b = particle(pt: 10, y: 0, phi: -.pi + 0.05)
        XCTAssertEqual(a.deltaR(to: b), 0.1, accuracy: 1e-12)
        XCTAssertEqual(a.deltaPhi(to: b), 0.1, accuracy: 1e-12)
        XCTAssertEqual(b.deltaPhi(to: a), -0.1, accuracy: 1e-12)
        let c = particle(pt: 10, y: 0.3, phi: 0.02)
        let d = particle(pt: 10, y: -0.1, phi: 2 * .pi - 0.03)
        XCTAssertEqual(c.deltaR(to: d), (0.16 + 0.0025).squareRoot(), accuracy: 1e-12)
    }

    func testRapidityAndMassLikeFastJet() {
        // Timelike: y = ½ ln((E + pz)/(E − pz)).
        let p = PseudoJet(3, 4, 12, 20)
        XCTAssertEqual(p.rap, 0.5 * log(32.0 / 8.0), accuracy: 1e-14)
        XCTAssertEqual(p.m, (400.0 - 169.0).squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(p.pt, 5)
        XCTAssertEqual(PseudoJet(3, 4, -12, 20).rap, -0.5 * log(4.0), accuracy: 1e-14)
        // Spacelike: m = −sqrt(−m²); rapidity uses max(m², 0), i.e. as if massless.
        let s = PseudoJet(1.2, 3.2, 5.4, 2.5)
        let m2 = 2.5 * 2.5 - (1.2 * 1.2 + 3.2 * 3.2 + 5.4 * 5.4)
        XCTAssertLessThan(s.m2, 0)
        XCTAssertEqual(s.m, -(-m2).squareRoot(), accuracy: 1e-12)
        let pt2 = 1.2 * 1.2 + 3.2 * 3.2
        XCTAssertEqual(s.rap, -0.5 * log(pt2 / ((2.5 + 5.4) * (2.5 + 5.4))), accuracy: 1e-14)
        // Massless along the beam (E == |pz|, pt == 0): ±(MaxRap + |pz|).
        XCTAssertEqual(PseudoJet(0, 0, 5, 5).rap, 1e5 + 5)
        XCTAssertEqual(PseudoJet(0, 0, -5, 5).rap, -(1e5 + 5))
        XCTAssertEqual(PseudoJet(0, 0, 0, 0).rap, 1e5)
        XCTAssertEqual(PseudoJet(0, 0, 0, 0).m, 0)
        // Documented guard: spacelike along the beam would be ±∞ in FastJet.
        XCTAssertEqual(PseudoJet(0, 0, 5, 3).rap, 1e5 + 5)
        XCTAssertEqual(PseudoJet(0, 0, -5, 3).rap, -(1e5 + 5))
        XCTAssertEqual(PseudoJet(1, 0, 0, 0).rap, 1e5, "E + |pz| == 0 would divide by zero")
        // Pseudorapidity.
        XCTAssertEqual(PseudoJet(1, 0, sinh(1.3), 7).eta, 1.3, accuracy: 1e-13)
        XCTAssertEqual(PseudoJet(0, 0, 3, 4).eta, 1e5)
        XCTAssertEqual(PseudoJet(1, 1, 0, 4).eta, 0)
        // PtYPhiM round trip.
        let q = PseudoJet.fromPtYPhiM(pt: 50, y: -1.7, phi: 2.5, m: 10)
        XCTAssertEqual(q.pt, 50, accuracy: 1e-12)
        XCTAssertEqual(q.rap, -1.7, accuracy: 1e-12)
        XCTAssertEqual(q.phi, 2.5, accuracy: 1e-12)
        XCTAssertEqual(q.m, 10, accuracy: 1e-9)
    }

    func testSafeLogFloor() {
        XCTAssertEqual(safeLog(0), log(1e-12))
        XCTAssertEqual(safeLog(-3), log(1e-12))
        XCTAssertEqual(safeLog(.nan), log(1e-12))
        XCTAssertEqual(safeLog(2.5), log(2.5))
        XCTAssertEqual(safeLog(1e-20, floor: 1e-30), log(1e-20))
        let spacelike = LundDeclustering(delta: 0, kt: 0, z: 0, m: -3, psi: 0)
        XCTAssertEqual(spacelike.lnM, log(1e-12))
        XCTAssertEqual(spacelike.lnKt, log(1e-12))
        XCTAssertEqual(spacelike.lnZ, log(1e-12))
        XCTAssertEqual(spacelike.lnOneOverDelta, -log(1e-12))
        XCTAssertTrue(spacelike.lnKappa.isFinite)
    }

    func testSumAndOperators() {
        let a = PseudoJet(1, 2, 3, 10)
        let b = PseudoJet(-1, 0.5, 1, 4)
        XCTAssertEqual(a + b, PseudoJet(0, 2.5, 4, 14))
        XCTAssertEqual(a - b, PseudoJet(2, 1.5, 2, 6))
        XCTAssertEqual(PseudoJet.sum([a, b]), a + b)
        XCTAssertEqual(PseudoJet.sum([]), PseudoJet.zero)
    }
}
