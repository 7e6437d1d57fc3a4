import Foundation

extension BusinessCalendar {
    /// How much of `unit` has been used between `start` and `end`, as a fraction: the inverse of
    /// `due(from:duration:)`, used by SLA clocks (remaining time, percentage used, pauses).
    ///
    /// - Hours: elapsed seconds / 3600.
    /// - Business hours: seconds inside business windows of working days / 3600.
    /// - Day units: the day of `start` counts 0; each later counted day adds the fraction of it
    ///   that has passed (measured against its real length, 23 or 25 h on change days).
    ///   The last millisecond of a day counts as its end, so that at the deadline (end of the
    ///   N-th counted day, 1 ms before midnight) exactly N is used.
    /// Returns 0 when `end` is not after `start`.
    public func elapsed(from start: Date, to end: Date, unit: SLAUnit) -> Double {
        guard end > start else { return 0 }
        switch unit {
        case .hours:
            return end.timeIntervalSince(start) / 3600
        case .businessHours:
            var seconds: TimeInterval = 0
            var day = clock.day(of: start)
            let lastDay = clock.day(of: end)
            while day <= lastDay {
                if isWorkingDay(day) {
                    let (opening, closing) = businessWindow(day)
                    let overlap = min(closing, end).timeIntervalSince(max(opening, start))
                    if overlap > 0 { seconds += overlap }
                }
                day = day.adding(days: 1)
            }
            return seconds / 3600
        case .workingDays, .ouvrableDays, .calendarDays:
            let firstDay = clock.day(of: start).adding(days: 1)
            let lastDay = clock.day(of: end)
            guard firstDay <= lastDay else { return 0 }
            // Every counted day before the last one has fully passed: it counts 1, and only the
            // last day needs its real length.
            var total = Double(countedDays(from: firstDay, to: lastDay, unit: unit))
            let day = lastDay
            if reasonNotCounted(day, unit: unit) == nil {
                let dayStart = clock.startOfDay(day)
                let dayEnd = clock.startOfDay(day.adding(days: 1))
                // The deadline instant (1 ms before midnight) stands for the whole day.
                let reached = end >= dayEnd.addingTimeInterval(-0.001) ? dayEnd : end
                let used = reached.timeIntervalSince(dayStart)
                total += max(0, used) / dayEnd.timeIntervalSince(dayStart)
            }
            return total
        }
    }

    /// The instant at which `elapsed(from: start, to: instant, unit:)` reaches `amount`: the
    /// inverse of `elapsed`, accepting fractions (used for "75%" warnings and by SLA clocks to
    /// place the remaining time after a pause). For a whole number of days it returns the
    /// midnight ending the last counted day, 1 ms after what `due(from:duration:)` reports
    /// (both read as the same amount through `elapsed`).
    public func instant(whenElapsed amount: Double, unit: SLAUnit, from start: Date) -> Date {
        guard amount > 0, amount.isFinite else { return start }
        switch unit {
        case .hours:
            return start.addingTimeInterval(amount * 3600)
        case .businessHours:
            return advanceBusinessTime(from: start, seconds: amount * 3600).0
        case .workingDays, .ouvrableDays, .calendarDays:
            var counted = 0.0
            var day = clock.day(of: start)
            while true {
                day = day.adding(days: 1)
                guard reasonNotCounted(day, unit: unit) == nil else { continue }
                if counted + 1 >= amount {
                    let dayStart = clock.startOfDay(day)
                    return dayStart.addingTimeInterval((amount - counted) * clock.length(of: day))
                }
                counted += 1
            }
        }
    }
}
