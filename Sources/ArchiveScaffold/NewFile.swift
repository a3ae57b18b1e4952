import ArchiveContent
import ArchiveModel
import ArchiveNotebooks
import Foundation

/// `archive new`: a valid, commented content file for one entity, written only where no file is,
/// then checked with the rest of the content.
public enum NewFile {
    public enum Kind: String, CaseIterable, Sendable {
        case talk, person, session, notebook

        var folder: String {
            switch self {
            case .talk: return "talks"
            case .person: return "people"
            case .session: return "sessions"
            case .notebook: return "notebooks"
            }
        }
    }

    /// What the command line gave; each kind reads the fields it has.
    public struct Request: Sendable {
        public var kind: Kind
        public var id: String?
        public var title: String?
        public var session: String?
        public var start: String?
        public var end: String?
        public var duration: Int?
        public var day: String?
        public var sessionKind: String?
        public var speakers: [String] = []
        public var tracks: [String] = []
        public var affiliations: [String] = []
        public var related: [String] = []

        public init(kind: Kind) { self.kind = kind }
    }

    /// A mistake in the request itself (no file is written), in the maintainer's terms.
    public struct RequestError: Error, CustomStringConvertible {
        public var description: String
        init(_ description: String) { self.description = description }
    }

    /// The file `request` asks for: its path under `contentDirectory` and its text. Throws
    /// `RequestError` when a needed value is missing or a file of that id exists, and the
    /// content's own `DiagnosticList` when the content does not load (a free time cannot be found
    /// in a session that does not load).
    public static func plan(_ request: Request, contentDirectory: String) throws -> (path: String, text: String) {
        let title = try required(request.title, "--title", for: request.kind)
        let id = request.id ?? Slug.make(title)
        guard Slug.isValid(id) else {
            throw RequestError(
                "'\(id)' is not an id: use lower-case ASCII letters, digits and single hyphens (give --id)")
        }
        let path = contentDirectory + "/" + request.kind.folder + "/" + id + ".md"
        if FileManager.default.fileExists(atPath: path) {
            throw RequestError("\(path) exists; archive new never overwrites a file (give another --id)")
        }
        let text: String
        switch request.kind {
        case .talk:
            text = try talk(request, title: title, content: ContentLoader(contentDirectory: contentDirectory).load())
        case .person: text = Templates.person(name: title, affiliations: request.affiliations)
        case .session: text = try session(request, title: title)
        case .notebook: text = Templates.notebook(title: title, related: request.related)
        }
        return (path, text)
    }

    private static func required(_ value: String?, _ flag: String, for kind: Kind) throws -> String {
        guard let value, !value.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw RequestError("archive new \(kind.rawValue) needs \(flag)")
        }
        return value
    }

    private static func talk(_ request: Request, title: String, content: ArchiveContent) throws -> String {
        let sessionID = try required(request.session, "--session", for: .talk)
        guard let session = content.sessions.first(where: { $0.id == sessionID }) else {
            let hint = NearestName.suggestion(for: sessionID, among: content.sessions.map(\.id))
            throw RequestError(
                "no session '\(sessionID)'" + (hint.map { "; did you mean '\($0)'?" } ?? "")
                    + " (sessions are the files of Content/sessions/)")
        }
        guard !request.tracks.isEmpty else {
            throw RequestError(
                "archive new talk needs at least one --track; the workshop's tracks are: "
                    + content.workshop.tracks.map(\.id).joined(separator: ", "))
        }
        let duration = request.duration ?? 15
        let start: String
        if let given = request.start {
            start = given
        } else {
            let taken =
                content.talks.filter { $0.session == session.id }.map { ($0.start.minutes, $0.end.minutes) }
                + session.breaks.map { ($0.start.minutes, $0.end.minutes) }
            guard
                let free = FreeTime.first(
                    duration: duration, from: session.start.minutes, to: session.end.minutes, taken: taken)
            else {
                throw RequestError(
                    "session '\(session.id)' (\(session.start)–\(session.end)) has no free \(duration)-minute "
                        + "time; give --start HH:MM or a shorter --duration")
            }
            start = TimeOfDay(minutes: free).description
        }
        return Templates.talk(
            title: title, session: session.id, start: start, duration: duration, speakers: request.speakers,
            tracks: request.tracks)
    }

    private static func session(_ request: Request, title: String) throws -> String {
        let day = try required(request.day, "--day YYYY-MM-DD", for: .session)
        let start = try required(request.start, "--start HH:MM", for: .session)
        var end = request.end
        if end == nil, let duration = request.duration, let minutes = FreeTime.minutes(start) {
            end = TimeOfDay(minutes: minutes + duration).description
        }
        return Templates.session(
            title: title, kind: request.sessionKind ?? "plenary", day: day, start: start,
            end: try required(end, "--end HH:MM or --duration N", for: .session))
    }
}

/// The earliest free time in a session.
enum FreeTime {
    /// The first start, on a 5-minute grid from `start`, of `duration` minutes that ends by `end`
    /// and overlaps none of `taken` (start, end) minute ranges.
    static func first(duration: Int, from start: Int, to end: Int, taken: [(Int, Int)]) -> Int? {
        var candidate = start
        while candidate + duration <= end {
            if let blocker = taken.first(where: { $0.0 < candidate + duration && candidate < $0.1 }) {
                candidate = max(candidate + 5, blocker.1)
                continue
            }
            return candidate
        }
        return nil
    }

    /// Minutes after midnight of `HH:MM`, or nil.
    static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]) else { return nil }
        return hour * 60 + minute
    }
}

extension NewFile {
    /// Writes `text` at `path`, never over a file: `O_EXCL` makes the creation fail if one
    /// appeared since `plan` looked.
    public static func write(_ text: String, to path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw RequestError("cannot create \(path): \(String(cString: strerror(errno)))")
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }

    /// The content checks, run over the whole content with the new file in it: the problems
    /// located in that file, and how many there are elsewhere.
    public static func check(_ path: String, kind: Kind, contentDirectory: String) -> (
        problems: [Diagnostic], elsewhere: Int
    ) {
        var all: [Diagnostic] = []
        var content: ArchiveContent?
        do {
            let loaded = try ContentLoader(contentDirectory: contentDirectory).loadReportingWarnings()
            content = loaded.content
            all = loaded.warnings
        } catch let list as DiagnosticList {
            all = list.diagnostics
        } catch {
            all = [Diagnostic("\(error)", at: nil)]
        }
        if kind == .notebook {
            all += notebookProblems(path, content: content)
        }
        let mine = all.filter { $0.location?.path == path }
        return (mine, all.filter(\.isError).count - mine.filter(\.isError).count)
    }

    private static func notebookProblems(_ path: String, content: ArchiveContent?) -> [Diagnostic] {
        guard let data = FileManager.default.contents(atPath: path) else {
            return [Diagnostic("cannot read the file", at: SourceLocation(path: path))]
        }
        let id = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        do {
            let notebook = try NotebookParser.parse(String(decoding: data, as: UTF8.self), path: path, id: id)
            guard let content else { return notebook.notes }
            let known = Set(content.talks.map(\.id)).union(content.sessions.map(\.id))
            var problems = notebook.notes
            for (related, location) in zip(notebook.related, notebook.relatedLocations) where !known.contains(related) {
                problems.append(
                    Diagnostic(
                        "'\(related)' is neither a talk nor a session"
                            + (NearestName.suggestion(for: related, among: known).map { "; did you mean '\($0)'?" }
                                ?? ""),
                        at: location))
            }
            return problems
        } catch let list as DiagnosticList {
            return list.diagnostics
        } catch let diagnostic as Diagnostic {
            return [diagnostic]
        } catch {
            return [Diagnostic("\(error)", at: SourceLocation(path: path))]
        }
    }
}
