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
    package func english(_ amount: Int) -> String {
        let one = amount == 1
        switch self {
        case .hours: return one ? "hour" : "hours"
        case .businessHours: return one ? "business hour" : "business hours"
        case .workingDays: return one ? "working day" : "working days"
        case .ouvrableDays: return one ? "ouvrable day" : "ouvrable days"
        case .calendarDays: return one ? "calendar day" : "calendar days"
        }
    }

    /// "1 jour ouvré", "10 jours ouvrés" (French uses the singular for 1).
    func french(_ amount: Int) -> String {
        let one = amount == 1
        switch self {
        case .hours: return one ? "heure" : "heures"
        case .businessHours: return one ? "heure ouvrée" : "heures ouvrées"
        case .workingDays: return one ? "jour ouvré" : "jours ouvrés"
        case .ouvrableDays: return one ? "jour ouvrable" : "jours ouvrables"
        case .calendarDays: return one ? "jour calendaire" : "jours calendaires"
        }
    }
}
