import Foundation
import Testing
@testable import ReclamCore
@testable import ReclamGit
@testable import ReclamKit
@testable import ReclamLedger
@testable import ReclamOutput
@testable import ReclamRules
@testable import ReclamWorkflow

/// Europe/Paris changes to summer time on 2026-03-29 (02:00 → 03:00) and back on 2026-10-25 (03:00 → 02:00).
@Suite("Daylight-saving changes")
struct DaylightSavingTests {
    let instant = CalendarFixture.instant

    @Test("48 elapsed hours are 172 800 s across the spring change; the wall clock moves one hour more")
    func spring() throws {
        let calendar = try CalendarFixture.calendar()
        let start = try instant("2026-03-28T10:00:00+01:00")
        let result = calendar.due(from: start, duration: try CalendarFixture.duration("48h"))
        #expect(result.due.timeIntervalSince(start) == 172_800)
        #expect(result.dueText == "2026-03-30T11:00:00+02:00")
        #expect(result.skipped.isEmpty)
    }

    @Test("48 elapsed hours are 172 800 s across the autumn change; the wall clock moves one hour less")
    func autumn() throws {
        let calendar = try CalendarFixture.calendar()
        let start = try instant("2026-10-24T10:00:00+02:00")
        let result = calendar.due(from: start, duration: try CalendarFixture.duration("48 heures"))
        #expect(result.due.timeIntervalSince(start) == 172_800)
        #expect(result.dueText == "2026-10-26T09:00:00+01:00")
    }

    @Test("local days last 23 and 25 hours on change days")
    func dayLengths() throws {
        let clock = LocalClock(timeZone: CalendarFixture.paris)
        #expect(clock.length(of: try CalendarFixture.day("2026-03-29")) == 82_800)
        #expect(clock.length(of: try CalendarFixture.day("2026-10-25")) == 90_000)
        #expect(clock.length(of: try CalendarFixture.day("2026-10-26")) == 86_400)
    }

    @Test("day deadlines end at local midnight with the offset in force that day")
    func dayDeadlines() throws {
        let calendar = try CalendarFixture.calendar()
        let spring = calendar.due(from: try instant("2026-03-28T10:00:00+01:00"), duration: try CalendarFixture.duration("1 jour"))
        #expect(spring.dueText == "2026-03-29T23:59:59+02:00")
        let autumn = calendar.due(from: try instant("2026-10-23T12:00:00+02:00"), duration: try CalendarFixture.duration("1 working day"))
        #expect(autumn.dueText == "2026-10-26T23:59:59+01:00")
        #expect(abs(try instant("2026-10-27T00:00:00+01:00").timeIntervalSince(autumn.due) - 0.001) < 1e-5)
    }

    @Test("business hours keep to the wall clock across the change weekend")
    func businessHours() throws {
        let calendar = try CalendarFixture.calendar()
        let result = calendar.due(
            from: try instant("2026-03-27T16:00:00+01:00"), duration: try CalendarFixture.duration("2 business hours"))
        #expect(result.dueText == "2026-03-30T10:00:00+02:00")
    }
}

@Suite struct ZoneOffsetTableTests {
    @Test(
        "the offset table agrees with the zone database at random instants, DST and standard-offset changes alike",
        arguments: [
            "Europe/Paris", "America/Cayenne", "Indian/Reunion", "Pacific/Noumea", "America/New_York", "Asia/Kolkata",
            "Australia/Lord_Howe", "Africa/Casablanca", "Pacific/Apia", "Asia/Pyongyang", "Europe/Moscow", "UTC",
        ])
    func tableAgrees(_ identifier: String) throws {
        let zone = try #require(TimeZone(identifier: identifier))
        let table = ZoneOffsets(zone)
        var generator = SystemRandomNumberGenerator()
        // 1960 to 2110: inside the table and on both sides of it.
        for _ in 0..<3_000 {
            let instant = Date(timeIntervalSince1970: Double.random(in: -315_619_200...4_418_064_000, using: &generator).rounded())
            #expect(table.seconds(at: instant) == zone.secondsFromGMT(for: instant), "\(identifier) at \(instant)")
        }
    }
}
