import Jets

/// One line of the JSON-lines input: the particles of one jet, checked as they are decoded.
struct JetLine: Decodable {
    let particles: [PseudoJet]

    private enum Key: String, CodingKey { case particles }

    /// A line that is valid JSON but not a jet.
    struct Problem: Error {
        let message: String

        /// The value at `path` has the wrong type or is null.
        static func misplaced(at path: [CodingKey]) -> Problem {
            switch path.count {
            case 0: return Problem(message: "expected a JSON object")
            case 1: return Problem(message: "\"particles\" must be an array of [px, py, pz, E] arrays")
            case 2: return Problem(message: "particle \(index(path[1])) must be an array [px, py, pz, E]")
            default:
                return Problem(message: "particle \(index(path[1])) component \(index(path[2])) is not a number")
            }
        }

        private static func index(_ key: CodingKey) -> Int { key.intValue ?? 0 }
    }

    init(from decoder: Decoder) throws {
        let line = try decoder.container(keyedBy: Key.self)
        guard line.contains(.particles) else { throw Problem(message: "missing \"particles\" key") }
        var list = try line.nestedUnkeyedContainer(forKey: .particles)
        var particles: [PseudoJet] = []
        while !list.isAtEnd {
            let index = list.currentIndex
            guard index < JetLimits.maximumParticles else {
                throw Problem(
                    message: "the jet has \(list.count ?? index + 1) particles; at most "
                        + "\(JetLimits.maximumParticles) are accepted per jet")
            }
            var components = try list.nestedUnkeyedContainer()
            var values: [Double] = []
            while !components.isAtEnd {
                let value = try components.decode(Double.self)
                try Self.check(value, particle: index, component: values.count)
                values.append(value)
            }
            guard values.count == 4 else {
                throw Problem(
                    message: "particle \(index) has \(values.count) component\(values.count == 1 ? "" : "s"), "
                        + "expected 4 (px, py, pz, E)")
            }
            particles.append(PseudoJet(px: values[0], py: values[1], pz: values[2], E: values[3]))
        }
        guard !particles.isEmpty else { throw Problem(message: "empty particle list") }
        self.particles = particles
    }

    private static func check(_ value: Double, particle: Int, component: Int) throws {
        guard value.isFinite else {
            throw Problem(message: "particle \(particle) component \(component) (\(value)) is not finite")
        }
        guard abs(value) <= JetsJSONLines.maxComponentMagnitude else {
            throw Problem(message: "particle \(particle) component \(component) (\(value)) exceeds 1e100 in magnitude")
        }
    }
}
