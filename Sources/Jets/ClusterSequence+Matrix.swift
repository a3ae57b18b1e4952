// FastJet's N2Plain clustering with all pairwise distances kept in a matrix:
// the kernel used for events up to `ClusterSequence.matrixThreshold` particles.
//
// Same slots, same step order and same tie-breaking as `runN2Plain` (a fresh
// nearest-neighbour search takes the smallest slot index among equal
// distances; the cross-check against a new jet replaces a neighbour only on a
// strictly smaller distance), so the history is identical. The differences:
// each step computes only the new jet's distances (O(N) evaluations) and
// nearest-neighbour re-finds are scans of stored values.
//
// Each step is one fused pass over the live slots: the new jet's distance to
// the slot (stored), FastJet's cross-check, the re-find of a slot whose NN was
// merged, the relabelling of a slot whose NN was moved, and the running
// minimum of d_iJ for the next step. The variants measured slower, and why
// the AVX2 kernel replaced this one in the Lund walk: Tools/bench/README.md.
//
// Storage: the lower triangle with its diagonal, packed by rows — ΔR²(i, j)
// for slots i > j at distanceTriangle[i(i+1)/2 + j]; diagonal cells are never read and serve
// as scratch. n(n+1)/2 doubles (14.5 KiB at n = 60, so it stays in L1). Slot
// i's distances are its row (j < i, contiguous) and its column (rows j > i;
// row j starts j cells after row j − 1).
//
// The kernel reports steps to a `ClusteringRecorder`: `ClusterSequence`
// records FastJet's full history, `MergeTree` (Lund.swift) only the jets and
// their parents.

extension ClusterSequence {
    /// Clusters the inputs of this sequence with the matrix kernel.
    mutating func runN2Matrix() {
        ClusterSequence.runN2Matrix(&self, count: initialCount, algorithm: algorithm, R: R)
    }

    // swift-format-ignore: AlwaysUseLowerCamelCase
    /// The kernel proper, for any recorder of the steps: jets 0..<count of
    /// `recorder` are the inputs.
    static func runN2Matrix<Recorder: ClusteringRecorder>(
        _ recorder: inout Recorder, count: Int,
        algorithm: JetAlgorithm, R: Double
    ) {
        var n = count
        let r2 = R * R
        let infiniteR = !r2.isFinite
        let invR2 = infiniteR ? 1.0 : 1.0 / r2
        let twopi = jetsTwoPi
        let alg = algorithm

        // The per-step pass reads a slot's (y, φ, NN distance, NN) together, so
        // they live in one record per slot (one base register in the loop).
        // The initial fill works on separate arrays (SIMD lanes) and is copied
        // into the records afterwards. Then kt2, d_iJ, the fill's arrays and
        // the packed triangle; jidx apart.
        let slots = UnsafeMutablePointer<MatrixSlot>.allocate(capacity: n)
        let doubles = UnsafeMutablePointer<Double>.allocate(capacity: 5 * n + n * (n + 1) / 2)
        let ints = UnsafeMutablePointer<Int>.allocate(capacity: 2 * n)
        defer {
            slots.deallocate()
            doubles.deallocate()
            ints.deallocate()
        }
        let kt2 = doubles
        let diJ = doubles + n
        let fillEta = doubles + 2 * n
        let fillPhi = doubles + 3 * n
        let fillNNDist = doubles + 4 * n
        let distanceTriangle = doubles + 5 * n
        let jidx = ints
        let fillNN = ints + n

        /// FastJet's `if (dphi > pi) dphi = twopi - dphi`, as a min: for
        /// dphi ≤ π, 2π − dphi ≥ π ≥ dphi also after rounding (2π = 2·π
        /// exactly), so the result is bit-identical.
        @inline(__always) func wrap(_ dphi: Double) -> Double {
            let w = twopi - dphi
            return w < dphi ? w : dphi
        }
        @inline(__always) func setJetInfo(_ a: Int, _ jetIndex: Int) {
            let j = recorder.jet(jetIndex)
            slots[a] = MatrixSlot(eta: j.rap, phi: j.phi, nnDist: r2, nn: -1)
            kt2[a] = alg.scale(j)
            jidx[a] = jetIndex
        }
        /// Nearest neighbour (< R², first index among equal distances) of slot
        /// `a` among slots 0..<count: its row (j < a), then its column (j > a).
        @inline(__always) func findNN(_ a: Int, _ count: Int) {
            var (who, best) = ClusterSequence.argmin(distanceTriangle + a * (a + 1) / 2, a, below: r2)
            var j = a + 1
            var p = distanceTriangle + j * (j + 1) / 2 + a
            while j < count {
                let d = p.pointee
                if d < best {
                    best = d
                    who = j
                }
                j &+= 1
                p += j  // row j starts j cells after row j - 1
            }
            slots[a].nn = who
            slots[a].nnDist = best
        }
        /// FastJet's d_iJ of slot a: NN distance times the smaller scale (for
        /// C/A the scale is 1, so it is the NN distance; R² or +∞ without one).
        @inline(__always) func bjDiJ(_ a: Int) -> Double {
            let b = slots[a].nn
            if b < 0 { return infiniteR ? Double.infinity : slots[a].nnDist * kt2[a] }
            var k = kt2[a]
            if kt2[b] < k { k = kt2[b] }
            return slots[a].nnDist * k
        }

        for i in 0..<n {
            setJetInfo(i, i)
            fillEta[i] = slots[i].eta
            fillPhi[i] = slots[i].phi
            fillNNDist[i] = r2
            fillNN[i] = -1
        }
        // Initial matrix and nearest neighbours: FastJet's cross-check loop over
        // pairs b < a (each jet ends with the first-index minimum), storing row a.
        for a in 0..<n {
            let rowA = distanceTriangle + a * (a + 1) / 2
            let ea = fillEta[a]
            let pa = fillPhi[a]
            // Pairs (a, b < a), two at a time; an odd count is padded with
            // b = a made inert (a rapidity of 1e200 puts it at +∞), so that
            // there is no scalar remainder (and no branch on the parity).
            fillEta[a] = 1e200
            let (best, who) = ClusterSequence.fillRow(
                rowA, count: (a + 1) & ~1, rap: ea, phi: pa, etas: fillEta,
                phis: fillPhi, nnDist: fillNNDist, nn: fillNN, row: a, limit: r2)
            fillEta[a] = ea
            fillNN[a] = who
            fillNNDist[a] = best
        }
        for i in 0..<n {
            slots[i].nn = fillNN[i]
            slots[i].nnDist = fillNNDist[i]
        }
        for i in 0..<n { diJ[i] = bjDiJ(i) }

        // First index of the minimum d_iJ (index 0 if all are +∞), as N2Plain.
        var (ia, dmin) = ClusterSequence.argmin(diJ, n, below: Double.infinity)
        var tail = n
        while tail != 0 {
            if ia < 0 {
                ia = 0
                dmin = diJ[0]
            }
            var jetA = ia
            var jetB = slots[jetA].nn
            if jetB >= 0 {
                dmin *= invR2
                if jetA < jetB { swap(&jetA, &jetB) }
                let newJet = recorder.merge(jidx[jetA], jidx[jetB], dij: dmin)
                setJetInfo(jetB, newJet)
            } else {
                dmin = infiniteR ? Double.infinity : dmin * invR2
                recorder.beam(jidx[jetA], diB: dmin)
            }

            tail -= 1
            n -= 1
            let moved = jetA != tail
            if moved {
                // Move the last slot into jetA's: its record and tables, and its
                // distances — to slots below jetA from row tail to row jetA, to
                // slots jetA < rowIndex < tail from row tail to column jetA. (Done
                // before the pass: a re-find of slot jetA in it reads its whole
                // column.)
                slots[jetA] = slots[tail]
                kt2[jetA] = kt2[tail]
                jidx[jetA] = jidx[tail]
                diJ[jetA] = diJ[tail]
                let rowT = distanceTriangle + tail * (tail + 1) / 2
                (distanceTriangle + jetA * (jetA + 1) / 2).update(from: rowT, count: jetA)
                var rowIndex = jetA + 1
                var cell = distanceTriangle + rowIndex * (rowIndex + 1) / 2 + jetA
                while rowIndex < tail {
                    rowIndex &+= 1
                    cell.pointee = rowT[rowIndex - 1]
                    cell += rowIndex
                }
            }

            var gBest = Double.infinity
            var gWho = -1
            if jetB >= 0 {
                let rowB = distanceTriangle + jetB * (jetB + 1) / 2
                let eB = slots[jetB].eta
                let pB = slots[jetB].phi
                var bBest = r2
                var bWho = -1
                // Slot jetB is visited like the others but made inert: its
                // distance to itself becomes +∞ (a rapidity of 1e200 squares to
                // +∞) and its NN distance and d_iJ are +∞ until set below.
                slots[jetB].eta = 1e200
                slots[jetB].nnDist = Double.infinity
                diJ[jetB] = Double.infinity
                var rowIndex = 0
                var row = distanceTriangle  // row rowIndex
                var slot = slots
                while rowIndex < tail {
                    let dphi = wrap(Swift.abs(slot.pointee.phi - pB))
                    let deta = slot.pointee.eta - eB
                    let d = dphi * dphi + deta * deta
                    // ΔR²(rowIndex, jetB): row jetB below it, column jetB above it (the
                    // diagonal for rowIndex == jetB, never read).
                    (rowIndex < jetB ? rowB + rowIndex : row + jetB).pointee = d
                    if d < bBest {
                        bBest = d
                        bWho = rowIndex
                    }
                    let nnI = slot.pointee.nn
                    if nnI == jetA || nnI == jetB {
                        // Its NN was merged. Every other live jet is at least
                        // the old NN distance away, so a strictly closer new
                        // jet is the unique new NN; otherwise re-find.
                        if d < slot.pointee.nnDist {
                            slot.pointee.nnDist = d
                            slot.pointee.nn = jetB
                        } else {
                            findNN(rowIndex, tail)
                        }
                        diJ[rowIndex] = bjDiJ(rowIndex)
                    } else if d < slot.pointee.nnDist {
                        slot.pointee.nnDist = d
                        slot.pointee.nn = jetB
                        diJ[rowIndex] = bjDiJ(rowIndex)
                    } else if nnI == tail {
                        slot.pointee.nn = jetA
                    }
                    let v = diJ[rowIndex]
                    if v < gBest {
                        gBest = v
                        gWho = rowIndex
                    }
                    rowIndex &+= 1
                    row += rowIndex  // row rowIndex starts rowIndex cells after row rowIndex - 1
                    slot += 1
                }
                slots[jetB].eta = eB
                slots[jetB].nn = bWho
                slots[jetB].nnDist = bBest
                diJ[jetB] = bjDiJ(jetB)
                let v = diJ[jetB]
                if v < gBest || (v == gBest && gWho >= 0 && jetB < gWho) {
                    gBest = v
                    gWho = jetB
                }
            } else {
                var rowIndex = 0
                while rowIndex < tail {
                    let nnI = slots[rowIndex].nn
                    if nnI == jetA || nnI < 0 {
                        findNN(rowIndex, tail)
                        diJ[rowIndex] = bjDiJ(rowIndex)
                    } else if nnI == tail {
                        slots[rowIndex].nn = jetA
                    }
                    let v = diJ[rowIndex]
                    if v < gBest {
                        gBest = v
                        gWho = rowIndex
                    }
                    rowIndex += 1
                }
            }
            ia = gWho
            dmin = gBest
        }
    }

    /// Index and value of the smallest of `values[0..<count]` that is strictly
    /// below `limit`, the smallest index among equal minima; (−1, limit) if none.
    @inline(__always)
    static func argmin(_ values: UnsafeMutablePointer<Double>, _ count: Int, below limit: Double) -> (Int, Double) {
        var best = limit
        var who = -1
        var j = 0
        while j < count {
            let d = values[j]
            if d < best {
                best = d
                who = j
            }
            j &+= 1
        }
        return (who, best)
    }

    /// Row `row` of the initial matrix over b in 0..<count (even), two pairs at
    /// a time: stores ΔR²(row, b), lowers nnDist[b]/nn[b] on a strictly
    /// smaller distance (FastJet's cross-check), and returns the row's first
    /// minimum below `limit` as (distance, index) (index −1 if none).
    /// Bit-identical to the scalar loop: the same operations in the same order
    /// on each lane, and a lane argmin that breaks ties by the smaller index.
    @inline(__always)
    static func fillRow(
        _ rowA: UnsafeMutablePointer<Double>, count: Int, rap: Double, phi: Double,
        etas: UnsafeMutablePointer<Double>, phis: UnsafeMutablePointer<Double>,
        nnDist: UnsafeMutablePointer<Double>, nn: UnsafeMutablePointer<Int>,
        row: Int, limit: Double
    ) -> (Double, Int) {
        typealias V = SIMD2<Double>
        typealias IndexLanes = SIMD2<Int64>
        let vy = V(repeating: rap)
        let vp = V(repeating: phi)
        let twopi = V(repeating: jetsTwoPi)
        let absMask = SIMD2<UInt64>(repeating: 0x7fff_ffff_ffff_ffff)
        let vrow = IndexLanes(repeating: Int64(row))
        var bestV = V(repeating: limit)
        var bestI = IndexLanes(repeating: -1)
        var index = IndexLanes(0, 1)
        let two = IndexLanes(repeating: 2)
        var b = 0
        while b < count {
            let p2 = UnsafeRawPointer(phis + b).loadUnaligned(as: V.self)
            let e2 = UnsafeRawPointer(etas + b).loadUnaligned(as: V.self)
            let diff = p2 - vp  // (operands in this order save a register copy)
            let dphi = unsafeBitCast(unsafeBitCast(diff, to: SIMD2<UInt64>.self) & absMask, to: V.self)
            let w = twopi - dphi
            let wrapped = dphi.replacing(with: w, where: w .< dphi)
            let dy = e2 - vy
            let d = wrapped * wrapped + dy * dy
            UnsafeMutableRawPointer(rowA + b).storeBytes(of: d, as: V.self)
            let lt = d .< bestV
            bestV = bestV.replacing(with: d, where: lt)
            bestI = bestI.replacing(with: index, where: lt)
            let old = UnsafeRawPointer(nnDist + b).loadUnaligned(as: V.self)
            let closer = d .< old
            UnsafeMutableRawPointer(nnDist + b).storeBytes(of: old.replacing(with: d, where: closer), as: V.self)
            let oldNN = UnsafeRawPointer(nn + b).loadUnaligned(as: IndexLanes.self)
            UnsafeMutableRawPointer(nn + b).storeBytes(
                of: oldNN.replacing(with: vrow, where: closer), as: IndexLanes.self)
            index &+= two
            b &+= 2
        }
        // Lane 0 holds even indices, lane 1 odd ones; on equal values the
        // smaller index wins.
        if bestV[1] < bestV[0] || (bestV[1] == bestV[0] && bestI[1] >= 0 && bestI[1] < bestI[0]) {
            return (bestV[1], Int(bestI[1]))
        }
        return (bestV[0], Int(bestI[0]))
    }
}

/// Receives the steps of a clustering: what FastJet's history records.
protocol ClusteringRecorder {
    /// Jet `index`: the inputs first, then one per merge, in order.
    func jet(_ index: Int) -> PseudoJet
    /// Records the recombination of jets `i` and `j` at distance `dij`;
    /// returns the index of the new jet.
    mutating func merge(_ i: Int, _ j: Int, dij: Double) -> Int
    /// Records that jet `i` leaves with the beam at distance `diB`.
    mutating func beam(_ i: Int, diB: Double)
}

extension ClusterSequence: ClusteringRecorder {
    @inline(__always) func jet(_ index: Int) -> PseudoJet { jets[index] }
    @inline(__always) mutating func merge(_ i: Int, _ j: Int, dij: Double) -> Int { doIJ(i, j, dij: dij) }
    @inline(__always) mutating func beam(_ i: Int, diB: Double) { doIB(i, diB: diB) }
}

/// A slot's fields read together by the matrix kernel's per-step pass.
struct MatrixSlot {
    var eta: Double
    var phi: Double
    var nnDist: Double
    var nn: Int
}
