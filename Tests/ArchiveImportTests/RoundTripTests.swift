import ArchiveContent
import ArchiveModel
import Foundation
import XCTest

@testable import ArchiveImport

/// The IML content written out as Indico's export (the helper below) and imported back gives the
/// same entities, matched by their Indico ids (the IML file names were chosen by hand), except
/// what Indico does not carry: session kinds, recordings, arXiv lists, more than one track per
/// talk, aliases, and affiliations that no appearance names.
final class RoundTripTests: XCTestCase {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func testTheIMLContentSurvivesAnIndicoRoundTrip() throws {
        let original = try ContentLoader(contentDirectory: Self.repositoryRoot.appendingPathComponent("Content").path)
            .load()
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("roundtrip-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let export = IndicoExportWriter(content: original)
        let eventPath = root.appendingPathComponent("event.json").path
        let timetablePath = root.appendingPathComponent("timetable.json").path
        try export.event().write(to: URL(fileURLWithPath: eventPath))
        try export.timetable().write(to: URL(fileURLWithPath: timetablePath))
        let content = root.appendingPathComponent("Content").path
        let outcome = try IndicoImport.plan(
            eventFile: eventPath, timetableFile: timetablePath,
            options: .init(
                contentDirectory: content, series: original.workshop.series, edition: original.workshop.edition))
        try IndicoImport.write(outcome, contentDirectory: content)
        let imported = try ContentLoader(contentDirectory: content).load()

        func key(_ source: String?) -> String { String(source?.split(separator: "/").last ?? "") }
        let sessionOf = Dictionary(uniqueKeysWithValues: imported.sessions.map { ($0.id, $0) })
        let personOf = Dictionary(uniqueKeysWithValues: imported.people.map { ($0.id, $0) })
        let importedTalks = Dictionary(uniqueKeysWithValues: imported.talks.map { (key($0.source), $0) })
        XCTAssertEqual(imported.talks.count, original.talks.count)
        XCTAssertEqual(imported.sessions.count, original.sessions.count)
        XCTAssertEqual(imported.people.count, original.people.count)
        var comparedAbstracts = 0
        for talk in original.talks {
            let back = try XCTUnwrap(importedTalks[talk.id], talk.id)
            XCTAssertEqual(back.title, talk.title)
            XCTAssertEqual(back.start, talk.start, talk.id)
            XCTAssertEqual(back.durationMinutes, talk.durationMinutes)
            // Session and speakers by their Indico ids.
            let session = try XCTUnwrap(sessionOf[back.session])
            XCTAssertEqual(session.source, "indico:event/9999/session/\(talk.session)/slot/1")
            XCTAssertEqual(back.speakers.map { key(personOf[$0]?.source) }, talk.speakers, talk.id)
            for speaker in talk.speakers {
                let shown = original.people.first { $0.id == speaker }!.affiliations(
                    at: talk.speakerAffiliations[speaker])
                let backID = back.speakers[talk.speakers.firstIndex(of: speaker)!]
                let backShown = personOf[backID]!.affiliations(at: back.speakerAffiliations[backID])
                if shown.count == 1 { XCTAssertEqual(backShown, shown, "\(talk.id): \(speaker)") }
            }
            XCTAssertEqual(back.tracks.count, talk.tracks.isEmpty ? 0 : 1, "Indico carries one track per talk")
            if let abstract = talk.abstractMarkdown, !abstract.contains("<") {
                XCTAssertEqual(back.abstractMarkdown, abstract, talk.id)
                comparedAbstracts += 1
            }
        }
        XCTAssertGreaterThan(comparedAbstracts, 50, "abstracts written as plain text come back unchanged")
        for session in original.sessions {
            let back = try XCTUnwrap(imported.sessions.first { $0.source?.contains("/session/\(session.id)/") == true })
            XCTAssertEqual(back.title, session.title)
            XCTAssertEqual("\(back.day) \(back.start) \(back.end)", "\(session.day) \(session.start) \(session.end)")
            XCTAssertEqual(back.conveners.map { key(personOf[$0]?.source) }, session.conveners)
            XCTAssertEqual(back.breaks, session.breaks, session.id)
        }
        for person in original.people {
            let back = try XCTUnwrap(imported.people.first { key($0.source) == person.id }, person.id)
            XCTAssertEqual(back.name, person.name)
            XCTAssertTrue(Set(back.affiliations).isSubset(of: person.affiliations), person.id)
        }
        // The one person with an affiliation per appearance keeps both, each where it was.
        let rousseau = try XCTUnwrap(imported.people.first { key($0.source) == "david-rousseau" })
        XCTAssertEqual(Set(rousseau.affiliations), ["LAL-Orsay, FR", "IJCLab-Orsay"])
        XCTAssertEqual(imported.workshop.title, original.workshop.title)
        XCTAssertEqual(imported.workshop.startDate, original.workshop.startDate)
        XCTAssertEqual(imported.workshop.endDate, original.workshop.endDate)
        XCTAssertEqual(imported.workshop.organisers.map { key(personOf[$0]?.source) }, original.workshop.organisers)
    }
}

/// Writes archive content as Indico's HTTP export would give it (event with sessions, and the
/// timetable), with the archive's ids as Indico's ids so that the import can be checked entity by entity.
struct IndicoExportWriter {
    let content: ArchiveContent

    func date(_ day: CalendarDay, _ time: TimeOfDay) -> [String: Any] {
        [
            "date": day.description, "time": String(format: "%02d:%02d:00", time.hour, time.minute),
            "tz": content.workshop.timeZone,
        ]
    }

    func person(_ id: PersonID, affiliation: String?) -> [String: Any] {
        let person = content.people.first { $0.id == id }!
        let words = person.name.split(separator: " ")
        var entry: [String: Any] = [
            "_type": "ContributionParticipation", "first_name": words.dropLast().joined(separator: " "),
            "last_name": String(words.last!), "fullName": "\(words.last!), \(words.dropLast().joined(separator: " "))",
            "person_id": id, "db_id": id.count, "emailHash": "",
        ]
        if let affiliation = affiliation ?? person.affiliations.first { entry["affiliation"] = affiliation }
        return entry
    }

    func contribution(_ talk: Talk, day: CalendarDay) -> [String: Any] {
        let track = talk.tracks.first.flatMap { id in content.workshop.tracks.first { $0.id == id }?.title }
        return [
            "_type": "Contribution", "id": talk.id, "title": talk.title, "description": talk.abstractMarkdown ?? "",
            "startDate": date(day, talk.start), "endDate": date(day, talk.end), "duration": talk.durationMinutes,
            "speakers": talk.speakers.map { person($0, affiliation: talk.speakerAffiliations[$0]) },
            "track": track as Any, "folders": [], "room": "", "keywords": [],
        ]
    }

    func event() throws -> Data {
        let workshop = content.workshop
        let slots: [[String: Any]] = content.sessions.map { session in
            [
                "_type": "SessionSlot", "title": session.title, "slotTitle": "",
                "startDate": date(session.day, session.start), "endDate": date(session.day, session.end),
                "conveners": session.conveners.map { person($0, affiliation: session.convenerAffiliations[$0]) },
                "contributions": content.talks.filter { $0.session == session.id }.map {
                    contribution($0, day: session.day)
                },
                "session": [
                    "id": session.id, "title": session.title, "description": session.descriptionMarkdown ?? "",
                    "numSlots": 1, "sessionConveners": [],
                ],
            ]
        }
        let event: [String: Any] = [
            "_type": "Conference", "id": "9999", "title": workshop.title, "description": workshop.descriptionMarkdown,
            "startDate": date(workshop.startDate, TimeOfDay(hour: 9, minute: 0)),
            "endDate": date(workshop.endDate, TimeOfDay(hour: 18, minute: 0)), "timezone": workshop.timeZone,
            "chairs": workshop.organisers.map { person($0, affiliation: nil) }, "sessions": slots, "contributions": [],
            "location": workshop.venue ?? "",
        ]
        return try JSONSerialization.data(
            withJSONObject: ["count": 1, "_type": "HTTPAPIResult", "results": [event]], options: [.sortedKeys])
    }

    func timetable() throws -> Data {
        var days: [String: [String: Any]] = [:]
        for session in content.sessions {
            var entries: [String: Any] = [:]
            for (index, item) in session.breaks.enumerated() {
                entries["b\(session.id)-\(index)"] = [
                    "entryType": "Break", "title": item.title, "startDate": date(session.day, item.start),
                    "endDate": date(session.day, item.end),
                ]
            }
            let day = session.day.description.replacingOccurrences(of: "-", with: "")
            days[day, default: [:]]["s\(session.id)"] = [
                "entryType": "Session", "title": session.title, "startDate": date(session.day, session.start),
                "endDate": date(session.day, session.end), "entries": entries,
            ]
        }
        return try JSONSerialization.data(withJSONObject: ["results": ["9999": days]], options: [.sortedKeys])
    }
}
