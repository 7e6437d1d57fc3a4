import Foundation

/// Turns days and wall-clock times of the ledger's time zone into instants and back.
///
/// Every local computation goes through a Foundation `Calendar` set to the time zone, so
/// daylight-saving changes are handled by the system time-zone database: a local day may last
/// 23, 24 or 25 hours and its length is never assumed.
package struct LocalClock: Sendable, Equatable {
    let timeZone: TimeZone
    private let calendar: Calendar
    private let offsets: ZoneOffsets

    package init(timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.timeZone = timeZone
        self.calendar = calendar
        self.offsets = ZoneOffsets(timeZone)
    }

    package static func == (lhs: LocalClock, rhs: LocalClock) -> Bool { lhs.timeZone == rhs.timeZone }

    /// The zone's offset from UTC at an instant, in seconds.
    func secondsFromGMT(for instant: Date) -> Int { offsets.seconds(at: instant) }

    /// The local day an instant falls on.
    func day(of instant: Date) -> CivilDate {
        // Fast path: the zone's offset at that instant gives the local wall time directly.
        // Foundation's Calendar was most of the cost of `reclam sla` on a large ledger.
        let local = instant.timeIntervalSince1970 + TimeInterval(secondsFromGMT(for: instant))
        if local.isFinite, abs(local) < 1e12 {
            return CivilDate(dayNumber: Int((local / 86_400).rounded(.down)))
        }
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        return CivilDate(unchecked: parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }

    /// The first instant of a local day. Noon exists on every day of every zone, while midnight
    /// is skipped by a few zones on their change day, hence the detour through noon.
    package func startOfDay(_ day: CivilDate) -> Date {
        // Fast path: local midnight is UTC midnight minus the offset in force then; accepted
        // only when that offset is consistent, i.e. midnight exists on that day.
        let utcMidnight = TimeInterval(day.dayNumber) * 86_400
        let guess = Date(
            timeIntervalSince1970: utcMidnight - TimeInterval(secondsFromGMT(for: Date(timeIntervalSince1970: utcMidnight))))
        let offset = secondsFromGMT(for: guess)
        let candidate = Date(timeIntervalSince1970: utcMidnight - TimeInterval(offset))
        if secondsFromGMT(for: candidate) == offset {
            return candidate
        }
        let noon = DateComponents(year: day.year, month: day.month, day: day.day, hour: 12)
        guard let date = calendar.date(from: noon) else { return approximate(day, minute: 0) }
        return calendar.startOfDay(for: date)
    }

    /// The last instant of a local day as stored in deadlines: 1 ms before the next local
    /// midnight (23:59:59.999), so that the deadline still belongs to its day.
    func endOfDay(_ day: CivilDate) -> Date {
        startOfDay(day.adding(days: 1)).addingTimeInterval(-0.001)
    }

    /// The instant of a local wall-clock time, `minute` minutes after midnight (1440 = the next
    /// midnight). A wall time skipped by a spring-forward change resolves to the instant
    /// Foundation picks (the same clock reading after the change).
    package func instant(_ day: CivilDate, minute: Int) -> Date {
        if minute >= 1440 { return startOfDay(day.adding(days: 1)) }
        if minute == 0 { return startOfDay(day) }
        let parts = DateComponents(
            year: day.year, month: day.month, day: day.day,
            hour: minute / 60, minute: minute % 60)
        return calendar.date(from: parts) ?? approximate(day, minute: minute)
    }

    /// Seconds in a local day (86 400, or 82 800 / 90 000 on daylight-saving change days).
    func length(of day: CivilDate) -> TimeInterval {
        startOfDay(day.adding(days: 1)).timeIntervalSince(startOfDay(day))
    }

    /// Only reached if Foundation refuses valid components: UTC arithmetic with today's offset.
    private func approximate(_ day: CivilDate, minute: Int) -> Date {
        let utc = Date(timeIntervalSince1970: TimeInterval(day.dayNumber * 86_400 + minute * 60))
        return utc.addingTimeInterval(-TimeInterval(secondsFromGMT(for: utc)))
    }
}

/// A zone's offsets as a table of transitions, built once per clock: asking ICU for the offset
/// of each instant took a twentieth of `reclam sla` on 100 000 cases, on every core. Instants
/// outside the table's years are asked of the zone itself.
final class ZoneOffsets: Sendable {
    private let timeZone: TimeZone
    /// Seconds since 1970 at which an offset starts, ascending, and that offset.
    private let starts: [Double]
    private let values: [Int]
    private let range: Range<Double>

    static let firstYear = 1970.0
    static let endYear = 2100.0

    init(_ timeZone: TimeZone) {
        self.timeZone = timeZone
        let first = (Self.firstYear - 1970) * 365.2425 * 86_400
        let end = (Self.endYear - 1970) * 365.2425 * 86_400
        var starts = [first]
        var values = [timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: first))]
        var cursor = Date(timeIntervalSince1970: first)
        // Transitions come from the zone database (daylight saving and changes of standard
        // offset alike); a zone without any keeps its one offset.
        while let next = timeZone.nextDaylightSavingTimeTransition(after: cursor), next.timeIntervalSince1970 < end,
            next > cursor, starts.count < 4_096
        {
            let offset = timeZone.secondsFromGMT(for: next)
            if offset != values.last {
                starts.append(next.timeIntervalSince1970)
                values.append(offset)
            }
            cursor = next
        }
        self.starts = starts
        self.values = values
        self.range = first..<end
    }

    func seconds(at instant: Date) -> Int {
        let t = instant.timeIntervalSince1970
        guard range.contains(t) else { return timeZone.secondsFromGMT(for: instant) }
        // The last start at or before t.
        var low = 0
        var high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= t { low = middle } else { high = middle - 1 }
        }
        return values[low]
    }
}
