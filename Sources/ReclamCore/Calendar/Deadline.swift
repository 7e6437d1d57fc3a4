import Foundation

extension BusinessCalendar {
    /// When an SLA started at `start` falls due. The counting rules (docs/SLA.md):
    /// - Day units: the local day of `start` never counts; the deadline is the end (23:59:59.999
    ///   local) of the N-th counted day after it. Working days skip the non-working weekdays,
    ///   holidays and closures; jours ouvrables skip Sundays and holidays only; calendar days
    ///   skip nothing.
    /// - Hours: exactly `start + N × 3600 s`, whatever the clocks do.
    /// - Business hours: time inside business hours on working days, from `start` itself (an
    ///   event outside business hours starts counting at the next opening).
    public func due(from start: Date, duration: SLADuration) -> DueDate {
        let due: Date
        var skipped: [SkippedDay] = []
        switch duration.unit {
        case .hours:
            due = start.addingTimeInterval(TimeInterval(duration.amount) * 3600)
        case .businessHours:
            (due, skipped) = advanceBusinessTime(from: start, seconds: TimeInterval(duration.amount) * 3600)
        case .workingDays, .ouvrableDays, .calendarDays:
            var day = clock.day(of: start)
            var counted = 0
            while counted < duration.amount {
                day = day.adding(days: 1)
                if let reason = reasonNotCounted(day, unit: duration.unit) {
                    skipped.append(SkippedDay(date: day, reason: reason))
                } else {
                    counted += 1
                }
            }
            due = clock.endOfDay(day)
        }
        return DueDate(
            start: start, duration: duration, due: due, dueDay: clock.day(of: due),
            skipped: skipped, timeZone: timeZone, businessHours: businessHours)
    }

    /// The instant `seconds` of business time after `start`, and the non-working days met
    /// after the day of `start`. The count ends inside a window (at its closing at the latest),
    /// never at the next opening.
    func advanceBusinessTime(from start: Date, seconds: TimeInterval) -> (Date, [SkippedDay]) {
        let firstDay = clock.day(of: start)
        var day = firstDay
        var remaining = seconds
        var skipped: [SkippedDay] = []
        while true {
            if let reason = nonWorkingReason(on: day) {
                if day != firstDay { skipped.append(SkippedDay(date: day, reason: reason)) }
            } else {
                let (opening, closing) = businessWindow(day)
                let from = max(opening, start)
                if from < closing {
                    let available = closing.timeIntervalSince(from)
                    if remaining <= available { return (from.addingTimeInterval(remaining), skipped) }
                    remaining -= available
                }
            }
            day = day.adding(days: 1)
        }
    }

    /// Opening and closing instants of a day's business hours (local wall-clock times, so a
    /// daylight-saving change during the window changes its length, as the clock on the wall does).
    func businessWindow(_ day: CivilDate) -> (Date, Date) {
        (
            clock.instant(day, minute: businessHours.openingMinute),
            clock.instant(day, minute: businessHours.closingMinute)
        )
    }
}
