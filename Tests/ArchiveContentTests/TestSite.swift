import ArchiveContent
import ArchiveModel
import Foundation
import XCTest

/// A small, valid content folder written to a temporary directory; tests change one file and look
/// at the diagnostics, which are shown with the temporary prefix removed (`Content/talks/x.md:…`).
final class TestSite {
    let root: String
    var contentDirectory: String { root + "/Content" }

    init(_ files: [String: String] = TestSite.validFiles) {
        root = FileManager.default.temporaryDirectory.path + "/archive-content-tests-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: contentDirectory, withIntermediateDirectories: true)
        for (path, text) in files { write(path, text) }
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    /// `path` is relative to the site root, e.g. "Content/talks/x.md".
    func write(_ path: String, _ text: String) {
        write(path, bytes: Array(text.utf8))
    }

    func write(_ path: String, bytes: [UInt8]) {
        let full = root + "/" + path
        try! FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true)
        XCTAssertTrue(FileManager.default.createFile(atPath: full, contents: Data(bytes)))
    }

    func makeFolder(_ path: String) {
        try! FileManager.default.createDirectory(atPath: root + "/" + path, withIntermediateDirectories: true)
    }

    func remove(_ path: String) {
        try! FileManager.default.removeItem(atPath: root + "/" + path)
    }

    /// Replaces `old` by `new` in a file of the site (which must contain it once).
    func edit(
        _ path: String, replacing old: String, with new: String, file: StaticString = #filePath,
        line: UInt = #line
    ) {
        let text = try! String(contentsOfFile: root + "/" + path, encoding: .utf8)
        XCTAssertEqual(
            text.components(separatedBy: old).count, 2, "'\(old)' must occur once in \(path)",
            file: file, line: line)
        write(path, text.replacingOccurrences(of: old, with: new))
    }

    func load() throws -> ArchiveContent {
        try ContentLoader(contentDirectory: contentDirectory).load()
    }

    /// Every diagnostic of the load (errors and warnings), as printed; empty when it was clean.
    func diagnostics() -> [String] {
        do {
            return try ContentLoader(contentDirectory: contentDirectory).loadReportingWarnings().warnings.map {
                $0.description.replacingOccurrences(of: root + "/", with: "")
            }
        } catch let list as DiagnosticList {
            return list.diagnostics.map { $0.description.replacingOccurrences(of: root + "/", with: "") }
        } catch {
            return ["unexpected error: \(error)"]
        }
    }

    // MARK: The valid site

    static let workshop = """
        ---
        title: "Test Workshop on Machine Learning"
        short_title: "TWML 2020"
        series: "Test Workshops"
        edition: 2
        start_date: "2020-10-19"
        end_date: 2020-10-20
        time_zone: "Europe/Zurich"
        venue: "Online"
        organisers:
          - "ada-lovelace"
        registrations: 120
        source_date: "2020-10-20T18:00"
        tracks:
          - id: "analysis"
            number: 2
            title: "ML for analysis"
          - id: "data-reduction"
            number: 1
            title: "ML for data reduction"
            summary: "Reconstruction and tagging"
        links:
          - title: "Event page"
            url: "https://indico.example.org/event/1/"
          - title: "Contact"
            url: "mailto:organisers@example.org"
        ---

        A workshop about *things*.

        """

    static let monMorning = """
        ---
        title: "Plenary: Monday morning"
        kind: plenary
        day: 2020-10-19
        start: "09:00"
        end: "12:00"
        conveners:
          - grace-hopper
        breaks:
          - title: "Coffee break"
            start: "10:30"
            duration: 15
        ---

        The opening session.
        """

    static let tueTutorial = """
        ---
        title: "Tutorial"
        kind: tutorial
        day: "2020-10-20"
        start: "14:00"
        end: "16:00"
        ---
        """

    static let opening = """
        ---
        title: "Welcome and <introduction>"
        session: mon-morning
        start: "09:00"
        duration: 30
        speakers:
          - ada-lovelace
          - grace-hopper
        tracks:
          - analysis
        recording: recorded
        materials:
          slides: "https://indico.example.org/slides.pdf"
          arxiv: [2008.06545, hep-ph/0307015]
        ---

        Abstract with $x^2$.
        """

    static let jets = """
        ---
        title: Jets at 14:00
        session: "mon-morning"
        start: 09:30
        duration: 45
        speakers: []
        tracks: [data-reduction, analysis]
        recording: video-with-recorded-qa
        recording_note: "due to slow internet connection"
        ---
        """

    static let handsOn = """
        ---
        title: "Hands-on"
        session: tue-tutorial
        start: "14:00"
        duration: 120
        speakers: [emilie-du-chatelet]
        tracks: [analysis]
        recording: unknown
        ---


        """

    static let ada = """
        ---
        name: "Ada Lovelace"
        affiliations:
          - "Analytical Engine Society"
        aliases: ["Augusta Ada King"]
        ---
        """

    static let grace = """
        ---
        name: Grace Brewster Hopper
        sort_as: "Hopper, Grace"
        ---
        """

    static let emilie = """
        ---
        name: "Émilie du Châtelet"
        ---
        """

    static let validFiles: [String: String] = [
        "Content/workshop.md": workshop,
        "Content/sessions/mon-morning.md": monMorning,
        "Content/sessions/tue-tutorial.md": tueTutorial,
        "Content/talks/opening.md": opening,
        "Content/talks/jets.md": jets,
        "Content/talks/hands-on.md": handsOn,
        "Content/people/ada-lovelace.md": ada,
        "Content/people/grace-hopper.md": grace,
        "Content/people/emilie-du-chatelet.md": emilie,
    ]
}
