import ArchiveIndex
import ArchiveModel
import ParallelMap

/// Links to and summaries of people, tracks, talks and sessions, shared by every page.
extension PageBuilder {
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
            "id": id, "name": person?.name ?? id, "href": href(SiteURLs.person(id)),
            "sortKey": person?.sortKey ?? id,
            "affiliations": (person?.affiliations ?? []).joined(separator: "; "),
            "hasAffiliations": !(person?.affiliations ?? []).isEmpty,
        ]
    }

    /// Links to `ids`, each with the affiliation `appearances` gives it, else its own.
    func people(_ ids: [PersonID], at appearances: [PersonID: String] = [:]) -> [Context] {
        var seen = Set<PersonID>()
        var refs: [Context] = []
        for id in ids where seen.insert(id).inserted {
            var ref = makePersonRef(id)
            if let affiliation = appearances[id] {
                ref["affiliations"] = affiliation
                ref["hasAffiliations"] = true
            }
            refs.append(ref)
        }
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
        return ["id": id, "number": track?.number ?? 0, "title": track?.title ?? id, "href": href(SiteURLs.track(id))]
    }

    func timeFields(day: CalendarDay?, start: TimeOfDay, end: TimeOfDay, offset: Int) -> Context {
        guard let day else {
            return [
                "time": "\(Format.clock(start))–\(Format.clock(end))", "start": Format.clock(start),
                "end": Format.clock(end), "startISO": "", "endISO": "", "hasDay": false,
                "dayLabel": "Day unknown", "dayHref": "", "tz": tzLabel(offset),
            ]
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
            "dayHref": href(SiteURLs.day(day)),
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
        var summary = timeFields(
            day: session?.day, start: talk.start, end: talk.end,
            offset: session?.utcOffsetMinutes ?? mainOffset)
        let speakers = people(talk.speakers, at: talk.speakerAffiliations)
        var tracks: [Context] = []
        var seenTracks = Set<TrackID>()
        for id in talk.tracks where seenTracks.insert(id).inserted { tracks.append(makeTrackRef(id)) }
        summary["id"] = talk.id
        summary["title"] = talk.title
        summary["href"] = href(SiteURLs.talk(talk.id))
        summary["isBreak"] = false
        summary["speakers"] = speakers
        summary["hasSpeakers"] = !speakers.isEmpty
        summary["speakersHTML"] = fragment(
            .speakers, ["root": root, "speakers": speakers, "hasSpeakers": !speakers.isEmpty])
        summary["speakerNames"] = Format.list(speakers.map { $0.text("name") ?? "" })
        summary["tracks"] = tracks
        summary["duration"] = Format.shortDuration(talk.durationMinutes)
        summary["durationLong"] = Format.longDuration(talk.durationMinutes)
        summary["durationISO"] = Format.isoDuration(talk.durationMinutes)
        summary["recordingFlag"] = Format.recordingFlag(talk.recording) ?? false
        summary["sessionTitle"] = session?.title ?? talk.session
        summary["sessionHref"] = session == nil ? "" : href(SiteURLs.session(talk.session))
        summary["hasSession"] = session != nil
        summary["showDay"] = true
        summary["forSpeaker"] = false
        summary["hasCoSpeakers"] = false
        summary["coSpeakersHTML"] = ""
        summary["hasOwnAffiliation"] = false
        summary["ownAffiliation"] = ""
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
        var summary = timeFields(
            day: session.day, start: session.start, end: session.end,
            offset: session.utcOffsetMinutes)
        let conveners = people(session.conveners, at: session.convenerAffiliations)
        let talkCount = index.talks(inSession: session.id).count
        summary["id"] = session.id
        summary["title"] = session.title
        summary["href"] = href(SiteURLs.session(session.id))
        summary["kind"] = Format.sessionKind(session.kind)
        summary["kindID"] = session.kind.rawValue
        summary["room"] = session.room ?? ""
        summary["hasRoom"] = session.room != nil
        summary["conveners"] = conveners
        summary["hasConveners"] = !conveners.isEmpty
        summary["convenersHTML"] = fragment(
            .conveners, ["root": root, "conveners": conveners, "hasConveners": !conveners.isEmpty])
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
                var row = timeFields(
                    day: session.day, start: pause.start, end: pause.end,
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
        let summaries = parallelMap(talks.count) { i in talkBuilder.makeTalkSummary(talks[i]) }
        for (i, talk) in talks.enumerated() { talkSummaries[root + "|" + talk.id] = summaries[i] }

        let sessions = index.sessions
        let sessionBuilder = self
        let blocks = parallelMap(sessions.count) { i in
            (sessionBuilder.makeSessionSummary(sessions[i]), sessionBuilder.makeSessionBlock(sessions[i]))
        }
        for (i, session) in sessions.enumerated() {
            sessionSummaries[root + "|" + session.id] = blocks[i].0
            sessionBlocks[root + "|" + session.id] = blocks[i].1
        }
    }
}
