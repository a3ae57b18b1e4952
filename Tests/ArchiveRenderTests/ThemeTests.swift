import ArchiveModel
import ArchiveRender
import Foundation
import Testing

@Suite("Theme")
struct ThemeTests {
    /// A copy of the default theme in a temporary directory, with `edit` applied (the caller
    /// removes the directory's parent).
    func themeCopy(_ edit: (String) throws -> Void) throws -> String {
        let directory = try Support.temporaryDirectory() + "/theme"
        try FileManager.default.copyItem(atPath: Support.themeDirectory, toPath: directory)
        try edit(directory)
        return directory
    }

    func diagnostics(_ directory: String) -> [Diagnostic] {
        do {
            _ = try Theme(directory: directory)
            return []
        } catch let list as DiagnosticList {
            return list.diagnostics
        } catch {
            return [Diagnostic("\(error)", at: nil)]
        }
    }

    @Test func defaultThemeLoads() throws {
        let theme = try Support.theme()
        #expect(Set(Theme.Template.allCases.map(\.rawValue)).isSubset(of: Set(theme.templateNames)))
        #expect(theme.assets["assets/style.css"] != nil)
        let css = String(decoding: theme.assets["assets/style.css"]!, as: UTF8.self)
        #expect(css.contains("prefers-color-scheme: dark"))
        #expect(css.contains("@media print"))
        #expect(css.contains(":focus-visible"))
        #expect(!css.contains("@import"))
        #expect(!css.contains("url("))  // nothing loaded from anywhere
    }

    @Test func syntaxErrorsAreReportedWithPosition() throws {
        let directory = try themeCopy { dir in
            try "{{% CONTENT_TYPE: HTML }}\n<p>ok</p>\n<p>{{#broken}}never closed</p>\n".write(
                toFile: dir + "/talk.mustache", atomically: true, encoding: .utf8)
            try "{{% CONTENT_TYPE: HTML }}\n{{/nothing}}\n".write(
                toFile: dir + "/person.mustache", atomically: true, encoding: .utf8)
        }
        defer { try? FileManager.default.removeItem(atPath: (directory as NSString).deletingLastPathComponent) }
        let found = diagnostics(directory)
        #expect(found.count == 2)
        let talk = found.first { $0.location?.path == directory + "/talk.mustache" }
        #expect(talk?.message.contains("template syntax error") == true)
        #expect((talk?.location?.line ?? 0) >= 3)
        let person = found.first { $0.location?.path == directory + "/person.mustache" }
        #expect(person?.location?.line == 2)
        #expect(person?.description.hasPrefix(directory + "/person.mustache:2:") == true)
    }

    @Test func missingTemplatesAndPartialsAreReported() throws {
        let directory = try themeCopy { dir in
            try FileManager.default.removeItem(atPath: dir + "/tracks.mustache")
            try "{{% CONTENT_TYPE: HTML }}\n<p>\n  {{> nowhere }}</p>\n".write(
                toFile: dir + "/people.mustache", atomically: true, encoding: .utf8)
        }
        defer { try? FileManager.default.removeItem(atPath: (directory as NSString).deletingLastPathComponent) }
        let found = diagnostics(directory)
        #expect(found.map(\.message).contains("theme has no template 'tracks.mustache'"))
        let partial = found.first { $0.message.contains("'nowhere'") }
        #expect(partial?.location == SourceLocation(path: directory + "/people.mustache", line: 3, column: 3))
    }

    /// Each template the renderer uses, deleted in turn from a copy of the theme, is an error
    /// naming its file (a missing one once rendered blank pages).
    @Test(arguments: Theme.Template.allCases)
    func everyRequiredTemplateIsRequired(_ template: Theme.Template) throws {
        let directory = try themeCopy { dir in try FileManager.default.removeItem(atPath: dir + "/" + template.fileName)
        }
        defer { try? FileManager.default.removeItem(atPath: (directory as NSString).deletingLastPathComponent) }
        let found = diagnostics(directory)
        #expect(
            found.contains(
                Diagnostic(
                    "theme has no template '\(template.fileName)'",
                    at: SourceLocation(path: directory + "/" + template.fileName))))
    }

    @Test func missingDirectory() {
        #expect(
            diagnostics("/nonexistent/theme").first?.message == "theme directory '/nonexistent/theme' does not exist")
    }
}
