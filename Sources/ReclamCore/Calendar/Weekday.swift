import Foundation

/// A day of the week, numbered like ISO 8601 (Monday = 1 ... Sunday = 7).
public enum Weekday: Int, Sendable, Hashable, CaseIterable, Comparable, Codable, CustomStringConvertible {
    case monday = 1
    case tuesday, wednesday, thursday, friday, saturday, sunday

    /// The default working week of a French training organisation.
    public static let mondayToFriday: Set<Weekday> = [.monday, .tuesday, .wednesday, .thursday, .friday]

    /// The days that are "jours ouvrables" in French labour law: every day but the weekly rest day.
    public static let mondayToSaturday: Set<Weekday> = mondayToFriday.union([.saturday])

    /// The code used in `reclam.yml` (`working_days: [mon, tue, ...]`).
    public var code: String {
        ["mon", "tue", "wed", "thu", "fri", "sat", "sun"][rawValue - 1]
    }

    /// Lower-case French name, as written inside a French sentence ("samedi").
    public var frenchName: String {
        ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"][rawValue - 1]
    }

    public var englishName: String {
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][rawValue - 1]
    }

    public var description: String { code }

    /// Accepts English or French codes and names, any case: `mon`, `Monday`, `lun`, `lundi`.
    public static func parse(_ text: String) throws -> Weekday {
        let key = text.trimmingCharacters(in: .whitespaces).lowercased()
        for day in allCases {
            let names = [day.code, day.englishName.lowercased(), day.frenchName, String(day.frenchName.prefix(3))]
            if names.contains(key) { return day }
        }
        throw CalendarError.invalidWeekday(text)
    }

    public static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.rawValue < rhs.rawValue }
}
