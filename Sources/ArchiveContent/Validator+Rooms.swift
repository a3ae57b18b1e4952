import ArchiveModel

extension Validator {
    /// Sessions in one room (sessions without a `room` share the venue) must not overlap on a day;
    /// each overlap is reported at the later session's start, naming the other's file and line.
    func checkRooms(_ sessions: [SessionDraft]) {
        var byRoom: [String: [Slot]] = [:]
        for session in sessions {
            guard let day = session.day?.value, let start = session.start, let end = session.end?.value,
                start.value < end
            else { continue }
            let room = session.room ?? ""
            byRoom["\(day) \(room)", default: []].append(
                Slot(
                    start: start.value, end: end, location: start.location,
                    ownName: "session",
                    otherName: "session \(session.path):\(start.location.line) in "
                        + (session.room.map { "room '\($0)'" } ?? "the venue (neither names a room)")))
        }
        for key in byRoom.keys.sorted() {
            reportOverlaps(
                byRoom[key]!, sessionPath: byRoom[key]![0].location.path,
                scope: "in this room on this day (give parallel sessions different rooms)")
        }
    }
}
