import ArchiveIndex
import ArchiveModel
import Testing

@Suite("SiteIndex")
struct IndexTests {
    let index = SiteIndex(content: Fixtures.content())

    @Test func daysCoverTheWorkshopInOrder() {
        #expect(index.days.map(\.day.description) == ["2020-10-19", "2020-10-20", "2020-10-21"])
        #expect(index.days[0].sessions.map(\.id) == ["hls4ml-tutorial"])
        #expect(index.days[1].sessions.map(\.id) == ["plenary-tuesday-morning", "data-science-seminar"])
        #expect(index.days[2].sessions.isEmpty)  // a workshop day without entries is still a day
    }

    @Test func sessionsAndTalksAreInTimeOrder() {
        #expect(index.sessions.map(\.id) == ["hls4ml-tutorial", "plenary-tuesday-morning", "data-science-seminar"])
        #expect(index.talks.map(\.id) == ["hls4ml-intro", "introduction", "ganplifying", "hostile", "wrap-up"])
        #expect(
            index.talks(inSession: "plenary-tuesday-morning").map(\.id) == [
                "introduction", "ganplifying", "hostile", "wrap-up",
            ])
        #expect(index.talks(inSession: "data-science-seminar").isEmpty)
    }

    @Test func timetableMergesBreaksByStartTime() {
        let entries = index.timetable(ofSession: "plenary-tuesday-morning")
        let labels = entries.map { entry -> String in
            switch entry {
            case .talk(let talk): talk.id
            case .pause(let pause): "break:" + pause.title
            }
        }
        #expect(labels == ["introduction", "ganplifying", "break:Coffee break", "hostile", "wrap-up"])
        #expect(entries[2].start == TimeOfDay(hour: 10, minute: 55))
        #expect(entries[2].end == TimeOfDay(hour: 11, minute: 5))
    }

    @Test func previousAndNextStayInTheSession() {
        #expect(index.previousTalk(before: "introduction") == nil)
        #expect(index.nextTalk(after: "introduction")?.id == "ganplifying")
        #expect(index.previousTalk(before: "ganplifying")?.id == "introduction")
        #expect(index.nextTalk(after: "ganplifying")?.id == "hostile")  // the break is not a talk
        #expect(index.nextTalk(after: "wrap-up") == nil)
        // The only talk of the Monday tutorial has neither.
        #expect(index.previousTalk(before: "hls4ml-intro") == nil)
        #expect(index.nextTalk(after: "hls4ml-intro") == nil)
    }

    @Test func talksPerTrackAreGroupedByDay() {
        let fast = index.talksByDay(inTrack: "fast-ml")
        #expect(fast.map(\.day.description) == ["2020-10-19", "2020-10-20"])
        #expect(fast.map { $0.talks.map(\.id) } == [["hls4ml-intro"], ["hostile"]])
        #expect(index.talkCount(inTrack: "fast-ml") == 2)
        #expect(
            index.talksByDay(inTrack: "other").flatMap { $0.talks.map(\.id) } == ["introduction", "hostile", "wrap-up"])
        #expect(index.talkCount(inTrack: "no-such-track") == 0)
        #expect(index.tracks.map(\.number) == [3, 4, 13])
    }

    @Test func talksAndSessionsPerPerson() {
        #expect(index.talks(bySpeaker: "kazuhiro-terao").map(\.id) == ["hls4ml-intro", "hostile"])
        #expect(index.talks(bySpeaker: "sascha-diefenbacher").map(\.id) == ["ganplifying", "hostile"])
        #expect(index.talks(bySpeaker: "david-rousseau").isEmpty)
        #expect(
            index.sessionsConvened(by: "david-rousseau").map(\.id) == ["hls4ml-tutorial", "plenary-tuesday-morning"])
        #expect(index.isOrganiser("pietro-vischia"))
        #expect(!index.isOrganiser("kazuhiro-terao"))
    }

    @Test func peopleAreSortedByFoldedSortKeyAndGroupedByInitial() {
        #expect(
            index.people.map(\.id) == [
                "zoe-ahlund", "sascha-diefenbacher", "david-rousseau", "kazuhiro-terao", "pietro-vischia",
            ])
        #expect(index.peopleByLetter.map(\.letter) == ["A", "D", "R", "T", "V"])
        #expect(index.peopleByLetter.map(\.anchor) == ["letter-a", "letter-d", "letter-r", "letter-t", "letter-v"])
        #expect(SiteIndex.foldedSortKey("Åhlund, Zoë") == "ahlund, zoe")
        #expect(SiteIndex.foldedSortKey("Łukasz, Ørsted") == "lukasz, orsted")
        #expect(SiteIndex.foldedSortKey("Žak, Ÿves ſ Straße") == "zak, yves s strasse")
        #expect(SiteIndex.foldedSortKey("Sche\u{301}ma, Ǎ Ω") == "schema, a ω")  // decomposed input; beyond the table
    }

    @Test func counts() {
        let counts = index.counts
        #expect(counts.talks == 5)
        #expect(counts.sessions == 3)
        #expect(counts.speakers == 3)
        #expect(counts.people == 5)
        #expect(counts.days == 3)
        #expect(counts.tracks == 3)
        #expect(counts.registrations == 962)
    }

    @Test func orderDoesNotDependOnInputOrder() {
        var shuffled = Fixtures.content()
        shuffled.talks.reverse()
        shuffled.sessions.reverse()
        shuffled.people.reverse()
        let other = SiteIndex(content: shuffled)
        #expect(other.talks.map(\.id) == index.talks.map(\.id))
        #expect(other.sessions.map(\.id) == index.sessions.map(\.id))
        #expect(other.people.map(\.id) == index.people.map(\.id))
    }

    @Test func calendarArithmetic() {
        let day = CalendarDay(year: 2020, month: 10, day: 20)
        #expect(day.isoWeekday == 2)  // a Tuesday
        #expect(CalendarDay(year: 1970, month: 1, day: 1).daysSinceEpoch == 0)
        #expect(CalendarDay(year: 2000, month: 2, day: 29).isoWeekday == 2)
        #expect(CalendarDay(daysSinceEpoch: day.daysSinceEpoch) == day)
        #expect(day.adding(days: 12).description == "2020-11-01")
        #expect(CalendarDay(year: 2020, month: 12, day: 31).adding(days: 1).description == "2021-01-01")
        #expect(CalendarDay(year: 1969, month: 12, day: 31).daysSinceEpoch == -1)
    }
}
