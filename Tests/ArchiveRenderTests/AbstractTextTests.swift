import ArchiveRender
import Testing

/// Abstracts written as text read as written: TeX accents, enumerations in prose, reference lines
/// and arXiv identifiers.
@Suite("Abstract text")
struct AbstractTextTests {
    let markdown = MarkdownRenderer()

    @Test func texAccentsKeepTheirBackslash() {
        #expect(
            markdown.html("A na\\\"ive and a caf\\'e approach.").contains("A na\\&quot;ive and a caf\\'e approach."))
        // Markdown escapes elsewhere still work, and math is left to the math rule.
        #expect(markdown.html("\\*not emphasis\\* and $\\\"a$").contains("*not emphasis* and $\\&quot;a$"))
    }

    @Test func aParagraphStartingWithOneParenthesisIsNotAList() {
        let html = markdown.html("Two parts:\n\n1) Adaptive divergence.\n\nText.\n\n2) Classification.\n")
        #expect(!html.contains("<ol"))
        #expect(html.contains("<p>1) Adaptive divergence.</p>") && html.contains("<p>2) Classification.</p>"))
        // A real list, items on consecutive lines, stays a list.
        #expect(markdown.html("1) one\n2) two\n").contains("<ol>"))
    }

    @Test func referenceLinesKeepTheirLines() {
        let html = markdown.html("References\n[1] A. Author, 2019.\n[2] B. Author, 2020.\n")
        #expect(html.contains("References<br />\n[1] A. Author, 2019.<br />\n[2] B. Author, 2020."))
    }

    @Test func arxivIdentifiersInTextAreLinked() {
        let html = markdown.html(
            "See arXiv:2007.14462. Also arxiv.org/abs/2004.02665v2, and https://arxiv.org/abs/2008.06545 as is, "
                + "and `arXiv:1234.56789` in code.")
        #expect(html.contains("<a href=\"https://arxiv.org/abs/2007.14462\">arXiv:2007.14462</a>."))
        #expect(html.contains("<a href=\"https://arxiv.org/abs/2004.02665v2\">arxiv.org/abs/2004.02665v2</a>,"))
        #expect(html.contains("<a href=\"https://arxiv.org/abs/2008.06545\">https://arxiv.org/abs/2008.06545</a>"))
        #expect(html.contains("<code>arXiv:1234.56789</code>"))
        #expect(markdown.plainText("arXiv:2007.14462") == "arXiv:2007.14462")
    }
}
