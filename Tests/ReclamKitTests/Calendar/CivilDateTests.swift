import Foundation
import Testing
@testable import ReclamCore
@testable import ReclamGit
@testable import ReclamKit
@testable import ReclamLedger
@testable import ReclamOutput
@testable import ReclamRules
@testable import ReclamWorkflow

@Suite("CivilDate")
struct CivilDateTests {
    @Test("parses and writes YYYY-MM-DD")
    func roundTrip() throws {
        let date = try CalendarFixture.day("2026-10-05")
        #expect(date.year == 2026 && date.month == 10 && date.day == 5)
        #expect(date.description == "2026-10-05")
        #expect(date.compactDescription == "20261005")
        #expect(CivilDate(year: 7, month: 3, day: 9)?.description == "0007-03-09")
    }

    @Test(
        "rejects impossible or malformed days",
        arguments: [
            "2026-02-30", "2026-13-01", "2026-00-10", "2026-04-31", "2023-02-29", "1900-02-29",
            "2026-1-05", "26-10-05", "2026/10/05", "2026-10-05T", "", "abcd-ef-gh", "2026-10-0a", "+026-10-05",
        ])
    func rejects(text: String) {
        #expect(CivilDate.parse(text) == nil)
        #expect(throws: CalendarError.invalidDate(text)) { try CivilDate(parsing: text) }
    }

    @Test("accepts leap days of leap years")
    func leapDays() {
        #expect(CivilDate.parse("2024-02-29") != nil)
        #expect(CivilDate.parse("2000-02-29") != nil)
    }

    @Test("day numbers count from 1970-01-01 and round-trip")
    func dayNumbers() throws {
        #expect(try CalendarFixture.day("1970-01-01").dayNumber == 0)
        #expect(try CalendarFixture.day("2000-03-01").dayNumber == 11_017)
        #expect(try CalendarFixture.day("1969-12-31").dayNumber == -1)
        for number in stride(from: -30_000, through: 90_000, by: 97) {
            #expect(CivilDate(dayNumber: number).dayNumber == number)
        }
    }

    @Test("adds days across months, leap days and years")
    func adding() throws {
        #expect(try CalendarFixture.day("2024-02-28").adding(days: 1).description == "2024-02-29")
        #expect(try CalendarFixture.day("2026-12-31").adding(days: 1).description == "2027-01-01")
        #expect(try CalendarFixture.day("2026-03-01").adding(days: -1).description == "2026-02-28")
        #expect(try CalendarFixture.day("2026-10-05").days(since: CalendarFixture.day("2026-01-01")) == 277)
    }

    @Test("weekday")
    func weekday() throws {
        #expect(try CalendarFixture.day("2026-10-05").weekday == .monday)
        #expect(try CalendarFixture.day("2000-01-01").weekday == .saturday)
        #expect(try CalendarFixture.day("1900-01-01").weekday == .monday)
        #expect(try CalendarFixture.day("1969-12-28").weekday == .sunday)
        #expect(Weekday.sunday.frenchName == "dimanche")
    }

    @Test("orders by year, month, day")
    func order() throws {
        let days = try ["2026-10-05", "2025-12-31", "2026-01-10", "2026-10-04"].map(CalendarFixture.day)
        #expect(days.sorted().map(\.description) == ["2025-12-31", "2026-01-10", "2026-10-04", "2026-10-05"])
    }

    @Test("encodes as its text")
    func codable() throws {
        let data = try JSONEncoder().encode([try CalendarFixture.day("2026-10-05")])
        #expect(String(decoding: data, as: UTF8.self) == "[\"2026-10-05\"]")
        let back = try JSONDecoder().decode([CivilDate].self, from: data)
        #expect(back == [try CalendarFixture.day("2026-10-05")])
        #expect(throws: (any Error).self) { try JSONDecoder().decode([CivilDate].self, from: Data("[\"2026-02-30\"]".utf8)) }
    }

    @Test("weekday codes in English and French")
    func weekdayCodes() throws {
        #expect(try Weekday.parse("mon") == .monday)
        #expect(try Weekday.parse("Saturday") == .saturday)
        #expect(try Weekday.parse("ven") == .friday)
        #expect(try Weekday.parse("DIMANCHE") == .sunday)
        #expect(throws: CalendarError.invalidWeekday("moon")) { try Weekday.parse("moon") }
    }
}
