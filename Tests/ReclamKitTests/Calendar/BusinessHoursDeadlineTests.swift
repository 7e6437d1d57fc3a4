import Foundation
import Testing
@testable import ReclamCore
@testable import ReclamGit
@testable import ReclamKit
@testable import ReclamLedger
@testable import ReclamOutput
@testable import ReclamRules
@testable import ReclamWorkflow

@Suite("Deadlines in business hours")
struct BusinessHoursDeadlineTests {
    private func due(_ start: String, _ duration: String, hours: BusinessHours = .standard) throws -> DueDate {
        let calendar = try CalendarFixture.calendar(businessHours: hours)
        return calendar.due(from: try CalendarFixture.instant(start), duration: try CalendarFixture.duration(duration))
    }

    @Test("across a weekend")
    func weekend() throws {
        let result = try due("2026-10-02T15:00:00+02:00", "4 business hours")
        #expect(result.dueText == "2026-10-05T11:00:00+02:00")
        #expect(result.skipped.map(\.name) == ["samedi", "dimanche"])
    }

    @Test("a count that ends exactly at closing time stays on that day")
    func closing() throws {
        #expect(try due("2026-10-02T18:00:00+02:00", "8 heures ouvrées").dueText == "2026-10-05T17:00:00+02:00")
        #expect(try due("2026-10-05T09:00:00+02:00", "8 business hours").dueText == "2026-10-05T17:00:00+02:00")
        #expect(try due("2026-10-05T09:00:00+02:00", "9 business hours").dueText == "2026-10-06T10:00:00+02:00")
    }

    @Test("an event outside business hours starts at the next opening")
    func outside() throws {
        #expect(try due("2026-10-05T07:30:00+02:00", "2 business hours").dueText == "2026-10-05T11:00:00+02:00")
        let saturday = try due("2026-10-03T10:00:00+02:00", "1 business hour")
        #expect(saturday.dueText == "2026-10-05T10:00:00+02:00")
        #expect(saturday.skipped.map(\.name) == ["dimanche"])
    }

    @Test("holidays have no business hours")
    func holiday() throws {
        let result = try due("2026-11-10T16:00:00+01:00", "2 business hours")
        #expect(result.dueText == "2026-11-12T10:00:00+01:00")
        #expect(result.skipped.map(\.name) == ["Armistice 1918"])
    }

    @Test("custom hours")
    func custom() throws {
        let morning = try BusinessHours.parse("08:30-12:00")
        #expect(try due("2026-10-05T11:00:00+02:00", "2 business hours", hours: morning).dueText == "2026-10-06T09:30:00+02:00")
    }

    @Test("the explanation quotes the business hours")
    func explanation() throws {
        let result = try due("2026-10-02T15:00:00+02:00", "4 business hours")
        #expect(result.explanation.contains("(09:00-17:00)"))
        #expect(result.frenchExplanation.hasPrefix("4 heures ouvrées à compter du 2026-10-02T15:00:00+02:00"))
    }
}
