import Testing
@testable import ReclamCore
@testable import ReclamGit
@testable import ReclamKit
@testable import ReclamLedger
@testable import ReclamOutput
@testable import ReclamRules
@testable import ReclamWorkflow

@Suite("French public holidays")
struct FrenchHolidaysTests {
    private func list(_ year: Int, _ region: Region = .metropole) -> [String] {
        FrenchHolidays.holidays(in: year, region: region).map { "\($0.date) \($0.name)" }
    }

    @Test("2026 in metropolitan France")
    func metropole2026() {
        #expect(
            list(2026) == [
                "2026-01-01 Jour de l'an",
                "2026-04-06 Lundi de Pâques",
                "2026-05-01 Fête du Travail",
                "2026-05-08 Victoire 1945",
                "2026-05-14 Ascension",
                "2026-05-25 Lundi de Pentecôte",
                "2026-07-14 Fête nationale",
                "2026-08-15 Assomption",
                "2026-11-01 Toussaint",
                "2026-11-11 Armistice 1918",
                "2026-12-25 Noël",
            ])
    }

    @Test(
        "Easter-based holidays",
        arguments: [
            (2024, "2024-04-01", "2024-05-09", "2024-05-20"),
            (2025, "2025-04-21", "2025-05-29", "2025-06-09"),
            (2026, "2026-04-06", "2026-05-14", "2026-05-25"),
            (2027, "2027-03-29", "2027-05-06", "2027-05-17"),
            (2000, "2000-04-24", "2000-06-01", "2000-06-12"),
        ])
    func easterBased(year: Int, monday: String, ascension: String, pentecost: String) {
        let byName = Dictionary(
            FrenchHolidays.holidays(in: year).map { ($0.name, $0.date.description) },
            uniquingKeysWith: { first, _ in first })
        #expect(byName["Lundi de Pâques"] == monday)
        #expect(byName["Ascension"] == ascension)
        #expect(byName["Lundi de Pentecôte"] == pentecost)
    }

    @Test("Alsace-Moselle adds Vendredi saint and Saint-Étienne")
    func alsaceMoselle() {
        let extra = Set(list(2026, .alsaceMoselle)).subtracting(list(2026))
        #expect(extra == ["2026-04-03 Vendredi saint", "2026-12-26 Saint-Étienne"])
        #expect(list(2025, .alsaceMoselle).contains("2025-04-18 Vendredi saint"))
    }

    @Test(
        "overseas departments add the abolition of slavery",
        arguments: [
            (Region.guadeloupe, "2026-05-27"), (.martinique, "2026-05-22"), (.guyane, "2026-06-10"),
            (.reunion, "2026-12-20"), (.mayotte, "2026-04-27"),
        ])
    func overseas(region: Region, date: String) {
        let extra = Set(list(2026, region)).subtracting(list(2026))
        #expect(extra == ["\(date) Abolition de l'esclavage"])
    }

    @Test("abolition days start with the decree of 23 November 1983")
    func abolitionHistory() {
        #expect(list(1983, .reunion).contains("1983-12-20 Abolition de l'esclavage"))
        #expect(!list(1983, .martinique).contains { $0.hasSuffix("Abolition de l'esclavage") })
        #expect(list(1984, .martinique).contains("1984-05-22 Abolition de l'esclavage"))
    }

    @Test("history of 8 May, 11 November, 14 July and 1 May")
    func history() {
        func has(_ year: Int, _ monthDay: String) -> Bool { list(year).contains { $0.hasPrefix("\(year)-\(monthDay)") } }
        #expect(!has(1952, "05-08"))
        #expect(has(1953, "05-08") && has(1958, "05-08"))
        #expect(!has(1959, "05-08") && !has(1981, "05-08"))
        #expect(has(1982, "05-08"))
        #expect(!has(1921, "11-11") && has(1922, "11-11"))
        #expect(has(1900, "07-14"))
        #expect(!has(1946, "05-01") && has(1947, "05-01"))
        #expect(list(1900).count == 8)
    }

    @Test("two holidays on one day are both listed (Ascension on 1 May 2008)")
    func sharedDay() {
        #expect(list(2008).filter { $0.hasPrefix("2008-05-01") } == ["2008-05-01 Ascension", "2008-05-01 Fête du Travail"])
        #expect(FrenchHolidays.holiday(on: CivilDate(year: 2008, month: 5, day: 1)!)?.name == "Ascension")
    }

    @Test("every supported year has sorted holidays on real days")
    func everyYear() {
        for year in FrenchHolidays.supportedYears {
            let entries = FrenchHolidays.holidays(in: year, region: .alsaceMoselle)
            #expect(entries == entries.sorted())
            #expect(entries.allSatisfy { $0.date.year == year && CivilDate.parse($0.date.description) == $0.date })
        }
    }

    @Test("regions parse from reclam.yml spellings")
    func regions() throws {
        #expect(try Region.parse("alsace-moselle") == .alsaceMoselle)
        #expect(try Region.parse("Réunion") == .reunion)
        #expect(try Region.parse("METROPOLE") == .metropole)
        let error = #expect(throws: CalendarError.self) { try Region.parse("corse") }
        #expect(error?.description.contains("metropole, alsace-moselle, guadeloupe") == true)
    }
}
