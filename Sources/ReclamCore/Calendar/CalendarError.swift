import Foundation

/// A value of the business calendar that could not be read (a date, a duration, a time zone...).
///
/// Thrown, never printed: `description` is a complete sentence meant for the person who wrote
/// the value in `reclam.yml` or on the command line, and lists what would have been accepted.
public enum CalendarError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
    case invalidDate(String)
    case invalidTimeZone(String)
    case invalidRegion(String)
    case invalidWeekday(String)
    case emptyWorkingWeek
    case invalidBusinessHours(String)
    case invalidClosure(name: String, reason: String)
    case invalidDuration(String)
    case invalidWarning(String)

    public var description: String {
        switch self {
        case .invalidDate(let text):
            return "Invalid date \(quoted(text)): expected a real calendar day written YYYY-MM-DD, e.g. 2026-10-05."
        case .invalidTimeZone(let text):
            return "Unknown time zone \(quoted(text)): expected an IANA name such as Europe/Paris, America/Cayenne or Indian/Reunion."
        case .invalidRegion(let text):
            let names = Region.allCases.map(\.rawValue).joined(separator: ", ")
            return "Unknown calendar region \(quoted(text)): expected one of \(names)."
        case .invalidWeekday(let text):
            return "Unknown weekday \(quoted(text)): expected mon, tue, wed, thu, fri, sat, sun (or lun, mar, mer, jeu, ven, sam, dim)."
        case .emptyWorkingWeek:
            return "The working week is empty: at least one working day is needed to compute deadlines."
        case .invalidBusinessHours(let text):
            return "Invalid business hours \(quoted(text)): expected HH:MM-HH:MM with the opening before the closing, e.g. 09:00-17:00."
        case .invalidClosure(let name, let reason):
            return "Invalid closure \(quoted(name)): \(reason)."
        case .invalidDuration(let text):
            return "Invalid SLA duration \(quoted(text)). Accepted forms (English or French, any case, singular or plural): "
                + SLADuration.acceptedForms + "."
        case .invalidWarning(let text):
            return "Invalid SLA warning \(quoted(text)). Accepted forms: a percentage of the allowed time such as 75% "
                + "or 75 %, or a duration followed by before/avant such as 1 working day before, 4 hours before, "
                + "1 jour ouvré avant, 4 heures avant (durations: " + SLADuration.acceptedForms + ")."
        }
    }

    public var errorDescription: String? { description }

    private func quoted(_ text: String) -> String { "\"\(text)\"" }
}
