import ArchiveFeeds
import ArchiveIndex
import ArchiveModel
import Foundation
import FoundationXML
import Testing

@testable import ArchiveRender

@Suite("Feeds and sitemap")
struct FeedTests {
    static func site(baseURL: String?) throws -> RenderedSite {
        var content = Fixtures.content()
        content.workshop.baseURL = baseURL
        return try Support.render(content)
    }

    /// Element names and texts of a well-formed document, in order (nil when not well-formed).
    static func elements(_ bytes: [UInt8]) -> [(name: String, attributes: [String: String], text: String)]? {
        final class Collector: NSObject, XMLParserDelegate {
            var items: [(name: String, attributes: [String: String], text: String)] = []
            var text = ""
            func parser(
                _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String]
            ) {
                items.append((name, attributes, ""))
                text = ""
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
            func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?)
            {
                if let i = items.lastIndex(where: { $0.name == name && $0.text.isEmpty }) {
                    items[i].text = text.trimmingCharacters(in: .whitespacesAndNewlines)
                }
                text = ""
            }
        }
        let parser = XMLParser(data: Data(bytes))
        let collector = Collector()
        parser.delegate = collector
        return parser.parse() ? collector.items : nil
    }

    @Test func withoutABaseURLNeitherFileIsWrittenNorCanonicalLinks() throws {
        let site = try Self.site(baseURL: nil)
        #expect(site.files["atom.xml"] == nil && site.files["sitemap.xml"] == nil)
        #expect(!Support.page(site, SiteURLs.home).contains("rel=\"canonical\""))
    }

    @Test func theFeedHasAnEntryPerTalkWithStableIDsAndEscapedText() throws {
        let site = try Self.site(baseURL: "https://example.org/iml/")
        let atom = try #require(site.files["atom.xml"])
        let items = try #require(Self.elements(atom))
        #expect(items.first?.name == "feed")
        #expect(items.first?.attributes["xmlns"] == "http://www.w3.org/2005/Atom")
        #expect(items.filter { $0.name == "entry" }.count == Fixtures.content().talks.count)
        #expect(items.contains { $0.name == "title" && $0.text == "<script>alert(1)</script> & \"quotes\"" })
        #expect(
            items.contains {
                $0.name == "link" && $0.attributes["href"] == "https://example.org/iml/talks/hostile/index.html"
            })
        let ids = items.filter { $0.name == "id" }.map(\.text)
        #expect(Set(ids).count == ids.count && ids.allSatisfy { $0.hasPrefix("urn:uuid:") })
        let elsewhere = try Self.site(baseURL: "https://elsewhere.example/").files["atom.xml"] ?? []
        #expect(ids == Self.elements(elsewhere)?.filter { $0.name == "id" }.map(\.text))
        #expect(items.first { $0.name == "updated" }?.text == "2020-10-23T18:00:00+02:00")
        let raw = String(decoding: site.files["atom.xml"]!, as: UTF8.self)
        #expect(!raw.contains("<script>"))
    }

    @Test func theSitemapListsEveryPageAndPagesLinkTheirCanonicalURL() throws {
        let site = try Self.site(baseURL: "https://example.org/iml/")
        let sitemap = try #require(site.files["sitemap.xml"])
        let items = try #require(Self.elements(sitemap))
        let locations = items.filter { $0.name == "loc" }.map(\.text)
        let pages = site.sortedPaths.filter { $0.hasSuffix(".html") }
        #expect(locations.count == pages.count)
        #expect(locations.contains("https://example.org/iml/"))
        #expect(locations.contains("https://example.org/iml/talks/hostile/index.html"))
        let talk = Support.page(site, SiteURLs.talk("hostile"))
        #expect(talk.contains("<link rel=\"canonical\" href=\"https://example.org/iml/talks/hostile/index.html\">"))
        #expect(talk.contains("href=\"https://example.org/iml/atom.xml\""))
        let ics = String(decoding: site.files["talks/hostile/calendar.ics"]!, as: UTF8.self)
        #expect(ics.contains("\r\nURL:https://example.org/iml/talks/hostile/index.html\r\n"))
    }

    @Test func baseURLsAreChecked() {
        #expect(Workshop.baseURLProblem("https://example.org/iml/") == nil)
        for bad in [
            "https://example.org/iml", "ftp://example.org/", "https:///", "https://u:p@example.org/",
            "https://example.org/?a=1/", "https://exa mple.org/",
        ] {
            #expect(Workshop.baseURLProblem(bad) != nil, "\(bad)")
        }
    }
}
