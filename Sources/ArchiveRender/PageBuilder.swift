import ArchiveIndex
import ArchiveModel

/// Builds the template contexts; entity summaries are built once and shared by every page.
struct PageBuilder {
    typealias Context = TemplateContext

    let index: SiteIndex
    let theme: Theme
    let markdown: MarkdownRenderer
    let site: Context
    /// The UTC offset most sessions have; the workshop's abbreviation (`CEST`) is shown for it.
    let mainOffset: Int

    /// Everything below holds links relative to a page (`href`), so it is cached per root.
    var personRefs: [String: Context] = [:]
    var trackRefs: [String: Context] = [:]
    var talkSummaries: [String: Context] = [:]
    var sessionSummaries: [String: Context] = [:]
    var sessionBlocks: [String: Context] = [:]
    /// The relative path to the site root of the page being built.
    var root = ""
    var headers: [String: String] = [:]
    var footers: [String: String] = [:]

    init(index: SiteIndex, theme: Theme, markdown: MarkdownRenderer) {
        self.index = index
        self.theme = theme
        self.markdown = markdown
        let workshop = index.workshop

        var offsetCounts: [Int: Int] = [:]
        for session in index.sessions { offsetCounts[session.utcOffsetMinutes, default: 0] += 1 }
        self.mainOffset =
            offsetCounts.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }?.key
            ?? workshop.sourceDate.utcOffsetMinutes

        self.site = [
            "title": workshop.title,
            "shortTitle": workshop.shortTitle,
            "series": workshop.series ?? "",
            "hasSeries": workshop.series != nil,
            "edition": workshop.edition ?? 0,
            "hasEdition": workshop.edition != nil,
            "dates": Format.dateRange(workshop.startDate, workshop.endDate),
            "startISO": workshop.startDate.description,
            "endISO": workshop.endDate.description,
            "venue": workshop.venue ?? "",
            "hasVenue": !(workshop.venue ?? "").isEmpty,
            "timeZone": workshop.timeZone,
            "timeZoneLabel": Self.tzLabel(mainOffset, main: mainOffset, abbreviation: workshop.timeZoneAbbreviation),
        ]
    }

    // MARK: Shared pieces

    /// `CEST (UTC+02:00)` for the workshop's usual offset, `UTC+01:00` for any other (the loader
    /// gives one abbreviation only, so it is never shown beside an offset it may not belong to).
    static func tzLabel(_ offset: Int, main: Int, abbreviation: String) -> String {
        let numeric = abbreviation.isEmpty || abbreviation.first == "+" || abbreviation.first == "-"
        if offset == main && !numeric && abbreviation != "UTC" {
            return "\(abbreviation) (\(Format.utcOffset(offset)))"
        }
        return Format.utcOffset(offset)
    }

    func tzLabel(_ offset: Int) -> String {
        Self.tzLabel(offset, main: mainOffset, abbreviation: index.workshop.timeZoneAbbreviation)
    }

    /// A fragment template rendered to HTML for embedding (`{{{speakersHTML}}}`): the template
    /// file's final newline is dropped, so that inline fragments add no stray white space.
    func fragment(_ template: Theme.Template, _ context: Context) -> String {
        var html = theme.render(context, template: template)
        while html.last == "\n" { html.removeLast() }
        return html
    }

    /// A site path as a link from the page being built.
    func href(_ path: String) -> String { root + path }

    /// The site header for a page: rendered once per root and navigation state, then reused.
    mutating func header(root: String, current: String) -> String {
        let selected =
            current == SiteURLs.home || current == SiteURLs.tracks || current == SiteURLs.people
                || current == SiteURLs.notebooks
                || current.hasPrefix("days/") ? current : ""
        let section = selected.isEmpty ? self.section(of: current) : ""
        let key = root + "|" + selected + "|" + section
        if let html = headers[key] { return html }
        func item(_ label: String, _ url: String) -> Context {
            ["label": label, "href": root + url, "current": selected == url, "inSection": section == url]
        }
        var nav: [Context] = [item("Home", SiteURLs.home)]
        for day in index.days { nav.append(item(Format.shortDate(day.day), SiteURLs.day(day.day))) }
        nav.append(item("Tracks", SiteURLs.tracks))
        nav.append(item("People", SiteURLs.people))
        if !index.notebooks.isEmpty { nav.append(item("Notebooks", SiteURLs.notebooks)) }
        let html = fragment(.header, ["root": root, "site": site, "nav": nav])
        headers[key] = html
        return html
    }

    /// The header entry a page belongs under: a talk or session under its day, a track, person or
    /// notebook under its index ("" when none).
    func section(of page: String) -> String {
        let parts = page.split(separator: "/")
        guard parts.count == 3 else { return "" }
        let id = String(parts[1])
        switch parts[0] {
        case "talks": return index.talk(id).flatMap { index.session($0.session) }.map { SiteURLs.day($0.day) } ?? ""
        case "sessions": return index.session(id).map { SiteURLs.day($0.day) } ?? ""
        case "tracks": return SiteURLs.tracks
        case "people": return SiteURLs.people
        case "notebooks": return SiteURLs.notebooks
        default: return ""
        }
    }

    mutating func footer(root: String) -> String {
        if let html = footers[root] { return html }
        let html = fragment(.footer, ["root": root, "site": site])
        footers[root] = html
        return html
    }

    mutating func page(
        root: String, title: String, description: String, current: String,
        crumbs: [(String, String)], crumbTitle: String
    ) -> Context {
        self.root = root
        let breadcrumbs: [Context] = crumbs.map { ["label": $0.0, "href": root + $0.1] }
        return [
            "headerHTML": header(root: root, current: current),
            "footerHTML": footer(root: root),
            "root": root,
            "site": site,
            "pageTitle": title,
            // `<title>`: the page, then the site; the home page has the workshop's full title.
            "documentTitle": current == SiteURLs.home
                ? index.workshop.title : "\(title) · \(index.workshop.shortTitle)",
            "metaDescription": description,
            "structuredData": "", "hasStructuredData": false,
            // With a base URL: the canonical address of the page, the feed and the calendar.
            "hasBaseURL": index.workshop.baseURL != nil,
            "canonicalURL": (index.workshop.baseURL ?? "") + (current == SiteURLs.home ? "" : current),
            "feedURL": (index.workshop.baseURL ?? "") + "atom.xml",
            "scheduleURL": (index.workshop.baseURL ?? "") + "schedule.ics",
            "breadcrumbs": breadcrumbs,
            "hasBreadcrumbs": !breadcrumbs.isEmpty,
            "crumbTitle": crumbTitle,
            "isHome": current == SiteURLs.home,
        ]
    }
}
