// Merge-everything Cambridge/Aachen clustering (R = ∞: every jet has a nearest
// neighbour, all merge into one) in four AVX2 lanes, for the Lund-plane
// generator. It reproduces FastJet's clustering history exactly or reports
// that it cannot (an exact tie), and then the caller reruns FastJet's N2Plain.
//
// Why the history is FastJet's. The C/A distance ΔR² (computed here with the
// same operations as FastJet's, lane by lane) is symmetric and does not depend
// on slot order; neither does the E-scheme sum of two jets. FastJet's
// nearest-neighbour (NN) bookkeeping keeps each jet's exact NN distance, so
// each step merges a closest pair; when that pair is unique, any exact
// algorithm merges the same pair at that step, and the merge trees agree
// step by step. Only when two different pairs are at exactly the closest
// distance does FastJet's slot order decide — this kernel then counts more
// than two jets at the minimum NN distance and returns false. (No jet of the
// committed sample has such a tie.)
//
// Algorithm: FastJet's N2Plain NN bookkeeping without a distance matrix, the
// slots in structure-of-arrays blocks of four lanes (rapidity, φ, NN distance,
// NN slot), dead and padding slots at a rapidity of 1e200, whose ΔR² to any
// jet is +∞. Each step: merge the closest pair (lo < hi) into slot lo, move
// the last slot into hi (so the live slots stay a prefix, as in FastJet); one
// pass over the blocks computes the new jet's ΔR² to every slot, lowers the NN
// of the slots it is closer to, relabels NNs that pointed to the moved slot,
// flags slots whose NN was merged (re-found afterwards, a scan of the blocks)
// and tracks, per lane, the smallest NN distance, how many slots have it and
// one of them. O(N²) time for typical jets (O(N³) if O(N) re-finds were needed
// per step), O(N) memory. The initial NNs visit each pair once.
//
// What makes it fast: no branch on data in the passes (selects; the
// closest-pair bookkeeping is branch-free too), slot writes as
// read-modify-writes of the whole 4-lane block (a scalar store followed by a
// vector load of the same block stalls store forwarding), and the slots to
// re-find collected as a bitmask. Measurements: Tools/bench/README.md.

import Swift

/// Clusters jets 0..<`count` with Cambridge/Aachen until one jet is left.
///
/// - Parameters:
///   - input: the rapidity and the azimuth (in [0, 2π)) of input jet k.
///   - merge: recombines two jets, given by index, into a new jet; returns its
///     index and its rapidity and azimuth. Called count − 1 times, in
///     FastJet's order.
/// - Returns: false if it stopped at an exact tie of distances between two
///   different pairs of jets, which FastJet resolves by its slot order; the
///   merges reported so far must then be discarded and the jets clustered by
///   an implementation of FastJet's N2Plain.
public func clusterCambridgeAachenToOneJet(
    count n: Int,
    input: (Int) -> (rapidity: Double, azimuth: Double),
    merge: (Int, Int) -> (index: Int, rapidity: Double, azimuth: Double)
) -> Bool {
    guard n > 1 else { return true }
    let slotCount = (n + 3) & ~3
    var blocks = slotCount / 4
    let memory = UnsafeMutableRawPointer.allocate(
        byteCount: 5 * slotCount * 8 + (slotCount / 64 + 1) * 8,
        alignment: 64)
    defer { memory.deallocate() }
    // Slot arrays; the NN slot as a Double, so that all four are Float64 lanes.
    let rap = memory.bindMemory(to: Double.self, capacity: 4 * slotCount)
    let phi = rap + slotCount
    let nnDist = rap + 2 * slotCount
    let nn = rap + 3 * slotCount
    let jetIndex = (memory + 4 * slotCount * 8).bindMemory(to: Int.self, capacity: slotCount)
    // Slots whose NN was merged, one bit each, 64 per word.
    let refindWords = (memory + 5 * slotCount * 8).bindMemory(to: Int64.self, capacity: slotCount / 64 + 1)

    let far = 1e200
    for k in 0..<slotCount {
        if k < n {
            (rap[k], phi[k]) = input(k)
        } else {
            rap[k] = far
            phi[k] = 0
        }
        nnDist[k] = Double.infinity
        nn[k] = -1
        jetIndex[k] = k
    }

    let twoPi = Float64x4(6.283185307179586)
    let absMask = Int64x4(0x7fff_ffff_ffff_ffff)
    let laneIndex = Float64x4(0, 1, 2, 3)
    let four = Float64x4(4)
    let infinity = Float64x4(Double.infinity)
    let none = Float64x4(-1)
    let laneBits = Int64x4(1, 2, 4, 8)

    /// FastJet's ΔR² between a jet at (y, φ) and the slots of block b:
    /// dφ = |φ_b − φ|, 2π − dφ if that is smaller, then dφ² + (y_b − y)².
    @_transparent func distances(block b: Int, _ y: Float64x4, _ p: Float64x4) -> Float64x4 {
        let dphi = ((Float64x4.load(phi + 4 * b) - p).bits & absMask).float
        let wrapped = twoPi - dphi
        let dphiMin = select(wrapped .< dphi, dphi, wrapped)
        let dy = Float64x4.load(rap + 4 * b) - y
        return dphiMin * dphiMin + dy * dy
    }
    /// array[k] = v as a read-modify-write of k's block: a scalar store
    /// followed by a vector load of the same block would stall.
    @_transparent func set(_ array: UnsafeMutablePointer<Double>, _ k: Int, _ v: Double) {
        let block = array + (k & ~3)
        select(laneIndex .== Float64x4(Double(k & 3)), Float64x4.load(block), Float64x4(v)).store(to: block)
    }
    /// Stores the smallest of `best` as slot a's NN distance, with the slot
    /// of one lane that has it.
    @_transparent func setNN(_ a: Int, _ best: Float64x4, _ bestSlot: Float64x4) -> Double {
        let d = best.min
        set(nnDist, a, d)
        set(nn, a, select(best .== Float64x4(d), none, bestSlot).max)
        return d
    }
    /// Slot a's NN among all live slots.
    func findNN(_ a: Int) -> Double {
        let y = Float64x4(rap[a])
        let p = Float64x4(phi[a])
        let slotA = Float64x4(Double(a))
        var best = infinity
        var bestSlot = none
        var slot = laneIndex
        for b in 0..<blocks {
            let d = select(slot .== slotA, distances(block: b, y, p), infinity)
            let closer = d .< best
            best = select(closer, best, d)
            bestSlot = select(closer, bestSlot, slot)
            slot = slot + four
        }
        return setNN(a, best, bestSlot)
    }

    // Initial NNs, each pair (a, b < a) once: row a's minimum, and FastJet's
    // cross-check lowering the NN distance of each b.
    for a in 1..<n {
        let y = Float64x4(rap[a])
        let p = Float64x4(phi[a])
        let slotA = Float64x4(Double(a))
        var best = infinity
        var bestSlot = none
        var slot = laneIndex
        for b in 0..<((a + 3) / 4) {
            let d = select(slot .< slotA, infinity, distances(block: b, y, p))
            let closer = d .< best
            best = select(closer, best, d)
            bestSlot = select(closer, bestSlot, slot)
            let old = Float64x4.load(nnDist + 4 * b)
            let lowers = d .< old
            select(lowers, old, d).store(to: nnDist + 4 * b)
            select(lowers, Float64x4.load(nn + 4 * b), slotA).store(to: nn + 4 * b)
            slot = slot + four
        }
        _ = setNN(a, best, bestSlot)
    }

    // The closest pair: the smallest NN distance, how many slots have it (two
    // when the pair is unique) and one of them — per lane during a pass
    // (`account`), then over the lanes (`settle`) and the slots set outside
    // the pass (`include`). Branch-free: the slot that wins is unpredictable.
    var laneMin = infinity
    var laneCount = Int64x4(0)
    var laneSlot = none
    @_transparent func account(_ d: Float64x4, _ slot: Float64x4) {
        let below = d .< laneMin
        laneCount = select(below, laneCount &- (d .== laneMin), Int64x4(1))
        laneMin = select(below, laneMin, d)
        laneSlot = select(below, laneSlot, slot)
    }
    var closest = Double.infinity
    var closestCount: Int64 = 0
    var closestSlot = -1
    @_transparent func settle() {
        closest = laneMin.min
        let at = laneMin .== Float64x4(closest)
        closestCount = (laneCount & at).sumOfLanes
        closestSlot = Int(select(at, none, laneSlot).max)
    }
    @_transparent func include(_ d: Double, slot: Int) {
        let below = d < closest
        closestCount = below ? 1 : (d == closest ? closestCount &+ 1 : closestCount)
        closestSlot = below ? slot : closestSlot
        closest = below ? d : closest
    }
    do {
        var slot = laneIndex
        for b in 0..<blocks {
            account(Float64x4.load(nnDist + 4 * b), slot)
            slot = slot + four
        }
        settle()
    }

    var live = n
    while live > 1 {
        guard closestCount == 2, closest < Double.infinity else { return false }
        let other = Int(nn[closestSlot])
        let lo = Swift.min(closestSlot, other)
        let hi = Swift.max(closestSlot, other)
        let (newJet, newRap, newPhi) = merge(jetIndex[lo], jetIndex[hi])
        jetIndex[lo] = newJet

        // Slot hi dies and the last slot moves into it (a no-op if hi is the
        // last); slot lo, the new jet, sits out the pass (at +∞).
        let tail = live - 1
        set(rap, hi, rap[tail])
        set(phi, hi, phi[tail])
        set(nnDist, hi, nnDist[tail])
        set(nn, hi, nn[tail])
        jetIndex[hi] = jetIndex[tail]
        set(rap, tail, far)
        set(phi, tail, 0)
        set(nnDist, tail, Double.infinity)
        set(nn, tail, -1)
        set(rap, lo, far)
        set(nnDist, lo, Double.infinity)
        set(nn, lo, -1)
        live -= 1
        blocks = (live + 3) / 4

        let y = Float64x4(newRap)
        let p = Float64x4(newPhi)
        let slotLo = Float64x4(Double(lo))
        let slotHi = Float64x4(Double(hi))
        let slotTail = Float64x4(Double(tail))
        var best = infinity
        var bestSlot = none
        var slot = laneIndex
        var refind = Int64x4(0)
        var bits = laneBits
        var words = 0
        laneMin = infinity
        laneCount = Int64x4(0)
        laneSlot = none
        for b in 0..<blocks {
            if b & 15 == 0 && b > 0 {
                refindWords[words] = refind.orOfLanes
                words += 1
                refind = Int64x4(0)
                bits = laneBits
            }
            let d = distances(block: b, y, p)
            let oldDist = Float64x4.load(nnDist + 4 * b)
            let oldNN = Float64x4.load(nn + 4 * b)
            let lowers = d .< oldDist
            let dist = select(lowers, oldDist, d)
            dist.store(to: nnDist + 4 * b)
            select(lowers, select(oldNN .== slotTail, oldNN, slotHi), slotLo).store(to: nn + 4 * b)
            // NN merged and the new jet not closer than it was: re-find.
            let merged = ((oldNN .== slotLo) | (oldNN .== slotHi)) & ~lowers
            refind = refind | (merged & bits)
            bits = bits &<< Int64x4(4)
            account(select(merged, dist, infinity), slot)
            let closer = d .< best
            best = select(closer, best, d)
            bestSlot = select(closer, bestSlot, slot)
            slot = slot + four
        }
        refindWords[words] = refind.orOfLanes
        set(rap, lo, newRap)
        set(phi, lo, newPhi)
        settle()
        include(setNN(lo, best, bestSlot), slot: lo)
        for word in 0...words {
            var pending = refindWords[word]
            while pending != 0 {
                let k = 64 * word + pending.trailingZeroBitCount
                pending &= pending &- 1
                include(findNN(k), slot: k)
            }
        }
    }
    return true
}
