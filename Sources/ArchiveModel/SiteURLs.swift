/// Where each page of the site is written, relative to the site root. Every page is an
/// `index.html` in a folder of its own, and links always name that file, so the site works
/// from `file://` as well as from a server. The renderer and the tests share these paths.
public enum SiteURLs {
    public static let home = "index.html"
    public static let tracks = "tracks/index.html"
    public static let people = "people/index.html"
    public static let notebooks = "notebooks/index.html"
    /// Lists of every talk, session and day, so that no folder of pages lacks an index.html
    /// (opened from disk, a folder shows a raw directory listing).
    public static let talks = "talks/index.html"
    public static let sessions = "sessions/index.html"
    public static let days = "days/index.html"
    public static let search = "search/index.html"

    public static func day(_ day: CalendarDay) -> String { "days/\(day)/index.html" }
    public static func session(_ id: SessionID) -> String { "sessions/\(id)/index.html" }
    public static func talk(_ id: TalkID) -> String { "talks/\(id)/index.html" }
    public static func track(_ id: TrackID) -> String { "tracks/\(id)/index.html" }
    public static func person(_ id: PersonID) -> String { "people/\(id)/index.html" }
    public static func notebook(_ id: String) -> String { "notebooks/\(id)/index.html" }
    /// The folder of a notebook's page, which also holds its downloads.
    public static func notebookFolder(_ id: String) -> String { "notebooks/\(id)/" }
}
