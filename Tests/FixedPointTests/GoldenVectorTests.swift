import Foundation
import XCTest

@testable import FixedPoint

/// Bit-for-bit comparison with vectors computed by the real `ap_types` headers
/// (Tools/apfixed-reference; the record format is described in its source).
///
/// `Fixtures/apfixed_golden.txt` is committed. A larger file made by the generator's
/// `exhaustive` mode can be checked too by setting APFIXED_GOLDEN_EXTRA to its path.
final class GoldenVectorTests: XCTestCase {
    static var fixtureURL: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures").appendingPathComponent("apfixed_golden.txt")
    }

    func testCommittedFixture() throws {
        let text = try String(contentsOf: Self.fixtureURL, encoding: .utf8)
        let result = GoldenChecker.check(text)
        for failure in result.failures.prefix(20) { XCTFail(failure) }
        XCTAssertEqual(result.failureCount, 0, "mismatches against the ap_types headers")
        // Guard against a truncated or empty fixture.
        XCTAssertGreaterThan(result.checked, 35_000)
        for kind in ["D", "C", "M", "A", "S", "N", "F"] {
            XCTAssertGreaterThan(result.checkedByKind[kind, default: 0], 100, kind)
        }
        print(
            "golden vectors: \(result.checked) matched bit for bit (\(result.checkedByKind.sorted { $0.key < $1.key }))"
        )
    }

    func testExtraGoldenFileIfConfigured() throws {
        guard let path = ProcessInfo.processInfo.environment["APFIXED_GOLDEN_EXTRA"] else {
            throw XCTSkip("set APFIXED_GOLDEN_EXTRA to check a generated exhaustive file")
        }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let result = GoldenChecker.check(text)
        for failure in result.failures.prefix(40) { XCTFail(failure) }
        XCTAssertEqual(result.failureCount, 0)
        print("extra golden vectors: \(result.checked) checked, \(result.failureCount) mismatches")
    }
}

enum GoldenChecker {
    struct Result {
        var checked = 0
        var checkedByKind: [String: Int] = [:]
        var failureCount = 0
        var failures: [String] = []
    }

    static func parseRaw(_ text: Substring) -> WideInt? {
        var digits = text
        var negative = false
        if digits.first == "-" {
            negative = true
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty else { return nil }
        var value = WideInt.zero
        for c in digits.utf8 {
            guard c >= 48 && c <= 57 else { return nil }
            value = value &* WideInt(10) &+ WideInt(Int64(c - 48))
        }
        return negative ? -value : value
    }

    static func check(_ text: String) -> Result {
        var result = Result()
        func fail(_ message: String) {
            result.failureCount += 1
            if result.failures.count < 100 { result.failures.append(message) }
        }
        var types: [Substring: FixedPointType] = [:]
        func type(_ s: Substring) -> FixedPointType? {
            if let t = types[s] { return t }
            guard let t = try? FixedPointType.parse(String(s)) else { return nil }
            types[s] = t
            return t
        }
        func value(_ raw: Substring, _ t: FixedPointType) -> FixedPointValue? {
            guard let r = parseRaw(raw) else { return nil }
            return FixedPointValue(storage: r, format: t)
        }

        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("#") { continue }
            let fields = line.split(separator: " ")
            guard let kind = fields.first.map(String.init) else { continue }
            let typeCount: Int
            switch kind {
            case "D", "F": typeCount = 1
            case "N": typeCount = 2
            case "C": typeCount = 2
            case "M", "A", "S": typeCount = 3
            default:
                fail("unknown record kind in line: \(line.prefix(80))")
                continue
            }
            guard fields.count > typeCount else {
                fail("short line: \(line.prefix(80))")
                continue
            }
            let parsedTypes = fields[1...typeCount].map { type($0) }
            guard parsedTypes.allSatisfy({ $0 != nil }) else {
                fail("unparsable type in line: \(line.prefix(120))")
                continue
            }
            let ts = parsedTypes.map { $0! }
            for item in fields[(typeCount + 1)...] {
                guard let eq = item.firstIndex(of: "=") else {
                    fail("bad item \(item)")
                    continue
                }
                let lhs = item[..<eq]
                let rhs = item[item.index(after: eq)...]
                result.checked += 1
                result.checkedByKind[kind, default: 0] += 1
                switch kind {
                case "D":
                    guard let x = Double(String(lhs)), let expected = parseRaw(rhs) else {
                        fail("bad D item \(item)")
                        continue
                    }
                    let got = ts[0].quantize(x)
                    if got.storage != expected {
                        fail("\(ts[0]) x = \(lhs): got \(got.rawDescription), expected \(rhs)")
                    }
                case "C":
                    guard let source = value(lhs, ts[0]), let expected = parseRaw(rhs) else {
                        fail("bad C item \(item)")
                        continue
                    }
                    let got = source.cast(to: ts[1])
                    if got.storage != expected || got.format != ts[1] {
                        fail("\(ts[1]) y = \(ts[0]) raw \(lhs): got \(got.rawDescription), expected \(rhs)")
                    }
                case "M", "A", "S":
                    guard let comma = lhs.firstIndex(of: ","),
                        let a = value(lhs[..<comma], ts[0]),
                        let b = value(lhs[lhs.index(after: comma)...], ts[1]),
                        let expected = parseRaw(rhs)
                    else {
                        fail("bad \(kind) item \(item)")
                        continue
                    }
                    let got = kind == "M" ? a * b : kind == "A" ? a + b : a - b
                    if got.format != ts[2] || got.storage != expected {
                        fail(
                            "\(ts[0]) \(a.rawDescription) \(kind) \(ts[1]) \(b.rawDescription): got \(got.debugDescription), expected \(ts[2]) raw \(rhs)"
                        )
                    }
                case "N":
                    guard let a = value(lhs, ts[0]), let expected = parseRaw(rhs) else {
                        fail("bad N item \(item)")
                        continue
                    }
                    let got = -a
                    if got.format != ts[1] || got.storage != expected {
                        fail("-(\(a.debugDescription)): got \(got.debugDescription), expected \(ts[1]) raw \(rhs)")
                    }
                case "F":
                    guard let a = value(lhs, ts[0]), let bits = UInt64(rhs, radix: 16) else {
                        fail("bad F item \(item)")
                        continue
                    }
                    let got = a.doubleValue
                    if got.bitPattern != bits {
                        fail("\(a.debugDescription).to_double(): got \(got) expected \(Double(bitPattern: bits))")
                    }
                default:
                    break
                }
            }
        }
        return result
    }
}
