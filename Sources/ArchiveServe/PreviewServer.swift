import ArchiveModel
import ArchivePipeline
import FlyingFox
import FlyingSocks
import Foundation

/// `archive serve`: builds the site in memory, serves it on a loopback address, rebuilds when
/// `Content/` or the theme changes, and reloads open pages. It never writes the output folder.
public struct PreviewServer: Sendable {
    public var options: BuildOptions
    public var host: String
    public var port: UInt16

    public init(options: BuildOptions, host: String = "127.0.0.1", port: UInt16 = 8000) {
        self.options = options
        self.host = host
        self.port = port
    }

    /// What one build reported, for the terminal.
    public struct BuildReport: Sendable {
        public var generation: Int
        public var problems: [Diagnostic]
        public var pageCount: Int?
        public var seconds: Double
    }

    /// Serves until the task is cancelled. `listening` receives the URL once connections are
    /// accepted; `built` is called after every build.
    public func run(
        listening: @escaping @Sendable (String) -> Void, built: @escaping @Sendable (BuildReport) -> Void
    ) async throws {
        let state = PreviewState()
        let options = options
        let build: @Sendable () -> Void = {
            let start = DispatchTime.now().uptimeNanoseconds
            var report = BuildReport(generation: 0, problems: [], pageCount: nil, seconds: 0)
            do {
                let summary = try ArchivePipeline.renderAndCheck(options)
                state.publish(site: summary.site, problems: [])
                report.pageCount = summary.pageCount
                report.problems = summary.warnings
            } catch {
                let problems = Self.diagnostics(of: error)
                state.publish(site: nil, problems: problems)
                report.problems = problems
            }
            report.generation = state.current.generation
            report.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            built(report)
        }
        build()

        let watcher = try ContentWatcher(roots: [options.contentDirectory, options.themeDirectory])
        let watching = Thread {
            watcher.run(stop: { state.isStopped }, changed: build)
        }
        watching.start()
        defer { state.stop() }

        let server = HTTPServer(
            address: try .inet(ip4: host, port: port), timeout: 30, logger: .disabled,
            handler: PreviewHandler(state: state))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            group.addTask {
                try await server.waitUntilListening()
                if case .ip4(let address, let port)? = await server.listeningAddress {
                    listening("http://\(address):\(port)/")
                }
            }
            try await group.next()
            try await group.next()
        }
    }

    static func diagnostics(of error: Error) -> [Diagnostic] {
        switch error {
        case let list as DiagnosticList: return list.diagnostics
        case let diagnostic as Diagnostic: return [diagnostic]
        default: return [Diagnostic("\(error)", at: nil)]
        }
    }
}

/// Answers from the state: the live-reload script, the event stream, and the site's files (pages
/// with the script, and the overlay after a failed build, added).
struct PreviewHandler: HTTPHandler {
    let state: PreviewState

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard request.method == .GET || request.method == .HEAD else {
            return HTTPResponse(statusCode: .methodNotAllowed)
        }
        switch request.path {
        case LiveReload.scriptPath:
            return response(Array(LiveReload.script.utf8), type: "text/javascript; charset=utf-8")
        case LiveReload.eventsPath:
            var headers: HTTPHeaders = [:]
            headers[.contentType] = "text/event-stream"
            headers[.cacheControl] = "no-store"
            return HTTPResponse(
                statusCode: .ok, headers: headers,
                body: HTTPBodySequence(from: ReloadEvents(generations: state.subscribe())))
        default:
            break
        }
        let snapshot = state.current
        guard let site = snapshot.site else {
            return response(
                LiveReload.errorPage(generation: snapshot.generation, problems: snapshot.problems),
                type: "text/html; charset=utf-8")
        }
        var path = String(request.path.drop { $0 == "/" })
        if path.isEmpty || path.hasSuffix("/") { path += "index.html" }
        guard let bytes = site.files[path] ?? site.files[path + "/index.html"] else {
            return response(Array("Not found: /\(path)\n".utf8), type: "text/plain; charset=utf-8", status: .notFound)
        }
        let type = MediaType.of(path)
        guard path.hasSuffix(".html") else { return response(bytes, type: type) }
        return response(
            LiveReload.inject(into: bytes, generation: snapshot.generation, problems: snapshot.problems), type: type)
    }

    private func response(_ bytes: [UInt8], type: String, status: HTTPStatusCode = .ok) -> HTTPResponse {
        var headers: HTTPHeaders = [:]
        headers[.contentType] = type
        headers[.cacheControl] = "no-store"
        return HTTPResponse(statusCode: status, headers: headers, body: Data(bytes))
    }
}

/// Content types by file extension, for the kinds of files the archive writes.
enum MediaType {
    static func of(_ path: String) -> String {
        let name = path.split(separator: "/").last ?? ""
        let suffix = name.split(separator: ".").last.map { $0.lowercased() } ?? ""
        switch suffix {
        case "html": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "json", "ipynb": return "application/json"
        case "xml": return "application/xml"
        case "ics": return "text/calendar; charset=utf-8"
        case "csv": return "text/csv; charset=utf-8"
        case "txt": return "text/plain; charset=utf-8"
        default: return "application/octet-stream"
        }
    }
}
