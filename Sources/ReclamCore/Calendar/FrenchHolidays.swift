import Foundation

/// The public holidays ("jours fériés", Code du travail art. L3133-1) of France by region.
///
/// Validated for 1900–2200 (`supportedYears`); the rules are plain date arithmetic and still
/// answer outside that range. History is followed where it is simple and documented:
/// - Jour de l'an, Ascension, Assomption, Toussaint, Noël: every year (avis du Conseil d'État
///   of 1810; arrêté du 29 germinal an X, 1802).
/// - Lundi de Pâques and Lundi de Pentecôte: every year (loi du 8 mars 1886). The Lundi de
///   Pentecôte has been the default "journée de solidarité" since 2005, but it is still a public
///   holiday in the law, so it stays in the list; a ledger that works that day adds nothing and
///   simply accepts the day is skipped, or may model it otherwise later.
/// - Fête nationale (14 juillet): from 1880 (loi du 6 juillet 1880).
/// - Armistice 1918 (11 novembre): from 1922 (loi du 24 octobre 1922).
/// - Fête du Travail (1er mai): from 1947 (loi du 30 avril 1947, the text still in force; the
///   earlier, one-off or Vichy-era statuses of 1 May are not modelled).
/// - Victoire 1945 (8 mai): 1953–1958 (loi du 20 mars 1953; the decree of 11 April 1959 removed
///   the holiday before 8 May 1959, so 1959 itself was not a holiday) and from 1982 on
///   (loi du 2 octobre 1981).
/// - Alsace-Moselle: Vendredi saint and Saint-Étienne (26 décembre), local law, every year.
/// - Overseas: "Abolition de l'esclavage" on the date fixed by the décret n° 83-1003 du
///   23 novembre 1983 (loi du 30 juin 1983), so only on dates after 1983-11-23: Guadeloupe 27 mai,
///   Martinique 22 mai, Guyane 10 juin, La Réunion 20 décembre, Mayotte 27 avril.
public enum FrenchHolidays {
    public static let supportedYears: ClosedRange<Int> = 1900...2200

    /// Every public holiday of `year` in `region`, sorted by date (two holidays may share a
    /// day, e.g. Ascension on 1 May 2008: both are listed).
    public static func holidays(in year: Int, region: Region = .metropole) -> [CalendarEntry] {
        var days: [(CivilDate, String)] = []
        func fixed(_ month: Int, _ day: Int, _ name: String) {
            days.append((CivilDate(unchecked: year, month, day), name))
        }
        let easter = easterSunday(in: year)
        func easterBased(_ offset: Int, _ name: String) {
            days.append((easter.adding(days: offset), name))
        }

        fixed(1, 1, "Jour de l'an")
        if region == .alsaceMoselle { easterBased(-2, "Vendredi saint") }
        easterBased(1, "Lundi de Pâques")
        if year >= 1947 { fixed(5, 1, "Fête du Travail") }
        if (1953...1958).contains(year) || year >= 1982 { fixed(5, 8, "Victoire 1945") }
        easterBased(39, "Ascension")
        easterBased(50, "Lundi de Pentecôte")
        if year >= 1880 { fixed(7, 14, "Fête nationale") }
        fixed(8, 15, "Assomption")
        fixed(11, 1, "Toussaint")
        if year >= 1922 { fixed(11, 11, "Armistice 1918") }
        fixed(12, 25, "Noël")
        if region == .alsaceMoselle { fixed(12, 26, "Saint-Étienne") }
        if let (month, day) = abolitionDay(region) {
            let date = CivilDate(unchecked: year, month, day)
            if date > CivilDate(unchecked: 1983, 11, 23) { days.append((date, "Abolition de l'esclavage")) }
        }

        return days.map { CalendarEntry(date: $0.0, name: $0.1, kind: .holiday) }.sorted()
    }

    /// The holiday falling on `date`, if any (the first by name when two share the day).
    public static func holiday(on date: CivilDate, region: Region = .metropole) -> CalendarEntry? {
        HolidayTable.shared.holiday(on: date, region: region)
    }

    /// Month and day of the commemoration of the abolition of slavery (décret n° 83-1003).
    private static func abolitionDay(_ region: Region) -> (Int, Int)? {
        switch region {
        case .guadeloupe: return (5, 27)
        case .martinique: return (5, 22)
        case .guyane: return (6, 10)
        case .reunion: return (12, 20)
        case .mayotte: return (4, 27)
        case .metropole, .alsaceMoselle: return nil
        }
    }
}

/// Deadlines ask about holidays one day at a time, often thousands of times for the same few
/// years: each year's list is computed once per process and kept.
private final class HolidayTable: @unchecked Sendable {
    static let shared = HolidayTable()

    private struct Key: Hashable {
        let year: Int
        let region: Region
    }

    /// Guards `years`; lookups are short, so a plain lock costs less than recomputing.
    private let lock = NSLock()
    private var years: [Key: [CivilDate: CalendarEntry]] = [:]

    func holiday(on date: CivilDate, region: Region) -> CalendarEntry? {
        let key = Key(year: date.year, region: region)
        lock.lock()
        defer { lock.unlock() }
        if let table = years[key] { return table[date] }
        var table: [CivilDate: CalendarEntry] = [:]
        // Sorted by date then name, so the first kept for a shared day is the first by name.
        for entry in FrenchHolidays.holidays(in: date.year, region: region) where table[entry.date] == nil {
            table[entry.date] = entry
        }
        years[key] = table
        return table[date]
    }
}
