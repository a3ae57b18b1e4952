import ArchiveModel
import ArchivePipeline
import ArchiveServe
import ArgumentParser
import Foundation

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Preview the site on this machine, rebuilt and reloaded as Content/ or the theme change.",
        discussion: """
            Builds the site in memory (the output folder is never written), serves it on a loopback
            address and watches the content and theme folders. Each change rebuilds the site and
            reloads the open pages; when a build fails, the last good site stays served with the
            problems shown over it. Ctrl-C stops the server.

            Example: archive serve --port 8000, then open http://127.0.0.1:8000/
            """)

    @OptionGroup var site: SiteOptions
    @Option(help: "The port to listen on (0: any free port).") var port: UInt16 = 8000
    @Option(help: "The address to listen on: a loopback address (127.x.x.x).") var host = "127.0.0.1"

    func validate() throws {
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts.first == "127", parts.allSatisfy({ UInt8($0) != nil }) else {
            throw ValidationError(
                "--host must be a loopback IPv4 address such as 127.0.0.1; the preview is not for publishing")
        }
    }

    func run() async throws {
        let server = PreviewServer(options: site.buildOptions, host: host, port: port)
        let task = Task {
            try await server.run(
                listening: { [content = site.content] url in say("Serving \(content) at \(url) (Ctrl-C stops)") },
                built: report)
        }
        signal(SIGINT, SIG_IGN)
        let interrupt = DispatchSource.makeSignalSource(signal: SIGINT)
        interrupt.setEventHandler { task.cancel() }
        interrupt.resume()
        do {
            try await task.value
        } catch is CancellationError {
        } catch {
            if task.isCancelled { return }
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode.failure
        }
        say("Stopped.")
    }
}

private func report(_ build: PreviewServer.BuildReport) {
    let time = milliseconds(build.seconds)
    if let pages = build.pageCount {
        let count = build.problems.count
        say(
            "Build \(build.generation): \(pages) pages in \(time)"
                + (count == 0 ? "" : " (\(count) reported on stderr)"))
        if count > 0 {
            FileHandle.standardError.write(
                Data((build.problems.map(\.description).joined(separator: "\n") + "\n").utf8))
        }
    } else {
        let errors = build.problems.filter(\.isError).count
        say(
            "Build \(build.generation) failed with \(errors) error\(errors == 1 ? "" : "s") in \(time); "
                + "serving the last good site")
        let text = build.problems.map(\.description).joined(separator: "\n") + "\n"
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// One line on stdout, unbuffered: a script or test waits for these lines.
private func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
