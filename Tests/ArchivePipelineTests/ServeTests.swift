import Foundation
import XCTest

#if canImport(Glibc)
    import Glibc
#endif

/// `archive serve` as a maintainer uses it: a page, an edit seen within a second with one reload
/// event, a broken file shown as an overlay over the last good site, the fix, and Ctrl-C.
final class ServeTests: XCTestCase {
    func testEditsReloadAndBrokenFilesShowTheErrorOverTheLastGoodSite() throws {
        let binary = EndToEndTests.repositoryRoot.appendingPathComponent(".build/release/archive").path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw XCTSkip("needs the release binary (make test builds it first)")
        }
        let fileManager = FileManager.default
        let root = fileManager.temporaryDirectory.appendingPathComponent("serve-\(UUID().uuidString)")
        defer { try? fileManager.removeItem(at: root) }
        let content = root.appendingPathComponent("Content")
        try fileManager.createDirectory(at: content, withIntermediateDirectories: true)
        let real = EndToEndTests.repositoryRoot.appendingPathComponent("Content")
        for entry in ["workshop.md", "sessions", "talks", "people"] {
            try fileManager.copyItem(at: real.appendingPathComponent(entry), to: content.appendingPathComponent(entry))
        }
        let id = "a-readily-interpretable-fully-convolutional-autoencoder-like"
        let talk = content.appendingPathComponent("talks/\(id).md")
        let original = try String(contentsOf: talk, encoding: .utf8)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = [
            "serve", "--port", "0", "--content", content.path, "--output", root.appendingPathComponent("Output").path,
            "--theme", EndToEndTests.repositoryRoot.appendingPathComponent("Themes/default").path,
            "--cache", root.appendingPathComponent("cache").path,
        ]
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        let lines = LineReader(stdout.fileHandleForReading)
        let serving = try XCTUnwrap(lines.next(containing: "Serving", within: 30), "the server did not start")
        let port = try XCTUnwrap(UInt16(serving.split(separator: ":").last!.prefix { $0.isNumber }))

        let page = try HTTP.get("/talks/\(id)/index.html", port: port)
        XCTAssertTrue(page.hasPrefix("HTTP/1.1 200"), page)
        XCTAssertTrue(page.contains("<script src=\"/__archive/live.js\" data-generation=\"1\"></script>"))

        let events = try HTTP.Stream(path: "/__archive/events", port: port)
        XCTAssertTrue(try events.read(until: "event: hello\ndata: 1\n\n", within: 5))
        let edited = Date()
        try original.replacingOccurrences(of: "title: \"", with: "title: \"Edited: ")
            .write(to: talk, atomically: true, encoding: .utf8)
        XCTAssertTrue(try events.read(until: "event: reload\ndata: 2\n\n", within: 1), events.received)
        XCTAssertLessThan(Date().timeIntervalSince(edited), 1)
        XCTAssertTrue(try HTTP.get("/talks/\(id)/index.html", port: port).contains(">Edited: A readily"))
        XCTAssertEqual(events.received.components(separatedBy: "event: reload").count, 2, "one reload event")

        try original.replacingOccurrences(of: "\nsession: ", with: "\nsesion: ")
            .write(to: talk, atomically: true, encoding: .utf8)
        XCTAssertTrue(try events.read(until: "event: reload\ndata: 3\n\n", within: 5), events.received)
        let broken = try HTTP.get("/talks/\(id)/index.html", port: port)
        XCTAssertTrue(broken.contains("id=\"archive-build-error\""), "no overlay")
        XCTAssertTrue(broken.contains("talks/\(id).md:3:1: error: unknown key 'sesion' in talk"), broken)
        XCTAssertTrue(broken.contains("Edited: A readily"), "the last good site stays served")

        try original.write(to: talk, atomically: true, encoding: .utf8)
        XCTAssertTrue(try events.read(until: "event: reload\ndata: 4\n\n", within: 5), events.received)
        let fixed = try HTTP.get("/talks/\(id)/index.html", port: port)
        XCTAssertFalse(fixed.contains("archive-build-error"))
        XCTAssertFalse(fixed.contains("Edited: A readily"))
        XCTAssertFalse(fileManager.fileExists(atPath: root.appendingPathComponent("Output").path), "serve wrote Output")

        kill(process.processIdentifier, SIGINT)
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        XCTAssertFalse(process.isRunning, "Ctrl-C did not stop the server")
        XCTAssertEqual(process.terminationStatus, 0)
    }
}

/// Lines of a child's stdout, read as they come.
final class LineReader {
    private let handle: FileHandle
    private var buffer = ""

    init(_ handle: FileHandle) { self.handle = handle }

    func next(containing text: String, within seconds: Double) -> String? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            while let newline = buffer.firstIndex(of: "\n") {
                let line = String(buffer[..<newline])
                buffer.removeSubrange(...newline)
                if line.contains(text) { return line }
            }
            let data = handle.availableData
            if data.isEmpty { return nil }
            buffer += String(decoding: data, as: UTF8.self)
        }
        return nil
    }
}

/// A minimal HTTP/1.1 client over a loopback socket: enough for one request and a streamed body.
enum HTTP {
    static func connect(port: UInt16) throws -> Int32 {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else { throw POSIXError(.ECONNREFUSED) }
        return socket
    }

    static func send(_ socket: Int32, path: String) {
        let request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        _ = request.withCString { write(socket, $0, strlen($0)) }
    }

    /// The whole response, headers and body, as text.
    static func get(_ path: String, port: UInt16) throws -> String {
        let socket = try connect(port: port)
        defer { close(socket) }
        send(socket, path: path)
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(socket, &chunk, chunk.count)
            if count <= 0 { break }
            bytes += chunk[..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A response read as it streams.
    final class Stream {
        let socket: Int32
        private(set) var received = ""

        init(path: String, port: UInt16) throws {
            socket = try HTTP.connect(port: port)
            HTTP.send(socket, path: path)
        }

        deinit { close(socket) }

        /// Reads until `text` has arrived (anywhere in what was received), or the time is up.
        func read(until text: String, within seconds: Double) throws -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            var chunk = [UInt8](repeating: 0, count: 4096)
            while !received.contains(text) {
                let left = Int32(deadline.timeIntervalSinceNow * 1000)
                guard left > 0 else { return false }
                var entry = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
                guard poll(&entry, 1, left) > 0 else { return false }
                let count = Glibc.read(socket, &chunk, chunk.count)
                if count <= 0 { return false }
                received += String(decoding: chunk[..<count], as: UTF8.self)
            }
            return true
        }
    }
}
