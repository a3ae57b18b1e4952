import Foundation
import Jets
import JetsJSON
import XCTest

final class JSONLinesTests: XCTestCase {
    private func parse(_ text: String, file: String = "in.jsonl") throws -> [JetsInputJet] {
        try JetsJSONLines.parse(text, file: file)
    }

    /// Asserts that `text` fails on `line` with a message containing `fragment`.
    private func expectError(
        _ text: String, line: Int, _ fragment: String,
        file: StaticString = #filePath, sourceLine: UInt = #line
    ) {
        XCTAssertThrowsError(try parse(text), file: file, line: sourceLine) { e in
            guard let err = e as? JetsInputError else { return XCTFail("\(e)", file: file, line: sourceLine) }
            XCTAssertEqual(err.line, line, err.description, file: file, line: sourceLine)
            XCTAssertEqual(err.file, "in.jsonl", file: file, line: sourceLine)
            XCTAssertTrue(
                err.message.contains(fragment), "'\(err.message)' lacks '\(fragment)'", file: file, line: sourceLine)
            XCTAssertTrue(
                err.description.hasPrefix("in.jsonl:\(line): error: "), err.description, file: file, line: sourceLine)
        }
    }

    func testParsesValidLines() throws {
        let text = """
            \u{FEFF}{"particles": [[1.2, 3.2, 5.4, 2.5], [1.25, 3.15, 5.4, 2.4]]}

            {"id": 7, "meta": {"a": [1, 2.5e-3, "x\\"y\\u00e9", null, true, false, {}], "b": []}, "particles": [[-1, 0, 0, 1e2]], "z": -0.0}\r
               \t
            {"particles":[[0,0,0,0]]}
            """
        let jets = try parse(text)
        XCTAssertEqual(jets.map(\.line), [1, 3, 5])
        XCTAssertEqual(jets[0].particles, [PseudoJet(1.2, 3.2, 5.4, 2.5), PseudoJet(1.25, 3.15, 5.4, 2.4)])
        XCTAssertEqual(jets[1].particles, [PseudoJet(-1, 0, 0, 100)])
        XCTAssertEqual(jets[2].particles, [PseudoJet(0, 0, 0, 0)])
        XCTAssertEqual(try parse("").count, 0)
        XCTAssertEqual(try parse("\n\n  \n").count, 0)
        // Escaped key spelling of "particles" is still the key.
        XCTAssertEqual(try parse(#"{"partic\u006ces": [[1, 2, 3, 4]]}"#)[0].particles, [PseudoJet(1, 2, 3, 4)])
    }

    func testErrorsCarryLineNumbers() {
        let ok = #"{"particles": [[1, 2, 3, 4]]}"#
        expectError("\(ok)\n{\"particles\": [[1, 2, 3, 4]]\n", line: 2, "malformed JSON")
        expectError(
            "\(ok)\n\(ok)\n{\"particles\": [[\"NaN\", 2, 3, 4]]}", line: 3, "particle 0 component 0 is not a number")
        expectError("\(ok)\n{\"particles\": [[1, 2, 3, NaN]]}", line: 2, "malformed JSON")
        expectError("\n\n{\"particles\": [[1, 2, 3, 1e999]]}", line: 3, "1e999 is not representable")
        expectError("{\"particles\": [[1, 2, -1E+400, 4]]}", line: 1, "not representable")
        expectError("{\"particles\": [[1, 2, 3, 1e101]]}", line: 1, "component 3 (1e+101) exceeds 1e100")
        expectError("\(ok)\n{\"particles\": []}", line: 2, "empty particle list")
        expectError("{\"particles\": [[1, 2, 3]]}", line: 1, "particle 0 has 3 components, expected 4")
        expectError("{\"particles\": [[1, 2, 3, 4], [1, 2, 3, 4, 5]]}", line: 1, "particle 1 has 5 components")
        expectError("{\"particles\": [[]]}", line: 1, "particle 0 has 0 components")
        expectError("{\"particles\": [[1, 2, 3, 4], 5]}", line: 1, "particle 1 must be an array")
        expectError("{\"particles\": {\"a\": 1}}", line: 1, "\"particles\" must be an array")
        expectError("{\"particles\": null}", line: 1, "\"particles\" must be an array")
        expectError("{\"id\": 3}", line: 1, "missing \"particles\"")
        expectError("[[1, 2, 3, 4]]", line: 1, "expected a JSON object")
        expectError("7", line: 1, "expected a JSON object")
        expectError("\(ok) x", line: 1, "malformed JSON")
        expectError("\(ok)\(ok)", line: 1, "malformed JSON")
        expectError("{\"particles\": [[01, 2, 3, 4]]}", line: 1, "leading zero")
        expectError("{\"particles\": [[1., 2, 3, 4]]}", line: 1, "malformed JSON")
        expectError("{\"particles\": [[.5, 2, 3, 4]]}", line: 1, "malformed JSON")
        expectError("{\"particles\": [[1, 2, 3, 4e]]}", line: 1, "malformed JSON")
        expectError("{\"particles\": [[+1, 2, 3, 4]]}", line: 1, "malformed JSON")
        expectError("{\"a\": \"unterminated, \"particles\": [[1, 2, 3, 4]]}", line: 1, "malformed JSON")
        expectError("{\"a\": tru, \"particles\": [[1, 2, 3, 4]]}", line: 1, "malformed JSON")
        expectError("{\"a\" 1}", line: 1, "malformed JSON")
        expectError("{particles: [[1, 2, 3, 4]]}", line: 1, "malformed JSON")
        expectError("{\"particles\": [[1, 2, 3, 4]]", line: 1, "malformed JSON")
        expectError("{\"particles\": [[1, 2, 3, true]]}", line: 1, "component 3 is not a number")
        expectError("{\"particles\": [[1, 2, 3, null]]}", line: 1, "is not a number")
        expectError(
            "{\"particles\": [[1, 2, 3, 4], [5, 6, \"7\", 8]]}", line: 1, "particle 1 component 2 is not a number")
        XCTAssertEqual(
            JetsInputError(file: "f.jsonl", line: 12, message: "boom").description, "f.jsonl:12: error: boom")
    }

    /// JSON leaves a repeated key to the reader; Foundation's keeps the first value. It also
    /// reads a trailing comma in an array; the particles are still exactly those written.
    func testFoundationsReadingOfLooseJSON() throws {
        let jets = try parse(#"{"particles": [[1, 2, 3, 4]], "particles": [[5, 6, 7, 8]]}"#)
        XCTAssertEqual(jets.first?.particles, [PseudoJet(1, 2, 3, 4)])
        XCTAssertEqual(
            try parse(#"{"a": [1, 2,], "particles": [[1, 2, 3, 4],]}"#).first?.particles, [PseudoJet(1, 2, 3, 4)])
    }

    func testNumberParsingIsCorrectlyRounded() throws {
        var rng = SplitMix(state: 42)
        var texts: [String] = [
            "0", "-0", "1", "-1", "0.1", "0.3", "1e22", "1e23", "9007199254740993", "1.7976931348623157e308",
            "4.9e-324", "2.2250738585072014e-308", "123456789012345678901234567890", "0.000001234",
            "1.0000000000000002", "3.141592653589793238462643383279", "1E5", "2e-5", "1e100",
            "0.08755181299980186", "0.30179987478357223", "543.34", "24.12", "-63.21",
        ]
        for _ in 0..<3000 {
            let bits = rng.next()
            let d = Double(bitPattern: bits)
            guard d.isFinite, abs(d) <= 1e100 else { continue }
            texts.append(d.description)
            texts.append(String(format: "%.17g", d))
            texts.append(String(format: "%.6e", d))
            let small = Double(Int64(bitPattern: rng.next()) % 2_000_000) / 1000
            texts.append(small.description)
            texts.append(String(format: "%.3f", small))
        }
        // Convert JSON-incompatible spellings (e.g. "inf", "1e+20" is fine, "nan" excluded above).
        // One particle per line: a single jet would exceed JetLimits.maximumParticles.
        var line = ""
        var expected: [Double] = []
        var count = 0
        for t in texts where !t.contains("inf") && !t.contains("nan") && abs(Double(t)!) <= 1e100 {
            if count % 4 == 0 {
                line += count == 0 ? "{\"particles\": [[" : "]]}\n{\"particles\": [["
            } else {
                line += ", "
            }
            line += t
            expected.append(Double(t)!)
            count += 1
        }
        while count % 4 != 0 {
            line += ", 0"
            expected.append(0)
            count += 1
        }
        line += "]]}"
        let jets = try parse(line)
        let got = jets.flatMap { $0.particles.flatMap { [$0.px, $0.py, $0.pz, $0.E] } }
        XCTAssertEqual(got.count, expected.count)
        for (g, e) in zip(got, expected) { XCTAssertEqual(g.bitPattern, e.bitPattern, "\(g) vs \(e)") }
    }

    func testOutputRecordsRoundTrip() throws {
        let ps = (0..<30).map { i -> PseudoJet in
            let (pt, y, phi) = (1 + Double(i * 7 % 11), Double(i % 5) * 0.1, Double(i % 7) * 0.2)
            return PseudoJet(px: pt * cos(phi), py: pt * sin(phi), pz: pt * sinh(y), E: pt * cosh(y))
        }
        let ds = LundGenerator.primary(ps)
        let record = JetsJSONLines.lundRecord(ds)
        XCTAssertTrue(record.hasPrefix("{\"declusterings\": [{\"delta\": "))
        let obj = try JSONSerialization.jsonObject(with: Data(record.utf8)) as! [String: Any]
        let list = obj["declusterings"] as! [[String: Any]]
        XCTAssertEqual(list.count, ds.count)
        // Exact round trip of every printed Float64 (re-parsed with our own reader too).
        for (item, d) in zip(list, ds) {
            for (k, v) in [("delta", d.delta), ("kt", d.kt), ("z", d.z), ("m", d.m), ("psi", d.psi)] {
                XCTAssertEqual(Double("\(item[k]!)"), v)
            }
        }
        XCTAssertEqual(JetsJSONLines.lundRecord([]), "{\"declusterings\": []}")
        let f = JetFeatures(particles: ps)
        let frec = JetsJSONLines.featuresRecord(f)
        let fobj = try JSONSerialization.jsonObject(with: Data(frec.utf8)) as! [String: Any]
        XCTAssertEqual(Set(fobj.keys), Set(JetFeatures.names))
        XCTAssertTrue(frec.contains("\"n_constituents\": 30,"))
        // Keys appear in the documented order.
        var last = frec.startIndex
        for name in JetFeatures.names {
            let r = frec.range(of: "\"\(name)\":")!
            XCTAssertGreaterThanOrEqual(r.lowerBound, last)
            last = r.lowerBound
        }
        // Swift's description is valid JSON for awkward magnitudes.
        for v in [1e-5, 1e20, -0.0, 5e-324, 1.7976931348623157e308, 0.1] {
            let s = JetsJSONLines.lundRecord([LundDeclustering(delta: v, kt: v, z: v, m: v, psi: v)])
            let o = try JSONSerialization.jsonObject(with: Data(s.utf8)) as! [String: Any]
            XCTAssertEqual((o["declusterings"] as! [[String: Any]]).count, 1)
            if abs(v) <= 1e100 {
                XCTAssertNotNil(try? JetsJSONLines.parse("{\"particles\": [[\(v), \(v), \(v), \(v)]]}", file: "x"))
            }
        }
    }
}

/// A deterministic stream of 64-bit patterns (SplitMix64) for the number tests.
private struct SplitMix {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = (state ^ (state >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
