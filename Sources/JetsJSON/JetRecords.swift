// JSON-lines output of the `archive jets` command. Float64 values are written with Swift's
// `description`: the shortest string that round-trips exactly, and valid JSON for every finite
// value (e.g. "0.1", "1e-05", "1e+20", "-0.0"). Written by hand rather than with JSONEncoder so
// that the keys keep the documented order.

import Jets

extension JetsJSONLines {
    /// Appends `{"declusterings": [{"delta": …, "kt": …, "z": …, "m": …, "psi": …}, …]}`
    /// (no trailing newline).
    public static func appendLundRecord(_ declusterings: [LundDeclustering], to out: inout String) {
        out += "{\"declusterings\": ["
        for (i, d) in declusterings.enumerated() {
            if i > 0 { out += ", " }
            out += "{\"delta\": \(d.delta), \"kt\": \(d.kt), \"z\": \(d.z), \"m\": \(d.m), \"psi\": \(d.psi)}"
        }
        out += "]}"
    }

    /// The Lund JSON record of one jet (no trailing newline).
    public static func lundRecord(_ declusterings: [LundDeclustering]) -> String {
        var record = ""
        appendLundRecord(declusterings, to: &record)
        return record
    }

    /// Appends `{"pt": …, "mass": …, …}` with keys `JetFeatures.names` in order;
    /// `n_constituents` and `n_primary` are written as integers.
    public static func appendFeaturesRecord(_ features: JetFeatures, to out: inout String) {
        out += "{"
        let values = features.vector
        for (i, name) in JetFeatures.names.enumerated() {
            if i > 0 { out += ", " }
            let isCount = name == "n_constituents" || name == "n_primary"
            out += "\"\(name)\": " + (isCount ? String(Int(values[i])) : values[i].description)
        }
        out += "}"
    }

    /// The features JSON record of one jet (no trailing newline).
    public static func featuresRecord(_ features: JetFeatures) -> String {
        var record = ""
        appendFeaturesRecord(features, to: &record)
        return record
    }
}
