import Foundation
import Testing
@testable import ReclamCore
@testable import ReclamGit
@testable import ReclamKit
@testable import ReclamLedger
@testable import ReclamOutput
@testable import ReclamRules
@testable import ReclamWorkflow

@Suite("Elapsed time in a duration's unit")
struct ElapsedTests {
    let instant = CalendarFixture.instant

    private func elapsed(_ from: String, _ to: String, _ unit: SLAUnit) throws -> Double {
        try CalendarFixture.calendar().elapsed(from: instant(from), to: instant(to), unit: unit)
    }

    @Test("elapsed hours ignore the wall clock")
    func hours() throws {
        #expect(try elapsed("2026-03-28T10:00:00+01:00", "2026-03-30T11:00:00+02:00", .hours) == 48)
    }

    @Test("business hours count only open time of working days")
    func businessHours() throws {
        #expect(try elapsed("2026-10-02T15:00:00+02:00", "2026-10-05T11:00:00+02:00", .businessHours) == 4)
        #expect(try elapsed("2026-10-02T18:00:00+02:00", "2026-10-04T12:00:00+02:00", .businessHours) == 0)
        #expect(try elapsed("2026-10-05T07:00:00+02:00", "2026-10-05T20:00:00+02:00", .businessHours) == 8)
    }

    @Test("working days: the event day counts nothing, then fractions of counted days")
    func workingDays() throws {
        let start = "2026-10-02T18:00:00+02:00"
        #expect(try elapsed(start, "2026-10-02T23:00:00+02:00", .workingDays) == 0)
        #expect(try elapsed(start, "2026-10-04T12:00:00+02:00", .workingDays) == 0)
        #expect(try elapsed(start, "2026-10-05T12:00:00+02:00", .workingDays) == 0.5)
        #expect(try elapsed(start, "2026-10-06T00:00:00+02:00", .workingDays) == 1)
        #expect(try elapsed(start, "2026-10-06T06:00:00+02:00", .workingDays) == 1.25)
    }

    @Test("a day's fraction uses its real length on change days")
    func changeDay() throws {
        // 2026-03-29 lasts 23 h; at 12:00+02:00, 11 h of it have passed.
        let value = try elapsed("2026-03-28T10:00:00+01:00", "2026-03-29T12:00:00+02:00", .calendarDays)
        #expect(abs(value - 11.0 / 23.0) < 1e-12)
    }

    @Test("jours ouvrables count Saturday")
    func ouvrables() throws {
        #expect(try elapsed("2026-10-02T18:00:00+02:00", "2026-10-05T00:00:00+02:00", .ouvrableDays) == 1)
    }

    @Test("an end before the start gives 0")
    func backwards() throws {
        #expect(try elapsed("2026-10-05T12:00:00+02:00", "2026-10-02T12:00:00+02:00", .hours) == 0)
    }

    @Test(
        "elapsed at the deadline is the duration; instant(whenElapsed:) is its inverse",
        arguments: [
            "1 working day", "10 jours ouvrés", "3 jours ouvrables", "30 jours", "48h", "8 business hours", "13 heures ouvrées",
        ])
    func inverse(text: String) throws {
        let calendar = try CalendarFixture.calendar(closures: CalendarFixture.exampleClosures())
        let duration = try CalendarFixture.duration(text)
        for start in ["2026-10-02T18:00:00+02:00", "2026-12-22T10:30:00+01:00", "2026-03-27T16:00:00+01:00", "2026-05-13T08:00:00+02:00"] {
            let from = try instant(start)
            let due = calendar.due(from: from, duration: duration).due
            let used = calendar.elapsed(from: from, to: due, unit: duration.unit)
            #expect(abs(used - Double(duration.amount)) < 1e-9, "\(text) from \(start)")
            for share in [0.1, 0.5, 0.75, 0.99] {
                let target = Double(duration.amount) * share
                let moment = calendar.instant(whenElapsed: target, unit: duration.unit, from: from)
                #expect(
                    abs(calendar.elapsed(from: from, to: moment, unit: duration.unit) - target) < 1e-6, "\(text) \(share) from \(start)")
                #expect(moment <= due)
            }
        }
    }

    @Test("the running-count table agrees with a day-by-day walk, across years and closures")
    func countedDaysMatchTheWalk() throws {
        let closure = try Closure(name: "Été", from: CivilDate(parsing: "2025-08-04"), to: CivilDate(parsing: "2025-08-22"))
        let calendar = try BusinessCalendar(region: .alsaceMoselle, closures: [closure])
        var generator = SystemRandomNumberGenerator()
        let origin = try CivilDate(parsing: "2024-01-01").dayNumber
        for _ in 0..<300 {
            let first = origin + Int.random(in: 0..<1500, using: &generator)
            let last = first + Int.random(in: -5..<900, using: &generator)
            for unit in [SLAUnit.workingDays, .ouvrableDays, .calendarDays] {
                let walked = (first..<max(first, last)).filter {
                    calendar.reasonNotCounted(CivilDate(dayNumber: $0), unit: unit) == nil
                }.count
                let counted = calendar.countedDays(from: CivilDate(dayNumber: first), to: CivilDate(dayNumber: last), unit: unit)
                #expect(counted == walked, "\(unit) from \(CivilDate(dayNumber: first)) to \(CivilDate(dayNumber: last))")
            }
        }
    }
}
