import ArchiveIndex
import ArchiveModel
import ArchiveNotebooks
import Foundation

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
        pages.append(("index.html", .home, builder.homePage()))
        for i in index.days.indices {
            pages.append((PageBuilder.dayURL(index.days[i].day), .day, builder.dayPage(i)))
        }
        for i in index.sessions.indices {
            pages.append((PageBuilder.sessionURL(index.sessions[i].id), .session, builder.sessionPage(i)))
        }
        for talk in index.talks {
            pages.append((PageBuilder.talkURL(talk.id), .talk, builder.talkPage(talk)))
        }
        pages.append(("tracks/index.html", .tracks, builder.tracksPage()))
        for track in index.tracks {
            pages.append((PageBuilder.trackURL(track.id), .track, builder.trackPage(track)))
        }
        pages.append(("people/index.html", .people, builder.peoplePage()))
        for person in index.people {
            pages.append((PageBuilder.personURL(person.id), .person, builder.personPage(person)))
        }
        var downloads: [String: [UInt8]] = [:]
        if !index.notebooks.isEmpty {
            pages.append(("notebooks/index.html", .notebooks, builder.notebooksPage()))
            for executed in index.notebooks {
                let (context, files) = builder.notebookPage(executed)
                pages.append((PageBuilder.notebookURL(executed.notebook.id), .notebook, context))
                downloads.merge(files) { first, _ in first }
            }
        }

        // 2. Render the templates, in parallel: pages are independent and each result goes to its
        //    own slot, so the output does not depend on scheduling.
        let results = Slots<[UInt8]>(count: pages.count, placeholder: [])
        let theme = self.theme
        DispatchQueue.concurrentPerform(iterations: pages.count) { i in
            results[i] = Array(theme.render(pages[i].context, template: pages[i].template).utf8)
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

/// One slot per work item, written by exactly one worker each and read after all of them
/// finished. Raw storage, so that concurrent writes to distinct slots are not exclusive accesses
/// to one array.
final class Slots<Element>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Element>

    init(count: Int, placeholder: Element) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: placeholder)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    subscript(i: Int) -> Element {
        get { slots[i] }
        set { slots[i] = newValue }
    }
}

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
    private var personRefs: [String: Context] = [:]
    private var trackRefs: [String: Context] = [:]
    private var talkSummaries: [String: Context] = [:]
    private var sessionSummaries: [String: Context] = [:]
    private var sessionBlocks: [String: Context] = [:]
    /// The relative path to the site root of the page being built.
    private(set) var root = ""
    private var headers: [String: String] = [:]
    private var footers: [String: String] = [:]

    static func dayURL(_ day: CalendarDay) -> String { "days/\(day)/index.html" }
    static func sessionURL(_ id: SessionID) -> String { "sessions/\(id)/index.html" }
    static func talkURL(_ id: TalkID) -> String { "talks/\(id)/index.html" }
    static func trackURL(_ id: TrackID) -> String { "tracks/\(id)/index.html" }
    static func personURL(_ id: PersonID) -> String { "people/\(id)/index.html" }

    init(index: SiteIndex, theme: Theme, markdown: MarkdownRenderer) {
        self.index = index
        self.theme = theme
        self.markdown = markdown
        let workshop = index.workshop

        var offsetCounts: [Int: Int] = [:]
        for session in index.sessions { offsetCounts[session.utcOffsetMinutes, default: 0] += 1 }
        self.mainOffset = offsetCounts.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }?.key
            ?? workshop.sourceDate.utcOffsetMinutes

        self.site = [
            "title": workshop.title,
            "shortTitle": workshop.shortTitle,
            "series": workshop.series,
            "edition": workshop.edition,
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
        let selected = current == "index.html" || current == "tracks/index.html" || current == "people/index.html"
            || current == "notebooks/index.html"
            || current.hasPrefix("days/") ? current : ""
        let key = root + "|" + selected
        if let html = headers[key] { return html }
        var nav: [Context] = [["label": "Home", "href": root + "index.html", "current": selected == "index.html"]]
        for day in index.days {
            let url = Self.dayURL(day.day)
            nav.append(["label": Format.shortDate(day.day), "href": root + url, "current": selected == url])
        }
        nav.append(["label": "Tracks", "href": root + "tracks/index.html", "current": selected == "tracks/index.html"])
        nav.append(["label": "People", "href": root + "people/index.html", "current": selected == "people/index.html"])
        if !index.notebooks.isEmpty {
            nav.append(["label": "Notebooks", "href": root + "notebooks/index.html",
                        "current": selected == "notebooks/index.html"])
        }
        let html = fragment(.header, ["root": root, "site": site, "nav": nav])
        headers[key] = html
        return html
    }

    mutating func footer(root: String) -> String {
        if let html = footers[root] { return html }
        let html = fragment(.footer, ["root": root, "site": site])
        footers[root] = html
        return html
    }

    mutating func page(root: String, title: String, description: String, current: String,
                       crumbs: [(String, String)], crumbTitle: String) -> Context {
        self.root = root
        let breadcrumbs: [Context] = crumbs.map { ["label": $0.0, "href": root + $0.1] }
        return [
            "headerHTML": header(root: root, current: current),
            "footerHTML": footer(root: root),
            "root": root,
            "site": site,
            "pageTitle": title,
            // `<title>`: the page, then the site; the home page has the workshop's full title.
            "documentTitle": current == "index.html" ? index.workshop.title : "\(title) · \(index.workshop.shortTitle)",
            "metaDescription": description,
            "breadcrumbs": breadcrumbs,
            "hasBreadcrumbs": !breadcrumbs.isEmpty,
            "crumbTitle": crumbTitle,
            "isHome": current == "index.html",
        ]
    }

    mutating func personRef(_ id: PersonID) -> Context {
        let key = root + "|" + id
        if let ref = personRefs[key] { return ref }
        let ref = makePersonRef(id)
        personRefs[key] = ref
        return ref
    }

    func makePersonRef(_ id: PersonID) -> Context {
        if let ref = personRefs[root + "|" + id] { return ref }
        // The loader rejects unknown ids; should one slip through, its link is broken and the
        // link checker reports it.
        let person = index.person(id)
        return [
            "id": id, "name": person?.name ?? id, "href": href(Self.personURL(id)),
            "sortKey": person?.sortKey ?? id,
            "affiliations": (person?.affiliations ?? []).joined(separator: "; "),
            "hasAffiliations": !(person?.affiliations ?? []).isEmpty,
        ]
    }

    func people(_ ids: [PersonID]) -> [Context] {
        var seen = Set<PersonID>()
        var refs: [Context] = []
        for id in ids where seen.insert(id).inserted { refs.append(makePersonRef(id)) }
        return refs
    }

    mutating func trackRef(_ id: TrackID) -> Context {
        let key = root + "|" + id
        if let ref = trackRefs[key] { return ref }
        let ref = makeTrackRef(id)
        trackRefs[key] = ref
        return ref
    }

    func makeTrackRef(_ id: TrackID) -> Context {
        if let ref = trackRefs[root + "|" + id] { return ref }
        let track = index.track(id)
        return ["id": id, "number": track?.number ?? 0, "title": track?.title ?? id, "href": href(Self.trackURL(id))]
    }

    func timeFields(day: CalendarDay?, start: TimeOfDay, end: TimeOfDay, offset: Int) -> Context {
        guard let day else {
            return ["time": "\(Format.clock(start))–\(Format.clock(end))", "start": Format.clock(start),
                    "end": Format.clock(end), "startISO": "", "endISO": "", "hasDay": false,
                    "dayLabel": "Day unknown", "dayHref": "", "tz": tzLabel(offset)]
        }
        return [
            "time": "\(Format.clock(start))–\(Format.clock(end))",
            "start": Format.clock(start),
            "end": Format.clock(end),
            "startISO": Format.isoDateTime(day, start, offset: offset),
            "endISO": Format.isoDateTime(day, end, offset: offset),
            "hasDay": true,
            "dayLabel": Format.longDate(day),
            "dayShort": Format.shortDate(day),
            "dayISO": day.description,
            "dayHref": href(Self.dayURL(day)),
            "tz": tzLabel(offset),
        ]
    }

    mutating func talkSummary(_ talk: Talk) -> Context {
        let key = root + "|" + talk.id
        if let summary = talkSummaries[key] { return summary }
        let summary = makeTalkSummary(talk)
        talkSummaries[key] = summary
        return summary
    }

    /// A talk as lists and timetables show it, with its `speakersHTML` and `itemHTML` fragments.
    func makeTalkSummary(_ talk: Talk) -> Context {
        if let summary = talkSummaries[root + "|" + talk.id] { return summary }
        let session = index.session(talk.session)
        var summary = timeFields(day: session?.day, start: talk.start, end: talk.end,
                                 offset: session?.utcOffsetMinutes ?? mainOffset)
        let speakers = people(talk.speakers)
        var tracks: [Context] = []
        var seenTracks = Set<TrackID>()
        for id in talk.tracks where seenTracks.insert(id).inserted { tracks.append(makeTrackRef(id)) }
        summary["id"] = talk.id
        summary["title"] = talk.title
        summary["href"] = href(Self.talkURL(talk.id))
        summary["isBreak"] = false
        summary["speakers"] = speakers
        summary["hasSpeakers"] = !speakers.isEmpty
        summary["speakersHTML"] = fragment(.speakers, ["root": root, "speakers": speakers, "hasSpeakers": !speakers.isEmpty])
        summary["speakerNames"] = Format.list(speakers.map { $0.text("name") ?? "" })
        summary["tracks"] = tracks
        summary["duration"] = Format.shortDuration(talk.durationMinutes)
        summary["durationLong"] = Format.longDuration(talk.durationMinutes)
        summary["durationISO"] = Format.isoDuration(talk.durationMinutes)
        summary["recordingFlag"] = Format.recordingFlag(talk.recording) ?? false
        summary["sessionTitle"] = session?.title ?? talk.session
        summary["sessionHref"] = session == nil ? "" : href(Self.sessionURL(talk.session))
        summary["hasSession"] = session != nil
        summary["itemHTML"] = fragment(.talkItem, summary)
        return summary
    }

    mutating func sessionSummary(_ session: Session) -> Context {
        let key = root + "|" + session.id
        if let summary = sessionSummaries[key] { return summary }
        let summary = makeSessionSummary(session)
        sessionSummaries[key] = summary
        return summary
    }

    /// A session as lists show it, with its `convenersHTML` fragment.
    func makeSessionSummary(_ session: Session) -> Context {
        if let summary = sessionSummaries[root + "|" + session.id] { return summary }
        var summary = timeFields(day: session.day, start: session.start, end: session.end,
                                 offset: session.utcOffsetMinutes)
        let conveners = people(session.conveners)
        let talkCount = index.talks(inSession: session.id).count
        summary["id"] = session.id
        summary["title"] = session.title
        summary["href"] = href(Self.sessionURL(session.id))
        summary["kind"] = Format.sessionKind(session.kind)
        summary["kindID"] = session.kind.rawValue
        summary["conveners"] = conveners
        summary["hasConveners"] = !conveners.isEmpty
        summary["convenersHTML"] = fragment(.conveners, ["root": root, "conveners": conveners, "hasConveners": !conveners.isEmpty])
        summary["convenerLabel"] = conveners.count == 1 ? "Convener" : "Conveners"
        summary["talkCount"] = talkCount == 0 ? "no contributions listed" : Format.count(talkCount, "talk", "talks")
        summary["duration"] = Format.shortDuration(session.end.minutes - session.start.minutes)
        return summary
    }

    func timetable(_ session: Session) -> [Context] {
        index.timetable(ofSession: session.id).map { entry in
            switch entry {
            case .talk(let talk):
                return makeTalkSummary(talk)
            case .pause(let pause):
                var row = timeFields(day: session.day, start: pause.start, end: pause.end,
                                     offset: session.utcOffsetMinutes)
                row["isBreak"] = true
                row["title"] = pause.title
                row["duration"] = Format.shortDuration(pause.durationMinutes)
                row["durationISO"] = Format.isoDuration(pause.durationMinutes)
                return row
            }
        }
    }

    /// A session with its timetable, for the day and session pages.
    mutating func sessionBlock(_ session: Session) -> Context {
        let key = root + "|" + session.id
        if let block = sessionBlocks[key] { return block }
        let block = makeSessionBlock(session)
        sessionBlocks[key] = block
        return block
    }

    func makeSessionBlock(_ session: Session) -> Context {
        if let block = sessionBlocks[root + "|" + session.id] { return block }
        var block = makeSessionSummary(session)
        let rows = timetable(session)
        block["entries"] = rows
        block["hasEntries"] = !rows.isEmpty
        block["caption"] = "Timetable of \(session.title), \(Format.longDate(session.day))"
        block["timetableHTML"] = fragment(.timetable, block)
        return block
    }

    /// Builds, in parallel, what the pages two levels deep share: every talk's summary (with its
    /// speakers and list-item fragments) and every session's block (with conveners and timetable).
    /// Each result depends only on the content, so the order of work does not matter.
    mutating func prepareSharedFragments() {
        root = "../../"
        for person in index.people { _ = personRef(person.id) }
        for track in index.tracks { _ = trackRef(track.id) }
        for talk in index.talks {
            for id in talk.speakers { _ = personRef(id) }
            for id in talk.tracks { _ = trackRef(id) }
        }
        for session in index.sessions { for id in session.conveners { _ = personRef(id) } }

        let talks = index.talks
        let talkBuilder = self
        let summaries = Slots<Context>(count: talks.count, placeholder: [:])
        DispatchQueue.concurrentPerform(iterations: talks.count) { i in
            summaries[i] = talkBuilder.makeTalkSummary(talks[i])
        }
        for (i, talk) in talks.enumerated() { talkSummaries[root + "|" + talk.id] = summaries[i] }

        let sessions = index.sessions
        let sessionBuilder = self
        let blocks = Slots<(Context, Context)>(count: sessions.count, placeholder: ([:], [:]))
        DispatchQueue.concurrentPerform(iterations: sessions.count) { i in
            blocks[i] = (sessionBuilder.makeSessionSummary(sessions[i]), sessionBuilder.makeSessionBlock(sessions[i]))
        }
        for (i, session) in sessions.enumerated() {
            sessionSummaries[root + "|" + session.id] = blocks[i].0
            sessionBlocks[root + "|" + session.id] = blocks[i].1
        }
    }

    // MARK: Pages

    mutating func homePage() -> Context {
        root = ""
        let workshop = index.workshop
        var context = page(root: "", title: workshop.shortTitle,
                           description: "\(workshop.title): programme, talks and speakers, \(Format.dateRange(workshop.startDate, workshop.endDate)).",
                           current: "index.html", crumbs: [], crumbTitle: "Home")
        let description = markdown.html(workshop.descriptionMarkdown, headingOffset: 2)
        context["descriptionHTML"] = description
        context["hasDescription"] = !description.isEmpty
        let counts = index.counts
        context["figures"] = [
            ["value": counts.talks, "label": counts.talks == 1 ? "talk" : "talks"],
            ["value": counts.sessions, "label": counts.sessions == 1 ? "session" : "sessions"],
            ["value": counts.speakers, "label": counts.speakers == 1 ? "speaker" : "speakers"],
            ["value": counts.registrations, "label": counts.registrations == 1 ? "registration" : "registrations"],
            ["value": counts.days, "label": counts.days == 1 ? "day" : "days"],
            ["value": counts.tracks, "label": counts.tracks == 1 ? "track" : "tracks"],
        ] as [Context]
        var days: [Context] = []
        for day in index.days {
            var sessions: [Context] = []
            for session in day.sessions { sessions.append(sessionSummary(session)) }
            days.append([
                "label": Format.longDate(day.day), "iso": day.day.description, "href": href(Self.dayURL(day.day)),
                "sessions": sessions, "hasSessions": !sessions.isEmpty,
            ])
        }
        context["days"] = days
        context["tracks"] = trackList()
        context["organisers"] = people(workshop.organisers)
        context["hasOrganisers"] = !workshop.organisers.isEmpty
        context["links"] = workshop.links.map { ["title": $0.title, "href": $0.url] as Context }
        context["hasLinks"] = !workshop.links.isEmpty
        return context
    }

    mutating func trackList() -> [Context] {
        index.tracks.map { track in
            var ref = trackRef(track.id)
            let n = index.talkCount(inTrack: track.id)
            ref["count"] = Format.count(n, "talk", "talks")
            ref["summary"] = track.summary ?? ""
            ref["hasSummary"] = !(track.summary ?? "").isEmpty
            return ref
        }
    }

    mutating func dayPage(_ i: Int) -> Context {
        root = "../../"
        let day = index.days[i]
        let label = Format.longDate(day.day)
        let url = Self.dayURL(day.day)
        var context = page(root: "../../", title: label,
                           description: "Timetable of \(index.workshop.shortTitle) on \(label).",
                           current: url, crumbs: [("Home", "index.html")], crumbTitle: label)
        context["dayLabel"] = label
        context["dayISO"] = day.day.description
        var blocks: [Context] = []
        for session in day.sessions { blocks.append(sessionBlock(session)) }
        context["sessions"] = blocks
        context["hasSessions"] = !blocks.isEmpty
        let offsets = Set(day.sessions.map(\.utcOffsetMinutes))
        context["dayTZ"] = offsets.count == 1 ? tzLabel(offsets.first!) : site["timeZoneLabel"]!
        context["previous"] = i > 0 ? dayLink(index.days[i - 1].day) : false as Any
        context["next"] = i + 1 < index.days.count ? dayLink(index.days[i + 1].day) : false as Any
        context["hasPager"] = index.days.count > 1
        return context
    }

    func dayLink(_ day: CalendarDay) -> Context {
        ["label": Format.longDate(day), "href": href(Self.dayURL(day))]
    }

    mutating func sessionPage(_ i: Int) -> Context {
        root = "../../"
        let session = index.sessions[i]
        let dayLabel = Format.longDate(session.day)
        var context = page(root: "../../", title: session.title,
                           description: "\(Format.sessionKind(session.kind)) at \(index.workshop.shortTitle), \(dayLabel).",
                           current: Self.sessionURL(session.id),
                           crumbs: [("Home", "index.html"), (Format.shortDate(session.day), Self.dayURL(session.day))],
                           crumbTitle: session.title)
        context["session"] = sessionBlock(session)
        context["notebooks"] = notebookRefs(relatedTo: session.id)
        context["hasNotebooks"] = !index.notebooks(relatedTo: session.id).isEmpty
        let description = session.descriptionMarkdown.map { markdown.html($0, headingOffset: 2) } ?? ""
        context["descriptionHTML"] = description
        context["hasDescription"] = !description.isEmpty
        context["previous"] = i > 0 ? sessionSummary(index.sessions[i - 1]) : false as Any
        context["next"] = i + 1 < index.sessions.count ? sessionSummary(index.sessions[i + 1]) : false as Any
        context["hasPager"] = index.sessions.count > 1
        return context
    }

    mutating func talkPage(_ talk: Talk) -> Context {
        root = "../../"
        let summary = talkSummary(talk)
        var crumbs: [(String, String)] = [("Home", "index.html")]
        if let session = index.session(talk.session) {
            crumbs.append((Format.shortDate(session.day), Self.dayURL(session.day)))
            crumbs.append((session.title, Self.sessionURL(session.id)))
        }
        let byLine = summary.flag("hasSpeakers") ? "Talk by \(summary.text("speakerNames") ?? "")" : "Talk"
        let when = summary.flag("hasDay") ? ", \(summary.text("dayLabel") ?? "")" : ""
        var context = page(root: "../../", title: talk.title,
                           description: "\(byLine) at \(index.workshop.shortTitle)\(when).",
                           current: Self.talkURL(talk.id), crumbs: crumbs, crumbTitle: talk.title)
        var detail = summary
        let abstract = talk.abstractMarkdown.map { markdown.html($0, headingOffset: 2) } ?? ""
        detail["abstractHTML"] = abstract
        detail["hasAbstract"] = !abstract.isEmpty
        detail["recording"] = Format.recording(talk.recording)
        detail["recordingID"] = talk.recording.rawValue
        detail["recordingNote"] = talk.recordingNote ?? ""
        detail["hasRecordingNote"] = !(talk.recordingNote ?? "").isEmpty
        detail["trackLabel"] = talk.tracks.count == 1 ? "Track" : "Tracks"
        detail["speakerLabel"] = talk.speakers.count == 1 ? "Speaker" : "Speakers"
        var materials: [Context] = []
        let m = talk.materials
        if let slides = m.slides { materials.append(["label": "Slides", "href": slides, "detail": ""]) }
        if let video = m.video { materials.append(["label": "Video recording", "href": video, "detail": ""]) }
        if let code = m.code { materials.append(["label": "Code", "href": code, "detail": ""]) }
        for id in m.arxiv {
            materials.append(["label": "arXiv:\(id)", "href": "https://arxiv.org/abs/\(id)", "detail": "paper on arXiv"])
        }
        detail["materials"] = materials
        detail["hasMaterials"] = !materials.isEmpty
        context["talk"] = detail
        context["notebooks"] = notebookRefs(relatedTo: talk.id)
        context["hasNotebooks"] = !index.notebooks(relatedTo: talk.id).isEmpty
        if let previous = index.previousTalk(before: talk.id) {
            context["previous"] = talkSummary(previous)
        } else {
            context["previous"] = false
        }
        if let next = index.nextTalk(after: talk.id) {
            context["next"] = talkSummary(next)
        } else {
            context["next"] = false
        }
        context["hasPager"] = context.has("previous") || context.has("next")
        return context
    }

    mutating func tracksPage() -> Context {
        root = "../"
        var context = page(root: "../", title: "Tracks",
                           description: "The contribution tracks of \(index.workshop.shortTitle) and their talks.",
                           current: "tracks/index.html", crumbs: [("Home", "index.html")], crumbTitle: "Tracks")
        context["tracks"] = trackList()
        context["hasTracks"] = !index.tracks.isEmpty
        return context
    }

    mutating func trackPage(_ track: Track) -> Context {
        root = "../../"
        let heading = "Track \(track.number): \(track.title)"
        var context = page(root: "../../", title: heading,
                           description: "Talks of track \(track.number), \(track.title), at \(index.workshop.shortTitle).",
                           current: Self.trackURL(track.id),
                           crumbs: [("Home", "index.html"), ("Tracks", "tracks/index.html")], crumbTitle: heading)
        var ref = trackRef(track.id)
        ref["summary"] = track.summary ?? ""
        ref["hasSummary"] = !(track.summary ?? "").isEmpty
        ref["count"] = Format.count(index.talkCount(inTrack: track.id), "talk", "talks")
        context["track"] = ref
        context["heading"] = heading
        var days: [Context] = []
        for group in index.talksByDay(inTrack: track.id) {
            var talks: [Context] = []
            for talk in group.talks { talks.append(talkSummary(talk)) }
            days.append(["label": Format.longDate(group.day), "href": href(Self.dayURL(group.day)),
                         "anchor": "day-\(group.day)", "talks": talks])
        }
        context["days"] = days
        context["hasTalks"] = !days.isEmpty
        return context
    }

    mutating func roleSummary(_ person: Person) -> String {
        var parts: [String] = []
        let talks = index.talks(bySpeaker: person.id).count
        let sessions = index.sessionsConvened(by: person.id).count
        if talks > 0 { parts.append(Format.count(talks, "talk", "talks")) }
        if sessions > 0 { parts.append("convened " + Format.count(sessions, "session", "sessions")) }
        if index.isOrganiser(person.id) { parts.append("organiser") }
        return parts.isEmpty ? "no talks or sessions listed" : parts.joined(separator: ", ")
    }

    mutating func peoplePage() -> Context {
        root = "../"
        var context = page(root: "../", title: "People",
                           description: "Speakers, conveners and organisers of \(index.workshop.shortTitle), A to Z.",
                           current: "people/index.html", crumbs: [("Home", "index.html")], crumbTitle: "People")
        var groups: [Context] = []
        for group in index.peopleByLetter {
            var entries: [Context] = []
            for person in group.people {
                var ref = personRef(person.id)
                ref["roles"] = roleSummary(person)
                entries.append(ref)
            }
            groups.append(["letter": group.letter, "anchor": group.anchor, "people": entries,
                           "count": Format.count(entries.count, "person", "people")])
        }
        context["groups"] = groups
        context["hasPeople"] = !groups.isEmpty
        context["count"] = Format.count(index.people.count, "person", "people")
        return context
    }

    mutating func personPage(_ person: Person) -> Context {
        root = "../../"
        var context = page(root: "../../", title: person.name,
                           description: "\(person.name) at \(index.workshop.shortTitle): talks and sessions.",
                           current: Self.personURL(person.id),
                           crumbs: [("Home", "index.html"), ("People", "people/index.html")], crumbTitle: person.name)
        var ref = personRef(person.id)
        ref["affiliationList"] = person.affiliations
        ref["aliases"] = Format.list(person.aliases)
        ref["hasAliases"] = !person.aliases.isEmpty
        ref["isOrganiser"] = index.isOrganiser(person.id)
        context["person"] = ref
        var talks: [Context] = []
        for talk in index.talks(bySpeaker: person.id) { talks.append(talkSummary(talk)) }
        context["talks"] = talks
        context["hasTalks"] = !talks.isEmpty
        context["talkCount"] = Format.count(talks.count, "talk", "talks")
        var sessions: [Context] = []
        for session in index.sessionsConvened(by: person.id) { sessions.append(sessionSummary(session)) }
        context["sessions"] = sessions
        context["hasSessions"] = !sessions.isEmpty
        return context
    }
}
