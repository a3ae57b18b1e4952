import ArchiveModel
import Foundation
import Testing

@testable import ArchiveRender

@Suite("Offline search")
struct SearchTests {
    @Test func wordsIgnoreCaseAndAccents() {
        #expect(
            SearchIndex.words("Łukasz Żak-Nowak, Zoë Åhlund: p_T > 20 GeV") == [
                "lukasz", "zak", "nowak", "zoe", "ahlund", "20", "gev",
            ])
        #expect(SearchIndex.shard("lukasz") == "lu")
        #expect(SearchIndex.shard("éa") == "_")
    }

    @Test func theIndexIsClassicScriptsWithTheSearchPage() throws {
        let site = try Support.render()
        let manifest = Support.page(site, "search/manifest.js")
        #expect(manifest.hasPrefix("archiveSearch.manifest({\"chunk\":50,"))
        let shard = Support.page(site, "search/terms-ah.js")
        #expect(shard.hasPrefix("archiveSearch.terms(\"ah\", {") && shard.contains("\"ahlund\":"))
        let page = Support.page(site, "search/index.html")
        #expect(page.contains("<script src=\"../assets/search.js\"></script>"))
        #expect(page.contains("<noscript>") && page.contains("href=\"../talks/index.html\""))
        #expect(site.files["assets/search.js"] != nil)
        // Every page's header opens it.
        #expect(Support.page(site, "talks/introduction/index.html").contains("action=\"../../search/index.html\""))
    }

    /// The search itself, in headless Chromium from `file://`: prefixes, accents, ranking.
    @Test(.enabled(if: Support.hasChromium))
    func searchingWorksOpenedFromDisk() throws {
        let folder = try Support.write(try Support.render())
        defer { try? FileManager.default.removeItem(atPath: folder) }
        func results(_ query: String) throws -> String {
            let dom = try Support.dom("file://\(folder)/search/index.html?q=\(query)")
            guard let start = dom.range(of: "<ol id=\"search-results\""),
                let end = dom[start.upperBound...].range(of: "</ol>")
            else { return "" }
            return String(dom[start.lowerBound..<end.upperBound])
        }
        // Accents and case ignored, prefixes match: "zoe ahl" finds Zoë Åhlund.
        let zoe = try results("zoe%20ahl")
        #expect(zoe.contains("Zoë Åhlund"), "\(zoe)")
        // A title match ranks above an abstract match.
        let ganplifying = try results("ganpl")
        #expect(
            ganplifying.hasPrefix(
                "<ol id=\"search-results\" class=\"search-results\"><li><a href=\"../talks/ganplifying/"))
        #expect(try results("nosuchwordanywhere").contains("<li>") == false)
    }
}

@Suite("Local time")
struct LocalTimeTests {
    /// The header's switch, in headless Chromium from disk with the reader in New York: off by
    /// default, and once chosen (remembered in localStorage) every clock time is the reader's.
    @Test(.enabled(if: Support.hasChromium))
    func timesSwitchToTheReadersZoneAndTheChoiceIsRemembered() throws {
        let folder = try Support.write(try Support.render())
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let page = "talks/introduction/index.html"
        let workshop = try Support.dom("file://\(folder)/\(page)", timeZone: "America/New_York")
        #expect(workshop.contains("aria-pressed=\"false\""))
        #expect(workshop.contains("<time datetime=\"2020-10-20T10:00+02:00\" data-workshop-time="))
        #expect(!workshop.contains(">04:00</time>"))
        try
            "<!DOCTYPE html><script>localStorage.setItem('archive-times-in', 'reader'); location.href = '\(page)';</script>"
            .write(toFile: folder + "/choose.html", atomically: true, encoding: .utf8)
        let reader = try Support.dom("file://\(folder)/choose.html", timeZone: "America/New_York")
        #expect(reader.contains("aria-pressed=\"true\""), "\(reader.prefix(2000))")
        #expect(reader.contains("Times: yours (America/New_York)"))
        // 10:00 in Geneva (CEST) is 04:00 in New York (EDT); the zone label follows.
        #expect(
            reader.contains(
                "data-workshop-time=\"Tuesday 20 October 2020, 10:00\">Tuesday 20 October 2020, 04:00</time>"))
        #expect(reader.contains(">GMT-4</span>"))
    }
}
