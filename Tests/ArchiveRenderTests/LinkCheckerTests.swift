import ArchiveCheck
import ArchiveModel
import Testing

@Suite("LinkChecker")
struct LinkCheckerTests {
    func site(_ files: [String: String]) -> RenderedSite {
        RenderedSite(files: files.mapValues { Array($0.utf8) })
    }

    func page(_ body: String) -> String {
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head><title>t</title></head>\n<body>\n\(body)\n</body>\n</html>\n"
    }

    @Test func acceptsTheRenderedFixture() throws {
        #expect(LinkChecker().check(try Support.render()).isEmpty)
    }

    @Test func acceptsGoodLinks() {
        let files = site([
            "index.html": page(
                "<a href=\"talks/a/index.html#abstract\">a</a>\n<a href=\"#top\">top</a>\n<link rel=\"stylesheet\" href=\"assets/style.css\">"
            ),
            "talks/a/index.html": page(
                "<h2 id=\"abstract\">A</h2>\n<a href=\"../../index.html\">home</a> <a href=\"./index.html\">self</a> <a href=\"index.html?x=1\">q</a>\n<a href=\"https://example.org/x/\">ext</a> <a href=\"mailto:a@b.c\">mail</a> <a href=\"../../people/z%C3%BC/index.html#z%C3%BC\">ü</a> <a name=\"old\"></a><a href=\"#old\">old</a>"
            ),
            "people/zü/index.html": page("<p id=\"zü\">ü</p>"),
            "assets/style.css": "body{}",
        ])
        #expect(LinkChecker().check(files) == [])
    }

    @Test func findsBrokenLinksAndAnchors() {
        let files = site([
            "index.html": page(
                "<p>intro</p>\n<a href=\"talks/missing/index.html\">x</a>\n<a href=\"talks/a/index.html#nope\">y</a>\n<img src=\"assets/none.png\" alt=\"\">"
            ),
            "talks/a/index.html": page("<h1 id=\"t\">A</h1>\n<a href=\"#t\">ok</a>\n<a href=\"#gone\">gone</a>"),
        ])
        let found = LinkChecker().check(files)
        #expect(
            found.map(\.description) == [
                "index.html:6:1: error: broken link 'talks/missing/index.html' (no such file)",
                "index.html:7:1: error: broken link 'talks/a/index.html#nope' (no element with id 'nope' in 'talks/a/index.html')",
                "index.html:8:1: error: broken link 'assets/none.png' (no such file)",
                "talks/a/index.html:7:1: error: broken link '#gone' (no element with id 'gone' in 'talks/a/index.html')",
            ])
    }

    @Test func rejectsLinksThatWouldNotWorkFromDisk() {
        let files = site([
            "talks/a/index.html": page(
                """
                <a href="../b/">dir</a>
                <a href="../../talks">dir2</a>
                <a href="/talks/a/index.html">abs</a>
                <a href="//cdn.example.org/x.js">proto</a>
                <a href="../../../etc/passwd">up</a>
                <a href="javascript:alert(1)">js</a>
                <a href="">empty</a>
                <a href="https://example.org/">fine</a>
                """),
            "talks/b/index.html": page("<p>b</p>"),
        ])
        let found = LinkChecker().check(files).map(\.message)
        #expect(
            found == [
                "link '../b/' names a directory (link to a file such as 'index.html')",
                "link '../../talks' names a directory (link to a file such as 'index.html')",
                "absolute link '/talks/a/index.html' (links must be relative to the page)",
                "protocol-relative link '//cdn.example.org/x.js' (links must be relative)",
                "link '../../../etc/passwd' escapes the site root",
                "link 'javascript:alert(1)' uses the unsupported scheme 'javascript:'",
                "empty link (href or src with no target)",
            ])
    }

    @Test func reportsDuplicateIDs() {
        let files = site(["index.html": page("<p id=\"x\">1</p>\n<p id=\"x\">2</p>")])
        #expect(LinkChecker().check(files).map(\.description) == ["index.html:6:1: error: duplicate id 'x'"])
    }

    @Test func sameLinkResolvesPerDirectory() {
        // One link text, two meanings: the cache must not mix them up.
        let files = site([
            "a/index.html": page("<a href=\"x.html\">x</a>"),
            "b/index.html": page("<a href=\"x.html\">x</a>"),
            "a/x.html": page("<p>x</p>"),
        ])
        #expect(
            LinkChecker().check(files).map(\.description) == [
                "b/index.html:5:1: error: broken link 'x.html' (no such file)"
            ])
    }
}
