import ArchiveModel
import CLibXML2
import Dispatch
import ParallelMap

/// Checks every internal link of a rendered site, in memory, before anything is written.
///
/// Each `.html` file is parsed with libxml2's HTML parser; every `href` and `src` is resolved
/// against the page's own path. An internal link must name a file of the site (not a directory,
/// not a path ending in `/`), must stay inside the site, and its `#fragment` must be an `id` (or an
/// `<a name>`) of the target page. `https:`, `http:`, `mailto:` and `tel:` links are external and
/// never fetched; absolute paths, protocol-relative URLs and other schemes (`javascript:`, `file:`…)
/// are errors, since the site must work from `file://` and from any sub-path; so is an empty
/// `href`/`src` (it can only be a template bug). Duplicate ids in a page are reported too.
public struct LinkChecker: Sendable {
    public init() {}

    struct Link {
        var value: String
        var line: Int
    }

    struct Page {
        var ids: Set<String> = []
        var duplicateIDs: [(String, Int)] = []
        var links: [Link] = []
    }

    public func check(_ site: RenderedSite) -> [Diagnostic] {
        xmlInitParser()
        let htmlPaths = site.sortedPaths.filter { $0.hasSuffix(".html") || $0.hasSuffix(".htm") }

        // Parse in parallel (libxml2 is thread-safe for separate documents once initialised);
        // each result goes to its own slot, so the outcome does not depend on scheduling.
        let parsed = parallelMap(htmlPaths.count, chunk: 1) { i in Self.parse(site.files[htmlPaths[i]]!) }
        var pages: [String: Page] = [:]
        for (i, path) in htmlPaths.enumerated() { pages[path] = parsed[i] }

        // Most links repeat from page to page (navigation, breadcrumbs), so each is resolved once
        // per distinct (directory it is resolved against, link); its fragment is checked per use.
        var resolved: [String: Resolution] = [:]
        var diagnostics: [Diagnostic] = []
        for path in htmlPaths {
            let page = pages[path]!
            for (id, line) in page.duplicateIDs {
                diagnostics.append(
                    Diagnostic("duplicate id '\(id)'", at: SourceLocation(path: path, line: line, column: 1)))
            }
            let directory = path.split(separator: "/", omittingEmptySubsequences: false).dropLast()
            for link in page.links {
                let key = Self.cacheKey(link.value, directory: directory)
                let resolution: Resolution
                if let cached = resolved[key] {
                    resolution = cached
                } else {
                    resolution = Self.resolve(link.value, directory: Array(directory), site: site)
                    resolved[key] = resolution
                }
                let problem: String?
                switch resolution {
                case .external: problem = nil
                case .problem(let message): problem = message
                case .file(let target, let fragment):
                    problem = Self.fragmentProblem(link.value, target: target ?? path, fragment: fragment, pages: pages)
                }
                if let problem {
                    diagnostics.append(Diagnostic(problem, at: SourceLocation(path: path, line: link.line, column: 1)))
                }
            }
        }
        return diagnostics
    }

    // MARK: Resolution

    enum Resolution {
        /// Not checked (`https:` and the like).
        case external
        /// A file of the site (nil: the page itself) and the decoded fragment, if any.
        case file(String?, fragment: String?)
        case problem(String)
    }

    /// A link that climbs (`../`) at least as many levels as its page is deep resolves the same way
    /// from every page at that depth, so such links share one cache entry.
    static func cacheKey(_ link: String, directory: ArraySlice<Substring>) -> String {
        var climbs = 0
        var rest = Substring(link)
        while rest.hasPrefix("../") {
            climbs += 1
            rest = rest.dropFirst(3)
        }
        if climbs > 0 && climbs >= directory.count { return "\(climbs - directory.count)\u{0}\(rest)" }
        return directory.joined(separator: "/") + "/\u{0}" + link
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C }

    /// Resolves `raw`, found on a page in `directory` (path components; empty for the root).
    static func resolve(_ raw: String, directory: [Substring], site: RenderedSite) -> Resolution {
        var bytes = Array(raw.utf8)[...]
        while let first = bytes.first, isSpace(first) { bytes = bytes.dropFirst() }
        while let last = bytes.last, isSpace(last) { bytes = bytes.dropLast() }
        if bytes.isEmpty { return .problem("empty link (href or src with no target)") }

        // A scheme: letters, then letters, digits, '+', '-', '.', up to the first ':'.
        if let colon = bytes.firstIndex(of: UInt8(ascii: ":")) {
            let candidate = bytes[..<colon]
            let isScheme =
                !candidate.isEmpty
                && candidate.enumerated().allSatisfy { i, b in
                    let letter = (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b)
                    return letter || (i > 0 && ((0x30...0x39).contains(b) || b == 0x2B || b == 0x2D || b == 0x2E))
                }
            if isScheme {
                let scheme = String(decoding: candidate, as: UTF8.self)
                switch scheme.lowercased() {
                case "http", "https", "mailto", "tel": return .external
                default: return .problem("link '\(raw)' uses the unsupported scheme '\(scheme):'")
                }
            }
        }
        if bytes.starts(with: [0x2F, 0x2F]) {
            return .problem("protocol-relative link '\(raw)' (links must be relative)")
        }
        if bytes.first == 0x2F { return .problem("absolute link '\(raw)' (links must be relative to the page)") }

        var reference = bytes
        var fragment: String? = nil
        if let hash = reference.firstIndex(of: UInt8(ascii: "#")) {
            let encoded = reference[(hash + 1)...]
            reference = reference[..<hash]
            if !encoded.isEmpty {
                guard let decoded = percentDecode(encoded) else { return .problem("link '\(raw)' is not a valid URL") }
                fragment = decoded
            }
        }
        if let question = reference.firstIndex(of: UInt8(ascii: "?")) { reference = reference[..<question] }
        if reference.isEmpty { return .file(nil, fragment: fragment) }
        if reference.last == UInt8(ascii: "/") {
            return .problem("link '\(raw)' names a directory (link to a file such as 'index.html')")
        }
        guard let decoded = percentDecode(reference) else { return .problem("link '\(raw)' is not a valid URL") }

        var components = directory
        for component in decoded.split(separator: "/", omittingEmptySubsequences: false) {
            switch component {
            case "", ".": continue
            case "..":
                if components.isEmpty { return .problem("link '\(raw)' escapes the site root") }
                components.removeLast()
            default: components.append(component)
            }
        }
        let target = components.joined(separator: "/")
        if site.files[target] == nil {
            let prefix = target + "/"
            let isDirectory = site.files.keys.contains { $0.hasPrefix(prefix) }
            return .problem(
                isDirectory
                    ? "link '\(raw)' names a directory (link to a file such as 'index.html')"
                    : "broken link '\(raw)' (no such file)")
        }
        return .file(target, fragment: fragment)
    }

    static func fragmentProblem(_ raw: String, target: String, fragment: String?, pages: [String: Page]) -> String? {
        guard let fragment else { return nil }
        guard let page = pages[target] else {
            return "broken link '\(raw)' (fragment on a file that is not an HTML page)"
        }
        if page.ids.contains(fragment) || fragment.lowercased() == "top" { return nil }
        return "broken link '\(raw)' (no element with id '\(fragment)' in '\(target)')"
    }

    /// Decodes `%XX` escapes; nil when an escape is malformed or the result is not UTF-8.
    static func percentDecode(_ bytes: ArraySlice<UInt8>) -> String? {
        guard bytes.contains(UInt8(ascii: "%")) else { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            if b == UInt8(ascii: "%") {
                guard i + 2 < bytes.endIndex, let h = hexValue(bytes[i + 1]), let l = hexValue(bytes[i + 2]) else {
                    return nil
                }
                out.append(h << 4 | l)
                i += 3
            } else {
                out.append(b)
                i += 1
            }
        }
        return String(validating: out, as: UTF8.self)
    }

    private static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 48...57: b - 48
        case 65...70: b - 55
        case 97...102: b - 87
        default: nil
        }
    }

    // MARK: Parsing

    static func parse(_ bytes: [UInt8]) -> Page {
        var page = Page()
        let options = Int32(HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue)
        let document: htmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(buffer.count, 1)) {
                htmlReadMemory($0, Int32(buffer.count), "page.html", "UTF-8", options)
            }
        }
        guard let document else { return page }
        defer { xmlFreeDoc(document) }
        var seen: [String: Int] = [:]
        var stack: [xmlNodePtr] = []
        if let root = xmlDocGetRootElement(document) { stack.append(root) }
        while let node = stack.popLast() {
            if node.pointee.type == XML_ELEMENT_NODE {
                var line: Int? = nil
                var attribute = node.pointee.properties
                while let current = attribute {
                    attribute = current.pointee.next
                    guard let name = current.pointee.name else { continue }
                    // libxml2's HTML parser lower-cases element and attribute names.
                    switch AttributeKind(name) {
                    case .id, .anchorName:
                        if AttributeKind(name) == .anchorName && !isAnchor(node) { break }
                        let value = attributeValue(document, current)
                        if AttributeKind(name) == .id {
                            let at = line ?? Int(xmlGetLineNo(node))
                            line = at
                            if seen[value] != nil { page.duplicateIDs.append((value, at)) }
                            seen[value] = at
                        }
                        page.ids.insert(value)
                    case .link:
                        let at = line ?? Int(xmlGetLineNo(node))
                        line = at
                        page.links.append(Link(value: attributeValue(document, current), line: at))
                    case .other:
                        break
                    }
                }
            }
            // Children in reverse so that they come off the stack in document order.
            let mark = stack.count
            var child = node.pointee.children
            while let current = child {
                if current.pointee.type == XML_ELEMENT_NODE { stack.append(current) }
                child = current.pointee.next
            }
            stack[mark...].reverse()
        }
        return page
    }

    enum AttributeKind {
        case id, anchorName, link, other

        init(_ name: UnsafePointer<xmlChar>) {
            func equals(_ literal: StaticString) -> Bool {
                let bytes = literal.utf8Start
                var i = 0
                while i < literal.utf8CodeUnitCount {
                    if name[i] != bytes[i] { return false }
                    i += 1
                }
                return name[i] == 0
            }
            if equals("href") || equals("src") {
                self = .link
            } else if equals("id") {
                self = .id
            } else if equals("name") {
                self = .anchorName
            } else {
                self = .other
            }
        }
    }

    private static func isAnchor(_ node: xmlNodePtr) -> Bool {
        guard let name = node.pointee.name else { return false }
        return name[0] == UInt8(ascii: "a") && name[1] == 0
    }

    private static func attributeValue(_ document: htmlDocPtr, _ attribute: xmlAttrPtr) -> String {
        guard let value = xmlNodeListGetString(document, attribute.pointee.children, 1) else { return "" }
        defer { archive_xml_free(value) }
        return String(cString: value)
    }
}
