import ArchiveIndex
import ArchiveModel
import Foundation

/// schema.org `Event` JSON-LD for a talk page (JSON placed inside the page's
/// `<script type="application/ld+json">`: data, not markup, so it is built here).
enum StructuredData {
    static func event(_ talk: Talk, index: SiteIndex, markdown: MarkdownRenderer) -> String? {
        guard let session = index.session(talk.session) else { return nil }
        let workshop = index.workshop
        func string(_ text: String) -> String { JSONText.quoted(text) }
        var fields: [(String, String)] = [
            ("@context", string("https://schema.org")),
            ("@type", string("Event")),
            ("name", string(talk.title)),
            ("startDate", string(Format.isoDateTime(session.day, talk.start, offset: session.utcOffsetMinutes))),
            ("endDate", string(Format.isoDateTime(session.day, talk.end, offset: session.utcOffsetMinutes))),
            ("eventStatus", string("https://schema.org/EventScheduled")),
        ]
        // The venue says whether the workshop met online ("CERN (remote)" for IML 2020).
        let venue = workshop.venue ?? ""
        let online = venue.lowercased().contains("remote") || venue.lowercased().contains("online")
        fields.append(
            (
                "eventAttendanceMode",
                string(
                    online
                        ? "https://schema.org/OnlineEventAttendanceMode"
                        : "https://schema.org/OfflineEventAttendanceMode")
            ))
        if online, let url = workshop.links.first?.url {
            fields.append(("location", "{\"@type\": \"VirtualLocation\", \"url\": \(string(url))}"))
        } else if !venue.isEmpty {
            fields.append(("location", "{\"@type\": \"Place\", \"name\": \(string(venue))}"))
        }
        let performers = talk.speakers.compactMap(index.person).map { person -> String in
            var entry = "{\"@type\": \"Person\", \"name\": \(string(person.name))"
            let affiliations = person.affiliations(at: talk.speakerAffiliations[person.id])
            if !affiliations.isEmpty {
                entry +=
                    ", \"affiliation\": ["
                    + affiliations.map { "{\"@type\": \"Organization\", \"name\": \(string($0))}" }
                    .joined(separator: ", ") + "]"
            }
            return entry + "}"
        }
        if !performers.isEmpty { fields.append(("performer", "[" + performers.joined(separator: ", ") + "]")) }
        let tracks = talk.tracks.compactMap(index.track)
        if !tracks.isEmpty {
            fields.append(
                (
                    "about",
                    "[" + tracks.map { "{\"@type\": \"Thing\", \"name\": \(string($0.title))}" }.joined(separator: ", ")
                        + "]"
                ))
        }
        if let abstract = talk.abstractMarkdown.map(markdown.plainText), !abstract.isEmpty {
            fields.append(("description", string(abstract)))
        }
        fields.append(("superEvent", "{\"@type\": \"Event\", \"name\": \(string(workshop.title))}"))
        let json = "{" + fields.map { "\(string($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
        // `<`, `>` and `&` only occur inside JSON strings, where these escapes mean the same; so no
        // text can close the script element or open a comment.
        var out: [UInt8] = []
        out.reserveCapacity(json.utf8.count)
        for byte in json.utf8 {
            switch byte {
            case 0x3C: out += Array("\\u003c".utf8)
            case 0x3E: out += Array("\\u003e".utf8)
            case 0x26: out += Array("\\u0026".utf8)
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
