import ArchiveModel
import Foundation

/// The file of each entity, in the schema's key order.
extension ImportPlan {
    mutating func writePeople() {
        for (index, person) in people.people.enumerated() where !person.names.isEmpty {
            let source =
                person.personIDs.first.map { "indico:event/\(event.id)/person/\($0)" }
                ?? "indico:event/\(event.id)/person-name/\(YAMLText.slug(person.name))"
            let id = id("people", source: source, title: person.name)
            personIDs[index] = id
            var keys = [("name", YAMLText.scalar("name", person.name))]
            // The loader sorts by the last word of the name unless told: a family name of several
            // words (Di Bello) needs sort_as.
            if person.lastName.contains(" "), !person.firstName.isEmpty {
                keys.append(("sort_as", YAMLText.scalar("sort_as", person.lastName + ", " + person.firstName)))
            }
            if !person.affiliations.isEmpty {
                keys.append(("affiliations", YAMLText.list("affiliations", person.affiliations)))
            }
            if !person.aliases.isEmpty { keys.append(("aliases", YAMLText.list("aliases", person.aliases))) }
            keys.append(("source", YAMLText.scalar("source", source)))
            append(ContentFile(path: "people/\(id).md", keys: keys, body: nil))
        }
    }

    /// `speakers:` or `conveners:` with the affiliation of this appearance beside a person who has
    /// several.
    func appearances(_ key: String, _ entries: [IndicoPerson]) -> String? {
        var lines: [String] = []
        var seen: Set<String> = []
        for entry in entries {
            let index = people.index(of: entry)
            guard let id = personIDs[index], seen.insert(id).inserted else { continue }
            if let affiliation = entry.affiliation, people.people[index].affiliations.count > 1 {
                lines.append("  - {person: \(YAMLText.quoted(id)), affiliation: \(YAMLText.quoted(affiliation))}")
            } else {
                lines.append("  - " + YAMLText.quoted(id))
            }
        }
        return lines.isEmpty ? nil : ([key + ":"] + lines).joined(separator: "\n")
    }

    mutating func writeSession(_ session: PlannedSession) {
        var keys = [
            ("title", YAMLText.scalar("title", session.title)),
            ("kind", YAMLText.scalar("kind", Self.kind(session.title))),
            ("day", YAMLText.scalar("day", session.day)),
            ("start", YAMLText.scalar("start", session.start.time)),
            ("end", YAMLText.scalar("end", session.end.time)),
        ]
        if let room = session.room { keys.append(("room", YAMLText.scalar("room", room))) }
        if let conveners = appearances("conveners", session.conveners) { keys.append(("conveners", conveners)) }
        if !session.breaks.isEmpty {
            var lines = ["breaks:"]
            for entry in session.breaks.sorted(by: { $0.start.date < $1.start.date }) {
                let start = local(entry.start)
                let minutes = Int(entry.end.date.timeIntervalSince(entry.start.date) / 60)
                lines += [
                    "  - title: " + YAMLText.quoted(entry.title), "    start: " + YAMLText.quoted(start.time),
                    "    duration: \(minutes)",
                ]
            }
            keys.append(("breaks", lines.joined(separator: "\n")))
        }
        keys.append(("source", YAMLText.scalar("source", session.source)))
        append(ContentFile(path: "sessions/\(session.id).md", keys: keys, body: markdown(session.description)))
        for contribution in session.contributions { writeTalk(contribution, session: session.id) }
    }

    mutating func writeTalk(_ contribution: IndicoContribution, session: String) {
        let source = "indico:event/\(event.id)/contribution/\(contribution.id)"
        let id = id("talks", source: source, title: contribution.title)
        var keys = [
            ("title", YAMLText.scalar("title", contribution.title)),
            ("session", YAMLText.scalar("session", session)),
            ("start", YAMLText.scalar("start", local(contribution.start).time)),
            ("duration", YAMLText.number("duration", contribution.durationMinutes)),
        ]
        if let speakers = appearances("speakers", contribution.speakers) { keys.append(("speakers", speakers)) }
        if let track = contribution.track, let found = tracks.first(where: { $0.title == track }) {
            keys.append(("tracks", YAMLText.list("tracks", [found.id])))
        }
        keys.append(("recording", YAMLText.scalar("recording", "unknown")))
        if let materials = materials(contribution) { keys.append(("materials", materials)) }
        keys.append(("source", YAMLText.scalar("source", source)))
        append(ContentFile(path: "talks/\(id).md", keys: keys, body: markdown(contribution.description)))
    }

    mutating func writeWorkshop() {
        let start = local(event.start)
        let end = local(event.end)
        var keys = [
            ("title", YAMLText.scalar("title", event.title)),
            ("short_title", YAMLText.scalar("short_title", event.title)),
        ]
        if let series = options.series { keys.append(("series", YAMLText.scalar("series", series))) }
        if let edition = options.edition { keys.append(("edition", YAMLText.number("edition", edition))) }
        keys += [
            ("start_date", YAMLText.scalar("start_date", start.day)),
            ("end_date", YAMLText.scalar("end_date", end.day)),
            ("time_zone", YAMLText.scalar("time_zone", event.timeZone.identifier)),
        ]
        if let venue = event.venue { keys.append(("venue", YAMLText.scalar("venue", venue))) }
        let organisers = event.chairs.compactMap { personIDs[people.index(of: $0)] }
        keys.append(
            (
                "organisers",
                YAMLText.list("organisers", organisers.reduce(into: []) { if !$0.contains($1) { $0.append($1) } })
            ))
        keys.append(("source_date", YAMLText.scalar("source_date", end.day + "T" + end.time)))
        var trackLines = tracks.isEmpty ? ["tracks: []"] : ["tracks:"]
        for (number, track) in tracks.enumerated() {
            trackLines += [
                "  - id: " + YAMLText.quoted(track.id), "    number: \(number + 1)",
                "    title: " + YAMLText.quoted(track.title),
            ]
        }
        keys.append(("tracks", trackLines.joined(separator: "\n")))
        if let url = event.url, url.hasPrefix("https://") || url.hasPrefix("http://"),
            URLCredentials.problem(in: url) == nil
        {
            keys.append(
                ("links", "links:\n  - title: \"The event in Indico\"\n    url: " + YAMLText.quoted(url)))
        }
        keys.append(("source", YAMLText.scalar("source", "indico:event/\(event.id)")))
        append(ContentFile(path: "workshop.md", keys: keys, body: markdown(event.description)))
        if options.series == nil || options.edition == nil {
            notes.append("series and edition unknown (give --series and --edition to set them)")
        }
        notes.append("registrations unknown (Indico's export does not carry them; add the count by hand)")
    }

    /// Public files and links by kind: the first slides, video and code link, and every arXiv id.
    mutating func materials(_ contribution: IndicoContribution) -> String? {
        var slides: String?
        var video: String?
        var code: String?
        var arxiv: [String] = []
        for attachment in contribution.attachments {
            let url = attachment.url
            guard url.hasPrefix("https://") || url.hasPrefix("http://") else { continue }
            if URLCredentials.problem(in: url) != nil {
                notes.append("\(attachment.path): a link with credentials was not imported")
                continue
            }
            let lower = (url + " " + attachment.title).lowercased()
            if let range = url.range(of: "arxiv.org/abs/") ?? url.range(of: "arxiv.org/pdf/") {
                let id = url[range.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
                let bare = id.hasSuffix(".pdf") ? String(id.dropLast(4)) : String(id)
                if !arxiv.contains(bare) { arxiv.append(bare) }
            } else if ["youtube.com", "youtu.be", "vimeo.com", "video", "recording", ".mp4"].contains(
                where: lower.contains)
            {
                if video == nil {
                    video = url
                } else {
                    notes.append("\(attachment.path): a second video was not imported")
                }
            } else if ["github.com", "gitlab", "bitbucket.org", "code"].contains(where: lower.contains) {
                if code == nil {
                    code = url
                } else {
                    notes.append("\(attachment.path): a second code link was not imported")
                }
            } else if slides == nil {
                slides = url
            } else {
                notes.append(
                    "\(attachment.path): '\(attachment.title)' was not imported (the archive keeps one slides link)")
            }
        }
        var lines: [String] = []
        if let slides { lines.append("  slides: " + YAMLText.quoted(slides)) }
        if let video { lines.append("  video: " + YAMLText.quoted(video)) }
        if let code { lines.append("  code: " + YAMLText.quoted(code)) }
        if !arxiv.isEmpty {
            lines.append("  arxiv:\n" + arxiv.map { "    - " + YAMLText.quoted($0) }.joined(separator: "\n"))
        }
        return lines.isEmpty ? nil : (["materials:"] + lines).joined(separator: "\n")
    }

    func markdown(_ html: String?) -> String? {
        guard let html else { return nil }
        let text = HTMLToMarkdown.convert(html)
        return text.isEmpty ? nil : text
    }

    /// The session kind from its title; plenary when the title names none.
    static func kind(_ title: String) -> String {
        let lower = title.lowercased()
        for (word, kind) in [
            ("tutorial", "tutorial"), ("hands-on", "tutorial"), ("seminar", "seminar"),
            ("walk-through", "walk-through"),
            ("workshop", "workshop"),
        ] where lower.contains(word) {
            return kind
        }
        return "plenary"
    }

    private mutating func append(_ file: ContentFile) { files.append(file) }
}
