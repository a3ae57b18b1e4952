import ArchiveModel
import ArchiveNotebooks
import ArchivePipeline
import Foundation
import XCTest

/// Builds the real IML 2020 content end to end and checks the published site as a reader would.
final class EndToEndTests: XCTestCase {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The real content, with the notebook cache that `make site` (a release build) fills, so the
    /// notebooks' results are read from it instead of being recomputed by this debug build.
    static func realOptions(output: String) -> BuildOptions {
        BuildOptions(
            contentDirectory: repositoryRoot.appendingPathComponent("Content").path,
            themeDirectory: repositoryRoot.appendingPathComponent("Themes/default").path,
            outputDirectory: output,
            notebooks: NotebookOptions(cacheDirectory: repositoryRoot.appendingPathComponent(".archive-cache").path))
    }

    /// One in-memory build of the real content shared by the read-only assertions below.
    static let realSite: Result<BuildSummary, Error> = Result {
        try ArchivePipeline.renderAndCheck(realOptions(output: "/nonexistent"))
    }

    func realSummary() throws -> BuildSummary {
        switch Self.realSite {
        case .success(let summary): return summary
        case .failure(let error):
            XCTFail("real content does not build:\n\(error)")
            throw error
        }
    }

    func page(_ path: String, in site: RenderedSite) throws -> String {
        let bytes = try XCTUnwrap(site.files[path], "missing page \(path)")
        return String(decoding: bytes, as: UTF8.self)
    }

    func testRealContentHasTheWholeTimetable() throws {
        let summary = try realSummary()
        XCTAssertEqual(summary.content.sessions.count, 13)
        XCTAssertEqual(summary.content.talks.count, 66)
        XCTAssertEqual(summary.content.workshop.tracks.count, 13)
        XCTAssertEqual(summary.content.sessions.flatMap(\.breaks).count, 3)
        XCTAssertEqual(
            Set(summary.content.sessions.map(\.day.description)),
            ["2020-10-19", "2020-10-20", "2020-10-21", "2020-10-22", "2020-10-23"])
        XCTAssertEqual(summary.content.workshop.registrations, 962)
    }

    func testPageCountsMatchTheContent() throws {
        let summary = try realSummary()
        let html = summary.site.files.keys.filter { $0.hasSuffix(".html") }
        func count(_ prefix: String) -> Int {
            html.filter { $0.hasPrefix(prefix) && $0.hasSuffix("/index.html") && $0 != "\(prefix)index.html" }.count
        }
        let content = summary.content
        XCTAssertNotNil(summary.site.files["index.html"])
        XCTAssertEqual(count("talks/"), content.talks.count)
        XCTAssertEqual(count("sessions/"), content.sessions.count)
        XCTAssertEqual(count("people/"), content.people.count)
        XCTAssertEqual(count("tracks/"), content.workshop.tracks.count)
        XCTAssertEqual(count("days/"), 5)
        XCTAssertNotNil(summary.site.files["people/index.html"])
        XCTAssertNotNil(summary.site.files["tracks/index.html"])
    }

    func testEveryTalkLinksItsSpeakersTracksSessionAndDayAndBack() throws {
        let summary = try realSummary()
        let content = summary.content
        let sessions = Dictionary(uniqueKeysWithValues: content.sessions.map { ($0.id, $0) })
        for talk in content.talks {
            let talkPage = try page("talks/\(talk.id)/index.html", in: summary.site)
            let session = try XCTUnwrap(sessions[talk.session])
            for speaker in talk.speakers {
                XCTAssertTrue(
                    talkPage.contains("href=\"../../people/\(speaker)/index.html\""), "\(talk.id) → \(speaker)")
                let personPage = try page("people/\(speaker)/index.html", in: summary.site)
                XCTAssertTrue(
                    personPage.contains("href=\"../../talks/\(talk.id)/index.html\""), "\(speaker) → \(talk.id)")
            }
            for track in talk.tracks {
                XCTAssertTrue(talkPage.contains("href=\"../../tracks/\(track)/index.html\""), "\(talk.id) → \(track)")
                let trackPage = try page("tracks/\(track)/index.html", in: summary.site)
                XCTAssertTrue(trackPage.contains("href=\"../../talks/\(talk.id)/index.html"), "\(track) → \(talk.id)")
            }
            XCTAssertTrue(
                talkPage.contains("href=\"../../sessions/\(talk.session)/index.html\""), "\(talk.id) → session")
            XCTAssertTrue(talkPage.contains("href=\"../../days/\(session.day)/index.html"), "\(talk.id) → day")
            let sessionPage = try page("sessions/\(talk.session)/index.html", in: summary.site)
            XCTAssertTrue(sessionPage.contains("href=\"../../talks/\(talk.id)/index.html\""), "session → \(talk.id)")
            let dayPage = try page("days/\(session.day)/index.html", in: summary.site)
            XCTAssertTrue(dayPage.contains("href=\"../../talks/\(talk.id)/index.html\""), "day → \(talk.id)")
        }
    }

    func testEveryNotebookIsPublishedWithDownloadsAndLinkedFromWhatItRelatesTo() throws {
        let summary = try realSummary()
        let folder = Self.repositoryRoot.appendingPathComponent("Content/notebooks")
        let ids = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".md") }.map { String($0.dropLast(3)) }.sorted()
        XCTAssertFalse(ids.isEmpty)
        let index = try page("notebooks/index.html", in: summary.site)
        for id in ids {
            let notebookPage = try page("notebooks/\(id)/index.html", in: summary.site)
            XCTAssertTrue(index.contains("href=\"../notebooks/\(id)/index.html\""), "notebooks index → \(id)")
            XCTAssertTrue(notebookPage.contains("<table "), "\(id) shows computed tables")
            // Reader's words: no repository paths, shell commands or "(s)" plurals on the page.
            for developerWord in [
                "Content/", "Tools/", "Sources/", "archive train", "archive kernel", "(s)", "committed",
            ] {
                XCTAssertFalse(notebookPage.contains(developerWord), "\(id)'s page says \(developerWord)")
            }
            let ipynb = try XCTUnwrap(summary.site.files["notebooks/\(id)/\(id).ipynb"], "\(id) as a Jupyter notebook")
            let jupyter = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(ipynb)) as? [String: Any])
            XCTAssertEqual(jupyter["nbformat"] as? Int, 4)
            XCTAssertEqual(jupyter["nbformat_minor"] as? Int, 5)
            let cells = try XCTUnwrap(jupyter["cells"] as? [[String: Any]])
            XCTAssertTrue(cells.contains { ($0["outputs"] as? [Any])?.isEmpty == false }, "\(id) carries its results")
            XCTAssertTrue(notebookPage.contains("href=\"\(id).ipynb\""), "\(id) links its .ipynb")
            XCTAssertTrue(notebookPage.contains("Computed at build time by kernel"), "\(id) states provenance")
            XCTAssertTrue(
                summary.site.files.keys.contains { $0.hasPrefix("notebooks/\(id)/") && $0.hasSuffix(".csv") },
                "\(id) has CSV downloads")
            let text = try String(contentsOf: folder.appendingPathComponent("\(id).md"), encoding: .utf8)
            let notebook = try NotebookParser.parse(text, path: "\(id).md", id: id)
            let related = notebook.related
            let summaryHTML = try XCTUnwrap(notebook.summary, "\(id) has a summary")
                .replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "'", with: "&#39;")
                .replacingOccurrences(of: "\"", with: "&quot;")
            XCTAssertTrue(index.contains("<p>\(summaryHTML)</p>"), "the notebooks index shows the summary of \(id)")
            XCTAssertTrue(
                notebookPage.contains("<meta name=\"description\" content=\"\(summaryHTML)\">"),
                "\(id)'s page describes itself by its summary")
            XCTAssertFalse(related.isEmpty, "\(id) names what it relates to")
            for target in related {
                let path =
                    summary.content.talks.contains { $0.id == target }
                    ? "talks/\(target)/index.html"
                    : "sessions/\(target)/index.html"
                XCTAssertTrue(
                    try page(path, in: summary.site).contains("href=\"../../notebooks/\(id)/index.html\""),
                    "\(target) → notebook \(id)")
            }
        }
    }

    func testAffiliationsAreThoseOfEachAppearance() throws {
        let summary = try realSummary()
        for (path, affiliation) in [
            ("talks/introduction/index.html", "LAL-Orsay, FR"),
            ("talks/using-an-optical-processing-unit-for-tracking/index.html", "IJCLab-Orsay"),
            ("sessions/thu-workshop-afternoon/index.html", "IJCLab-Orsay"),
            ("sessions/tue-plenary-afternoon/index.html", "LAL-Orsay, FR"),
        ] {
            let text = try page(path, in: summary.site)
            XCTAssertTrue(
                text.contains("David Rousseau</a> <span class=\"affiliation\">(\(affiliation))</span>"), path)
        }
        // The person's own page lists both.
        let person = try page("people/david-rousseau/index.html", in: summary.site)
        XCTAssertTrue(person.contains("LAL-Orsay, FR") && person.contains("IJCLab-Orsay"))
    }

    func testTheSearchIndexStaysWithinItsBudget() throws {
        let summary = try realSummary()
        let index = summary.site.files.filter { $0.key.hasPrefix("search/") && $0.key.hasSuffix(".js") }
        let bytes = index.values.map(\.count).reduce(0, +)
        XCTAssertGreaterThan(index.count, 10)
        XCTAssertLessThanOrEqual(bytes, 200_000, "the IML search index is \(bytes) bytes")
        let speakers = try XCTUnwrap(index["search/terms-ro.js"].map { String(decoding: $0, as: UTF8.self) })
        XCTAssertTrue(speakers.contains("\"rousseau\":"))
        // Names only in the registration list are not in the index either.
        XCTAssertFalse(index.values.contains { String(decoding: $0, as: UTF8.self).contains("khanal") })
    }

    func testNothingPrivateIsPublished() throws {
        let summary = try realSummary()
        // The meeting password and names that appear only in the registration list.
        let secrets = ["723827", "Aaron Van Der Graaf", "Zuzanna Żak", "Achyut Khanal", "Zoom coordinates"]
        for (path, bytes) in summary.site.files {
            let text = String(decoding: bytes, as: UTF8.self)
            for secret in secrets {
                XCTAssertFalse(text.contains(secret), "\(path) publishes '\(secret)'")
            }
        }
    }

    func testEveryLinkIsRelativeAndNamesAFile() throws {
        let summary = try realSummary()
        let href = try NSRegularExpression(pattern: #"(?:href|src)="([^"]*)""#)
        for path in summary.site.sortedPaths where path.hasSuffix(".html") {
            let text = try page(path, in: summary.site)
            for match in href.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let link = String(text[Range(match.range(at: 1), in: text)!])
                if link.hasPrefix("https://") || link.hasPrefix("http://") || link.hasPrefix("mailto:") { continue }
                XCTAssertFalse(link.hasPrefix("/"), "\(path): absolute link \(link)")
                let target = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
                if target.isEmpty { continue }  // same-page anchor
                XCTAssertFalse(target.hasSuffix("/"), "\(path): bare directory link \(link)")
            }
        }
    }

    func testTwoBuildsAreByteIdentical() throws {
        let temporary = FileManager.default.temporaryDirectory
            .appendingPathComponent("archive-determinism-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: temporary) }
        let first = temporary.appendingPathComponent("first").path
        let second = temporary.appendingPathComponent("second").path
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        _ = try ArchivePipeline.build(Self.realOptions(output: first))
        _ = try ArchivePipeline.build(Self.realOptions(output: second))
        let firstFiles = try Self.readTree(first)
        let secondFiles = try Self.readTree(second)
        XCTAssertFalse(firstFiles.isEmpty)
        XCTAssertEqual(firstFiles.keys.sorted(), secondFiles.keys.sorted())
        for (path, bytes) in firstFiles {
            XCTAssertEqual(bytes, secondFiles[path], "\(path) differs between two builds")
        }
        XCTAssertNotNil(firstFiles[".gitkeep"], "the output folder keeps .gitkeep")
    }

    func testAFailedBuildLeavesThePreviousOutputUntouched() throws {
        let fileManager = FileManager.default
        let temporary = fileManager.temporaryDirectory.appendingPathComponent("archive-failed-\(UUID().uuidString)")
        defer { try? fileManager.removeItem(at: temporary) }
        let content = temporary.appendingPathComponent("Content")
        try fileManager.createDirectory(at: temporary, withIntermediateDirectories: true)
        try fileManager.copyItem(at: Self.repositoryRoot.appendingPathComponent("Content"), to: content)
        var options = Self.realOptions(output: temporary.appendingPathComponent("Output").path)
        options.contentDirectory = content.path
        _ = try ArchivePipeline.build(options)
        let before = try Self.readTree(options.outputDirectory)

        // Break one talk: a reference to a session that does not exist.
        let talks = try fileManager.contentsOfDirectory(atPath: content.appendingPathComponent("talks").path).sorted()
        let victim = content.appendingPathComponent("talks").appendingPathComponent(try XCTUnwrap(talks.first))
        var text = try String(contentsOf: victim, encoding: .utf8)
        text = text.replacingOccurrences(of: "\nsession:", with: "\nsession: no-such-session\nxsession:")
        try text.write(to: victim, atomically: true, encoding: .utf8)

        XCTAssertThrowsError(try ArchivePipeline.build(options)) { error in
            XCTAssertTrue("\(error)".contains(victim.lastPathComponent), "\(error)")
        }
        XCTAssertEqual(try Self.readTree(options.outputDirectory), before)
        let leftovers = try fileManager.contentsOfDirectory(atPath: temporary.path).sorted()
        XCTAssertEqual(leftovers, ["Content", "Output"], "no temporary folder is left behind")
    }

    static func readTree(_ root: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let rootURL = URL(fileURLWithPath: root)
        guard
            let enumerator = FileManager.default.enumerator(
                at: rootURL, includingPropertiesForKeys: [.isRegularFileKey])
        else {
            return files
        }
        for case let url as URL in enumerator {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(rootURL.standardizedFileURL.path.count + 1))
            files[relative] = try Data(contentsOf: url)
        }
        return files
    }
}
