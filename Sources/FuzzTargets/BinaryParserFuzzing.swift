import Jets
import JetsJSON
import NPY

enum BinaryParserFuzzing {
    /// An array that decodes has as many elements as its shape says, and encodes to bytes that
    /// decode to the same array.
    static func npy(_ bytes: UnsafeRawBufferPointer) -> FuzzOutcome {
        guard let array = try? NPY.decode(bytes: bytes) else { return .refused }
        let expected = array.shape.reduce(1, *)
        require(array.count == expected, "decoded \(array.count) elements for shape \(array.shape)")
        guard let encoded = try? NPY.encode(array) else {
            require(false, "a decoded array cannot be encoded")
            return .refused
        }
        // Bytes, not arrays, are compared: NaN elements are not equal to themselves.
        let again = (try? NPY.decode(encoded)).flatMap { try? NPY.encode($0) }
        require(again == encoded, "an array does not survive encode → decode")
        return .accepted
    }

    /// Parsed jets are bounded and finite; clustering and declustering them ends and gives one
    /// primary declustering fewer than the particles at most.
    static func jetsJSONLines(_ bytes: UnsafeRawBufferPointer) -> FuzzOutcome {
        guard let jets = try? JetsJSONLines.parse(bytes: bytes, file: "fuzz.jsonl") else { return .refused }
        for jet in jets {
            require(jet.particles.count <= JetLimits.maximumParticles, "a jet above the particle bound")
            require(
                jet.particles.allSatisfy { $0.px.isFinite && $0.py.isFinite && $0.pz.isFinite && $0.E.isFinite },
                "a jet with a non-finite component")
            let declusterings = LundGenerator.primary(jet.particles)
            require(declusterings.count < max(jet.particles.count, 1), "more declusterings than merges")
            _ = JetFeatures(particles: jet.particles)
        }
        return .accepted
    }
}
