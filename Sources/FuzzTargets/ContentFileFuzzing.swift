import ArchiveContent
import ArchiveModel
import Foundation

/// Loads a small valid `Content/` folder in which one file is replaced by the fuzz input. The
/// first byte names the file (`S` session, `P` person, `W` workshop, anything else a talk); the
/// rest is its text. Every problem must be reported as a diagnostic with a location inside the
/// file it names.
// @unchecked: libFuzzer calls it from one thread only.
final class ContentFileFuzzing: @unchecked Sendable {
    static let shared = ContentFileFuzzing()

    private let root: String
    /// ARCHIVE_FUZZ_VERBOSE set: print the diagnostics of every input (when replaying a few).
    private let verbose = ProcessInfo.processInfo.environment["ARCHIVE_FUZZ_VERBOSE"] != nil
    private var content: String { root + "/Content" }

    private init() {
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        root = base + "/archive-fuzz-\(getpid())"
        for (path, text) in Self.validSite {
            let full = root + "/" + path
            try! FileManager.default.createDirectory(
                atPath: (full as NSString).deletingLastPathComponent,
                withIntermediateDirectories: true)
            try! Data(text.utf8).write(to: URL(fileURLWithPath: full))
        }
        atexit { try? FileManager.default.removeItem(atPath: ContentFileFuzzing.shared.root) }
    }

    func run(_ bytes: UnsafeRawBufferPointer) -> FuzzOutcome {
        let kind = bytes.first.map { Character(Unicode.Scalar($0)) }
        let path: String
        switch kind {
        case "S": path = "Content/sessions/fuzz.md"
        case "P": path = "Content/people/fuzz.md"
        case "W": path = "Content/workshop.md"
        default: path = "Content/talks/fuzz.md"
        }
        let file = Data(bytes.dropFirst())
        try! file.write(to: URL(fileURLWithPath: root + "/" + path))
        defer { restore(path) }
        let lineCount = 1 + file.lazy.filter { $0 == 0x0A }.count
        do {
            _ = try ContentLoader(contentDirectory: content).load()
            return .accepted
        } catch let list as DiagnosticList {
            require(!list.diagnostics.isEmpty, "an empty list of diagnostics was thrown")
            if verbose { for diagnostic in list.diagnostics { print(diagnostic) } }
            for diagnostic in list.diagnostics {
                guard let location = diagnostic.location else {
                    require(false, "a diagnostic has no location: \(diagnostic)")
                    return .refused
                }
                require(location.line >= 1 && location.column >= 1, "a diagnostic before line 1: \(diagnostic)")
                if location.path == root + "/" + path {
                    require(location.line <= lineCount + 1, "a diagnostic below the file's end: \(diagnostic)")
                }
            }
        } catch {
            require(false, "the content loader threw an unlocated error: \(error)")
        }
        return .refused
    }

    /// Puts back the valid file (or removes the extra one) so that inputs do not accumulate.
    private func restore(_ path: String) {
        if let valid = Self.validSite[path] {
            try! Data(valid.utf8).write(to: URL(fileURLWithPath: root + "/" + path))
        } else {
            try? FileManager.default.removeItem(atPath: root + "/" + path)
        }
    }

    static let validSite: [String: String] = [
        "Content/workshop.md": """
        ---
        title: "Fuzz Workshop"
        short_title: "FW 2020"
        series: "Fuzz Workshops"
        edition: 1
        start_date: "2020-10-19"
        end_date: "2020-10-19"
        time_zone: "Europe/Zurich"
        venue: "Online"
        organisers: [ada]
        registrations: 10
        source_date: "2020-10-20T18:00"
        tracks:
          - id: "analysis"
            number: 1
            title: "ML for analysis"
        ---

        A workshop.
        """,
        "Content/sessions/monday.md": """
        ---
        title: "Monday"
        kind: plenary
        day: 2020-10-19
        start: "09:00"
        end: "12:00"
        conveners: [ada]
        ---
        """,
        "Content/talks/opening.md": """
        ---
        title: "Opening"
        session: monday
        start: "09:00"
        duration: 30
        speakers: [ada]
        tracks: [analysis]
        recording: recorded
        ---

        Abstract.
        """,
        "Content/people/ada.md": """
        ---
        name: "Ada Lovelace"
        ---
        """,
    ]
}
