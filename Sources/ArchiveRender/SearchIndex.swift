import ArchiveIndex
import ArchiveModel
import Foundation

/// The offline search's index, written as classic scripts (`<script src>` works from `file://`,
/// where `fetch()` and modules are blocked): `search/manifest.js`, documents in chunks
/// (`search/docs-N.js`) and terms in shards by their first character (`search/terms-X.js`), so a
/// query loads only the shards of its words and the chunks of its hits. A script of our own
/// instead of lunr: one lunr index cannot be split, and a 10,000-talk index must be.
struct SearchIndex {
    /// Field weights: title and speaker matches rank above sessions, tracks and affiliations, and
    /// those above the abstract.
    enum Weight: Int {
        case abstract = 1
        case affiliation = 3
        case context = 4
        case speaker = 8
        case title = 10
    }

    /// Documents per chunk: the 20 best hits of a query load at most 20 small chunks.
    static let documentsPerChunk = 50
    /// Words too common to tell talks apart; left out of the index of abstracts.
    static let stopWords: Set<String> = [
        "a", "an", "and", "are", "as", "at", "be", "been", "by", "can", "for", "from", "has", "have", "in", "into",
        "is", "it", "its", "of", "on", "or", "our", "that", "the", "their", "these", "this", "to", "us", "was", "we",
        "which", "will", "with",
    ]
    /// Words of an abstract indexed: enough to find a talk by its subject, bounded for big archives.
    static let abstractWords = 400

    struct Document {
        var title: String
        var path: String
        var meta: String
        var speakers: String
        var fields: [(text: String, weight: Weight)]
    }

    /// Lower case, accents off (`Łukasz` and `lukasz` are one word), split at everything that is not
    /// a letter or a digit; words of one character are left out.
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var word = ""
        func flush() {
            if word.count > 1 { words.append(word) }
            word = ""
        }
        for scalar in text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            if let folded = folded[scalar] {
                word += folded
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType == .decimal {
                word.unicodeScalars.append(scalar)
            } else {
                flush()
            }
        }
        flush()
        return words
    }

    /// Letters that decomposition leaves alone, written as a reader types them.
    static let folded: [Unicode.Scalar: String] = [
        "ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ı": "i", "þ": "th", "ð": "d",
    ]

    /// Shard of a word: its first two characters when they are ASCII letters or digits, else `_`
    /// (a query word of one character waits for the second).
    static func shard(_ word: String) -> String {
        let head = word.unicodeScalars.prefix(2)
        guard head.count == 2,
            head.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) })
        else { return "_" }
        return String(String.UnicodeScalarView(head))
    }

    static func documents(_ index: SiteIndex, plainText: (String) -> String) -> [Document] {
        var documents: [Document] = []
        for talk in index.talks {
            guard let session = index.session(talk.session) else { continue }
            let people = talk.speakers.compactMap(index.person)
            var fields: [(String, Weight)] = [(talk.title, .title), (session.title, .context)]
            for person in people {
                fields.append((([person.name] + person.aliases).joined(separator: " "), .speaker))
                fields.append(
                    (person.affiliations(at: talk.speakerAffiliations[person.id]).joined(separator: " "), .affiliation))
            }
            fields.removeAll { $0.0.isEmpty }
            for track in talk.tracks.compactMap(index.track) { fields.append((track.title, .context)) }
            if let abstract = talk.abstractMarkdown {
                fields.append(
                    (plainText(abstract).split(separator: " ").prefix(abstractWords).joined(separator: " "), .abstract))
            }
            documents.append(
                Document(
                    title: talk.title, path: SiteURLs.talk(talk.id),
                    meta:
                        "\(Format.shortDate(session.day)), \(Format.clock(talk.start))–\(Format.clock(talk.end)) · \(session.title)",
                    speakers: people.map(\.name).joined(separator: ", "), fields: fields))
        }
        for session in index.sessions {
            documents.append(
                Document(
                    title: session.title, path: SiteURLs.session(session.id),
                    meta:
                        "\(Format.shortDate(session.day)), \(Format.clock(session.start))–\(Format.clock(session.end)) · "
                        + Format.sessionKind(session.kind),
                    speakers: session.conveners.compactMap { index.person($0)?.name }.joined(separator: ", "),
                    fields: [(session.title, .title)]
                        + (session.descriptionMarkdown.map { [(plainText($0), .abstract)] } ?? [])))
        }
        for person in index.people {
            documents.append(
                Document(
                    title: person.name, path: SiteURLs.person(person.id), meta: "Person",
                    speakers: person.affiliations.joined(separator: "; "),
                    fields: [
                        (([person.name] + person.aliases).joined(separator: " "), .speaker),
                        (person.affiliations.joined(separator: " "), .affiliation),
                    ]))
        }
        return documents
    }

    /// Site path → file bytes of the whole index.
    static func files(_ index: SiteIndex, plainText: (String) -> String) -> [String: [UInt8]] {
        let documents = documents(index, plainText: plainText)
        // word → document → best weight of the word in that document.
        var postings: [String: [Int: Int]] = [:]
        for (number, document) in documents.enumerated() {
            for field in document.fields {
                for word in words(field.text)
                where (postings[word]?[number] ?? 0) < field.weight.rawValue
                    && !(field.weight == .abstract && stopWords.contains(word))
                {
                    postings[word, default: [:]][number] = field.weight.rawValue
                }
            }
        }
        // A word in the abstracts of more than one document in twenty (and more than 50) tells
        // them apart no better than a stop word and would make its shard large: only its title,
        // speaker and context hits are kept.
        let common = max(50, documents.count / 20)
        for (word, hits) in postings {
            let abstractHits = hits.values.filter { $0 == Weight.abstract.rawValue }.count
            if abstractHits > common { postings[word] = hits.filter { $0.value != Weight.abstract.rawValue } }
        }
        var shards: [String: [String: [[Int]]]] = [:]
        for (word, hits) in postings where !hits.isEmpty {
            shards[shard(word), default: [:]][word] = hits.keys.sorted().map { [$0, hits[$0]!] }
        }
        // Written by hand: JSONSerialization with sorted keys was a fifth of a whole build here.
        var files: [String: [UInt8]] = [:]
        func utf8Order(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }
        for (name, terms) in shards {
            var text = "archiveSearch.terms(\(JSONText.quoted(name)), {"
            for (number, word) in terms.keys.sorted(by: utf8Order).enumerated() {
                if number > 0 { text += "," }
                text +=
                    JSONText.quoted(word) + ":[" + terms[word]!.map { "[\($0[0]),\($0[1])]" }.joined(separator: ",")
                    + "]"
            }
            files["search/terms-\(name).js"] = Array((text + "});\n").utf8)
        }
        let chunks = stride(from: 0, to: documents.count, by: documentsPerChunk).map {
            Array(documents[$0..<min($0 + documentsPerChunk, documents.count)])
        }
        for (number, chunk) in chunks.enumerated() {
            let rows = chunk.map { document in
                "["
                    + [document.title, "../" + document.path, document.meta, document.speakers].map(JSONText.quoted)
                    .joined(separator: ",") + "]"
            }
            files["search/docs-\(number).js"] = Array(
                "archiveSearch.docs(\(number), [\(rows.joined(separator: ","))]);\n".utf8)
        }
        let shardNames = shards.keys.sorted(by: utf8Order).map(JSONText.quoted).joined(separator: ",")
        files["search/manifest.js"] = Array(
            "archiveSearch.manifest({\"chunk\":\(documentsPerChunk),\"documents\":\(documents.count),\"shards\":[\(shardNames)]});\n"
                .utf8)
        return files
    }
}
