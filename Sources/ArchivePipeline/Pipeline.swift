import ArchiveCheck
import ArchiveContent
import ArchiveIndex
import ArchiveModel
import ArchiveRender
import ArchiveWriter

/// Where a build reads from and writes to; paths as the user gave them.
public struct BuildOptions: Sendable {
    public var contentDirectory: String
    public var themeDirectory: String
    public var outputDirectory: String

    public init(contentDirectory: String = "Content", themeDirectory: String = "Themes/default",
                outputDirectory: String = "Output") {
        self.contentDirectory = contentDirectory
        self.themeDirectory = themeDirectory
        self.outputDirectory = outputDirectory
    }
}

/// What a finished stage sequence produced, for the CLI's summary.
public struct BuildSummary: Sendable {
    public var site: RenderedSite
    public var content: ArchiveContent
    public var stageSeconds: [(stage: String, seconds: Double)]

    public var pageCount: Int { site.files.keys.filter { $0.hasSuffix(".html") }.count }
}

/// The pipeline: load → validate → index → render → check → write. Every stage either returns a
/// value for the next one or throws a `DiagnosticList`; nothing touches the output folder until the
/// whole site exists in memory and has passed the link check.
public enum ArchivePipeline {
    /// Runs every stage up to and including the link check, in memory.
    public static func renderAndCheck(_ options: BuildOptions,
                                      clock: StageClock = StageClock()) throws -> BuildSummary {
        var clock = clock
        let content = try clock.measure("load + validate") {
            try ContentLoader(contentDirectory: options.contentDirectory).load()
        }
        let index = clock.measure("index") { SiteIndex(content: content) }
        let theme = try clock.measure("theme") { try Theme(directory: options.themeDirectory) }
        let site = try clock.measure("render") { try SiteRenderer(theme: theme).render(index) }
        let problems = clock.measure("link check") { LinkChecker().check(site) }
        if !problems.isEmpty { throw DiagnosticList(problems) }
        return BuildSummary(site: site, content: content, stageSeconds: clock.stages)
    }

    /// `archive build`: everything, then the atomic write of the output folder.
    public static func build(_ options: BuildOptions) throws -> BuildSummary {
        var summary = try renderAndCheck(options)
        var clock = StageClock()
        try clock.measure("write") { try SiteWriter(outputDirectory: options.outputDirectory).write(summary.site) }
        summary.stageSeconds += clock.stages
        return summary
    }

    /// `archive check`: every stage but the write; returns the problems found (empty when consistent).
    public static func check(_ options: BuildOptions) -> [Diagnostic] {
        do {
            _ = try renderAndCheck(options)
            return []
        } catch let list as DiagnosticList {
            return list.diagnostics
        } catch let diagnostic as Diagnostic {
            return [diagnostic]
        } catch {
            return [Diagnostic("\(error)", at: nil)]
        }
    }
}
