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
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium")))
    func searchingWorksOpenedFromDisk() throws {
        let site = try Support.render()
        let folder = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (path, bytes) in site.files {
            let target = folder + "/" + path
            try FileManager.default.createDirectory(
                atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(bytes).write(to: URL(fileURLWithPath: target))
        }
        func results(_ query: String) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/chromium")
            process.arguments = [
                "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=5000", "--dump-dom",
                "file://\(folder)/search/index.html?q=\(query)",
            ]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let dom = String(decoding: data, as: UTF8.self)
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
