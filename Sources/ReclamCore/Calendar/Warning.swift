import Foundation

extension BusinessCalendar {
    /// The instant an SLA that started at `start` and falls due at `due` (computed for a
    /// duration in `unit`) should start warning; always between `start` and `due`.
    ///
    /// - Percent: the instant when `elapsed(from: start, to:, unit:)` reaches that share of
    ///   `elapsed(from: start, to: due, unit:)`.
    /// - Hours before: `due − N × 3600 s`.
    /// - Business hours before: N hours of business time counted backwards from `due`.
    /// - Days before: the start of the earliest of the last N counted days up to the day of
    ///   `due` (the due day counts when it is a counted day). With a deadline on Monday,
    ///   "1 working day before" warns from Monday 00:00 and "2 working days before" from Friday 00:00.
    public func warningInstant(_ threshold: WarningThreshold, start: Date, due: Date, unit: SLAUnit) -> Date {
        let instant: Date
        switch threshold {
        case .percent(let share):
            let total = elapsed(from: start, to: due, unit: unit)
            instant = self.instant(whenElapsed: total * share / 100, unit: unit, from: start)
        case .before(let duration):
            instant = self.instant(before: due, duration: duration, notBefore: start)
        }
        return min(max(instant, start), due)
    }

    /// Same, for a computed deadline.
    public func warningInstant(_ threshold: WarningThreshold, for deadline: DueDate) -> Date {
        warningInstant(threshold, start: deadline.start, due: deadline.due, unit: deadline.duration.unit)
    }

    /// `duration` counted backwards from `due`, stopping at `floor` (the SLA start).
    private func instant(before due: Date, duration: SLADuration, notBefore floor: Date) -> Date {
        let firstDay = clock.day(of: floor)
        switch duration.unit {
        case .hours:
            return due.addingTimeInterval(-TimeInterval(duration.amount) * 3600)
        case .businessHours:
            var remaining = TimeInterval(duration.amount) * 3600
            var day = clock.day(of: due)
            while day >= firstDay {
                if isWorkingDay(day) {
                    let (opening, closing) = businessWindow(day)
                    let to = min(closing, due)
                    if to > opening {
                        let available = to.timeIntervalSince(opening)
                        if remaining <= available { return to.addingTimeInterval(-remaining) }
                        remaining -= available
                    }
                }
                day = day.adding(days: -1)
            }
            return floor
        case .workingDays, .ouvrableDays, .calendarDays:
            var day = clock.day(of: due)
            var counted = 0
            while counted < duration.amount {
                if day < firstDay { return floor }
                if reasonNotCounted(day, unit: duration.unit) == nil { counted += 1 }
                day = day.adding(days: -1)
            }
            return clock.startOfDay(day.adding(days: 1))
        }
    }
}
