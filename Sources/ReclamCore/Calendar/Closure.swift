import Foundation

/// Days the organisation is closed (`calendar.closures` in `reclam.yml`): one day or an
/// inclusive range, with the name shown when a deadline skips it ("Fermeture de fin d'année").
///
/// Closures stop the count of working days and business hours, not of "jours ouvrables"
/// (a legal notion that ignores the organisation's own schedule) nor of calendar days.
public struct Closure: Sendable, Hashable, Codable, CustomStringConvertible {
    public let name: String
    /// First closed day.
    public let from: CivilDate
    /// Last closed day (inclusive).
    public let to: CivilDate

    /// A single closed day.
    public init(name: String, date: CivilDate) throws {
        try self.init(name: name, from: date, to: date)
    }

    /// An inclusive range of closed days.
    public init(name: String, from: CivilDate, to: CivilDate) throws {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            throw CalendarError.invalidClosure(name: "\(from)", reason: "a closure needs a name, shown when a deadline skips it")
        }
        guard from <= to else {
            throw CalendarError.invalidClosure(name: trimmed, reason: "it ends (\(to)) before it starts (\(from))")
        }
        self.name = trimmed
        self.from = from
        self.to = to
    }

    public func contains(_ date: CivilDate) -> Bool { from <= date && date <= to }

    /// The closed days that fall in `year`.
    public func days(in year: Int) -> [CivilDate] {
        let first = max(from, CivilDate(unchecked: year, 1, 1))
        let last = min(to, CivilDate(unchecked: year, 12, 31))
        guard first <= last else { return [] }
        return (0...last.days(since: first)).map { first.adding(days: $0) }
    }

    public var description: String {
        from == to ? "\(from) \(name)" : "\(from)..\(to) \(name)"
    }
}
