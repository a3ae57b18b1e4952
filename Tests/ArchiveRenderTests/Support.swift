import ArchiveIndex
import ArchiveModel
import ArchiveRender
import Foundation

enum Support {
    /// `Themes/default` of this package, found from this file's path.
    static let themeDirectory: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }  // Support.swift, ArchiveRenderTests, Tests
        return url.appendingPathComponent("Themes/default").path
    }()

    static func theme() throws -> Theme { try Theme(directory: themeDirectory) }

    static func render(_ content: ArchiveContent = Fixtures.content()) throws -> RenderedSite {
        try SiteRenderer(theme: theme()).render(SiteIndex(content: content))
    }

    static func page(_ site: RenderedSite, _ path: String) -> String {
        String(decoding: site.files[path] ?? [], as: UTF8.self)
    }

    /// Text content of an HTML fragment: tags removed, the few entities the templates use decoded.
    static func text(_ html: some StringProtocol) -> String {
        var out = ""
        var inTag = false
        for c in html {
            if c == "<" {
                inTag = true
                continue
            }
            if c == ">" {
                inTag = false
                continue
            }
            if !inTag { out.append(c) }
        }
        return out.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// The first `<dd>` after `<dt>label</dt>`, as text.
    static func fact(_ html: String, _ label: String) -> String? {
        guard let dt = html.range(of: "<dt>\(label)</dt>"),
            let ddStart = html.range(of: "<dd>", range: dt.upperBound..<html.endIndex),
            let ddEnd = html.range(of: "</dd>", range: ddStart.upperBound..<html.endIndex)
        else { return nil }
        return text(html[ddStart.upperBound..<ddEnd.lowerBound])
    }

    /// Every `href="…"` and `src="…"` value of a page.
    static func links(_ html: String) -> [String] {
        var result: [String] = []
        for attribute in ["href=\"", "src=\""] {
            var search = html.startIndex..<html.endIndex
            while let start = html.range(of: attribute, range: search) {
                guard let end = html.range(of: "\"", range: start.upperBound..<html.endIndex) else { break }
                result.append(String(html[start.upperBound..<end.lowerBound]))
                search = end.upperBound..<html.endIndex
            }
        }
        return result
    }

    static func count(_ needle: String, in haystack: String) -> Int {
        haystack.components(separatedBy: needle).count - 1
    }

    /// The relative way up from a page to the site's root: "" for index.html, "../../" for talks/x/index.html.
    static func root(_ path: String) -> String {
        String(repeating: "../", count: path.split(separator: "/").count - 1)
    }

    /// `site` written into a fresh folder, to open from disk.
    static func write(_ site: RenderedSite) throws -> String {
        let folder = try temporaryDirectory()
        for (path, bytes) in site.files {
            let target = folder + "/" + path
            try FileManager.default.createDirectory(
                atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(bytes).write(to: URL(fileURLWithPath: target))
        }
        return folder
    }

    static let hasChromium = FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium")

    /// The DOM of `url` after its scripts ran, from headless Chromium (`TZ` sets the reader's zone).
    static func dom(_ url: String, timeZone: String? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/chromium")
        // A profile of its own: runs at the same time must not share one (or its localStorage).
        let profile = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: profile) }
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(profile)", "--virtual-time-budget=5000",
            "--dump-dom", url,
        ]
        if let timeZone { process.environment = ProcessInfo.processInfo.environment.merging(["TZ": timeZone]) { $1 } }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// A fresh, empty directory under the system's temporary directory.
    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "archive-render-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
