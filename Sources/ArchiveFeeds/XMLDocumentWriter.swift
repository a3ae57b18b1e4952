import CLibXML2

/// A small front to libxml2's `xmlTextWriter`, which escapes text and attribute values and keeps
/// elements balanced: the feeds and the sitemap are written with it, not assembled as strings.
struct XMLDocumentWriter {
    private let buffer: xmlBufferPtr
    private let writer: xmlTextWriterPtr

    init() {
        buffer = xmlBufferCreate()
        writer = xmlNewTextWriterMemory(buffer, 0)
        xmlTextWriterSetIndent(writer, 1)
        xmlTextWriterSetIndentString(writer, "  ")
        xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil)
    }

    func start(_ name: String, _ attributes: [(String, String)] = []) {
        xmlTextWriterStartElement(writer, name)
        for (key, value) in attributes { xmlTextWriterWriteAttribute(writer, key, value) }
    }

    func end() { xmlTextWriterEndElement(writer) }

    /// `<name attributes…>text</name>`.
    func element(_ name: String, _ text: String? = nil, _ attributes: [(String, String)] = []) {
        start(name, attributes)
        if let text { xmlTextWriterWriteString(writer, Self.xmlSafe(text)) }
        end()
    }

    /// The document's bytes; the writer is finished and freed.
    func finish() -> [UInt8] {
        xmlTextWriterEndDocument(writer)
        xmlFreeTextWriter(writer)
        defer { xmlBufferFree(buffer) }
        let length = Int(xmlBufferLength(buffer))
        guard let content = xmlBufferContent(buffer) else { return [] }
        return Array(UnsafeBufferPointer(start: content, count: length))
    }

    /// XML 1.0 cannot carry most control characters, even escaped: they are dropped.
    static func xmlSafe(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars
        where scalar.value >= 0x20 || scalar == "\t" || scalar == "\n" || scalar == "\r" {
            if scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
            out.append(scalar)
        }
        return String(out)
    }
}
