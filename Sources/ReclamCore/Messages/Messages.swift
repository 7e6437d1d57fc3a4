/// The words a person reads in reports, sheets and letters, in one catalogue per language, so
/// that a French ledger speaks French throughout and a translation is one file to read. A
/// test checks that both catalogues have every key.
public struct Messages: Sendable {
    public let language: Language

    public init(_ language: Language) { self.language = language }

    public enum Key: String, Sendable, CaseIterable {
        case trends, period, value, count, cases, recurring, noneFeminine, rising, noLinkedAction
        case category, channel, complainant, level, session, owner, month, quarter, year
        case id, learner, receivedOn, stage, registerTitle, planTitle, warningFrom, none
    }

    public subscript(_ key: Key) -> String {
        (language == .fr ? Self.french : Self.english)[key] ?? key.rawValue
    }

    /// A word of the catalogue named by its key's raw value (a dimension or period of the
    /// command line), or the word itself when the catalogue has none.
    public func word(_ raw: String) -> String { Key(rawValue: raw).map { self[$0] } ?? raw }

    static let french: [Key: String] = [
        .trends: "Tendances", .period: "Période", .value: "Valeur", .count: "Nombre", .cases: "Réclamations",
        .recurring: "Récurrentes", .noneFeminine: "Aucune.", .rising: "en hausse", .noLinkedAction: "sans action liée",
        .category: "catégorie", .channel: "canal", .complainant: "réclamant", .level: "niveau", .session: "session",
        .owner: "responsable", .month: "mois", .quarter: "trimestre", .year: "année", .id: "Identifiant", .learner: "Stagiaire",
        .receivedOn: "Reçue le", .stage: "Étape", .registerTitle: "Registre des réclamations", .planTitle: "Plan d'amélioration",
        .warningFrom: "alerte à partir du", .none: "(aucun)",
    ]

    static let english: [Key: String] = [
        .trends: "Trends", .period: "Period", .value: "Value", .count: "Count", .cases: "Cases", .recurring: "Recurring",
        .noneFeminine: "None.", .rising: "rising", .noLinkedAction: "no linked action", .category: "category",
        .channel: "channel", .complainant: "complainant", .level: "level", .session: "session", .owner: "owner",
        .month: "month", .quarter: "quarter", .year: "year", .id: "Id", .learner: "Learner", .receivedOn: "Received",
        .stage: "Stage", .registerTitle: "Complaints register", .planTitle: "Improvement plan", .warningFrom: "warning from",
        .none: "(none)",
    ]
}

extension String {
    /// The first letter in upper case, for a catalogue word used as a heading.
    public var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
