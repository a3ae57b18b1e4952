// The committed jet dataset layout (Content/data/jets):
//   <split>_constituents.npy  float32 [M, 4]  px, py, pz, E  (GeV)
//   <split>_offsets.npy       int64   [N + 1] jet i = rows offsets[i]..<offsets[i+1]
//   <split>_labels.npy        int64   [N]     0 g, 1 q, 2 W, 3 Z, 4 t

import Foundation
import NPY

/// Jet classes of the dataset labels.
public enum JetClass: Int, CaseIterable, Sendable {
    case gluon = 0
    case quark = 1
    case w = 2
    case z = 3
    case top = 4

    /// Short name: "g", "q", "W", "Z", "t".
    public var symbol: String {
        switch self {
        case .gluon: return "g"
        case .quark: return "q"
        case .w: return "W"
        case .z: return "Z"
        case .top: return "t"
        }
    }
}

/// Errors from loading or validating a `JetDataset`.
public enum JetDatasetError: Error, Equatable, CustomStringConvertible, Sendable {
    case npy(file: String, NPYError)
    case wrongDType(file: String, expected: String, found: String)
    case wrongShape(file: String, expected: String, found: [Int])
    case badOffsets(String)
    case badLabel(index: Int, value: Int64)
    case countMismatch(jets: Int, labels: Int)
    case nonFiniteMomentum(row: Int)

    public var description: String {
        switch self {
        case .npy(let file, let e):
            if case .io = e { return "\(e)" }  // the I/O message already names the file
            return "\(file): \(e)"
        case .wrongDType(let file, let ex, let f): return "\(file): expected dtype \(ex), found \(f)"
        case .wrongShape(let file, let ex, let f): return "\(file): expected shape \(ex), found \(f)"
        case .badOffsets(let m): return "invalid offsets: \(m)"
        case .badLabel(let i, let v): return "label \(v) of jet \(i) is not in 0...4"
        case .countMismatch(let j, let l): return "\(j) jets (from offsets) but \(l) labels"
        case .nonFiniteMomentum(let r): return "constituent row \(r) has a NaN or infinite component"
        }
    }
}

/// A set of jets in flat (constituents + offsets) layout, with class labels.
public struct JetDataset: Sendable {
    /// Constituent four-momenta, 4 floats per row: px, py, pz, E.
    public let constituents: [Float]
    /// N + 1 offsets into the constituent rows.
    public let offsets: [Int]
    /// N labels (raw values of `JetClass`).
    public let labels: [Int]

    /// Number of jets.
    public var count: Int { labels.count }

    /// Validates and wraps the arrays: `constituents.count` must be a multiple of
    /// 4, offsets must start at 0, be non-decreasing and end at the row count,
    /// there must be one label per jet, each in 0...4, and every momentum
    /// component must be finite.
    public init(constituents: [Float], offsets: [Int], labels: [Int]) throws {
        guard constituents.count % 4 == 0 else {
            throw JetDatasetError.wrongShape(file: "constituents", expected: "[M, 4]", found: [constituents.count])
        }
        let rows = constituents.count / 4
        guard let first = offsets.first, let last = offsets.last else {
            throw JetDatasetError.badOffsets("empty offsets array (need N + 1 ≥ 1 entries)")
        }
        guard first == 0 else { throw JetDatasetError.badOffsets("offsets[0] = \(first), expected 0") }
        guard last == rows else {
            throw JetDatasetError.badOffsets("last offset \(last) ≠ number of constituent rows \(rows)")
        }
        for i in 1..<offsets.count
        where offsets[i] < offsets[i - 1] || offsets[i] - offsets[i - 1] > JetLimits.maximumParticles {
            if offsets[i] >= offsets[i - 1] {
                throw JetDatasetError.badOffsets(
                    "jet \(i - 1) has \(offsets[i] - offsets[i - 1]) particles; at most "
                        + "\(JetLimits.maximumParticles) are accepted per jet")
            }
            throw JetDatasetError.badOffsets("offsets decrease at index \(i) (\(offsets[i - 1]) → \(offsets[i]))")
        }
        guard offsets.count - 1 == labels.count else {
            throw JetDatasetError.countMismatch(jets: offsets.count - 1, labels: labels.count)
        }
        for (i, l) in labels.enumerated() where JetClass(rawValue: l) == nil {
            throw JetDatasetError.badLabel(index: i, value: Int64(l))
        }
        for (k, v) in constituents.enumerated() where !v.isFinite {
            throw JetDatasetError.nonFiniteMomentum(row: k / 4)
        }
        self.constituents = constituents
        self.offsets = offsets
        self.labels = labels
    }

    /// Loads `<directory>/<split>_{constituents,offsets,labels}.npy`.
    public static func load(directory: String, split: String) throws -> JetDataset {
        let base = URL(fileURLWithPath: directory)
        func read(_ name: String) throws -> (String, NPYArray) {
            let file = base.appendingPathComponent("\(split)_\(name).npy").path
            do {
                return (file, try NPY.read(path: file))
            } catch let e as NPYError {
                throw JetDatasetError.npy(file: file, e)
            }
        }
        let (cf, c) = try read("constituents")
        guard let cons = c.floats else {
            throw JetDatasetError.wrongDType(file: cf, expected: "<f4", found: c.dtype.rawValue)
        }
        guard c.shape.count == 2, c.shape[1] == 4 else {
            throw JetDatasetError.wrongShape(file: cf, expected: "[M, 4]", found: c.shape)
        }
        let (of, o) = try read("offsets")
        guard let offs = o.int64s else {
            throw JetDatasetError.wrongDType(file: of, expected: "<i8", found: o.dtype.rawValue)
        }
        guard o.shape.count == 1 else {
            throw JetDatasetError.wrongShape(file: of, expected: "[N + 1]", found: o.shape)
        }
        let (lf, l) = try read("labels")
        guard let labs = l.int64s else {
            throw JetDatasetError.wrongDType(file: lf, expected: "<i8", found: l.dtype.rawValue)
        }
        guard l.shape.count == 1 else { throw JetDatasetError.wrongShape(file: lf, expected: "[N]", found: l.shape) }
        for (i, v) in labs.enumerated() where v < 0 || v > 4 { throw JetDatasetError.badLabel(index: i, value: v) }
        for (i, v) in offs.enumerated() where v < 0 || v > Int64(Int.max) {
            throw JetDatasetError.badOffsets("offset \(v) at index \(i) is negative")
        }
        return try JetDataset(constituents: cons, offsets: offs.map { Int($0) }, labels: labs.map { Int($0) })
    }

    /// Number of constituents of jet `i`.
    public func constituentCount(_ i: Int) -> Int { offsets[i + 1] - offsets[i] }

    /// Indices of the first `limit` jets of each label in `labels` (every label if nil), in file order.
    public func firstJets(perClass limit: Int, labels wanted: Set<Int>? = nil) -> [Int] {
        var taken = [Int: Int]()
        var chosen: [Int] = []
        for i in 0..<count {
            let l = labels[i]
            guard wanted?.contains(l) ?? true, taken[l, default: 0] < limit else { continue }
            taken[l, default: 0] += 1
            chosen.append(i)
        }
        return chosen
    }

    /// The constituents of jet `i` as Float64 four-momenta.
    public func particles(_ i: Int) -> [PseudoJet] {
        let lo = offsets[i]
        let hi = offsets[i + 1]
        var out: [PseudoJet] = []
        out.reserveCapacity(hi - lo)
        constituents.withUnsafeBufferPointer { c in
            for r in lo..<hi {
                out.append(
                    PseudoJet(
                        px: Double(c[4 * r]), py: Double(c[4 * r + 1]),
                        pz: Double(c[4 * r + 2]), E: Double(c[4 * r + 3])))
            }
        }
        return out
    }

    /// The class of jet `i`.
    public func jetClass(_ i: Int) -> JetClass { JetClass(rawValue: labels[i])! }

    /// Writes the three files for `split` into `directory` (float32 / int64).
    public func write(directory: String, split: String) throws {
        let base = URL(fileURLWithPath: directory)
        let rows = constituents.count / 4
        try NPY.write(
            NPYArray(constituents, shape: [rows, 4]), to: base.appendingPathComponent("\(split)_constituents.npy"))
        try NPY.write(NPYArray(offsets.map { Int64($0) }), to: base.appendingPathComponent("\(split)_offsets.npy"))
        try NPY.write(NPYArray(labels.map { Int64($0) }), to: base.appendingPathComponent("\(split)_labels.npy"))
    }
}

extension JetDataset {
    /// The file names of `splits` — `<split>_{constituents,offsets,labels}.npy` — whose digests
    /// `manifest.json` of the committed sample lists and each trained model records.
    public static func fileNames(splits: [String]) -> [String] {
        splits.flatMap { split in ["constituents", "offsets", "labels"].map { "\(split)_\($0).npy" } }
    }
}
