/// One named day of a calendar: a public holiday or a day of a closure.
///
/// Exported as `{"date": "YYYY-MM-DD", "name": "..."}` (JSON) or as an all-day iCalendar event.
public struct CalendarEntry: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case holiday
        case closure
    }

    public let date: CivilDate
    public let name: String
    public let kind: Kind

    public init(date: CivilDate, name: String, kind: Kind = .holiday) {
        self.date = date
        self.name = name
        self.kind = kind
    }

    /// By date, then holidays before closures, then by name: a stable order for exports.
    public static func < (lhs: CalendarEntry, rhs: CalendarEntry) -> Bool {
        if lhs.date != rhs.date { return lhs.date < rhs.date }
        if lhs.kind != rhs.kind { return lhs.kind == .holiday }
        return lhs.name < rhs.name
    }

    public var description: String { "\(date) \(name)" }
}
