// FastJet's N2Plain clustering (`_simple_N2_cluster`), ported verbatim: the kernel for events
// above `ClusterSequence.matrixThreshold` particles, O(N) memory.

extension ClusterSequence {
    mutating func runN2Plain() {
        var n = initialCount
        let r2 = R * R
        let infiniteR = !r2.isFinite
        let invR2 = infiniteR ? 1.0 : 1.0 / r2
        let pi = Double.pi
        let twopi = jetsTwoPi
        let alg = algorithm

        // Brief-jet arrays (structure of arrays).
        var eta = [Double](repeating: 0, count: n)
        var phi = [Double](repeating: 0, count: n)
        var kt2 = [Double](repeating: 0, count: n)
        var jidx = [Int](repeating: 0, count: n)
        var nn = [Int](repeating: -1, count: n)
        var nnDist = [Double](repeating: r2, count: n)
        var diJ = [Double](repeating: 0, count: n)

        eta.withUnsafeMutableBufferPointer { eta in
            phi.withUnsafeMutableBufferPointer { phi in
                kt2.withUnsafeMutableBufferPointer { kt2 in
                    jidx.withUnsafeMutableBufferPointer { jidx in
                        nn.withUnsafeMutableBufferPointer { nn in
                            nnDist.withUnsafeMutableBufferPointer { nnDist in
                                diJ.withUnsafeMutableBufferPointer { diJ in

                                    @inline(__always) func dist(_ a: Int, _ b: Int) -> Double {
                                        var dphi = Swift.abs(phi[a] - phi[b])
                                        let deta = eta[a] - eta[b]
                                        if dphi > pi { dphi = twopi - dphi }
                                        return dphi * dphi + deta * deta
                                    }
                                    @inline(__always) func bjDiJ(_ a: Int) -> Double {
                                        let b = nn[a]
                                        if b < 0 {
                                            // No neighbour within R: beam distance. (In merge-everything
                                            // mode this only happens for the very last jet.)
                                            return infiniteR ? Double.infinity : nnDist[a] * kt2[a]
                                        }
                                        var k = kt2[a]
                                        if kt2[b] < k { k = kt2[b] }
                                        return nnDist[a] * k
                                    }
                                    @inline(__always) func setJetInfo(_ a: Int, _ jetIndex: Int) {
                                        let j = self.jets[jetIndex]
                                        eta[a] = j.rap
                                        phi[a] = j.phi
                                        kt2[a] = alg.scale(j)
                                        jidx[a] = jetIndex
                                        nnDist[a] = r2
                                        nn[a] = -1
                                    }
                                    @inline(__always) func setNNNoCross(_ a: Int, _ tail: Int) {
                                        var best = r2
                                        var who = -1
                                        var b = 0
                                        while b < a {
                                            let d = dist(a, b)
                                            if d < best {
                                                best = d
                                                who = b
                                            }
                                            b += 1
                                        }
                                        b = a + 1
                                        while b < tail {
                                            let d = dist(a, b)
                                            if d < best {
                                                best = d
                                                who = b
                                            }
                                            b += 1
                                        }
                                        nn[a] = who
                                        nnDist[a] = best
                                    }

                                    for i in 0..<n { setJetInfo(i, i) }
                                    // Initial NN with cross-check: jetA over 1..<n, jetB over 0..<jetA.
                                    if n > 1 {
                                        for a in 1..<n {
                                            var best = r2
                                            var who = -1
                                            for b in 0..<a {
                                                let d = dist(a, b)
                                                if d < best {
                                                    best = d
                                                    who = b
                                                }
                                                if d < nnDist[b] {
                                                    nnDist[b] = d
                                                    nn[b] = a
                                                }
                                            }
                                            nn[a] = who
                                            nnDist[a] = best
                                        }
                                    }
                                    for i in 0..<n { diJ[i] = bjDiJ(i) }

                                    var tail = n
                                    while tail != 0 {
                                        var dmin = diJ[0]
                                        var ia = 0
                                        var i = 1
                                        while i < n {
                                            if diJ[i] < dmin {
                                                ia = i
                                                dmin = diJ[i]
                                            }
                                            i += 1
                                        }
                                        var jetA = ia
                                        var jetB = nn[jetA]
                                        if jetB >= 0 {
                                            dmin *= invR2
                                            if jetA < jetB { swap(&jetA, &jetB) }
                                            let newJet = self.doIJ(jidx[jetA], jidx[jetB], dij: dmin)
                                            setJetInfo(jetB, newJet)
                                        } else {
                                            dmin = infiniteR ? Double.infinity : dmin * invR2
                                            self.doIB(jidx[jetA], diB: dmin)
                                        }

                                        tail -= 1
                                        n -= 1
                                        // Copy the last jet into jetA's slot.
                                        eta[jetA] = eta[tail]
                                        phi[jetA] = phi[tail]
                                        kt2[jetA] = kt2[tail]
                                        jidx[jetA] = jidx[tail]
                                        nn[jetA] = nn[tail]
                                        nnDist[jetA] = nnDist[tail]
                                        diJ[jetA] = diJ[tail]

                                        var rowIndex = 0
                                        if jetB >= 0 {
                                            while rowIndex < tail {
                                                let nnI = nn[rowIndex]
                                                if nnI == jetA || nnI == jetB {
                                                    setNNNoCross(rowIndex, tail)
                                                    diJ[rowIndex] = bjDiJ(rowIndex)
                                                }
                                                let d = dist(rowIndex, jetB)
                                                if d < nnDist[rowIndex] && rowIndex != jetB {
                                                    nnDist[rowIndex] = d
                                                    nn[rowIndex] = jetB
                                                    diJ[rowIndex] = bjDiJ(rowIndex)
                                                }
                                                if d < nnDist[jetB] && rowIndex != jetB {
                                                    nnDist[jetB] = d
                                                    nn[jetB] = rowIndex
                                                }
                                                if nn[rowIndex] == tail { nn[rowIndex] = jetA }
                                                rowIndex += 1
                                            }
                                            diJ[jetB] = bjDiJ(jetB)
                                        } else {
                                            // Beam step: FastJet compares NN against jetA and against the
                                            // NULL jetB, so jets without a neighbour are rescanned too.
                                            while rowIndex < tail {
                                                let nnI = nn[rowIndex]
                                                if nnI == jetA || nnI < 0 {
                                                    setNNNoCross(rowIndex, tail)
                                                    diJ[rowIndex] = bjDiJ(rowIndex)
                                                }
                                                if nn[rowIndex] == tail { nn[rowIndex] = jetA }
                                                rowIndex += 1
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
