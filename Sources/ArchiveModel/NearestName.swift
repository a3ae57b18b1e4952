/// "Did you mean …?" for a misspelt key or id: the closest known name by edit distance (insertions,
/// deletions, substitutions and swaps of neighbours), when it is close enough to be a typo.
/// Hand-written because none of the listed packages offers an edit distance; it is 30 lines.
public enum NearestName {
    /// The candidate nearest to `name`, at most a third of `name`'s length away (at least 1,
    /// at most 3 edits); ties go to the candidate first in byte order, so messages are stable.
    public static func suggestion(for name: String, among candidates: some Sequence<String>) -> String? {
        let limit = max(1, min(3, name.count / 3))
        var best: (distance: Int, name: String)?
        for candidate in candidates where candidate != name {
            let distance = editDistance(Array(name.unicodeScalars), Array(candidate.unicodeScalars))
            guard distance <= limit else { continue }
            if best.map({ distance < $0.distance || (distance == $0.distance && candidate < $0.name) }) ?? true {
                best = (distance, candidate)
            }
        }
        return best?.name
    }

    /// `head`, then "; did you mean 'x'? " and `rest` capitalised when a candidate is near `name`,
    /// else "; " and `rest`: "unknown key 'sesion' in talk; did you mean 'session'? Expected one of: …".
    public static func message(
        _ head: String, name: String, among candidates: some Sequence<String>, rest: String
    ) -> String {
        guard let near = suggestion(for: name, among: candidates) else { return head + "; " + rest }
        return head + "; did you mean '\(near)'? " + rest.prefix(1).uppercased() + rest.dropFirst()
    }

    /// Optimal string alignment distance between `a` and `b`.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count]
    }
}
