// Pre-processed jet images.
//
// Pipeline (all weights are constituent pT; η is FastJet's pseudorapidity):
//  1. φ is measured relative to the jet axis φ (the four-vector sum; the hardest
//     constituent if the sum has pT = 0), wrapped into [−π, π), so jets straddling
//     φ = 0/2π are handled.
//  2. Centre: subtract the pT-weighted centroid (η̄, φ̄): x = η − η̄, y = Δφ − φ̄.
//  3. Rotate: the principal axis of the pT-weighted second-moment matrix
//     (angle θ = ½ atan2(2 Sxy, Sxx − Syy) from the x axis) is rotated onto the
//     vertical (y) axis (rotation by π/2 − θ). Degenerate moments (one particle,
//     all collinear at one point) give θ = 0.
//  4. Flip: y → −y if the pT in the lower half (y < 0) exceeds that in the upper
//     half (y > 0); then x → −x if the pT in the left half (x < 0) exceeds that in
//     the right half (x > 0). So the harder vertical half is the TOP (rows
//     0..<N/2) and the harder horizontal half is the RIGHT (columns N/2..<N).
//  5. Pixelise onto N×N pixels covering the half-open window
//     x ∈ [−w, w), y ∈ (−w, w] (default N = 32, w = 0.8, i.e. 0.05 × 0.05 pixels):
//     column c = ⌊(x + w)/h⌋, row r = ⌊(w − y)/h⌋ with h = 2w/N, row 0 at the top.
//     Constituents outside the window are dropped.
//  6. Normalise to unit sum (an all-zero image stays all zeros).
// The result is [Float] of N·N values in row-major order (index r·N + c).

import Foundation

public enum JetImage {
    public static let defaultPixels = 32
    public static let defaultHalfWidth = 0.8

    /// Builds the pre-processed, unit-sum, row-major N×N image of a jet.
    public static func make(
        particles ps: [PseudoJet], pixels: Int = defaultPixels,
        halfWidth: Double = defaultHalfWidth
    ) -> [Float] {
        precondition(pixels > 0 && halfWidth > 0, "pixels and halfWidth must be positive")
        var image = [Double](repeating: 0, count: pixels * pixels)
        let n = ps.count
        guard n > 0 else { return [Float](repeating: 0, count: pixels * pixels) }

        // 1. reference azimuth
        let jet = PseudoJet.sum(ps)
        var refPhi = jet.phi
        if !(jet.pt2 > 0) {
            var best = -1.0
            for p in ps where p.pt2 > best {
                best = p.pt2
                refPhi = p.phi
            }
        }
        var x = [Double](repeating: 0, count: n)
        var y = [Double](repeating: 0, count: n)
        var w = [Double](repeating: 0, count: n)
        var wsum = 0.0
        var xc = 0.0
        var yc = 0.0
        for i in 0..<n {
            let p = ps[i]
            let wt = p.pt2.squareRoot()
            var dphi = p.phi - refPhi
            if dphi >= Double.pi { dphi -= jetsTwoPi }
            if dphi < -Double.pi { dphi += jetsTwoPi }
            // Zero-pT constituents carry no weight; keep their coordinates finite.
            x[i] = wt > 0 ? p.eta : 0
            y[i] = dphi
            w[i] = wt
            wsum += wt
            xc += wt * x[i]
            yc += wt * dphi
        }
        guard wsum > 0 else { return [Float](repeating: 0, count: pixels * pixels) }
        xc /= wsum
        yc /= wsum

        // 2.-3. centre and principal axis
        var sxx = 0.0
        var syy = 0.0
        var sxy = 0.0
        for i in 0..<n {
            x[i] -= xc
            y[i] -= yc
            sxx += w[i] * x[i] * x[i]
            syy += w[i] * y[i] * y[i]
            sxy += w[i] * x[i] * y[i]
        }
        let theta = 0.5 * atan2(2 * sxy, sxx - syy)
        let alpha = Double.pi / 2 - theta
        let ca = cos(alpha)
        let sa = sin(alpha)
        var up = 0.0
        var down = 0.0
        var right = 0.0
        var left = 0.0
        for i in 0..<n {
            let xr = x[i] * ca - y[i] * sa
            let yr = x[i] * sa + y[i] * ca
            x[i] = xr
            y[i] = yr
            if yr > 0 { up += w[i] } else if yr < 0 { down += w[i] }
            if xr > 0 { right += w[i] } else if xr < 0 { left += w[i] }
        }
        // 4. flips
        let flipY = down > up
        let flipX = left > right

        // 5. pixelise
        let h = 2 * halfWidth / Double(pixels)
        var total = 0.0
        for i in 0..<n where w[i] > 0 {
            let xi = flipX ? -x[i] : x[i]
            let yi = flipY ? -y[i] : y[i]
            let cf = ((xi + halfWidth) / h).rounded(.down)
            let rf = ((halfWidth - yi) / h).rounded(.down)
            guard cf >= 0, rf >= 0, cf < Double(pixels), rf < Double(pixels) else { continue }
            image[Int(rf) * pixels + Int(cf)] += w[i]
            total += w[i]
        }
        // 6. normalise
        guard total > 0 else { return [Float](repeating: 0, count: pixels * pixels) }
        return image.map { Float($0 / total) }
    }
}
