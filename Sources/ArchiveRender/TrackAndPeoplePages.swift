import ArchiveIndex
import ArchiveModel

/// The track and people indexes and the page of each track and person.
extension PageBuilder {
    mutating func tracksPage() -> Context {
        root = "../"
        var context = page(
            root: "../", title: "Tracks",
            description: "The contribution tracks of \(index.workshop.shortTitle) and their talks.",
            current: SiteURLs.tracks, crumbs: [("Home", SiteURLs.home)], crumbTitle: "Tracks")
        context["tracks"] = trackList()
        context["hasTracks"] = !index.tracks.isEmpty
        return context
    }

    mutating func trackPage(_ track: Track) -> Context {
        root = "../../"
        let heading = "Track \(track.number): \(track.title)"
        var context = page(
            root: "../../", title: heading,
            description: "Talks of track \(track.number), \(track.title), at \(index.workshop.shortTitle).",
            current: SiteURLs.track(track.id),
            crumbs: [("Home", SiteURLs.home), ("Tracks", SiteURLs.tracks)], crumbTitle: heading)
        var ref = trackRef(track.id)
        ref["summary"] = track.summary ?? ""
        ref["hasSummary"] = !(track.summary ?? "").isEmpty
        let count = index.talkCount(inTrack: track.id)
        ref["count"] = count == 0 ? "No talks" : Format.count(count, "talk", "talks")
        context["track"] = ref
        context["heading"] = heading
        var days: [Context] = []
        for group in index.talksByDay(inTrack: track.id) {
            var talks: [Context] = []
            for talk in group.talks { talks.append(itemUnderDayHeading(talkSummary(talk))) }
            days.append([
                "label": Format.longDate(group.day), "href": href(SiteURLs.day(group.day)),
                "anchor": "day-\(group.day)", "talks": talks,
            ])
        }
        context["days"] = days
        context["hasTalks"] = !days.isEmpty
        return context
    }

    /// A talk in a list under its day's heading: the item does not repeat the day.
    func itemUnderDayHeading(_ summary: Context) -> Context {
        var item = summary
        item["showDay"] = false
        item["itemHTML"] = fragment(.talkItem, item)
        return item
    }

    /// A talk on its speaker's page: the page already names the speaker and their affiliation, so the
    /// item names only the co-speakers, and the speaker's affiliation only where this talk gives another.
    func item(_ summary: Context, of talk: Talk, onPageOf person: Person) -> Context {
        var item = summary
        let others = people(talk.speakers.filter { $0 != person.id }, at: talk.speakerAffiliations)
        item["forSpeaker"] = true
        item["hasCoSpeakers"] = !others.isEmpty
        item["coSpeakersHTML"] = fragment(.speakers, ["root": root, "speakers": others, "hasSpeakers": true])
        if let own = talk.speakerAffiliations[person.id], !person.affiliations.contains(own) {
            item["hasOwnAffiliation"] = true
            item["ownAffiliation"] = own
        }
        item["itemHTML"] = fragment(.talkItem, item)
        return item
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
        var context = page(
            root: "../", title: "People",
            description: "Speakers, conveners and organisers of \(index.workshop.shortTitle), A to Z.",
            current: SiteURLs.people, crumbs: [("Home", SiteURLs.home)], crumbTitle: "People")
        var groups: [Context] = []
        for group in index.peopleByLetter {
            var entries: [Context] = []
            for person in group.people {
                var ref = personRef(person.id)
                ref["roles"] = roleSummary(person)
                entries.append(ref)
            }
            groups.append([
                "letter": group.letter, "anchor": group.anchor, "people": entries,
                "count": Format.count(entries.count, "person", "people"),
            ])
        }
        context["groups"] = groups
        context["hasPeople"] = !groups.isEmpty
        context["count"] = Format.count(index.people.count, "person", "people")
        return context
    }

    mutating func personPage(_ person: Person) -> Context {
        root = "../../"
        var context = page(
            root: "../../", title: person.name,
            description: "\(person.name) at \(index.workshop.shortTitle): talks and sessions.",
            current: SiteURLs.person(person.id),
            crumbs: [("Home", SiteURLs.home), ("People", SiteURLs.people)], crumbTitle: person.name)
        var ref = personRef(person.id)
        ref["affiliationList"] = person.affiliations
        ref["aliases"] = Format.list(person.aliases)
        ref["hasAliases"] = !person.aliases.isEmpty
        ref["isOrganiser"] = index.isOrganiser(person.id)
        context["person"] = ref
        var talks: [Context] = []
        for talk in index.talks(bySpeaker: person.id) {
            talks.append(item(talkSummary(talk), of: talk, onPageOf: person))
        }
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
