/// The time allowed by an SLA (`duration:` in `reclam.yml`): a whole number of a unit.
///
/// Written in English or French (`48h`, `48 heures`, `1 working day`, `10 jours ouvrés`,
/// `2 jours ouvrables`, `8 business hours`, `30 jours`); `description` renders the canonical
/// English form, `frenchDescription` the French one used in letters.
public struct SLADuration: Sendable, Hashable, CustomStringConvertible {
    public let amount: Int
    public let unit: SLAUnit

    /// Amounts are whole numbers in this range: a wider one would only hide typos.
    public static let allowedAmounts: ClosedRange<Int> = 1...10_000

    public init(amount: Int, unit: SLAUnit) throws {
        guard Self.allowedAmounts.contains(amount) else {
            throw CalendarError.invalidDuration("\(amount) \(unit.english(amount))")
        }
        self.amount = amount
        self.unit = unit
    }

    /// "48 hours", "1 working day", "3 ouvrable days", "30 calendar days".
    public var description: String { "\(amount) \(unit.english(amount))" }

    /// "48 heures", "1 jour ouvré", "10 jours ouvrés", "8 heures ouvrées".
    public var frenchDescription: String { "\(amount) \(unit.french(amount))" }

    /// Read a duration; throws `CalendarError.invalidDuration` listing the accepted forms.
    public static func parse(_ text: String) throws -> SLADuration {
        try SLADurationGrammar.parse(text)
    }

    /// The forms listed in error messages.
    public static let acceptedForms =
        "48h, 48 hours, 48 heures (elapsed hours); "
        + "8 business hours, 8 heures ouvrées (inside business hours on working days); "
        + "2 working days, 2 business days, 2 jours ouvrés (working week minus holidays and closures); "
        + "2 jours ouvrables, 2 ouvrable days (Monday to Saturday minus holidays); "
        + "30 calendar days, 30 days, 30 jours calendaires, 30 jours (every day); "
        + "the number is a whole number from 1 to 10000"
}
