import ArchiveIndex
import ArchiveModel
import ArchiveRender
import Testing

@Suite("Rooms")
struct RoomRenderTests {
    @Test func parallelSessionsSitSideBySideWithTheirRoomsNamed() throws {
        var content = Fixtures.content()
        let index = try #require(content.sessions.firstIndex { $0.id == "plenary-tuesday-morning" })
        content.sessions[index].room = "Room A"
        var parallel = Session(
            id: "parallel-tuesday", title: "Parallel: Tuesday", kind: .workshop, day: content.sessions[index].day,
            start: TimeOfDay(hour: 11, minute: 0), end: TimeOfDay(hour: 12, minute: 30), utcOffsetMinutes: 120,
            conveners: [], breaks: [], descriptionMarkdown: nil, sourcePath: "Content/sessions/parallel-tuesday.md")
        parallel.room = "Room B"
        content.sessions.append(parallel)
        content.sessions.sort { $0.id < $1.id }
        let site = try Support.render(content)
        let day = Support.page(site, "days/2020-10-20/index.html")
        let band = try #require(day.range(of: "<div class=\"parallel\" style=\"--rooms: 2\""))
        let rest = day[band.upperBound...]
        let close = try #require(rest.range(of: "</div>\n<section"))
        let inside = rest[..<close.lowerBound]
        #expect(
            inside.contains("id=\"session-plenary-tuesday-morning\"")
                && inside.contains("id=\"session-parallel-tuesday\""))
        #expect(
            inside.contains("<span class=\"room\">Room A</span>")
                && inside.contains("<span class=\"room\">Room B</span>"))
        // The seminar at 15:00 overlaps neither and stays outside the band.
        #expect(!inside.contains("session-data-science-seminar"))
        #expect(day.contains("11:00</time> Parallel: Tuesday · Room B</a>"))
        let schedule = Support.page(site, "schedule.xml")
        #expect(schedule.contains("<room name=\"Room A\"") && schedule.contains("<room name=\"Room B\""))
        let calendar = Support.page(site, "sessions/parallel-tuesday/calendar.ics")
        #expect(calendar.contains("LOCATION:Room B"))
    }
}

@Suite("Header")
struct HeaderTests {
    /// A talk or session page marks its day in the header; a track, person or notebook page its index.
    @Test func theHeaderMarksTheSectionOfEveryPage() throws {
        let site = try Support.render()
        func marked(_ path: String) -> [String] {
            let html = Support.page(site, path)
            return html.components(separatedBy: "aria-current=\"true\">").dropFirst().map {
                String($0.prefix { $0 != "<" })
            }
        }
        #expect(marked("talks/introduction/index.html") == ["Tue 20 Oct"])
        #expect(marked("sessions/hls4ml-tutorial/index.html") == ["Mon 19 Oct"])
        #expect(marked("tracks/fast-ml/index.html") == ["Tracks"])
        #expect(marked("people/zoe-ahlund/index.html") == ["People"])
        #expect(marked("index.html") == [])
        #expect(Support.page(site, "days/2020-10-20/index.html").contains("aria-current=\"page\">Tue 20 Oct</a>"))
    }
}

@Suite("Talk pager")
struct TalkPagerTests {
    /// The first and last talks of a session step on to the sessions before and after it.
    @Test func theEndsOfASessionLeadToTheNeighbouringSessions() throws {
        let site = try Support.render()
        let content = Fixtures.content()
        let index = SiteIndex(content: content, notebooks: [])
        for (number, session) in index.sessions.enumerated() {
            let talks = index.talks(inSession: session.id)
            guard let last = talks.last, number + 1 < index.sessions.count else { continue }
            let page = Support.page(site, SiteURLs.talk(last.id))
            let next = index.sessions[number + 1]
            #expect(
                page.contains(
                    "href=\"../../\(SiteURLs.session(next.id))\" rel=\"next\"><span class=\"pager-label\">Next session</span>"
                ), "\(last.id)")
        }
    }
}
