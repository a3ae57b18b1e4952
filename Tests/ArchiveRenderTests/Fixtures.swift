import ArchiveModel

/// Small hand-built content, shaped like the real archive: three sessions on two days (and a day
/// without any), a break, an empty block, a talk with no speaker, a hostile title and abstract,
/// TeX math, a person without affiliation and one with aliases.
enum Fixtures {
    static func day(_ d: Int) -> CalendarDay { CalendarDay(year: 2020, month: 10, day: d) }
    static func time(_ h: Int, _ m: Int) -> TimeOfDay { TimeOfDay(hour: h, minute: m) }

    static func content() -> ArchiveContent {
        let tracks = [
            Track(
                id: "ml-for-simulation", number: 3, title: "ML for simulation and surrogate model",
                summary: "Application of Machine Learning to simulation"),
            Track(id: "fast-ml", number: 4, title: "Fast ML", summary: nil),
            Track(id: "other", number: 13, title: "Other", summary: nil),
        ]
        let workshop = Workshop(
            title: "4th Inter-experiment Machine Learning Workshop", shortTitle: "IML Workshop 2020",
            series: "Inter-experiment Machine Learning Workshop", edition: 4,
            startDate: day(19), endDate: day(21), timeZone: "Europe/Zurich", timeZoneAbbreviation: "CEST",
            venue: "CERN (remote)", organisers: ["pietro-vischia"], tracks: tracks, registrations: 962,
            links: [Link(title: "Indico event", url: "https://indico.cern.ch/event/852553/")],
            sourceDate: ZonedDateTime(day: day(23), time: time(18, 0), utcOffsetMinutes: 120),
            descriptionMarkdown:
                "The fourth annual workshop of the **IML** working group.\n\n# Structure\n\nTalks and tutorials.\n",
            sourcePath: "Content/workshop.md")

        let sessions = [
            Session(
                id: "plenary-tuesday-morning", title: "Plenary: Tuesday morning", kind: .plenary, day: day(20),
                start: time(10, 0), end: time(12, 0), utcOffsetMinutes: 120,
                conveners: ["pietro-vischia", "david-rousseau"],
                breaks: [Break(title: "Coffee break", start: time(10, 55), durationMinutes: 10)],
                descriptionMarkdown: "Morning plenary.", sourcePath: "Content/sessions/plenary-tuesday-morning.md"),
            Session(
                id: "data-science-seminar", title: "Data Science Seminar", kind: .seminar, day: day(20),
                start: time(15, 0), end: time(16, 0), utcOffsetMinutes: 120, conveners: [],
                breaks: [], descriptionMarkdown: nil, sourcePath: "Content/sessions/data-science-seminar.md"),
            Session(
                id: "hls4ml-tutorial", title: "hls4ml tutorial", kind: .tutorial, day: day(19),
                start: time(14, 0), end: time(17, 0), utcOffsetMinutes: 120, conveners: ["david-rousseau"],
                breaks: [], descriptionMarkdown: nil, sourcePath: "Content/sessions/hls4ml-tutorial.md"),
        ].sorted { $0.id < $1.id }

        let talks = [
            Talk(
                id: "ganplifying", title: "GANplifying Event Samples", session: "plenary-tuesday-morning",
                start: time(10, 25), durationMinutes: 30, speakers: ["sascha-diefenbacher"],
                tracks: ["ml-for-simulation"], recording: .recorded, recordingNote: nil,
                materials: Materials(slides: "https://example.org/slides.pdf", arxiv: ["2008.06545"]),
                abstractMarkdown:
                    "Generative models in the full detector $\\eta$ range and $p_T > 20$ GeV, $\\{a_1, b_2\\}$ and *emphasis*.\n\nBased on arxiv.org/abs/2008.06545",
                sourcePath: "Content/talks/ganplifying.md"),
            Talk(
                id: "introduction", title: "Introduction", session: "plenary-tuesday-morning",
                start: time(10, 0), durationMinutes: 25, speakers: ["pietro-vischia"], tracks: ["other"],
                recording: .notRecorded, recordingNote: "slow internet connection", materials: Materials(),
                abstractMarkdown: nil, sourcePath: "Content/talks/introduction.md"),
            Talk(
                id: "hostile", title: "<script>alert(1)</script> & \"quotes\"", session: "plenary-tuesday-morning",
                start: time(11, 5), durationMinutes: 20, speakers: ["kazuhiro-terao", "sascha-diefenbacher"],
                tracks: ["fast-ml", "other"], recording: .videoWithRecordedQA, recordingNote: nil,
                materials: Materials(),
                abstractMarkdown:
                    "Before <script>alert('x')</script> after.\n\n<div onclick=\"evil()\">block</div>\n\n[click](javascript:alert(1)) and [ok](https://example.org/) ![img](https://example.org/i.png) [rel](../etc/passwd)\n",
                sourcePath: "Content/talks/hostile.md"),
            Talk(
                id: "wrap-up", title: "Conclusion and wrap-up", session: "plenary-tuesday-morning",
                start: time(11, 50), durationMinutes: 10, speakers: [], tracks: ["other"],
                recording: .unknown, recordingNote: nil, materials: Materials(), abstractMarkdown: nil,
                sourcePath: "Content/talks/wrap-up.md"),
            Talk(
                id: "hls4ml-intro", title: "hls4ml introduction", session: "hls4ml-tutorial",
                start: time(14, 0), durationMinutes: 60, speakers: ["kazuhiro-terao"], tracks: ["fast-ml"],
                recording: .recorded, recordingNote: nil,
                materials: Materials(code: "https://github.com/fastmachinelearning/hls4ml"),
                abstractMarkdown: "| a | b |\n|---|---|\n| 1 | ~~2~~ |\n", sourcePath: "Content/talks/hls4ml-intro.md"),
        ].sorted { $0.id < $1.id }

        let people = [
            Person(
                id: "pietro-vischia", name: "Pietro Vischia",
                affiliations: ["Universite Catholique de Louvain (UCL) (BE)"], aliases: [],
                sortKey: "Vischia, Pietro", sourcePath: "Content/people/pietro-vischia.md"),
            Person(
                id: "david-rousseau", name: "David Rousseau", affiliations: ["LAL-Orsay, FR", "IJCLab-Orsay"],
                aliases: ["D. Rousseau"], sortKey: "Rousseau, David", sourcePath: "Content/people/david-rousseau.md"),
            Person(
                id: "sascha-diefenbacher", name: "Sascha Daniel Diefenbacher",
                affiliations: ["Hamburg University (DE)"],
                aliases: [], sortKey: "Diefenbacher, Sascha Daniel", sourcePath: "Content/people/sascha-diefenbacher.md"
            ),
            Person(
                id: "kazuhiro-terao", name: "Kazuhiro Terao", affiliations: [], aliases: ["kazuhiro terao"],
                sortKey: "Terao, Kazuhiro", sourcePath: "Content/people/kazuhiro-terao.md"),
            Person(
                id: "zoe-ahlund", name: "Zoë Åhlund", affiliations: [], aliases: [],
                sortKey: "Åhlund, Zoë", sourcePath: "Content/people/zoe-ahlund.md"),
        ].sorted { $0.id < $1.id }

        return ArchiveContent(workshop: workshop, sessions: sessions, talks: talks, people: people)
    }
}
