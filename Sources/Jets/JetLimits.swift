/// Bounds on what the jet tools accept, so that no input can make a kernel run for minutes.
public enum JetLimits {
    /// Particles per jet. The energy-correlation ratios C2 and D2 sum over all particle triples
    /// (no exact sub-cubic method is known): 1,000 particles cost about half a second per jet,
    /// 2,000 four seconds (Tools/bench/README.md). Real jets of the sample have at most a few
    /// hundred.
    public static let maximumParticles = 1000
}
