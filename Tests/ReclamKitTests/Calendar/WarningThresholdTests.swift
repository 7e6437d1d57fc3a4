import Foundation
import Testing
@testable import ReclamCore
@testable import ReclamGit
@testable import ReclamKit
@testable import ReclamLedger
@testable import ReclamOutput
@testable import ReclamRules
@testable import ReclamWorkflow

@Suite("SLA warnings")
struct WarningThresholdTests {
    let instant = CalendarFixture.instant

    @Test("parses percentages and durations before the deadline")
    func parses() throws {
        #expect(try WarningThreshold.parse("75%") == .percent(75))
        #expect(try WarningThreshold.parse(" 75 % ") == .percent(75))
        #expect(try WarningThreshold.parse("12,5 %") == .percent(12.5))
        #expect(try WarningThreshold.parse("1 working day before") == .before(SLADuration(amount: 1, unit: .workingDays)))
        #expect(try WarningThreshold.parse("4 hours before") == .before(SLADuration(amount: 4, unit: .hours)))
        #expect(try WarningThreshold.parse("1 jour ouvré avant") == .before(SLADuration(amount: 1, unit: .workingDays)))
        #expect(try WarningThreshold.parse("4 Heures AVANT") == .before(SLADuration(amount: 4, unit: .hours)))
    }

    @Test("renders in English and French")
    func renders() throws {
        #expect(try WarningThreshold.parse("75 %").description == "75%")
        #expect(try WarningThreshold.parse("12.5%").frenchDescription == "12,5 %")
        #expect(try WarningThreshold.parse("1 jour ouvré avant").description == "1 working day before")
        #expect(try WarningThreshold.parse("4 hours before").frenchDescription == "4 heures avant")
    }

    @Test("refuses anything else", arguments: ["75", "120%", "-5%", "%", "before", "1 week before", "2 days after", "75 percent", "1e2%"])
    func refuses(text: String) {
        let error = #expect(throws: CalendarError.self) { try WarningThreshold.parse(text) }
        #expect(error == .invalidWarning(text))
        #expect(error?.description.contains("75%") == true)
    }

    private func warning(_ threshold: String, _ start: String, _ duration: String) throws -> String {
        let calendar = try CalendarFixture.calendar()
        let deadline = calendar.due(from: try instant(start), duration: try CalendarFixture.duration(duration))
        return CalendarFixture.text(calendar.warningInstant(try WarningThreshold.parse(threshold), for: deadline))
    }

    @Test("a percentage is measured in the duration's unit")
    func percent() throws {
        #expect(try warning("75%", "2026-10-05T09:00:00+02:00", "48h") == "2026-10-06T21:00:00+02:00")
        // 75 % of one working day counted from Friday evening: Monday 18:00, not Sunday.
        #expect(try warning("75%", "2026-10-02T18:00:00+02:00", "1 working day") == "2026-10-05T18:00:00+02:00")
        #expect(try warning("50%", "2026-10-02T15:00:00+02:00", "4 business hours") == "2026-10-02T17:00:00+02:00")
        #expect(try warning("0%", "2026-10-02T15:00:00+02:00", "4 business hours") == "2026-10-02T15:00:00+02:00")
        #expect(try warning("100%", "2026-10-02T18:00:00+02:00", "1 working day") == "2026-10-05T23:59:59+02:00")
    }

    @Test("a duration before the deadline is counted backwards with the same rules")
    func before() throws {
        #expect(try warning("4 hours before", "2026-10-05T09:00:00+02:00", "48h") == "2026-10-07T05:00:00+02:00")
        // Due at the end of Monday: warn from the start of Monday...
        #expect(try warning("1 working day before", "2026-10-02T18:00:00+02:00", "1 working day") == "2026-10-05T00:00:00+02:00")
        #expect(try warning("1 jour ouvré avant", "2026-10-07T10:00:00+02:00", "3 jours ouvrés") == "2026-10-12T00:00:00+02:00")
        // ...and from the start of Friday for two working days.
        #expect(try warning("2 working days before", "2026-10-07T10:00:00+02:00", "3 working days") == "2026-10-09T00:00:00+02:00")
        #expect(try warning("4 business hours before", "2026-10-02T09:00:00+02:00", "8 business hours") == "2026-10-02T13:00:00+02:00")
        // Counting backwards stops at the latest equivalent instant: Monday's opening, not Friday's closing.
        #expect(try warning("2 business hours before", "2026-10-02T15:00:00+02:00", "4 business hours") == "2026-10-05T09:00:00+02:00")
        #expect(try warning("1 jour avant", "2026-10-07T10:00:00+02:00", "3 jours ouvrés") == "2026-10-12T00:00:00+02:00")
    }

    @Test("never before the start")
    func clamped() throws {
        #expect(try warning("10 working days before", "2026-10-02T18:00:00+02:00", "1 working day") == "2026-10-02T18:00:00+02:00")
        #expect(try warning("100 hours before", "2026-10-02T18:00:00+02:00", "48h") == "2026-10-02T18:00:00+02:00")
        #expect(try warning("40 business hours before", "2026-10-02T18:00:00+02:00", "8 business hours") == "2026-10-02T18:00:00+02:00")
    }
}
