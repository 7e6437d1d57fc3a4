import Foundation

/// A day a deadline did not count, with the reason shown to people.
public struct SkippedDay: Sendable, Hashable, CustomStringConvertible {
    public let date: CivilDate
    public let reason: NonWorkingReason

    public init(date: CivilDate, reason: NonWorkingReason) {
        self.date = date
        self.reason = reason
    }

    /// "samedi", "Armistice 1918", "Fermeture de fin d'année".
    public var name: String { reason.name }

    public var description: String { "\(date) (\(name))" }
}

/// The result of `BusinessCalendar.due(from:duration:)`: the deadline and how it was reached.
public struct DueDate: Sendable, Hashable, CustomStringConvertible {
    /// The event the duration counts from (e.g. the `received` instant).
    public let start: Date
    public let duration: SLADuration
    /// The deadline: for day units, 23:59:59.999 local on the last counted day; for hour
    /// units, the exact instant.
    public let due: Date
    /// The local day of `due`: for day units, the last counted day.
    public let dueDay: CivilDate
    /// Days after the event's day and before `dueDay` that were not counted, in date order.
    public let skipped: [SkippedDay]
    /// The ledger's time zone, used to write the instants above.
    public let timeZone: TimeZone
    /// Business hours in force, quoted by the explanation of business-hours deadlines.
    public let businessHours: BusinessHours

    /// The deadline written as ISO 8601 with the local offset, e.g. `2026-10-05T23:59:59+02:00`
    /// (fractions of a second are not written).
    public var dueText: String { ISODateTime.format(due, in: timeZone) }

    public var description: String { explanation }

    /// One English sentence saying how the deadline was counted.
    public var explanation: String { explanation(.en) }

    /// The same sentence in French, for letters and reports.
    public var frenchExplanation: String { explanation(.fr) }

    /// How the deadline was counted, in one sentence of the ledger's language (the words come
    /// from the message catalogue).
    public func explanation(_ language: Language) -> String {
        let m = Messages(language)
        let durationText = language == .fr ? duration.frenchDescription : duration.description
        let from = m.format(.dueFrom, durationText, ISODateTime.format(start, in: timeZone))
        let skippedText = skipped.isEmpty ? "" : m.format(.dueNotCounted, skipped.map(\.description).joined(separator: ", "))
        switch duration.unit {
        case .hours:
            return m.format(.dueElapsed, from, dueText)
        case .businessHours:
            return m.format(.dueBusinessHours, from, businessHours.description, skippedText, dueText)
        case .workingDays, .ouvrableDays, .calendarDays:
            let weekday = language == .fr ? dueDay.weekday.frenchName : dueDay.weekday.englishName
            return m.format(.dueDays, from, skippedText, weekday, dueDay.description, dueText)
        }
    }
}
