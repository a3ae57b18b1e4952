import ArchiveModel

/// What the preview adds to pages while serving, and only then: a script that reloads the page
/// when the site is rebuilt, and an overlay listing the problems when the last build failed.
/// `Output/` never holds either; both are added to the bytes as they are sent.
enum LiveReload {
    /// Where the script and the event stream are served; no page of the site uses this folder.
    static let scriptPath = "/__archive/live.js"
    static let eventsPath = "/__archive/events"

    /// Reloads on every `reload` event, and once on connecting when the page is older than the
    /// site (a rebuild between the page's load and the stream's start).
    static let script = """
        (function () {
          var tag = document.currentScript;
          var generation = tag ? tag.getAttribute("data-generation") : null;
          var source = new EventSource("\(eventsPath)");
          source.addEventListener("hello", function (event) {
            if (generation !== null && event.data !== generation) { location.reload(); }
          });
          source.addEventListener("reload", function () { location.reload(); });
        })();

        """

    /// `page` with the script (and the overlay, when `problems` is not empty) before `</body>`.
    static func inject(into page: [UInt8], generation: Int, problems: [Diagnostic]) -> [UInt8] {
        var addition = ""
        if !problems.isEmpty { addition += overlay(problems) }
        addition += "<script src=\"\(scriptPath)\" data-generation=\"\(generation)\"></script>\n"
        let marker = Array("</body>".utf8)
        guard let index = lastIndex(of: marker, in: page) else { return page + Array(addition.utf8) }
        return Array(page[..<index]) + Array(addition.utf8) + Array(page[index...])
    }

    /// The page served for every path while no build has succeeded yet.
    static func errorPage(generation: Int, problems: [Diagnostic]) -> [UInt8] {
        let page = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Build failed</title></head>
            <body></body></html>

            """
        return inject(into: Array(page.utf8), generation: generation, problems: problems)
    }

    static func overlay(_ problems: [Diagnostic]) -> String {
        let errors = problems.filter(\.isError).count
        var text =
            "<div id=\"archive-build-error\" role=\"alert\" style=\"position:fixed;inset:auto 0 0 0;"
            + "max-height:60vh;overflow:auto;z-index:2147483647;margin:0;padding:1rem 1.25rem;"
            + "background:#2b0b0e;color:#ffe9e9;font:14px/1.45 ui-monospace,monospace;"
            + "border-top:4px solid #ff5c5c\">"
            + "<p style=\"margin:0 0 .5rem;font-weight:bold\">The build failed with \(errors) error"
            + (errors == 1 ? "" : "s") + "; this is the last site that built.</p><pre style=\"margin:0;"
            + "white-space:pre-wrap\">"
        text += escape(problems.map(\.description).joined(separator: "\n"))
        return text + "</pre></div>\n"
    }

    /// HTML text escaping for the overlay (the renderer's own escaping lives in ArchiveRender,
    /// which the preview does not link).
    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }

    private static func lastIndex(of marker: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= marker.count else { return nil }
        var index = bytes.count - marker.count
        while index >= 0 {
            if bytes[index] == marker[0], Array(bytes[index..<index + marker.count]) == marker { return index }
            index -= 1
        }
        return nil
    }
}
