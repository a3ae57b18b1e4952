// Which compiled kernels this CPU can run. JetsAVX2 is compiled for Haswell
// (`-target-cpu haswell` in Package.swift), so besides AVX2 the compiler may
// use BMI1/2, LZCNT (Linux lists it as "abm"), MOVBE, POPCNT, F16C and FMA
// encodings anywhere in that module; all must be present. Read from Linux's
// /proc/cpuinfo; elsewhere, or if it cannot be read, the portable kernels run.

import Foundation

enum CPUFeatures {
    static let hasAVX2Kernel: Bool = {
        #if arch(x86_64) && os(Linux)
            guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return false }
            return hasAVX2Kernel(cpuinfo: text)
        #else
            return false
        #endif
    }()

    /// Whether the first `flags` line of a /proc/cpuinfo text lists every
    /// feature the JetsAVX2 module may use.
    static func hasAVX2Kernel(cpuinfo: String) -> Bool {
        guard let line = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
            let colon = line.firstIndex(of: ":")
        else { return false }
        let flags = Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
        return ["avx", "avx2", "bmi1", "bmi2", "abm", "movbe", "popcnt", "f16c", "fma"].allSatisfy(flags.contains)
    }
}
