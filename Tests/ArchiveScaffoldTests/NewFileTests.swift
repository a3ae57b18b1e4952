import ArchiveContent
import ArchiveModel
import Foundation
import XCTest

@testable import ArchiveScaffold

/// `archive new` on a copy of the real content: files that pass the checks as written, the first
/// free time of a session, no overwriting, and located errors when the arguments are wrong.
final class NewFileTests: XCTestCase {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    var root: URL!
    var content: String { root.appendingPathComponent("Content").path }

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("new-\(UUID().uuidString)")
        let target = root.appendingPathComponent("Content")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        let real = Self.repositoryRoot.appendingPathComponent("Content")
        for entry in ["workshop.md", "sessions", "talks", "people"] {
            try FileManager.default.copyItem(
                at: real.appendingPathComponent(entry), to: target.appendingPathComponent(entry))
        }
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: root)
    }

    func make(_ request: NewFile.Request) throws -> (path: String, problems: [Diagnostic]) {
        let planned = try NewFile.plan(request, contentDirectory: content)
        try NewFile.write(planned.text, to: planned.path)
        return (planned.path, NewFile.check(planned.path, kind: request.kind, contentDirectory: content).problems)
    }

    func testATalkGoesToTheFirstFreeTimeOfItsSessionAndPassesTheChecks() throws {
        var request = NewFile.Request(kind: .talk)
        request.title = "Jet tagging with transformers: a study"
        request.session = "fri-workshop-morning"
        request.duration = 10
        request.speakers = ["simon-akar"]
        request.tracks = ["algorithms"]
        let made = try make(request)
        XCTAssertEqual(made.path, content + "/talks/jet-tagging-with-transformers-a-study.md")
        XCTAssertEqual(made.problems, [])
        let text = try String(contentsOfFile: made.path, encoding: .utf8)
        XCTAssertTrue(text.contains("start: \"12:05\""), text)
        // The next one goes after it (the session ends at 12:20).
        request.title = "Second"
        request.duration = 5
        let second = try make(request)
        XCTAssertEqual(second.problems, [])
        XCTAssertTrue(try String(contentsOfFile: second.path, encoding: .utf8).contains("start: \"12:15\""))
        request.title = "Third"
        XCTAssertThrowsError(try NewFile.plan(request, contentDirectory: content)) { error in
            XCTAssertTrue("\(error)".contains("has no free 5-minute time"), "\(error)")
        }
    }

    func testAnExistingFileIsNeverOverwritten() throws {
        var request = NewFile.Request(kind: .person)
        request.title = "Simon Akar"
        request.id = "simon-akar"
        let before = try Data(contentsOf: URL(fileURLWithPath: content + "/people/simon-akar.md"))
        XCTAssertThrowsError(try NewFile.plan(request, contentDirectory: content)) { error in
            XCTAssertTrue("\(error)".contains("never overwrites"), "\(error)")
        }
        XCTAssertThrowsError(try NewFile.write("x", to: content + "/people/simon-akar.md"))
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: content + "/people/simon-akar.md")), before)
    }

    func testWrongArgumentsGiveLocatedErrorsInTheNewFile() throws {
        var request = NewFile.Request(kind: .talk)
        request.title = "Misspelt"
        request.session = "fri-workshop-morning"
        request.start = "12:05"
        request.speakers = ["simon-akr"]
        request.tracks = ["algoritms"]
        let made = try make(request)
        XCTAssertEqual(
            made.problems.map { String($0.description.prefix(while: { $0 != ";" })) },
            [
                "\(made.path):7:5: error: unknown person 'simon-akr' in 'speakers'",
                "\(made.path):9:5: error: unknown track 'algoritms'",
            ])
        XCTAssertTrue(made.problems[0].message.contains("did you mean 'simon-akar'?"))
    }

    func testEveryKindWritesAValidCommentedFile() throws {
        var person = NewFile.Request(kind: .person)
        person.title = "Émilie du Châtelet"
        person.affiliations = ["CNRS (FR)"]
        let madePerson = try make(person)
        XCTAssertTrue(madePerson.path.hasSuffix("/people/emilie-du-chatelet.md"))
        XCTAssertEqual(madePerson.problems, [])
        var session = NewFile.Request(kind: .session)
        session.title = "Workshop: Friday \"extra\" hour"
        session.sessionKind = "workshop"
        session.day = "2020-10-23"
        session.start = "18:00"
        session.duration = 60
        let madeSession = try make(session)
        XCTAssertEqual(madeSession.problems, [])
        XCTAssertTrue(try String(contentsOfFile: madeSession.path, encoding: .utf8).contains("end: \"19:00\""))
        var notebook = NewFile.Request(kind: .notebook)
        notebook.title = "Jet images"
        notebook.related = ["workshop-friday-extra-hour"]
        let madeNotebook = try make(notebook)
        XCTAssertEqual(madeNotebook.problems, [])
        for path in [madePerson.path, madeSession.path, madeNotebook.path] {
            XCTAssertTrue(try String(contentsOfFile: path, encoding: .utf8).contains("# "), "\(path) has no comments")
        }
    }

    func testSlugsAndFreeTimes() {
        XCTAssertEqual(Slug.make("Émilie du Châtelet"), "emilie-du-chatelet")
        XCTAssertEqual(Slug.make("GNNs: 2 × faster?"), "gnns-2-faster")
        XCTAssertLessThanOrEqual(Slug.make(String(repeating: "word ", count: 40)).count, 60)
        XCTAssertEqual(FreeTime.first(duration: 10, from: 600, to: 700, taken: [(600, 630), (640, 690)]), 630)
        XCTAssertEqual(FreeTime.first(duration: 15, from: 600, to: 700, taken: [(600, 630), (640, 690)]), nil)
        XCTAssertEqual(FreeTime.first(duration: 10, from: 600, to: 700, taken: [(603, 611)]), 611)
    }
}

/// The synthetic archive of the benchmarks: deterministic, of the requested shape, and valid.
final class SyntheticArchiveTests: XCTestCase {
    func testTheSameArgumentsGiveTheSameValidArchive() throws {
        let archive = SyntheticArchive(talks: 150, days: 2, rooms: 2)
        let files = archive.files()
        XCTAssertEqual(files, SyntheticArchive(talks: 150, days: 2, rooms: 2).files())
        XCTAssertEqual(files.keys.filter { $0.hasPrefix("talks/") }.count, 150)
        XCTAssertEqual(files.keys.filter { $0.hasPrefix("sessions/") }.count, 13)
        XCTAssertEqual(files.keys.filter { $0.hasPrefix("people/") }.count, 105)
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("synthetic-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try archive.write(into: root.path)
        XCTAssertThrowsError(try archive.write(into: root.path), "never over an existing Content")
        let content = try ContentLoader(contentDirectory: root.appendingPathComponent("Content").path).load()
        XCTAssertEqual(content.talks.count, 150)
        XCTAssertEqual(content.workshop.tracks.count, 13)
        // Parallel rooms: two sessions start together.
        let starts = Dictionary(grouping: content.sessions) { "\($0.day) \($0.start)" }
        XCTAssertEqual(starts.values.map(\.count).max(), 2)
        // Some people speak more than once.
        let talksPerSpeaker = Dictionary(grouping: content.talks.flatMap(\.speakers)) { $0 }.mapValues(\.count)
        XCTAssertGreaterThan(talksPerSpeaker.values.max() ?? 0, 1)
        let words = try XCTUnwrap(content.talks.first?.abstractMarkdown).split(separator: " ").count
        XCTAssertTrue((170...230).contains(words), "\(words) words")
    }
}
