import ArchiveIndex
import ArchiveModel
import CLibXML2
import Foundation
import Testing

@testable import ArchiveFeeds
@testable import ArchiveRender

/// schedule.xml against the C3VOC XSD (a copy in Tests/Fixtures/schemas), with libxml2's own
/// XML Schema validator.
@Suite("frab schedule")
struct ScheduleTests {
    static let schemaPath: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<2 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Fixtures/schemas/schedule.xml.xsd").path
    }()

    /// The schema's complaints about `bytes` (empty when valid).
    static func problems(_ bytes: [UInt8]) -> [String] {
        final class Sink: @unchecked Sendable {  // @unchecked: used by one thread, inside this call
            var messages: [String] = []
        }
        let sink = Sink()
        guard let parser = xmlSchemaNewParserCtxt(schemaPath), let schema = xmlSchemaParse(parser) else {
            return ["cannot read the schema at \(schemaPath)"]
        }
        defer {
            xmlSchemaFree(schema)
            xmlSchemaFreeParserCtxt(parser)
        }
        let validator = xmlSchemaNewValidCtxt(schema)
        defer { xmlSchemaFreeValidCtxt(validator) }
        xmlSchemaSetValidStructuredErrors(
            validator,
            { context, error in
                guard let context, let error else { return }
                let sink = Unmanaged<Sink>.fromOpaque(context).takeUnretainedValue()
                sink.messages.append("line \(error.pointee.line): " + String(cString: error.pointee.message))
            }, Unmanaged.passUnretained(sink).toOpaque())
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                xmlReadMemory($0, Int32(buffer.count), "schedule.xml", "UTF-8", Int32(XML_PARSE_NONET.rawValue))
            }
        }
        guard let document else { return ["not well-formed XML"] }
        defer { xmlFreeDoc(document) }
        let status = xmlSchemaValidateDoc(validator, document)
        return status == 0 ? [] : (sink.messages.isEmpty ? ["invalid (status \(status))"] : sink.messages)
    }

    @Test(arguments: [nil, "https://example.org/iml/"] as [String?])
    func theFixtureScheduleIsValid(baseURL: String?) throws {
        var content = Fixtures.content()
        content.workshop.baseURL = baseURL
        let site = try Support.render(content)
        let bytes = try #require(site.files["schedule.xml"])
        #expect(Self.problems(bytes) == [])
        let text = String(decoding: bytes, as: UTF8.self)
        // Every talk, and the block without talks; no breaks.
        #expect(Support.count("<event ", in: text) == content.talks.count + 1)  // + the seminar
        #expect(!text.contains("Coffee break"))
        #expect(text.contains("<acronym>iemlw2020</acronym>"))
        #expect(text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(text.contains("<url>https://example.org/iml/talks/hostile/index.html</url>") == (baseURL != nil))
    }

    /// The JSON twin: same events, the fields the C3VOC schema requires (CI runs check-jsonschema
    /// over the real build's file).
    @Test func theJSONScheduleCarriesTheSameEvents() throws {
        let site = try Support.render(Fixtures.content())
        let bytes = try #require(site.files["schedule.json"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        let conference = try #require((document["schedule"] as? [String: Any])?["conference"] as? [String: Any])
        #expect(conference["acronym"] as? String == "iemlw2020")
        let days = try #require(conference["days"] as? [[String: Any]])
        let events = days.flatMap { ($0["rooms"] as? [String: [[String: Any]]] ?? [:]).values.flatMap { $0 } }
        #expect(events.count == Fixtures.content().talks.count + 1)
        let required = [
            "abstract", "date", "duration", "guid", "id", "language", "links", "persons", "room", "slug",
            "start", "subtitle", "title", "track", "type", "url",
        ]
        for event in events { #expect(required.allSatisfy { event[$0] != nil }, "\(event["slug"] ?? "?")") }
        #expect(events.contains { $0["title"] as? String == "<script>alert(1)</script> & \"quotes\"" })
    }

    @Test func importedTalksKeepTheirIndicoIDs() throws {
        var content = Fixtures.content()
        content.talks[0].source = "indico:event/4242/contribution/1234"
        let events = try FrabSchedule.events(SiteIndex(content: content, notebooks: []), plainText: { $0 })
        #expect(events.first { $0.slug == content.talks[0].id }?.numericID == 1234)
        #expect(FrabSchedule.indicoID("indico:event/4242/person/7") == nil)
        #expect(FrabSchedule.indicoID("indico:event/4242/contribution/c-12") == nil)
        // Without a source: a 31-bit value from the talk id.
        #expect(
            events.first { $0.slug == content.talks[1].id }?.numericID
                == FrabSchedule.numericID("talk/\(content.talks[1].id)"))
    }

    @Test func theSchemaCheckFindsAnInvalidSchedule() {
        let bad = Array("<schedule><version>1</version><conference/><day index=\"0\"/></schedule>".utf8)
        #expect(!Self.problems(bad).isEmpty)
    }

    @Test(
        .enabled(
            if: FileManager.default.fileExists(
                atPath: ICalendarTests.repositoryRoot.appendingPathComponent("Output/schedule.xml").path)))
    func theRealBuildsScheduleIsValid() throws {
        let bytes = try [UInt8](
            Data(contentsOf: ICalendarTests.repositoryRoot.appendingPathComponent("Output/schedule.xml")))
        #expect(Self.problems(bytes) == [])
        #expect(String(decoding: bytes, as: UTF8.self).contains("<acronym>iml2020</acronym>"))
    }
}
