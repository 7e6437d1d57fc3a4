import Foundation
import Testing
@testable import ReclamCore
@testable import ReclamGit
@testable import ReclamKit
@testable import ReclamLedger
@testable import ReclamOutput
@testable import ReclamRules
@testable import ReclamWorkflow

@Suite("Business calendar")
struct BusinessCalendarTests {
    let day = CalendarFixture.day

    @Test("defaults: metropole, Monday to Friday, 09:00-17:00, Europe/Paris")
    func defaults() throws {
        let calendar = try BusinessCalendar()
        #expect(calendar.region == .metropole)
        #expect(calendar.workingDays == Weekday.mondayToFriday)
        #expect(calendar.businessHours.description == "09:00-17:00")
        #expect(calendar.timeZone.identifier == "Europe/Paris")
    }

    @Test("says why a day is not worked")
    func reasons() throws {
        let calendar = try CalendarFixture.calendar(closures: CalendarFixture.exampleClosures())
        #expect(calendar.isWorkingDay(try day("2026-10-05")))
        #expect(calendar.nonWorkingReason(on: try day("2026-10-03")) == .weekend(.saturday))
        #expect(calendar.nonWorkingReason(on: try day("2026-10-04"))?.name == "dimanche")
        #expect(calendar.nonWorkingReason(on: try day("2026-11-11")) == .holiday("Armistice 1918"))
        #expect(calendar.nonWorkingReason(on: try day("2026-05-15")) == .closure("Pont de l'Ascension"))
        // Precedence: holiday, then weekend, then closure.
        #expect(calendar.nonWorkingReason(on: try day("2026-12-25"))?.name == "Noël")
        #expect(calendar.nonWorkingReason(on: try day("2026-12-26"))?.name == "samedi")
        #expect(calendar.nonWorkingReason(on: try day("2026-12-28"))?.name == "Fermeture de fin d'année")
    }

    @Test("jours ouvrables: Saturdays count, closures do not stop them")
    func ouvrables() throws {
        let calendar = try CalendarFixture.calendar(closures: CalendarFixture.exampleClosures())
        #expect(calendar.isOuvrable(try day("2026-10-03")))
        #expect(!calendar.isOuvrable(try day("2026-10-04")))
        #expect(calendar.isOuvrable(try day("2026-05-15")))
        #expect(calendar.nonOuvrableReason(on: try day("2026-05-14")) == .holiday("Ascension"))
    }

    @Test("a custom working week")
    func customWeek() throws {
        let calendar = try BusinessCalendar(workingDays: [.tuesday, .wednesday, .thursday, .friday, .saturday])
        #expect(calendar.isWorkingDay(try day("2026-10-03")))
        #expect(calendar.nonWorkingReason(on: try day("2026-10-05")) == .weekend(.monday))
    }

    @Test("lists holidays and closure days of a year, sorted")
    func yearEntries() throws {
        let calendar = try CalendarFixture.calendar(closures: CalendarFixture.exampleClosures())
        let entries2026 = calendar.entries(in: 2026)
        #expect(entries2026 == entries2026.sorted())
        #expect(entries2026.count == 11 + 1 + 8)
        #expect(entries2026.filter { $0.kind == .closure }.map(\.date.description).first == "2026-05-15")
        let christmas = entries2026.filter { $0.date.description == "2026-12-25" }.map(\.name)
        #expect(christmas == ["Noël", "Fermeture de fin d'année"])
        let newYear = calendar.entries(in: 2027).filter { $0.date.description == "2027-01-01" }
        #expect(newYear.map(\.kind) == [.holiday, .closure])
    }

    @Test("refuses an unknown time zone and an empty week, with a readable message")
    func invalid() throws {
        let zone = #expect(throws: CalendarError.self) { try BusinessCalendar(timeZoneIdentifier: "Europe/Pariss") }
        #expect(zone?.description.contains("Europe/Pariss") == true)
        #expect(throws: CalendarError.emptyWorkingWeek) { try BusinessCalendar(workingDays: []) }
    }

    @Test("closures need a name and an order")
    func closures() throws {
        let closure = try Closure(name: " Pont ", date: day("2026-05-15"))
        #expect(closure.name == "Pont")
        let inside = try day("2026-05-15"), after = try day("2026-05-16")
        #expect(closure.contains(inside) && !closure.contains(after))
        #expect(throws: CalendarError.self) { try Closure(name: "Été", from: self.day("2026-08-20"), to: self.day("2026-08-01")) }
        #expect(throws: CalendarError.self) { try Closure(name: "  ", date: self.day("2026-08-20")) }
        let range = try Closure(name: "Fin d'année", from: day("2026-12-24"), to: day("2027-01-01"))
        #expect(range.days(in: 2027).map(\.description) == ["2027-01-01"])
        #expect(range.days(in: 2026).count == 8)
    }

    @Test(
        "business hours",
        arguments: [
            ("09:00-17:00", 540, 1020), ("9:00 - 17:30", 540, 1050), ("08h30-12h", 510, 720), ("00:00-24:00", 0, 1440),
        ])
    func businessHours(text: String, opening: Int, closing: Int) throws {
        let hours = try BusinessHours.parse(text)
        #expect(hours.openingMinute == opening && hours.closingMinute == closing)
    }

    @Test(
        "bad business hours",
        arguments: ["17:00-09:00", "09:00", "9-17", "25:00-26:00", "09:60-17:00", "24:00-24:00", "+9:00-17:00", "09:00-24:30"])
    func badBusinessHours(text: String) {
        #expect(throws: CalendarError.invalidBusinessHours(text)) { try BusinessHours.parse(text) }
    }
}
