import Foundation

/// The people of an export, merged: two entries are one person when they share the event's
/// person id or the same name written alike (case, accents, punctuation and spacing ignored), so
/// two spellings or two affiliations of one person become one person with aliases.
final class PeopleRegistry {
    struct Person {
        var names: [String] = []
        var affiliations: [String] = []
        var personIDs: [String] = []
        var lastName = ""
        var firstName = ""

        /// The fullest spelling is the name (as in the IML content); the others are aliases.
        var name: String { names.max { ($0.count, $1) < ($1.count, $0) } ?? "" }
        var aliases: [String] {
            let main = PeopleRegistry.normalised(name)
            var seen: Set<String> = [main]
            return names.filter { $0 != name && seen.insert(PeopleRegistry.normalised($0)).inserted }
        }
    }

    private(set) var people: [Person] = []
    private var byKey: [String: Int] = [:]

    static func normalised(_ name: String) -> String {
        var words: [String] = []
        var word = ""
        for scalar in name.decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                word += String(scalar).lowercased()
            } else if !word.isEmpty {
                words.append(word)
                word = ""
            }
        }
        if !word.isEmpty { words.append(word) }
        return words.joined(separator: " ")
    }

    /// The index of the person `entry` is, adding or merging as needed.
    @discardableResult
    func add(_ entry: IndicoPerson) -> Int {
        let nameKey = "name:" + Self.normalised(entry.name)
        let idKey = entry.personID.map { "id:" + $0 }
        let known = [nameKey, idKey].compactMap { $0 }.compactMap { byKey[$0] }
        let index: Int
        if let first = known.first {
            index = first
            // An id and a name that point at two people: they are one; fold the second in.
            for other in Set(known) where other != first { fold(other, into: first) }
        } else {
            index = people.count
            people.append(Person(lastName: entry.lastName, firstName: entry.firstName))
        }
        byKey[nameKey] = index
        if let idKey { byKey[idKey] = index }
        var person = people[index]
        if !person.names.contains(entry.name) { person.names.append(entry.name) }
        if let affiliation = entry.affiliation, !person.affiliations.contains(affiliation) {
            person.affiliations.append(affiliation)
        }
        if let id = entry.personID, !person.personIDs.contains(id) { person.personIDs.append(id) }
        if entry.name.count > person.name.count || person.lastName.isEmpty {
            person.lastName = entry.lastName
            person.firstName = entry.firstName
        }
        people[index] = person
        return index
    }

    private func fold(_ source: Int, into target: Int) {
        let folded = people[source]
        for name in folded.names where !people[target].names.contains(name) { people[target].names.append(name) }
        for value in folded.affiliations where !people[target].affiliations.contains(value) {
            people[target].affiliations.append(value)
        }
        for id in folded.personIDs where !people[target].personIDs.contains(id) { people[target].personIDs.append(id) }
        people[source] = Person()
        for (key, value) in byKey where value == source { byKey[key] = target }
    }

    /// The person an entry was merged into (after every entry has been added).
    func index(of entry: IndicoPerson) -> Int {
        byKey["name:" + Self.normalised(entry.name)] ?? entry.personID.flatMap { byKey["id:" + $0] } ?? 0
    }
}
