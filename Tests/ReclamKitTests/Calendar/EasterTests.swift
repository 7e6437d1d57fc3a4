import Testing
@testable import ReclamCore
@testable import ReclamGit
@testable import ReclamKit
@testable import ReclamLedger
@testable import ReclamOutput
@testable import ReclamRules
@testable import ReclamWorkflow

@Suite("Easter")
struct EasterTests {
    @Test(
        "matches published dates",
        arguments: [
            (1900, "1900-04-15"), (1913, "1913-03-23"), (1943, "1943-04-25"), (2000, "2000-04-23"),
            (2008, "2008-03-23"), (2011, "2011-04-24"), (2024, "2024-03-31"), (2025, "2025-04-20"),
            (2026, "2026-04-05"), (2027, "2027-03-28"), (2038, "2038-04-25"), (2100, "2100-03-28"),
            (2200, "2200-04-06"),
        ])
    func published(year: Int, expected: String) {
        #expect(FrenchHolidays.easterSunday(in: year).description == expected)
    }

    @Test("agrees with Gauss's algorithm for every supported year, and is a Sunday in range")
    func gauss() {
        for year in FrenchHolidays.supportedYears {
            let easter = FrenchHolidays.easterSunday(in: year)
            #expect(easter == Self.gaussEaster(year), "year \(year)")
            #expect(easter.weekday == .sunday)
            #expect(easter >= CivilDate(year: year, month: 3, day: 22)! && easter <= CivilDate(year: year, month: 4, day: 25)!)
        }
    }

    /// Gauss's Easter algorithm with its two exceptions: an independent computation.
    static func gaussEaster(_ year: Int) -> CivilDate {
        let a = year % 19, b = year % 4, c = year % 7
        let k = year / 100, p = (13 + 8 * k) / 25, q = k / 4
        let m = (15 - p + k - q) % 30, n = (4 + k - q) % 7
        let d = (19 * a + m) % 30, e = (2 * b + 4 * c + 6 * d + n) % 7
        if d == 29 && e == 6 { return CivilDate(year: year, month: 4, day: 19)! }
        if d == 28 && e == 6 && (11 * m + 11) % 30 < 19 { return CivilDate(year: year, month: 4, day: 18)! }
        return CivilDate(year: year, month: 3, day: 22)!.adding(days: d + e)
    }
}
