import ArchiveModel
import Digest

/// One entry of the Atom feed: a talk or a notebook.
public struct FeedEntry: Sendable {
    public var kind: String
    public var id: String
    public var title: String
    /// Site-relative path of the entry's page.
    public var path: String
    public var summary: String
    public var authors: [String]

    public init(kind: String, id: String, title: String, path: String, summary: String, authors: [String]) {
        self.kind = kind
        self.id = id
        self.title = title
        self.path = path
        self.summary = summary
        self.authors = authors
    }
}

/// `atom.xml` (RFC 4287) and `sitemap.xml` (sitemaps.org 0.9); written only when the site's base
/// URL is known, since both need absolute URLs.
public enum Feeds {
    /// The namespace of the archive's name-based UUIDs: the v5 UUID of "workshop-archive" in the
    /// DNS namespace, fixed forever so that ids never change.
    static let namespace: [UInt8] = {
        let text = NameBasedUUID.v5(namespace: NameBasedUUID.dnsNamespace, name: "workshop-archive")
        let hex = text.utf8.filter { $0 != UInt8(ascii: "-") }
        return stride(from: 0, to: 32, by: 2).map {
            UInt8(String(decoding: hex[$0..<$0 + 2], as: UTF8.self), radix: 16)!
        }
    }()

    /// `urn:uuid:…` for `name` (e.g. `talk/<id>@<site id>`): the same on every build.
    public static func id(_ name: String) -> String { "urn:uuid:" + NameBasedUUID.v5(namespace: namespace, name: name) }

    /// RFC 3339 with seconds: `2020-10-23T18:00:00+02:00`.
    public static func timestamp(_ moment: ZonedDateTime) -> String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let offset = moment.utcOffsetMinutes
        let zone = offset == 0 ? "Z" : (offset < 0 ? "-" : "+") + two(abs(offset) / 60) + ":" + two(abs(offset) % 60)
        return "\(moment.day)T\(moment.time):00" + zone
    }

    public static func atom(
        workshop: Workshop, baseURL: String, entries: [FeedEntry]
    ) -> [UInt8] {
        let updated = timestamp(workshop.sourceDate)
        let xml = XMLDocumentWriter()
        xml.start("feed", [("xmlns", "http://www.w3.org/2005/Atom")])
        xml.element("id", id("feed@\(workshop.siteID)"))
        xml.element("title", workshop.title)
        xml.element("updated", updated)
        xml.element("link", nil, [("rel", "self"), ("type", "application/atom+xml"), ("href", baseURL + "atom.xml")])
        xml.element("link", nil, [("rel", "alternate"), ("type", "text/html"), ("href", baseURL)])
        xml.start("author")
        xml.element("name", "\(workshop.shortTitle) organisers")
        xml.end()
        xml.element("generator", "Workshop Archive")
        for entry in entries {
            xml.start("entry")
            xml.element("id", id("\(entry.kind)/\(entry.id)@\(workshop.siteID)"))
            xml.element("title", entry.title)
            xml.element("updated", updated)
            xml.element("link", nil, [("rel", "alternate"), ("type", "text/html"), ("href", baseURL + entry.path)])
            for author in entry.authors {
                xml.start("author")
                xml.element("name", author)
                xml.end()
            }
            if !entry.summary.isEmpty { xml.element("summary", entry.summary, [("type", "text")]) }
            xml.end()
        }
        xml.end()
        return xml.finish()
    }

    /// Every page, with the source date as its last modification.
    public static func sitemap(workshop: Workshop, baseURL: String, pagePaths: [String]) -> [UInt8] {
        let xml = XMLDocumentWriter()
        xml.start("urlset", [("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9")])
        for path in pagePaths {
            xml.start("url")
            // The site's own index pages are published as their folder's URL.
            xml.element("loc", baseURL + (path == "index.html" ? "" : path))
            xml.element("lastmod", workshop.sourceDate.day.description)
            xml.end()
        }
        xml.end()
        return xml.finish()
    }
}
