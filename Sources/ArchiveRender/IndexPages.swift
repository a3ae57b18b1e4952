import ArchiveIndex
import ArchiveModel

/// The lists of every day, every session and every talk (`days/`, `sessions/`, `talks/`).
extension PageBuilder {
    mutating func searchPage() -> Context {
        root = "../"
        return page(
            root: "../", title: "Search",
            description: "Search the talks, sessions and people of \(index.workshop.shortTitle).",
            current: SiteURLs.search, crumbs: [("Home", SiteURLs.home)], crumbTitle: "Search")
    }

    mutating func daysPage() -> Context {
        root = "../"
        var context = page(
            root: "../", title: "Days",
            description: "The days of \(index.workshop.shortTitle) and what each held.",
            current: SiteURLs.days, crumbs: [("Home", SiteURLs.home)], crumbTitle: "Days")
        context["days"] = index.days.map { day -> Context in
            let talks = day.sessions.reduce(0) { $0 + index.talks(inSession: $1.id).count }
            return [
                "label": Format.longDate(day.day), "iso": day.day.description, "href": href(SiteURLs.day(day.day)),
                "summary": day.sessions.isEmpty
                    ? "no timetable entries"
                    : Format.count(day.sessions.count, "session", "sessions") + ", "
                        + Format.count(talks, "talk", "talks"),
            ]
        }
        return context
    }

    mutating func sessionsPage() -> Context {
        root = "../"
        var context = page(
            root: "../", title: "Sessions",
            description: "Every timetable block of \(index.workshop.shortTitle), day by day.",
            current: SiteURLs.sessions, crumbs: [("Home", SiteURLs.home)], crumbTitle: "Sessions")
        var days: [Context] = []
        for day in index.days where !day.sessions.isEmpty {
            var sessions: [Context] = []
            for session in day.sessions { sessions.append(sessionSummary(session)) }
            days.append([
                "label": Format.longDate(day.day), "iso": day.day.description, "href": href(SiteURLs.day(day.day)),
                "sessions": sessions,
            ])
        }
        context["days"] = days
        context["hasSessions"] = !days.isEmpty
        return context
    }

    mutating func talksPage() -> Context {
        root = "../"
        var context = page(
            root: "../", title: "Talks",
            description: "Every talk of \(index.workshop.shortTitle): day, time, title, speakers and tracks.",
            current: SiteURLs.talks, crumbs: [("Home", SiteURLs.home)], crumbTitle: "Talks")
        var days: [Context] = []
        for day in index.days {
            var talks: [Context] = []
            for session in day.sessions {
                for talk in index.talks(inSession: session.id) { talks.append(talkSummary(talk)) }
            }
            if talks.isEmpty { continue }
            days.append([
                "label": Format.longDate(day.day), "href": href(SiteURLs.day(day.day)),
                "anchor": "day-\(day.day)", "talks": talks,
            ])
        }
        context["days"] = days
        context["hasTalks"] = !days.isEmpty
        context["count"] = Format.count(index.talks.count, "talk", "talks")
        return context
    }
}
