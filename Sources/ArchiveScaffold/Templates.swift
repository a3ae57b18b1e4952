import Foundation

/// The text of each new file: every key the schema has, commented, with the given values filled in
/// and the optional keys left as comments to fill in later.
enum Templates {
    /// A YAML double-quoted scalar: `\` and `"` escaped (control characters are left for the
    /// content checks to report at their line and column).
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static func list(_ key: String, _ items: [String], comment: String) -> String {
        guard !items.isEmpty else { return "# \(key): []  # \(comment)\n" }
        return "\(key):  # \(comment)\n" + items.map { "  - \(quoted($0))\n" }.joined()
    }

    static func talk(
        title: String, session: String, start: String, duration: Int, speakers: [String], tracks: [String]
    ) -> String {
        "---\n"
            + "title: \(quoted(title))\n"
            + "session: \(quoted(session))  # the file name of Content/sessions/<id>.md\n"
            + "start: \(quoted(start))  # local time HH:MM, inside the session and clear of its other talks\n"
            + "duration: \(duration)  # minutes\n"
            + (speakers.isEmpty
                ? "speakers: []  # person ids (Content/people/<id>.md); empty means unknown\n"
                : list("speakers", speakers, comment: "person ids (Content/people/<id>.md)"))
            + list("tracks", tracks, comment: "track ids from Content/workshop.md")
            + "recording: unknown  # recorded, not-recorded, video-with-recorded-qa or unknown\n"
            + "# recording_note: \"what the source says about the recording\"\n"
            + "# materials:\n"
            + "#   slides: \"https://…\"\n"
            + "#   video: \"https://…\"\n"
            + "#   code: \"https://…\"\n"
            + "#   arxiv: [2008.06545]\n"
            + "---\n\n"
            + "The abstract, in Markdown (TeX math such as $p_T$ is kept as written).\n"
    }

    static func person(name: String, affiliations: [String]) -> String {
        "---\n"
            + "name: \(quoted(name))  # as displayed, without titles such as Dr\n"
            + "# sort_as: \"Family, Given\"  # only when the last word of the name is not the family name\n"
            + (affiliations.isEmpty
                ? "# affiliations: [\"Institute (CC)\"]  # absent means unknown\n"
                : list("affiliations", affiliations, comment: "as the sources give them"))
            + "# aliases: [\"Other Spelling\"]  # other spellings found in the sources\n"
            + "---\n"
    }

    static func session(title: String, kind: String, day: String, start: String, end: String) -> String {
        "---\n"
            + "title: \(quoted(title))\n"
            + "kind: \(quoted(kind))  # plenary, workshop, tutorial, seminar or walk-through\n"
            + "day: \(quoted(day))  # YYYY-MM-DD, within the workshop's dates\n"
            + "start: \(quoted(start))  # local time HH:MM\n"
            + "end: \(quoted(end))\n"
            + "# conveners: [\"person-id\"]\n"
            + "# breaks:\n"
            + "#   - {title: \"Coffee Break\", start: \"15:20\", duration: 30}\n"
            + "---\n\n"
            + "What the block is about, in Markdown (optional).\n"
    }

    static func notebook(title: String, related: [String]) -> String {
        "---\n"
            + "title: \(quoted(title))\n"
            + "# authors: [\"Name\"]\n"
            + list("related", related, comment: "talk and session ids whose pages link here")
            + "# summary: \"One or two sentences on what the notebook shows.\"\n"
            + "# timeout: 120  # seconds per cell\n"
            + "#\n"
            + "# A cell is a fenced block with the info string 'kernel NAME' (jet-substructure,\n"
            + "# hls4ml-mlp, lundnet or autoencoder) holding YAML: params, and optionally seed and expect.\n"
            + "---\n\n"
            + "What this notebook shows, in Markdown.\n"
    }
}

/// Ids made from titles and names: lower-case ASCII words joined by hyphens, at most 60
/// characters, cut at a word.
enum Slug {
    static func make(_ text: String) -> String {
        var words: [String] = []
        var word = ""
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                word.unicodeScalars.append(scalar)
            } else if ("A"..."Z").contains(scalar) {
                word.unicodeScalars.append(Unicode.Scalar(scalar.value + 32)!)
            } else if scalar.properties.generalCategory == .nonspacingMark {
                continue  // the accent of a decomposed letter: "é" becomes "e"
            } else if !word.isEmpty {
                words.append(word)
                word = ""
            }
        }
        if !word.isEmpty { words.append(word) }
        var slug = ""
        for word in words {
            let next = slug.isEmpty ? word : slug + "-" + word
            if next.count > 60, !slug.isEmpty { break }
            slug = next
        }
        return slug
    }

    static func isValid(_ id: String) -> Bool {
        !id.isEmpty
            && id.split(separator: "-", omittingEmptySubsequences: false).allSatisfy { part in
                !part.isEmpty && part.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
            }
    }
}
