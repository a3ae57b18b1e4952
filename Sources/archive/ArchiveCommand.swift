import ArchiveModel
import ArchivePipeline
import ArgumentParser
import Foundation

@main
struct ArchiveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive",
        abstract: "Builds the static archive of a scientific workshop from Markdown/YAML content.",
        subcommands: [
            BuildCommand.self, CheckCommand.self, ServeCommand.self, NewCommand.self, ImportCommand.self,
            BenchCommand.self,
            JetsCommand.self,
            KernelCommand.self,
            TrainCommand.self,
        ],
        defaultSubcommand: BuildCommand.self
    )
}

/// Options shared by `build` and `check`.
struct SiteOptions: ParsableArguments {
    @Option(help: "The content folder.") var content = "Content"
    @Option(help: "The theme folder (Mustache templates and assets).") var theme = "Themes/default"
    @Option(help: "The output folder; replaced atomically on success.") var output = "Output"

    @Option(help: "Where executed notebook cells are cached (outside the output).") var cache = ".archive-cache"
    @Option(
        help: ArgumentHelp(
            "Where the site is published, e.g. https://host/path/ (overrides the workshop's base_url); "
                + "needed for atom.xml, sitemap.xml and canonical links.", valueName: "URL"))
    var baseURL: String?

    var buildOptions: BuildOptions {
        var options = BuildOptions(
            contentDirectory: content, themeDirectory: theme, outputDirectory: output,
            notebooks: NotebookOptions(cacheDirectory: cache))
        options.baseURL = baseURL
        return options
    }
}

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build", abstract: "Validate, render and write the site (the previous output is kept on failure).")

    @OptionGroup var site: SiteOptions
    @Flag(help: "Print one line per executed notebook cell: 'PATH:LINE: executed: REASON'.") var why = false
    @Option(help: "Re-execute the cells of this notebook (repeatable).") var refresh: [String] = []
    @Flag(help: "Re-execute every notebook cell.") var refreshAll = false

    func run() throws {
        let start = DispatchTime.now().uptimeNanoseconds
        if !why { print("Building \(site.content) → \(site.output)") }
        var options = site.buildOptions
        options.notebooks.refreshPaths = refresh
        options.notebooks.refreshAll = refreshAll
        let summary: BuildSummary
        do {
            summary = try ArchivePipeline.build(options)
        } catch {
            reportFailure(error)
            throw ExitCode.failure
        }
        reportWarnings(summary.warnings)
        if why {
            // Only the --why lines on stdout, so scripts can read them; the summary goes to stderr.
            for line in summary.notebookReport?.whyLines ?? ["0 cells executed"] { print(line) }
        }
        var lines: [String] = []
        for (stage, seconds) in summary.stageSeconds {
            lines.append("  \(stage): \(milliseconds(seconds))")
        }
        if let report = summary.notebookReport {
            lines.append("  notebook cells: \(report.executedCount) executed, \(report.cachedCount) from the cache")
            for results in report.results.values.sorted(by: {
                $0.first?.cell.notebookPath ?? "" < $1.first?.cell.notebookPath ?? ""
            }) {
                for result in results where result.executionReason != nil {
                    lines.append(
                        "    \(result.cell.notebookPath):\(result.cell.location.line): \(result.cell.kernelName) "
                            + "\(milliseconds(result.seconds))")
                }
            }
        }
        let total = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        lines.append(
            (summary.outputChanged ? "Wrote" : "Output unchanged:")
                + " \(summary.pageCount) pages (\(summary.site.files.count) files): "
                + "\(summary.content.talks.count) talks, \(summary.content.sessions.count) sessions, "
                + "\(summary.content.people.count) people in \(milliseconds(total)).")
        let text = lines.joined(separator: "\n") + "\n"
        if why { FileHandle.standardError.write(Data(text.utf8)) } else { print(text, terminator: "") }
    }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the content and every internal link and anchor; writes nothing.")

    @OptionGroup var site: SiteOptions
    @Option(
        help: ArgumentHelp(
            "Also print each problem on stdout in this form: 'github' writes workflow commands "
                + "(::error file=…,line=…,col=…::message) that annotate a pull request's lines."))
    var format: DiagnosticFormat = .text

    func run() throws {
        let problems = ArchivePipeline.check(site.buildOptions)
        if format == .github {
            for problem in DiagnosticList(problems).diagnostics { print(problem.githubAnnotation) }
        }
        guard !problems.contains(where: \.isError) else {
            reportFailure(DiagnosticList(problems))
            throw ExitCode.failure
        }
        reportWarnings(problems)
        print("No problems found in \(site.content) (content, templates, internal links and anchors).")
    }
}

/// How `check` prints its problems on stdout besides the `path:line:col:` lines on stderr.
enum DiagnosticFormat: String, ExpressibleByArgument, CaseIterable {
    case text, github
}

/// Diagnostics go to stderr, one per line, followed by a count.
func reportFailure(_ error: Error) {
    let diagnostics: [Diagnostic]
    switch error {
    case let list as DiagnosticList: diagnostics = list.diagnostics
    case let single as Diagnostic: diagnostics = [single]
    default: diagnostics = [Diagnostic("\(error)", at: nil)]
    }
    let errors = diagnostics.filter(\.isError).count
    var text = diagnostics.map(\.description).joined(separator: "\n")
    text += "\n\(errors) error\(errors == 1 ? "" : "s")" + otherCounts(diagnostics) + "; nothing was written.\n"
    FileHandle.standardError.write(Data(text.utf8))
}

/// Warnings of a build that went ahead go to stderr, one per line, followed by a count.
func reportWarnings(_ warnings: [Diagnostic]) {
    guard !warnings.isEmpty else { return }
    let text = warnings.map(\.description).joined(separator: "\n") + "\n" + otherCounts(warnings).dropFirst(2) + ".\n"
    FileHandle.standardError.write(Data(text.utf8))
}

/// ", 2 warnings, 1 note": the diagnostics that are not errors, by kind.
private func otherCounts(_ diagnostics: [Diagnostic]) -> String {
    var text = ""
    for (severity, name) in [(Diagnostic.Severity.warning, "warning"), (.note, "note")] {
        let count = diagnostics.filter { $0.severity == severity }.count
        if count > 0 { text += ", \(count) \(name)\(count == 1 ? "" : "s")" }
    }
    return text
}

func milliseconds(_ seconds: Double) -> String {
    String(format: "%.1f ms", seconds * 1000)
}
