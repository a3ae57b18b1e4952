import Mustache

/// HTML escaping for Mustache `{{ }}`: the same five characters and entities as swift-mustache's
/// built-in HTML content type (`& < > " '`), so text is safe in element content and in quoted
/// attribute values, but working on UTF-8 bytes, with a fast path for text that needs no escaping.
///
/// `Theme` registers it under the content type name `HTML` before compiling templates, so a
/// template that starts with `{{% CONTENT_TYPE: HTML }}` uses it; a template without the pragma
/// gets the library's default HTML escaping, which is equally safe, only slower.
struct FastHTMLContentType: MustacheContentType {
    func escapeText(_ text: String) -> String { htmlEscape(text) }
}

func htmlEscape(_ text: String) -> String {
    let utf8 = text.utf8
    let needsEscaping =
        utf8.withContiguousStorageIfAvailable { buffer in
            buffer.contains { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }
        } ?? utf8.contains { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }
    if !needsEscaping { return text }
    var out: [UInt8] = []
    out.reserveCapacity(utf8.count + 32)
    for byte in utf8 {
        switch byte {
        case 0x26: out.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B])  // &amp;
        case 0x3C: out.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B])  // &lt;
        case 0x3E: out.append(contentsOf: [0x26, 0x67, 0x74, 0x3B])  // &gt;
        case 0x22: out.append(contentsOf: [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B])  // &quot;
        case 0x27: out.append(contentsOf: [0x26, 0x23, 0x33, 0x39, 0x3B])  // &#39;
        default: out.append(byte)
        }
    }
    return String(decoding: out, as: UTF8.self)
}
