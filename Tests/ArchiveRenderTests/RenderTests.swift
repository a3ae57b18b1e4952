import ArchiveCheck
import ArchiveIndex
import ArchiveModel
import ArchiveRender
import Foundation
import Testing

@Suite("SiteRenderer")
struct RenderTests {
    let site: RenderedSite

    init() throws {
        site = try Support.render()
    }

    @Test func producesTheURLScheme() {
        let expected = [
            ".gitkeep",  // not produced by the renderer: checked absent below
            "index.html", "days/index.html", "sessions/index.html", "talks/index.html",
            "days/2020-10-19/index.html", "days/2020-10-20/index.html", "days/2020-10-21/index.html",
            "sessions/hls4ml-tutorial/index.html", "sessions/plenary-tuesday-morning/index.html",
            "sessions/data-science-seminar/index.html",
            "talks/introduction/index.html", "talks/ganplifying/index.html", "talks/hostile/index.html",
            "talks/wrap-up/index.html", "talks/hls4ml-intro/index.html",
            "tracks/index.html", "tracks/ml-for-simulation/index.html", "tracks/fast-ml/index.html",
            "tracks/other/index.html",
            "people/index.html", "people/pietro-vischia/index.html", "people/david-rousseau/index.html",
            "people/sascha-diefenbacher/index.html", "people/kazuhiro-terao/index.html", "people/zoe-ahlund/index.html",
            "assets/style.css", "assets/favicon.svg",
            // Calendars: the whole workshop, and beside each page that has events (not the day
            // without sessions, nor a person without talks or sessions).
            "schedule.xml", "schedule.json", "schedule.ics", "days/2020-10-19/calendar.ics",
            "days/2020-10-20/calendar.ics",
            "sessions/data-science-seminar/calendar.ics", "sessions/hls4ml-tutorial/calendar.ics",
            "sessions/plenary-tuesday-morning/calendar.ics", "talks/ganplifying/calendar.ics",
            "talks/hls4ml-intro/calendar.ics", "talks/hostile/calendar.ics", "talks/introduction/calendar.ics",
            "talks/wrap-up/calendar.ics", "tracks/fast-ml/calendar.ics", "tracks/ml-for-simulation/calendar.ics",
            "tracks/other/calendar.ics", "people/david-rousseau/calendar.ics", "people/kazuhiro-terao/calendar.ics",
            "people/pietro-vischia/calendar.ics", "people/sascha-diefenbacher/calendar.ics",
        ]
        #expect(site.files[".gitkeep"] == nil)
        // The offline search: its page, its script and the index (tested in SearchTests).
        let search = Set(
            site.files.keys.filter {
                $0.hasPrefix("search/") || $0 == "assets/search.js" || $0 == "assets/localtime.js"
            })
        #expect(
            search.isSuperset(of: ["search/index.html", "search/manifest.js", "search/docs-0.js", "assets/search.js"]))
        #expect(Set(site.files.keys).subtracting(search) == Set(expected.dropFirst()))
    }

    /// Opened from disk, a folder without index.html shows a raw directory listing.
    @Test func everyFolderThatHoldsPagesHasAnIndex() {
        var folders: Set<String> = []
        for path in site.sortedPaths where path.hasSuffix(".html") {
            var parts = path.split(separator: "/").dropLast()
            while !parts.isEmpty {
                folders.insert(parts.joined(separator: "/"))
                parts = parts.dropLast()
            }
        }
        for folder in folders { #expect(site.files[folder + "/index.html"] != nil, "\(folder)/") }
        let talks = Support.page(site, SiteURLs.talks)
        for talk in Fixtures.content().talks {
            #expect(talks.contains("href=\"../talks/\(talk.id)/index.html\""), "\(talk.id)")
        }
    }

    /// schema.org Event data on talk pages: valid JSON whatever the title holds, and nothing in it
    /// can close the script element.
    @Test func talkPagesCarryEventStructuredData() throws {
        let html = Support.page(site, SiteURLs.talk("hostile"))
        let open = "<script type=\"application/ld+json\">"
        let start = try #require(html.range(of: open)).upperBound
        let end = try #require(html.range(of: "</script>", range: start..<html.endIndex)).lowerBound
        let json = String(html[start..<end])
        #expect(!json.contains("<") && !json.contains(">"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["@type"] as? String == "Event")
        #expect(object["name"] as? String == "<script>alert(1)</script> & \"quotes\"")
        #expect(object["startDate"] as? String == "2020-10-20T11:05+02:00")
        #expect(object["eventAttendanceMode"] as? String == "https://schema.org/OnlineEventAttendanceMode")
        #expect(!Support.page(site, SiteURLs.home).contains("application/ld+json"))
    }

    @Test func pagesLinkTheirCalendarExactlyWhenItExists() {
        for path in site.sortedPaths where path.hasSuffix("/index.html") {
            let calendar = String(path.dropLast("index.html".count)) + "calendar.ics"
            let links = Support.page(site, path).contains("<a href=\"calendar.ics\" type=\"text/calendar\">")
            #expect(links == (site.files[calendar] != nil), "\(path)")
        }
        #expect(Support.page(site, SiteURLs.home).contains("<a href=\"schedule.ics\" type=\"text/calendar\">"))
    }

    @Test func everyPageIsAnAccessibleHTML5Document() {
        for path in site.sortedPaths where path.hasSuffix(".html") {
            let html = Support.page(site, path)
            #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"), "\(path)")
            #expect(html.contains("<meta charset=\"utf-8\">"), "\(path)")
            #expect(
                html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"), "\(path)")
            #expect(Support.count("<h1", in: html) == 1, "exactly one h1 in \(path)")
            #expect(html.contains("<a class=\"skip-link\" href=\"#main\">"), "\(path)")
            #expect(html.contains("<main id=\"main\""), "\(path)")
            for landmark in ["<header", "<nav", "<main", "<footer"] {
                #expect(html.contains(landmark), "\(landmark) in \(path)")
            }
            // No script needed to read: talk pages' JSON-LD data, the optional time-zone switch on
            // every page, and the search page's script (searching is the one thing that needs
            // JavaScript; the page says so without it).
            #expect(
                html.contains("<script src=\"\(Support.root(path))assets/localtime.js\" defer></script>"), "\(path)")
            #expect(
                Support.count("<script", in: html) - 1 - (path == "search/index.html" ? 1 : 0)
                    == Support.count("<script type=\"application/ld+json\">", in: html),
                "no other script in \(path)")
        }
    }

    @Test func everyLinkIsRelativeAndNamesAFile() {
        for path in site.sortedPaths where path.hasSuffix(".html") {
            let depth = path.split(separator: "/").count - 1
            for link in Support.links(Support.page(site, path)) {
                if link.hasPrefix("https://") || link.hasPrefix("http://") || link.hasPrefix("mailto:") { continue }
                #expect(!link.isEmpty, "\(path)")
                #expect(!link.hasPrefix("/"), "\(link) in \(path)")
                let file = link.split(separator: "#", omittingEmptySubsequences: false)[0]
                if file.isEmpty { continue }  // same-page anchor
                #expect(!file.hasSuffix("/"), "\(link) in \(path)")
                if [".ics", ".xml", ".json"].contains(where: { file.hasSuffix($0) }) { continue }  // exports
                #expect(
                    file.hasSuffix(".html") || file.hasPrefix(String(repeating: "../", count: depth) + "assets/"),
                    "\(link) in \(path)")
            }
        }
        #expect(LinkChecker().check(site).isEmpty)
        let talk = Support.page(site, SiteURLs.talk("ganplifying"))
        #expect(talk.contains("href=\"../../people/sascha-diefenbacher/index.html\""))
        #expect(talk.contains("href=\"../../assets/style.css\""))
        let home = Support.page(site, SiteURLs.home)
        #expect(home.contains("href=\"days/2020-10-20/index.html\""))
        #expect(home.contains("href=\"assets/style.css\""))
        #expect(Support.page(site, SiteURLs.people).contains("href=\"../people/zoe-ahlund/index.html\""))
    }

    @Test func hostileTitleIsEscapedEverywhere() {
        for path in site.sortedPaths where path.hasSuffix(".html") {
            let html = Support.page(site, path)
            #expect(!html.contains("<script>alert"), "\(path)")
            #expect(!html.contains("\"quotes\""), "raw quotes from content in \(path)")
        }
        let talk = Support.page(site, SiteURLs.talk("hostile"))
        #expect(
            talk.contains("<h1 id=\"talk-title\">&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;</h1>"))
        #expect(
            talk.contains(
                "<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; · IML Workshop 2020</title>"))
        // In an attribute (the neighbouring talk's pager link has it as text, the meta description not at all).
        #expect(Support.page(site, SiteURLs.talk("ganplifying")).contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test func abstractMarkdownIsSafe() {
        let page = Support.page(site, SiteURLs.talk("hostile"))
        let talk = page.replacingOccurrences(
            of: "<script type=\"application/ld\\+json\">[^<]*</script>", with: "", options: .regularExpression
        ).replacingOccurrences(of: "<script src=\"../../assets/localtime.js\" defer></script>", with: "")
        #expect(talk.count < page.count)  // the JSON-LD is checked on its own
        #expect(!talk.contains("<script"))
        #expect(
            talk.contains("&lt;script&gt;alert('x')&lt;/script&gt;")
                || talk.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        #expect(!talk.contains("<div onclick"))
        #expect(!talk.lowercased().contains("javascript:"))
        #expect(talk.contains("<p>click and <a href=\"https://example.org/\">ok</a>"))
        #expect(!talk.contains("<img"))  // images become links: nothing is loaded from elsewhere
        #expect(talk.contains("<a href=\"https://example.org/i.png\">img</a>"))
        #expect(!talk.contains("etc/passwd\""))  // relative links in content are dropped, text kept
        #expect(talk.contains(" rel</p>"))
    }

    @Test func texIsKeptAsWritten() {
        let talk = Support.page(site, SiteURLs.talk("ganplifying"))
        #expect(talk.contains("$\\eta$ range and $p_T &gt; 20$ GeV, $\\{a_1, b_2\\}$ and <em>emphasis</em>."))
    }

    @Test func talkPageStatesDayTimeAndTimeZone() throws {
        let talk = Support.page(site, SiteURLs.talk("ganplifying"))
        #expect(Support.fact(talk, "When") == "Tuesday 20 October 2020, 10:25–10:55 CEST (UTC+02:00)")
        #expect(talk.contains("<time datetime=\"2020-10-20T10:25+02:00\">"))
        #expect(talk.contains("<time datetime=\"2020-10-20T10:55+02:00\">"))
        #expect(Support.fact(talk, "Duration") == "30 minutes")
        #expect(talk.contains("<time datetime=\"PT30M\">"))
        #expect(Support.fact(talk, "Speaker") == "Sascha Daniel Diefenbacher (Hamburg University (DE))")
        #expect(Support.fact(talk, "Session") == "Plenary: Tuesday morning, Tue 20 Oct")
        #expect(Support.fact(talk, "Track") == "3. ML for simulation and surrogate model")
        #expect(Support.fact(talk, "Recording") == "Recorded")
        #expect(talk.contains("<a href=\"https://arxiv.org/abs/2008.06545\" rel=\"external\">arXiv:2008.06545</a>"))
        #expect(talk.contains("rel=\"prev\""))
        #expect(talk.contains("href=\"../../talks/introduction/index.html\" rel=\"prev\""))
        #expect(talk.contains("href=\"../../talks/hostile/index.html\" rel=\"next\""))
    }

    @Test func unknownThingsAreShownAsUnknown() {
        let wrapUp = Support.page(site, SiteURLs.talk("wrap-up"))
        #expect(Support.fact(wrapUp, "Speakers") == "Speaker not listed")
        #expect(wrapUp.contains("No abstract is available."))
        #expect(Support.fact(wrapUp, "Recording") == "Unknown whether it was recorded")
        #expect(Support.fact(wrapUp, "Materials") == "None listed")
        // The last talk of its session: no next talk, but the next session.
        #expect(!wrapUp.contains("Next talk</span>"))
        let terao = Support.page(site, SiteURLs.person("kazuhiro-terao"))
        #expect(Support.fact(terao, "Affiliation") == "Affiliation unknown")
        #expect(Support.fact(terao, "Also listed as") == "kazuhiro terao")
        let hostile = Support.page(site, SiteURLs.talk("hostile"))
        #expect(
            Support.fact(hostile, "Speakers")
                == "Kazuhiro Terao (affiliation unknown)Sascha Daniel Diefenbacher (Hamburg University (DE))")
        #expect(Support.fact(hostile, "Recording")?.hasPrefix("Shown as a pre-recorded video") == true)
        let intro = Support.page(site, SiteURLs.talk("introduction"))
        #expect(Support.fact(intro, "Recording") == "Not recorded (slow internet connection)")
        let seminar = Support.page(site, SiteURLs.session("data-science-seminar"))
        #expect(seminar.contains("No individual contributions are listed for this block."))
        #expect(Support.fact(seminar, "Conveners") == "Not listed")
        #expect(
            Support.page(site, "days/2020-10-21/index.html").contains("No timetable entries are recorded for this day.")
        )
    }

    @Test func dayTimetableHasTalksAndBreaksInOrder() {
        let day = Support.page(site, "days/2020-10-20/index.html")
        #expect(day.contains("<h1><time datetime=\"2020-10-20\">Tuesday 20 October 2020</time></h1>"))
        #expect(day.contains("<th scope=\"col\">Time</th>"))
        let order = [
            "Introduction", "GANplifying Event Samples", "Coffee break", "&lt;script&gt;", "Conclusion and wrap-up",
            "Data Science Seminar",
        ]
        var cursor = day.startIndex
        for needle in order {
            let found = day.range(of: needle, range: cursor..<day.endIndex)
            #expect(found != nil, "\(needle) after the previous entry")
            if let found { cursor = found.upperBound }
        }
        #expect(day.contains("<tr class=\"break\">"))
        #expect(
            day.contains(
                "<th scope=\"row\"><time datetime=\"2020-10-20T10:55+02:00\">10:55</time>–<time datetime=\"2020-10-20T11:05+02:00\">11:05</time></th>"
            ))
        #expect(day.contains("<td><time datetime=\"PT10M\">10 min</time></td>"))
        #expect(day.contains("href=\"../../days/2020-10-19/index.html\" rel=\"prev\""))
        #expect(day.contains("href=\"../../days/2020-10-21/index.html\" rel=\"next\""))
        #expect(day.contains("aria-current=\"page\">Tue 20 Oct</a>"))
    }

    @Test func sessionPage() {
        let session = Support.page(site, SiteURLs.session("plenary-tuesday-morning"))
        #expect(Support.fact(session, "Kind") == "Plenary")
        #expect(Support.fact(session, "Day") == "Tuesday 20 October 2020")
        #expect(Support.fact(session, "Time") == "10:00–12:00 CEST (UTC+02:00) (2 h)")
        #expect(
            Support.fact(session, "Conveners")
                == "Pietro Vischia (Universite Catholique de Louvain (UCL) (BE)), David Rousseau (LAL-Orsay, FR; IJCLab-Orsay)"
        )
        #expect(Support.fact(session, "Contributions") == "4 talks")
        #expect(session.contains("<p>Morning plenary.</p>"))
    }

    @Test func homePage() {
        let home = Support.page(site, SiteURLs.home)
        #expect(home.contains("<h1>4th Inter-experiment Machine Learning Workshop</h1>"))
        #expect(home.contains("<div><dt>talks</dt><dd>5</dd></div>"))
        #expect(home.contains("<div><dt>sessions</dt><dd>3</dd></div>"))
        #expect(home.contains("<div><dt>speakers</dt><dd>3</dd></div>"))
        #expect(home.contains("<div><dt>registrations</dt><dd>962</dd></div>"))
        #expect(home.contains("<strong>IML</strong>"))
        #expect(home.contains("<h3>Structure</h3>"))  // "# Structure" demoted below "About the workshop" (h2)
        #expect(home.contains("19–21 October 2020"))
        #expect(home.contains("<a href=\"https://indico.cern.ch/event/852553/\" rel=\"external\">Indico event</a>"))
        #expect(
            home.contains(
                "<li value=\"4\"><a href=\"tracks/fast-ml/index.html\">Fast ML</a> <span class=\"muted\">· 2 talks</span></li>"
            ))
    }

    @Test func trackAndPeoplePages() {
        let track = Support.page(site, SiteURLs.track("fast-ml"))
        #expect(track.contains("<h1>Track 4: Fast ML</h1>"))
        #expect(track.contains("id=\"day-2020-10-19\""))
        #expect(track.contains("id=\"day-2020-10-20\""))
        #expect(track.range(of: "hls4ml introduction")!.lowerBound < track.range(of: "&lt;script&gt;")!.lowerBound)

        let people = Support.page(site, SiteURLs.people)
        #expect(people.contains("<a href=\"#letter-a\">A</a>"))
        #expect(people.contains("<h2 id=\"letter-a\">A"))
        #expect(
            people.range(of: "Åhlund, Zoë")!.lowerBound < people.range(of: "Diefenbacher, Sascha Daniel")!.lowerBound)
        #expect(people.contains("Terao, Kazuhiro</a> <span class=\"muted\">· 2 talks</span>"))
        #expect(people.contains("Rousseau, David</a> <span class=\"muted\">· convened 2 sessions</span>"))
        #expect(
            people.contains("Vischia, Pietro</a> <span class=\"muted\">· 1 talk, convened 1 session, organiser</span>"))

        let person = Support.page(site, SiteURLs.person("david-rousseau"))
        #expect(person.contains("<li>LAL-Orsay, FR</li><li>IJCLab-Orsay</li>"))
        #expect(person.contains("No talks listed."))
        #expect(person.contains("<h2 id=\"sessions-heading\">Sessions convened</h2>"))
        #expect(person.contains("href=\"../../sessions/hls4ml-tutorial/index.html\""))
    }

    @Test func renderingIsDeterministic() throws {
        let again = try Support.render()
        #expect(again == site)
        var shuffled = Fixtures.content()
        shuffled.talks.reverse()
        shuffled.people.reverse()
        shuffled.sessions.reverse()
        #expect(try Support.render(shuffled) == site)
    }

    @Test func noClockNoAbsolutePaths() {
        let year = String(Calendar(identifier: .gregorian).component(.year, from: Date()))
        for path in site.sortedPaths {
            let text = Support.page(site, path)
            #expect(!text.contains(Support.themeDirectory), "\(path)")
            #expect(!text.contains("file://"), "\(path)")
            #expect(!text.contains(year), "\(path)")  // nothing stamped from the build's date
        }
    }
}
