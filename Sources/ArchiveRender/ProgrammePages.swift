import ArchiveIndex
import ArchiveModel

/// The home page and the pages of days, sessions and talks.
extension PageBuilder {
    mutating func homePage() -> Context {
        root = ""
        let workshop = index.workshop
        var context = page(
            root: "", title: workshop.shortTitle,
            description:
                "\(workshop.title): programme, talks and speakers, \(Format.dateRange(workshop.startDate, workshop.endDate)).",
            current: SiteURLs.home, crumbs: [], crumbTitle: "Home")
        let description = markdown.html(workshop.descriptionMarkdown, headingOffset: 2)
        context["descriptionHTML"] = description
        context["hasDescription"] = !description.isEmpty
        let counts = index.counts
        context["figures"] =
            [
                ["value": counts.talks, "label": counts.talks == 1 ? "talk" : "talks"],
                ["value": counts.sessions, "label": counts.sessions == 1 ? "session" : "sessions"],
                ["value": counts.speakers, "label": counts.speakers == 1 ? "speaker" : "speakers"],
                counts.registrations.map {
                    ["value": $0, "label": $0 == 1 ? "registration" : "registrations"] as Context
                },
                ["value": counts.days, "label": counts.days == 1 ? "day" : "days"],
                ["value": counts.tracks, "label": counts.tracks == 1 ? "track" : "tracks"],
            ].compactMap { $0 } as [Context]
        var days: [Context] = []
        for day in index.days {
            var sessions: [Context] = []
            for session in day.sessions { sessions.append(sessionSummary(session)) }
            days.append([
                "label": Format.longDate(day.day), "iso": day.day.description, "href": href(SiteURLs.day(day.day)),
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
            ref["count"] = n == 0 ? "no talks assigned" : Format.count(n, "talk", "talks")
            ref["isEmpty"] = n == 0
            ref["summary"] = track.summary ?? ""
            ref["hasSummary"] = !(track.summary ?? "").isEmpty
            return ref
        }
    }

    mutating func dayPage(_ i: Int) -> Context {
        root = "../../"
        let day = index.days[i]
        let label = Format.longDate(day.day)
        let url = SiteURLs.day(day.day)
        var context = page(
            root: "../../", title: label,
            description: "Timetable of \(index.workshop.shortTitle) on \(label).",
            current: url, crumbs: [("Home", SiteURLs.home)], crumbTitle: label)
        context["dayLabel"] = label
        context["dayISO"] = day.day.description
        var blocks: [Context] = []
        for session in day.sessions { blocks.append(sessionBlock(session)) }
        context["sessions"] = blocks
        context["hasSessions"] = !blocks.isEmpty
        context["bands"] = Self.parallelBands(day.sessions).map { band -> Context in
            let sessions = band.map { blocks[$0] }
            return ["isParallel": band.count > 1, "sessions": sessions, "roomCount": band.count]
        }
        let offsets = Set(day.sessions.map(\.utcOffsetMinutes))
        context["dayTZ"] = offsets.count == 1 ? tzLabel(offsets.first!) : site["timeZoneLabel"]!
        context["previous"] = i > 0 ? dayLink(index.days[i - 1].day) : false as Any
        context["next"] = i + 1 < index.days.count ? dayLink(index.days[i + 1].day) : false as Any
        context["hasPager"] = index.days.count > 1
        return context
    }

    /// The day's sessions (indices, in time order) in bands of sessions that run at the same time:
    /// a band holds every session that starts before the band's last end.
    static func parallelBands(_ sessions: [Session]) -> [[Int]] {
        var bands: [[Int]] = []
        var bandEnd = TimeOfDay(minutes: -1)
        for (index, session) in sessions.enumerated() {
            if session.start < bandEnd, !bands.isEmpty {
                bands[bands.count - 1].append(index)
            } else {
                bands.append([index])
            }
            bandEnd = max(bandEnd, session.end)
        }
        return bands
    }

    func dayLink(_ day: CalendarDay) -> Context {
        ["label": Format.longDate(day), "href": href(SiteURLs.day(day))]
    }

    mutating func sessionPage(_ i: Int) -> Context {
        root = "../../"
        let session = index.sessions[i]
        let dayLabel = Format.longDate(session.day)
        var context = page(
            root: "../../", title: session.title,
            description: "\(Format.sessionKind(session.kind)) at \(index.workshop.shortTitle), \(dayLabel).",
            current: SiteURLs.session(session.id),
            crumbs: [("Home", SiteURLs.home), (Format.shortDate(session.day), SiteURLs.day(session.day))],
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
        var crumbs: [(String, String)] = [("Home", SiteURLs.home)]
        if let session = index.session(talk.session) {
            crumbs.append((Format.shortDate(session.day), SiteURLs.day(session.day)))
            crumbs.append((session.title, SiteURLs.session(session.id)))
        }
        let byLine = summary.flag("hasSpeakers") ? "Talk by \(summary.text("speakerNames") ?? "")" : "Talk"
        let when = summary.flag("hasDay") ? ", \(summary.text("dayLabel") ?? "")" : ""
        var context = page(
            root: "../../", title: talk.title,
            description: "\(byLine) at \(index.workshop.shortTitle)\(when).",
            current: SiteURLs.talk(talk.id), crumbs: crumbs, crumbTitle: talk.title)
        if let json = StructuredData.event(talk, index: index, markdown: markdown) {
            context["structuredData"] = json
            context["hasStructuredData"] = true
        }
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
            materials.append([
                "label": "arXiv:\(id)", "href": "https://arxiv.org/abs/\(id)", "detail": "paper on arXiv",
            ])
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
        // The first and last talks of a session step on to the sessions around it, so that reading
        // the programme talk by talk never ends at a dead end.
        let position = index.sessions.firstIndex { $0.id == talk.session }
        context["previousSession"] = false
        context["nextSession"] = false
        if let position, !context.has("previous"), position > 0 {
            context["previousSession"] = sessionSummary(index.sessions[position - 1])
        }
        if let position, !context.has("next"), position + 1 < index.sessions.count {
            context["nextSession"] = sessionSummary(index.sessions[position + 1])
        }
        context["hasPager"] =
            context.has("previous") || context.has("next") || context.has("previousSession")
            || context.has("nextSession")
        return context
    }
}
