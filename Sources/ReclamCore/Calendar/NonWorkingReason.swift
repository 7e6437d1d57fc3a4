/// Why a day does not count towards a deadline.
public enum NonWorkingReason: Sendable, Hashable, CustomStringConvertible {
    /// A day outside the working week (Saturday, Sunday by default; Sunday for jours ouvrables).
    case weekend(Weekday)
    /// A public holiday, with its French name ("Armistice 1918").
    case holiday(String)
    /// A closure of the organisation, with its name ("Fermeture de fin d'année").
    case closure(String)

    /// What a person reads: the French weekday ("samedi"), the holiday or the closure name.
    public var name: String {
        switch self {
        case .weekend(let day): return day.frenchName
        case .holiday(let name), .closure(let name): return name
        }
    }

    public var description: String { name }
}
