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

    /// A fresh, empty directory under the system's temporary directory.
    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "archive-render-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
