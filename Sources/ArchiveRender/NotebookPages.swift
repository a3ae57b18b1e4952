import ArchiveIndex
import ArchiveModel

/// Notebook pages (`notebooks/<id>/index.html`), their downloads beside the page (each table's
/// `<cell>-<table>.csv|json`, each plot's points as `<cell>-<plot>.csv`) and the notebooks index.
extension PageBuilder {

    /// Links to the notebooks that name a talk or session, for that page's "Notebooks" list.
    func notebookRefs(relatedTo id: String) -> [Context] {
        index.notebooks(relatedTo: id).map { executed in
            ["title": executed.notebook.title, "href": href(SiteURLs.notebook(executed.notebook.id))]
        }
    }

    mutating func notebooksPage() -> Context {
        var context = page(
            root: "../", title: "Notebooks",
            description: "Demo notebooks of \(index.workshop.shortTitle), computed when the site was built.",
            current: SiteURLs.notebooks, crumbs: [("Home", SiteURLs.home)], crumbTitle: "Notebooks")
        context["notebooks"] = index.notebooks.map { executed -> Context in
            let tables = executed.results.reduce(0) { $0 + $1.output.tables.count }
            let plots = executed.results.reduce(0) { $0 + $1.output.plots.count }
            var contents = [Format.count(tables, "table", "tables")]
            if plots > 0 { contents.append(Format.count(plots, "plot", "plots")) }
            return [
                "title": executed.notebook.title, "href": href(SiteURLs.notebook(executed.notebook.id)),
                "summary": executed.notebook.summary ?? "", "hasSummary": executed.notebook.summary != nil,
                "authors": Format.list(executed.notebook.authors), "hasAuthors": !executed.notebook.authors.isEmpty,
                "contents": Format.list(contents) + " computed at build time",
                "related": relatedRefs(executed.notebook), "hasRelated": !executed.notebook.related.isEmpty,
            ]
        }
        context["hasNotebooks"] = !index.notebooks.isEmpty
        return context
    }

    func relatedRefs(_ notebook: Notebook) -> [Context] {
        notebook.related.map { id -> Context in
            if let talk = index.talk(id) {
                return ["title": talk.title, "href": href(SiteURLs.talk(id)), "kind": "Talk"]
            }
            let session = index.session(id)
            return ["title": session?.title ?? id, "href": href(SiteURLs.session(id)), "kind": "Session"]
        }
    }

    /// The page and its download files.
    mutating func notebookPage(_ executed: ExecutedNotebook) -> (context: Context, downloads: [String: [UInt8]]) {
        let notebook = executed.notebook
        var context = page(
            root: "../../", title: notebook.title,
            description: notebook.summary
                ?? "\(notebook.title): a notebook of \(index.workshop.shortTitle) computed at build time.",
            current: SiteURLs.notebook(notebook.id),
            crumbs: [("Home", SiteURLs.home), ("Notebooks", SiteURLs.notebooks)], crumbTitle: notebook.title)
        var downloads: [String: [UInt8]] = [:]
        var segments: [Context] = []
        let results = Dictionary(executed.results.map { ($0.cell.ordinal, $0) }, uniquingKeysWith: { a, _ in a })
        for segment in notebook.segments {
            switch segment {
            case .markdown(let text):
                // cmark-gfm's HTML of the prose, as for abstracts.
                segments.append(["isProse": true, "proseHTML": markdown.html(text, topLevel: 2), "cell": false])
            case .cell(let ordinal):
                guard let result = results[ordinal] else { continue }
                let cell = ResultViews.cell(result, ordinal: ordinal, sourceDate: executed.sourceDate)
                for table in result.output.tables {
                    let stem = ResultViews.stem(ordinal: ordinal, id: table.id)
                    downloads[SiteURLs.notebookFolder(notebook.id) + stem + ".csv"] = Array(
                        ResultFormat.csv(table).utf8)
                    downloads[SiteURLs.notebookFolder(notebook.id) + stem + ".json"] = Array(
                        ResultFormat.json(
                            table, provenance: result.provenance, sourceDate: executed.sourceDate
                        ).utf8)
                }
                for plot in result.output.plots {
                    let stem = ResultViews.stem(ordinal: ordinal, id: plot.id)
                    downloads[SiteURLs.notebookFolder(notebook.id) + stem + ".csv"] = Array(ResultFormat.csv(plot).utf8)
                }
                segments.append(["isProse": false, "proseHTML": "", "cell": cell])
            }
        }
        let folder = SiteURLs.notebookFolder(notebook.id)
        let jupyter = JupyterNotebook(
            executed,
            tableHTML: { table, ordinal in
                let id = ResultViews.stem(ordinal: ordinal, id: table.id)
                return fragment(.resultTable, ResultViews.table(table, id: id, cell: ordinal + 1))
            },
            plotCSV: { plot, ordinal in ResultViews.stem(ordinal: ordinal, id: plot.id) + ".csv" })
        downloads[folder + notebook.id + ".ipynb"] = jupyter.json()
        context["notebook"] =
            [
                "ipynb": notebook.id + ".ipynb",
                "title": notebook.title, "authors": Format.list(notebook.authors),
                "hasAuthors": !notebook.authors.isEmpty,
                "related": relatedRefs(notebook), "hasRelated": !notebook.related.isEmpty,
                "sourceDate": executed.sourceDate,
            ] as Context
        context["segments"] = segments
        return (context, downloads)
    }
}
