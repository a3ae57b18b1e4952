/// The whole generated site in memory: output-relative path (`talks/x/index.html`) → file bytes.
/// Rendering produces it, the link checker reads it and the writer puts it on disk, so a build
/// that fails at any stage has written nothing.
public struct RenderedSite: Sendable, Equatable {
    public var files: [String: [UInt8]]

    public init(files: [String: [UInt8]] = [:]) { self.files = files }

    /// Paths in byte order, the order files are written and listed in.
    public var sortedPaths: [String] { files.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) } }
}
