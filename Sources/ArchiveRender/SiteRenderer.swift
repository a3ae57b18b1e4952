import ArchiveFeeds
import ArchiveIndex
import ArchiveModel
import Foundation
import ParallelMap

/// Renders every page of the site through the theme's templates.
///
/// Template contexts are `TemplateContext`s (named values, no reflection). Every context that a
/// template iterates over carries every key the template asks for (absent values are `false` or
/// empty lists, never a missing key), so Mustache never picks up a same-named value from an
/// enclosing context by accident.
///
/// Links: each page context has `root`, the relative way back to the site root (`""`, `"../"` or
/// `"../../"`), and every linked entity has an `href` already made relative to the page
/// (`../../talks/x/index.html`, always naming a file), so every link works from `file://` and
/// from any sub-path, and templates need a single look-up per link.
public struct SiteRenderer: Sendable {
    public let theme: Theme
    let markdown = MarkdownRenderer()

    public init(theme: Theme) {
        self.theme = theme
    }

    public func render(_ index: SiteIndex) throws -> RenderedSite {
        // 1. Build every page's context (sequential: summaries and fragments are cached).
        var builder = PageBuilder(index: index, theme: theme, markdown: markdown)
        builder.prepareSharedFragments()
        var pages: [(path: String, template: Theme.Template, context: PageBuilder.Context)] = []
        pages.append((SiteURLs.home, .home, builder.homePage()))
        for i in index.days.indices {
            pages.append((SiteURLs.day(index.days[i].day), .day, builder.dayPage(i)))
        }
        for i in index.sessions.indices {
            pages.append((SiteURLs.session(index.sessions[i].id), .session, builder.sessionPage(i)))
        }
        for talk in index.talks {
            pages.append((SiteURLs.talk(talk.id), .talk, builder.talkPage(talk)))
        }
        pages.append((SiteURLs.days, .days, builder.daysPage()))
        pages.append((SiteURLs.search, .search, builder.searchPage()))
        pages.append((SiteURLs.sessions, .sessions, builder.sessionsPage()))
        pages.append((SiteURLs.talks, .talks, builder.talksPage()))
        pages.append((SiteURLs.tracks, .tracks, builder.tracksPage()))
        for track in index.tracks {
            pages.append((SiteURLs.track(track.id), .track, builder.trackPage(track)))
        }
        pages.append((SiteURLs.people, .people, builder.peoplePage()))
        for person in index.people {
            pages.append((SiteURLs.person(person.id), .person, builder.personPage(person)))
        }
        var downloads: [String: [UInt8]] = [:]
        if !index.notebooks.isEmpty {
            pages.append((SiteURLs.notebooks, .notebooks, builder.notebooksPage()))
            for executed in index.notebooks {
                let (context, files) = builder.notebookPage(executed)
                pages.append((SiteURLs.notebook(executed.notebook.id), .notebook, context))
                downloads.merge(files) { first, _ in first }
            }
        }

        // Calendars: a page has "Add to calendar" exactly when a calendar.ics is written beside it.
        let calendars = CalendarFiles(index: index, markdown: markdown).files()
        for i in pages.indices {
            pages[i].context["hasCalendar"] = CalendarFiles.path(pages[i].path).map { calendars[$0] != nil } ?? false
        }
        downloads.merge(calendars) { first, _ in first }
        downloads.merge(SearchIndex.files(index, plainText: markdown.plainText)) { first, _ in first }
        let scheduleEvents = try FrabSchedule.events(index, plainText: markdown.plainText)
        downloads["schedule.xml"] = FrabSchedule.xml(index, events: scheduleEvents, acronym: index.workshop.acronym)
        downloads["schedule.json"] = try ScheduleJSON.json(index, events: scheduleEvents)
        if let baseURL = index.workshop.baseURL {
            let entries =
                index.talks.map { talk in
                    FeedEntry(
                        kind: "talk", id: talk.id, title: talk.title, path: SiteURLs.talk(talk.id),
                        summary: talk.abstractMarkdown.map(markdown.plainText) ?? "",
                        authors: talk.speakers.map { index.person($0)?.name ?? $0 })
                }
                + index.notebooks.map { executed in
                    FeedEntry(
                        kind: "notebook", id: executed.notebook.id, title: executed.notebook.title,
                        path: SiteURLs.notebook(executed.notebook.id), summary: executed.notebook.summary ?? "",
                        authors: executed.notebook.authors)
                }
            downloads["atom.xml"] = Feeds.atom(workshop: index.workshop, baseURL: baseURL, entries: entries)
            let paths = pages.map(\.path).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            downloads["sitemap.xml"] = Feeds.sitemap(workshop: index.workshop, baseURL: baseURL, pagePaths: paths)
        }

        // 2. Render the templates, in parallel: pages are independent and each result goes to its
        //    own slot, so the output does not depend on scheduling.
        let theme = self.theme
        let results = parallelMap(pages.count, chunk: 1) { [pages] i in
            Array(theme.render(pages[i].context, template: pages[i].template).utf8)
        }

        var files = theme.assets.merging(downloads) { asset, _ in asset }
        for (i, page) in pages.enumerated() {
            if files[page.path] != nil {
                throw DiagnosticList([Diagnostic("two pages would be written to '\(page.path)'", at: nil)])
            }
            files[page.path] = results[i]
        }
        return RenderedSite(files: files)
    }
}
