import Foundation

/// The part of France whose public holidays apply to the ledger (`calendar.region` in `reclam.yml`).
///
/// Alsace-Moselle keeps two extra holidays from its local law; each overseas department adds the
/// day it commemorates the abolition of slavery.
public enum Region: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    case metropole
    case alsaceMoselle = "alsace-moselle"
    case guadeloupe
    case martinique
    case guyane
    case reunion
    case mayotte

    public var description: String { rawValue }

    /// French name for documents ("La Réunion").
    public var frenchName: String {
        switch self {
        case .metropole: return "France métropolitaine"
        case .alsaceMoselle: return "Alsace-Moselle"
        case .guadeloupe: return "Guadeloupe"
        case .martinique: return "Martinique"
        case .guyane: return "Guyane"
        case .reunion: return "La Réunion"
        case .mayotte: return "Mayotte"
        }
    }

    /// Accepts the `reclam.yml` spelling in any case, with or without accents or the
    /// underscore people type for the hyphen (`Réunion`, `alsace_moselle`).
    public static func parse(_ text: String) throws -> Region {
        let key = text.trimmingCharacters(in: .whitespaces).lowercased()
            .replacingOccurrences(of: "é", with: "e")
            .replacingOccurrences(of: "_", with: "-")
            .replacingOccurrences(of: " ", with: "-")
        if let region = Region(rawValue: key) { return region }
        if key == "la-reunion" { return .reunion }
        throw CalendarError.invalidRegion(text)
    }
}
