import ArchiveRender
import Testing

@Suite("Markdown")
struct MarkdownTests {
    let markdown = MarkdownRenderer()

    @Test func rawHTMLIsShownAsTextNeverAsATag() {
        let html = markdown.html("Before <script>alert(1)</script> after.\n\n<script>\nalert(2)\n</script>\n")
        #expect(!html.contains("<script"))
        #expect(html.contains("<p>Before &lt;script&gt;alert(1)&lt;/script&gt; after.</p>"))
        #expect(html.contains("&lt;script&gt;\nalert(2)\n&lt;/script&gt;"))
        #expect(!markdown.html("<iframe src=\"https://evil.example\"></iframe>").contains("<iframe"))
        #expect(!markdown.html("x <img src=x onerror=alert(1)> y").contains("<img"))
    }

    @Test func javascriptLinksAreNeutralised() {
        #expect(markdown.html("[x](javascript:alert(1))") == "<p>x</p>\n")
        #expect(markdown.html("[x](JaVaScRiPt:alert(1))") == "<p>x</p>\n")
        #expect(markdown.html("[x](vbscript:msgbox)") == "<p>x</p>\n")
        #expect(markdown.html("[x](data:text/html;base64,PHNjcmlwdD4=)") == "<p>x</p>\n")
        #expect(markdown.html("<javascript:alert(1)>") == "<p>javascript:alert(1)</p>\n")
        #expect(markdown.html("[x][r]\n\n[r]: javascript:alert(1)\n") == "<p>x</p>\n")
        #expect(!markdown.html("![a](javascript:alert(1))").contains("javascript"))
    }

    @Test func safeLinksStay() {
        #expect(
            markdown.html("[x](https://example.org/a?b=1&c=2 \"T\")")
                == "<p><a href=\"https://example.org/a?b=1&amp;c=2\" title=\"T\">x</a></p>\n")
        #expect(
            markdown.html("<mailto:someone@example.org>")
                == "<p><a href=\"mailto:someone@example.org\">mailto:someone@example.org</a></p>\n")
        #expect(
            markdown.html("see https://arxiv.org/abs/2008.06545 now").contains(
                "<a href=\"https://arxiv.org/abs/2008.06545\">"))  // autolink
    }

    @Test func gfmExtensions() {
        let table = markdown.html("| a | b |\n|---|---|\n| 1 | ~~2~~ |\n")
        #expect(table.contains("<table>"))
        #expect(table.contains("<del>2</del>"))
        #expect(markdown.html("www.example.org").contains("<a href=\"http://www.example.org\">"))
    }

    @Test func texIsKeptAsWritten() {
        #expect(markdown.html("the $\\eta$ range") == "<p>the $\\eta$ range</p>\n")
        #expect(markdown.html("$p_T$ and $E_T$") == "<p>$p_T$ and $E_T$</p>\n")
        #expect(markdown.html("$a*b$ and $c*d$") == "<p>$a*b$ and $c*d$</p>\n")
        #expect(
            markdown.html("$\\{x\\}$, $a\\,b$ and $$\\sum_{i}^{n} x_i$$")
                == "<p>$\\{x\\}$, $a\\,b$ and $$\\sum_{i}^{n} x_i$$</p>\n")
        #expect(markdown.html("$x < y$") == "<p>$x &lt; y$</p>\n")
        // Not math: money, and code.
        #expect(markdown.html("costs $5 and *more* than $10") == "<p>costs $5 and <em>more</em> than $10</p>\n")
        #expect(markdown.html("`$a_1$` code") == "<p><code>$a_1$</code> code</p>\n")
        #expect(markdown.html("```\n$\\{x\\}$\n```\n") == "<pre><code>$\\{x\\}$\n</code></pre>\n")
    }

    @Test func headingsAreDemoted() {
        #expect(markdown.html("# A\n\n## B", headingOffset: 2) == "<h3>A</h3>\n<h4>B</h4>\n")
        #expect(markdown.html("###### F", headingOffset: 2) == "<h6>F</h6>\n")
        #expect(markdown.html("# A") == "<h1>A</h1>\n")
    }

    @Test func emptyInput() {
        #expect(markdown.html("") == "")
        #expect(markdown.html("\n\n") == "")
    }
}
