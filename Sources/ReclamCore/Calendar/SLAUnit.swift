/// What an SLA duration counts. See `docs/SLA.md` for the counting rules.
public enum SLAUnit: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    /// Elapsed hours: exactly 3 600 s each, nights, weekends and daylight-saving changes included.
    case hours
    /// Hours inside business hours on working days.
    case businessHours = "business-hours"
    /// "Jours ouvrés": the working week minus public holidays and closures.
    case workingDays = "working-days"
    /// "Jours ouvrables": Monday to Saturday minus public holidays (closures ignored).
    case ouvrableDays = "ouvrable-days"
    /// Every day.
    case calendarDays = "calendar-days"

    /// Day units end at the end of a local day; hour units end at an exact instant.
    public var countsDays: Bool {
        switch self {
        case .hours, .businessHours: return false
        case .workingDays, .ouvrableDays, .calendarDays: return true
        }
    }

    public var description: String { rawValue }

    /// "1 working day", "48 hours" — the canonical English form, which `SLADuration.parse` reads back.
    package func english(_ amount: Int) -> String { amount == 1 ? names.english.one : names.english.many }

    /// "1 jour ouvré", "10 jours ouvrés" (French uses the singular for 1).
    func french(_ amount: Int) -> String { amount == 1 ? names.french.one : names.french.many }

    private var names: (english: (one: String, many: String), french: (one: String, many: String)) {
        switch self {
        case .hours: (("hour", "hours"), ("heure", "heures"))
        case .businessHours: (("business hour", "business hours"), ("heure ouvrée", "heures ouvrées"))
        case .workingDays: (("working day", "working days"), ("jour ouvré", "jours ouvrés"))
        case .ouvrableDays: (("ouvrable day", "ouvrable days"), ("jour ouvrable", "jours ouvrables"))
        case .calendarDays: (("calendar day", "calendar days"), ("jour calendaire", "jours calendaires"))
        }
    }
}
