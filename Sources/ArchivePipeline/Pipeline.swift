import ArchiveCheck
import ArchiveContent
import ArchiveIndex
import ArchiveModel
import ArchiveNotebooks
import ArchiveRender
import ArchiveWriter
import NotebookKernels

/// Where a build reads from and writes to; paths as the user gave them.
public struct BuildOptions: Sendable {
    public var contentDirectory: String
    public var themeDirectory: String
    public var outputDirectory: String
    public var notebooks: NotebookOptions
    /// The kernels notebook cells may call.
    public var kernels: KernelRegistry
    /// Overrides the workshop's `base_url` (checked like it).
    public var baseURL: String?

    public init(
        contentDirectory: String = "Content", themeDirectory: String = "Themes/default",
        outputDirectory: String = "Output", notebooks: NotebookOptions = NotebookOptions(),
        kernels: KernelRegistry = KernelCatalog.standard
    ) {
        self.contentDirectory = contentDirectory
        self.themeDirectory = themeDirectory
        self.outputDirectory = outputDirectory
        self.notebooks = notebooks
        self.kernels = kernels
    }
}

/// What a finished stage sequence produced, for the CLI's summary.
public struct BuildSummary: Sendable {
    public var site: RenderedSite
    public var content: ArchiveContent
    /// What the notebook stage did (nil when the content has no notebooks).
    public var notebookReport: NotebookEngine.Report?
    public var stageSeconds: [(stage: String, seconds: Double)]
    /// Possible mistakes in the content that did not stop the build.
    public var warnings: [Diagnostic] = []
    /// False when the output folder already held exactly this site (nothing was written).
    public var outputChanged = true

    public var pageCount: Int { site.files.keys.filter { $0.hasSuffix(".html") }.count }
}

/// The pipeline: load → validate → execute notebooks → index → render → check → write. Every stage either returns a
/// value for the next one or throws a `DiagnosticList`; nothing touches the output folder until the
/// whole site exists in memory and has passed the link check.
public enum ArchivePipeline {
    /// Runs every stage up to and including the link check, in memory.
    public static func renderAndCheck(
        _ options: BuildOptions,
        clock: StageClock = StageClock()
    ) throws -> BuildSummary {
        var clock = clock
        var content: ArchiveContent
        var warnings: [Diagnostic]
        do {
            (content, warnings) = try clock.measure("load + validate") {
                try ContentLoader(contentDirectory: options.contentDirectory).loadReportingWarnings()
            }
        } catch let contentProblems as DiagnosticList {
            // The notebooks' own mistakes in the same run: a maintainer should not fix one list
            // to meet the next.
            var all = contentProblems.diagnostics
            do { _ = try NotebookStage.read(contentDirectory: options.contentDirectory, relatedIDs: nil) } catch let
                list as DiagnosticList
            {
                all += list.diagnostics
            }
            throw DiagnosticList(all)
        }
        if let baseURL = options.baseURL {
            if let problem = Workshop.baseURLProblem(baseURL) {
                throw DiagnosticList([Diagnostic("invalid --base-url '\(baseURL)': \(problem)", at: nil)])
            }
            content.workshop.baseURL = baseURL
        }
        if content.workshop.baseURL == nil {
            warnings.append(
                Diagnostic(
                    "no base URL: atom.xml and sitemap.xml are not written and pages have no canonical links "
                        + "(give archive build --base-url https://host/path/ or the workshop key base_url)",
                    at: nil, severity: .warning))
        }
        let notebooks = try clock.measure("notebooks") {
            try NotebookStage.run(
                contentDirectory: options.contentDirectory, content: content,
                registry: options.kernels, options: options.notebooks)
        }
        warnings += notebooks.notebooks.flatMap(\.notebook.notes)
        let index = clock.measure("index") { SiteIndex(content: content, notebooks: notebooks.notebooks) }
        let theme = try clock.measure("theme") { try Theme(directory: options.themeDirectory) }
        let site = try clock.measure("render") { try SiteRenderer(theme: theme).render(index) }
        let problems = clock.measure("link check") { LinkChecker().check(site) }
        if !problems.isEmpty { throw DiagnosticList(warnings + problems) }
        var summary = BuildSummary(
            site: site, content: content, notebookReport: notebooks.report,
            stageSeconds: clock.stages)
        summary.warnings = warnings
        return summary
    }

    /// `archive build`: everything, then the atomic write of the output folder.
    public static func build(_ options: BuildOptions) throws -> BuildSummary {
        try OutputGuard.checkLocation(
            output: options.outputDirectory,
            protected: [
                ("content", options.contentDirectory), ("theme", options.themeDirectory),
                ("notebook cache", options.notebooks.cacheDirectory),
            ])
        var summary = try renderAndCheck(options)
        var clock = StageClock()
        try clock.measure("write") {
            summary.outputChanged = try SiteWriter(outputDirectory: options.outputDirectory).write(summary.site)
        }
        summary.stageSeconds += clock.stages
        return summary
    }

    /// `archive check`: every stage but the write; returns the problems found, warnings included
    /// (no error when consistent).
    public static func check(_ options: BuildOptions) -> [Diagnostic] {
        do {
            return try renderAndCheck(options).warnings
        } catch let list as DiagnosticList {
            return list.diagnostics
        } catch let diagnostic as Diagnostic {
            return [diagnostic]
        } catch {
            return [Diagnostic("\(error)", at: nil)]
        }
    }
}
