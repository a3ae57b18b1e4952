import ArchiveIndex
import ArchiveModel
import ArchiveRender
import Testing

/// What a reader meets first on the home page, and lists that do not repeat what their page says.
@Suite("Reader lists")
struct ReaderListTests {
    let site: RenderedSite

    init() throws {
        site = try Support.render()
    }

    /// The part of `html` from `start` to the next `end`.
    static func slice(_ html: String, from start: String, to end: String) -> String {
        guard let a = html.range(of: start), let b = html.range(of: end, range: a.upperBound..<html.endIndex) else {
            return ""
        }
        return String(html[a.lowerBound..<b.lowerBound])
    }

    @Test func homePageShowsTheProgrammeBeforeTheDescription() throws {
        let home = Support.page(site, SiteURLs.home)
        let programme = try #require(home.range(of: "id=\"programme-heading\""))
        let about = try #require(home.range(of: "id=\"about-heading\""))
        #expect(programme.lowerBound < about.lowerBound)
        #expect(home.contains("<a href=\"sessions/hls4ml-tutorial/index.html\">hls4ml tutorial</a>"))
    }

    @Test func trackPageDoesNotRepeatTheDayUnderItsHeading() {
        let track = Support.page(site, SiteURLs.track("fast-ml"))
        let monday = Self.slice(track, from: "id=\"day-2020-10-19\"", to: "</section>")
        #expect(monday.contains("hls4ml introduction"))
        #expect(!monday.contains("Mon 19 Oct</a>, "))
        #expect(monday.contains("<p class=\"talk-when\"><time datetime=\"2020-10-19T14:00+02:00\">14:00</time>"))
        // The talk index has no day headings, so it keeps the day in each item.
        #expect(Support.page(site, SiteURLs.talks).contains("Mon 19 Oct</a>, <time"))
    }

    @Test func personPageNamesOnlyTheCoSpeakers() {
        let person = Support.page(site, SiteURLs.person("kazuhiro-terao"))
        let talks = Self.slice(person, from: "id=\"talks-heading\"", to: "</section>")
        #expect(talks.contains("hls4ml introduction"))
        #expect(!talks.contains("people/kazuhiro-terao/"))
        #expect(
            talks.contains(
                "<p class=\"speakers\">With <a href=\"../../people/sascha-diefenbacher/index.html\">Sascha Daniel Diefenbacher</a> <span class=\"affiliation\">(Hamburg University (DE))</span></p>"
            ))
        // The sole speaker of a talk gets no speakers line at all.
        #expect(talks.components(separatedBy: "<p class=\"speakers\">").count == 2)
    }

    @Test func personPageKeepsAnAffiliationThatDiffersForOneTalk() {
        var content = Fixtures.content()
        let i = content.talks.firstIndex { $0.id == "hls4ml-intro" }!
        content.talks[i].speakerAffiliations = ["kazuhiro-terao": "SLAC"]
        let person = Support.page(try! Support.render(content), SiteURLs.person("kazuhiro-terao"))
        #expect(person.contains("<p class=\"affiliation\">Affiliation for this talk: SLAC</p>"))
        #expect(person.components(separatedBy: "Affiliation for this talk").count == 2)
    }

    @Test func anEmptyTrackSaysItIsEmptyOnPurpose() throws {
        var content = Fixtures.content()
        content.workshop.tracks.append(
            Track(id: "accelerators", number: 12, title: "ML for accelerators", summary: nil))
        let site = try Support.render(content)
        let page = Support.page(site, SiteURLs.track("accelerators"))
        #expect(page.contains("<p>No talks in this track."))
        #expect(page.contains("empty on purpose"))
        #expect(!page.contains("calendar.ics"))
        let tracks = Support.page(site, SiteURLs.tracks)
        #expect(tracks.contains("ML for accelerators</a> <span class=\"muted\">· no talks assigned</span>"))
        #expect(tracks.components(separatedBy: "Empty on purpose").count == 2)
        #expect(
            Support.page(site, SiteURLs.home).contains(
                "ML for accelerators</a> <span class=\"muted\">· no talks assigned"))
    }
}
