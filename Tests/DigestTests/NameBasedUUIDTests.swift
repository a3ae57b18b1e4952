import Digest
import XCTest

/// Against Python's uuid.uuid5 (an independent implementation of the same RFC).
final class NameBasedUUIDTests: XCTestCase {
    func testMatchesPythonsUUID5() {
        XCTAssertEqual(
            NameBasedUUID.v5(namespace: NameBasedUUID.dnsNamespace, name: "python.org"),
            "886313e1-3b8a-5372-9b90-0c9aee199e5d")
        XCTAssertEqual(
            NameBasedUUID.v5(namespace: NameBasedUUID.dnsNamespace, name: "Łukasz ✓"),
            "0b60c520-4b95-559b-b0f4-8010c73e7f8c")
    }
}
