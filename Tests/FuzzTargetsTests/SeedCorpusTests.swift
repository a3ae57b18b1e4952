import Foundation
import FuzzTargets
import XCTest

/// Replays the committed seed corpus (Tests/FuzzCorpus/<target>/) through every fuzz target, as
/// the fuzzer's first pass does: an input that breaks a target's rules stops the test process.
/// Each target's seeds must include inputs its parser accepts and inputs it refuses, so that the
/// fuzzer starts from both sides of every check.
final class SeedCorpusTests: XCTestCase {
    static let corpus = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("FuzzCorpus")

    func testEverySeedIsAcceptedOrRefusedAndEachTargetSeesBoth() throws {
        for target in FuzzTarget.allCases {
            let folder = Self.corpus.appendingPathComponent(target.rawValue)
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            var outcomes: [String: FuzzOutcome] = [:]
            for name in names {
                outcomes[name] = target.run(try Data(contentsOf: folder.appendingPathComponent(name)))
            }
            XCTAssertTrue(outcomes.values.contains(.accepted), "\(target.rawValue): no seed is accepted: \(outcomes)")
            XCTAssertTrue(outcomes.values.contains(.refused), "\(target.rawValue): no seed is refused: \(outcomes)")
        }
    }

    func testTheFirstByteChoosesTheContentFile() {
        let person = Data("P---\nname: \"Grace Hopper\"\n---\n".utf8)
        XCTAssertEqual(FuzzTarget.frontMatter.run(person), .accepted)
        // The same text as a talk lacks every talk key.
        XCTAssertEqual(FuzzTarget.frontMatter.run(Data("T".utf8) + person.dropFirst()), .refused)
        // A second person with Ada's name is refused.
        XCTAssertEqual(FuzzTarget.frontMatter.run(Data("P---\nname: \"Ada Lovelace\"\n---\n".utf8)), .refused)
        // The valid folder is restored after each input: a broken workshop file does not stay.
        XCTAssertEqual(FuzzTarget.frontMatter.run(Data("W---\n".utf8)), .refused)
        XCTAssertEqual(FuzzTarget.frontMatter.run(person), .accepted)
    }
}
