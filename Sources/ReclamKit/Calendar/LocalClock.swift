import Foundation

/// Turns days and wall-clock times of the ledger's time zone into instants and back.
///
/// Every local computation goes through a Foundation `Calendar` set to the time zone, so
/// daylight-saving changes are handled by the system time-zone database: a local day may last
/// 23, 24 or 25 hours and its length is never assumed.
struct LocalClock: Sendable, Equatable {
    let timeZone: TimeZone
    private let calendar: Calendar

    init(timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.timeZone = timeZone
        self.calendar = calendar
    }

    /// The local day an instant falls on.
    func day(of instant: Date) -> CivilDate {
        // Fast path: the zone's offset at that instant gives the local wall time directly.
        // Foundation's Calendar was most of the cost of `reclam sla` on a large ledger.
        let local = instant.timeIntervalSince1970 + TimeInterval(timeZone.secondsFromGMT(for: instant))
        if local.isFinite, abs(local) < 1e12 {
            return CivilDate(dayNumber: Int((local / 86_400).rounded(.down)))
        }
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        return CivilDate(unchecked: parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }

    /// The first instant of a local day. Noon exists on every day of every zone, while midnight
    /// is skipped by a few zones on their change day, hence the detour through noon.
    func startOfDay(_ day: CivilDate) -> Date {
        // Fast path: local midnight is UTC midnight minus the offset in force then; accepted
        // only when that offset is consistent, i.e. midnight exists on that day.
        let utcMidnight = TimeInterval(day.dayNumber) * 86_400
        let guess = Date(
            timeIntervalSince1970: utcMidnight - TimeInterval(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: utcMidnight))))
        let offset = timeZone.secondsFromGMT(for: guess)
        let candidate = Date(timeIntervalSince1970: utcMidnight - TimeInterval(offset))
        if timeZone.secondsFromGMT(for: candidate) == offset {
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
    func instant(_ day: CivilDate, minute: Int) -> Date {
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
        return utc.addingTimeInterval(-TimeInterval(timeZone.secondsFromGMT(for: utc)))
    }
}
