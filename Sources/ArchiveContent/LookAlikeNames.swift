import ConfusableSkeleton

/// Names that look the same on a page but are written with different letters: "Аda Lovelace" with
/// a Cyrillic "А" is a second person to the validator and the same one to a reader.
enum LookAlikeNames {
    /// The name as the eye sees it: ICU's confusable skeleton (Unicode TR 39), then case,
    /// diacritics and punctuation ignored as for duplicate names.
    static func key(_ name: String) -> String {
        let capacity = name.utf8.count * 8 + 16
        var skeleton = [CChar](repeating: 0, count: capacity)
        let length = name.withCString { archive_confusable_skeleton($0, &skeleton, Int32(capacity)) }
        guard length >= 0 else { return Values.normalisedName(name) }
        let text = String(decoding: skeleton.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return Values.normalisedName(text)
    }

    /// The letters of `name` that `other` does not use, named (at most three), e.g.
    /// "U+0410 CYRILLIC CAPITAL LETTER A".
    static func differingLetters(of name: String, from other: String) -> String {
        let others = Set(other.unicodeScalars)
        var seen: Set<Unicode.Scalar> = []
        let letters = name.unicodeScalars.filter { !others.contains($0) && seen.insert($0).inserted }
        return letters.prefix(3).map { scalar in
            SourceText.codePoint(scalar) + (scalar.properties.name.map { " " + $0 } ?? "")
        }.joined(separator: ", ")
    }
}
