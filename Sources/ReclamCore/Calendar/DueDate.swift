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
    public var explanation: String {
        let from = "\(duration) from \(ISODateTime.format(start, in: timeZone))"
        let skippedText = skipped.isEmpty ? "" : "; not counted: " + skipped.map(\.description).joined(separator: ", ")
        switch duration.unit {
        case .hours:
            return "\(from): elapsed time, nights, weekends and daylight-saving changes included; due \(dueText)."
        case .businessHours:
            return "\(from): counted inside business hours (\(businessHours)) on working days"
                + "\(skippedText); due \(dueText)."
        case .workingDays, .ouvrableDays, .calendarDays:
            return "\(from): the day of the event does not count\(skippedText); due at the end of "
                + "\(dueDay.weekday.englishName) \(dueDay), \(dueText)."
        }
    }

    /// The same sentence in French, for letters and reports.
    public var frenchExplanation: String {
        let from = "\(duration.frenchDescription) à compter du \(ISODateTime.format(start, in: timeZone))"
        let skippedText = skipped.isEmpty ? "" : " ; jours non comptés : " + skipped.map(\.description).joined(separator: ", ")
        switch duration.unit {
        case .hours:
            return "\(from) : temps écoulé, nuits, week-ends et changements d'heure compris ; échéance le \(dueText)."
        case .businessHours:
            return "\(from) : décompte pendant les heures d'ouverture (\(businessHours)) des jours ouvrés"
                + "\(skippedText) ; échéance le \(dueText)."
        case .workingDays, .ouvrableDays, .calendarDays:
            return "\(from) : le jour de l'événement ne compte pas\(skippedText) ; échéance à la fin du "
                + "\(dueDay.weekday.frenchName) \(dueDay), \(dueText)."
        }
    }
}
