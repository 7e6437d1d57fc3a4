import Foundation
import Testing
@testable import ReclamCore
@testable import ReclamGit
@testable import ReclamKit
@testable import ReclamLedger
@testable import ReclamOutput
@testable import ReclamRules
@testable import ReclamWorkflow

@Suite("Deadlines in days")
struct DeadlineTests {
    let day = CalendarFixture.day
    let instant = CalendarFixture.instant

    private func due(_ start: String, _ duration: String, closures: [Closure] = []) throws -> DueDate {
        let calendar = try CalendarFixture.calendar(closures: closures)
        return calendar.due(from: try instant(start), duration: try CalendarFixture.duration(duration))
    }

    @Test("Friday 18:00 + 1 working day ends with Monday")
    func fridayEvening() throws {
        let result = try due("2026-10-02T18:00:00+02:00", "1 working day")
        #expect(result.dueText == "2026-10-05T23:59:59+02:00")
        #expect(result.dueDay.description == "2026-10-05")
        #expect(result.skipped.map(\.description) == ["2026-10-03 (samedi)", "2026-10-04 (dimanche)"])
        // The instant just before the next local midnight.
        let midnight = try instant("2026-10-06T00:00:00+02:00")
        #expect(abs(midnight.timeIntervalSince(result.due) - 0.001) < 1e-5)
    }

    @Test("the day of the event never counts, whatever the hour")
    func eventDay() throws {
        #expect(try due("2026-10-02T00:00:01+02:00", "1 jour ouvré").dueText == "2026-10-05T23:59:59+02:00")
        #expect(try due("2026-10-05T08:00:00+02:00", "1 jour ouvré").dueText == "2026-10-06T23:59:59+02:00")
        // The event's day is taken in the ledger's zone: 23:30 UTC on Friday is Saturday in Paris.
        #expect(try due("2026-10-02T23:30:00Z", "1 working day").dueText == "2026-10-05T23:59:59+02:00")
        #expect(try due("2026-10-02T21:30:00Z", "1 working day").dueText == "2026-10-05T23:59:59+02:00")
        #expect(try due("2026-10-04T22:30:00Z", "1 working day").dueText == "2026-10-06T23:59:59+02:00")
    }

    @Test("bridge: Wednesday before Ascension with the Friday closed")
    func ascensionBridge() throws {
        let result = try due("2026-05-13T10:00:00+02:00", "1 working day", closures: CalendarFixture.exampleClosures())
        #expect(result.dueText == "2026-05-18T23:59:59+02:00")
        #expect(
            result.skipped.map(\.description) == [
                "2026-05-14 (Ascension)", "2026-05-15 (Pont de l'Ascension)", "2026-05-16 (samedi)", "2026-05-17 (dimanche)",
            ])
    }

    @Test("the Christmas closure and New Year's Day")
    func christmas() throws {
        let result = try due("2026-12-23T15:00:00+01:00", "1 working day", closures: CalendarFixture.exampleClosures())
        #expect(result.dueText == "2027-01-04T23:59:59+01:00")
        #expect(
            result.skipped.map(\.name) == [
                "Fermeture de fin d'année", "Noël", "samedi", "dimanche",
                "Fermeture de fin d'année", "Fermeture de fin d'année", "Fermeture de fin d'année", "Fermeture de fin d'année",
                "Jour de l'an", "samedi", "dimanche",
            ])
        #expect(result.skipped.first?.date.description == "2026-12-24")
    }

    @Test("10 jours ouvrés across 11 November")
    func armistice() throws {
        let result = try due("2026-11-02T10:00:00+01:00", "10 jours ouvrés")
        #expect(result.dueText == "2026-11-17T23:59:59+01:00")
        #expect(
            result.skipped.map(\.description) == [
                "2026-11-07 (samedi)", "2026-11-08 (dimanche)", "2026-11-11 (Armistice 1918)",
                "2026-11-14 (samedi)", "2026-11-15 (dimanche)",
            ])
    }

    @Test("jours ouvrables count Saturdays and ignore closures")
    func ouvrables() throws {
        let closed = [try Closure(name: "Inventaire", date: day("2026-10-02"))]
        let ouvrables = try due("2026-10-01T11:00:00+02:00", "3 jours ouvrables", closures: closed)
        #expect(ouvrables.dueText == "2026-10-05T23:59:59+02:00")
        #expect(ouvrables.skipped.map(\.description) == ["2026-10-04 (dimanche)"])
        // Working days with the same closure: Friday is lost, Saturday is not worked.
        let ouvres = try due("2026-10-01T11:00:00+02:00", "3 jours ouvrés", closures: closed)
        #expect(ouvres.dueText == "2026-10-07T23:59:59+02:00")
        #expect(ouvres.skipped.map(\.name) == ["Inventaire", "samedi", "dimanche"])
        // A holiday is not a jour ouvrable.
        #expect(try due("2026-05-13T10:00:00+02:00", "2 jours ouvrables").dueText == "2026-05-16T23:59:59+02:00")
    }

    @Test("calendar days count every day, holidays included")
    func calendarDays() throws {
        let result = try due("2026-10-30T16:00:00+01:00", "2 jours")
        #expect(result.dueText == "2026-11-01T23:59:59+01:00")
        #expect(result.skipped.isEmpty)
    }

    @Test("the explanation says how the deadline was counted, in English and French")
    func explanation() throws {
        let result = try due("2026-10-02T18:00:00+02:00", "1 working day")
        #expect(
            result.explanation == "1 working day from 2026-10-02T18:00:00+02:00: the day of the event does not count; "
                + "not counted: 2026-10-03 (samedi), 2026-10-04 (dimanche); due at the end of Monday 2026-10-05, 2026-10-05T23:59:59+02:00."
        )
        #expect(
            result.frenchExplanation == "1 jour ouvré à compter du 2026-10-02T18:00:00+02:00 : le jour de l'événement ne compte pas ; "
                + "jours non comptés : 2026-10-03 (samedi), 2026-10-04 (dimanche) ; échéance à la fin du lundi 2026-10-05, 2026-10-05T23:59:59+02:00."
        )
    }

    @Test("long durations stay consistent with the day-by-day rule")
    func longDuration() throws {
        let calendar = try CalendarFixture.calendar()
        let start = try instant("2026-01-15T10:00:00+01:00")
        let result = calendar.due(from: start, duration: try SLADuration(amount: 250, unit: .workingDays))
        var counted = 0
        var current = calendar.day(of: start)
        while current < result.dueDay {
            current = current.adding(days: 1)
            if calendar.isWorkingDay(current) { counted += 1 }
        }
        #expect(counted == 250)
        #expect(calendar.isWorkingDay(result.dueDay))
        #expect(result.skipped.count == result.dueDay.days(since: calendar.day(of: start)) - 250)
    }
}
