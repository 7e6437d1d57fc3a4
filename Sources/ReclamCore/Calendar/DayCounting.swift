import Foundation

extension BusinessCalendar {
    /// Why `date` does not count for a day unit, nil when it counts. Hour units have no
    /// excluded days, except business hours, which count on working days only.
    func reasonNotCounted(_ date: CivilDate, unit: SLAUnit) -> NonWorkingReason? {
        switch unit {
        case .workingDays, .businessHours: return nonWorkingReason(on: date)
        case .ouvrableDays: return nonOuvrableReason(on: date)
        case .calendarDays, .hours: return nil
        }
    }

    /// How many days in `from..<to` count for `unit`. SLA clocks ask this for every open case,
    /// over spans of months: a table of running counts answers it in constant time where a
    /// day-by-day walk cost two lookups per day.
    func countedDays(from: CivilDate, to: CivilDate, unit: SLAUnit) -> Int {
        let first = from.dayNumber
        let last = to.dayNumber
        guard last > first else { return 0 }
        switch unit {
        case .calendarDays, .hours: return last - first
        case .workingDays, .businessHours, .ouvrableDays:
            let ouvrable = unit == .ouvrableDays
            if let count = dayCounts.count(from: first, to: last, ouvrable: ouvrable) { return count }
            return dayCounts.extend(toCover: first, last, ouvrable: ouvrable, using: self)
        }
    }
}

/// Running counts of counted days, built on first use over the years asked about and shared by
/// every copy of a calendar. Derived state: two calendars with equal settings are equal
/// whatever their tables hold.
final class DayCountTable: @unchecked Sendable, Equatable {
    private struct Counts {
        /// Day number of `prefix[0]`.
        var base: Int
        /// `prefix[i]`: counted days in `base ..< base + i`.
        var prefix: [Int32]

        func count(from first: Int, to last: Int) -> Int? {
            guard first >= base, last - base < prefix.count else { return nil }
            return Int(prefix[last - base] - prefix[first - base])
        }
    }

    /// Spans longer than this (about 270 years) are walked day by day rather than tabulated.
    static let maximumSpan = 100_000

    private let lock = NSLock()
    private var working: Counts?
    private var ouvrable: Counts?

    static func == (lhs: DayCountTable, rhs: DayCountTable) -> Bool { true }

    func count(from first: Int, to last: Int, ouvrable wantsOuvrable: Bool) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        return (wantsOuvrable ? ouvrable : working)?.count(from: first, to: last)
    }

    /// Rebuilds the table over whole years around `first..<last` and whatever it covered, then
    /// answers from it.
    func extend(toCover first: Int, _ last: Int, ouvrable wantsOuvrable: Bool, using calendar: BusinessCalendar) -> Int {
        let unit: SLAUnit = wantsOuvrable ? .ouvrableDays : .workingDays
        if last - first > Self.maximumSpan {
            return (first..<last).reduce(0) { $0 + (calendar.reasonNotCounted(CivilDate(dayNumber: $1), unit: unit) == nil ? 1 : 0) }
        }
        lock.lock()
        defer { lock.unlock() }
        let current = wantsOuvrable ? ouvrable : working
        var low = CivilDate(dayNumber: first)
        var high = CivilDate(dayNumber: last)
        if let current {
            low = min(low, CivilDate(dayNumber: current.base))
            high = max(high, CivilDate(dayNumber: current.base + current.prefix.count - 1))
        }
        // A year either side, so that the next case's clock rarely needs a rebuild.
        let base = CivilDate(year: max(1, low.year - 1), month: 1, day: 1)?.dayNumber ?? first
        let end = CivilDate(year: min(9999, high.year + 1), month: 12, day: 31)?.dayNumber ?? last
        var prefix: [Int32] = []
        prefix.reserveCapacity(end - base + 2)
        prefix.append(0)
        var total: Int32 = 0
        for day in base...end {
            if calendar.reasonNotCounted(CivilDate(dayNumber: day), unit: unit) == nil { total += 1 }
            prefix.append(total)
        }
        let counts = Counts(base: base, prefix: prefix)
        if wantsOuvrable { ouvrable = counts } else { working = counts }
        return counts.count(from: first, to: last) ?? 0
    }
}
