import Testing
@testable import ReclamCore
@testable import ReclamGit
@testable import ReclamKit
@testable import ReclamLedger
@testable import ReclamOutput
@testable import ReclamRules
@testable import ReclamWorkflow

@Suite("SLA durations")
struct SLADurationTests {
    @Test(
        "English and French forms",
        arguments: [
            ("48h", 48, SLAUnit.hours), ("48 hours", 48, .hours), ("48 heures", 48, .hours), ("2 h", 2, .hours),
            ("1 hour", 1, .hours), ("1 HEURE", 1, .hours), ("72hrs", 72, .hours), ("  24   H ", 24, .hours),
            ("1 working day", 1, .workingDays), ("2 working days", 2, .workingDays), ("3 business days", 3, .workingDays),
            ("10 jours ouvrés", 10, .workingDays), ("1 jour ouvré", 1, .workingDays), ("10 Jours Ouvres", 10, .workingDays),
            ("2jours ouvrés", 2, .workingDays),
            ("5 jours ouvrables", 5, .ouvrableDays), ("1 jour ouvrable", 1, .ouvrableDays), ("5 ouvrable days", 5, .ouvrableDays),
            ("8 business hours", 8, .businessHours), ("1 business hour", 1, .businessHours),
            ("8 heures ouvrées", 8, .businessHours), ("1 heure ouvrée", 1, .businessHours),
            ("30 calendar days", 30, .calendarDays), ("30 jours calendaires", 30, .calendarDays),
            ("30 days", 30, .calendarDays), ("1 day", 1, .calendarDays), ("30 jours", 30, .calendarDays), ("1 jour", 1, .calendarDays),
        ])
    func parses(text: String, amount: Int, unit: SLAUnit) throws {
        let duration = try SLADuration.parse(text)
        #expect(duration.amount == amount)
        #expect(duration.unit == unit)
    }

    @Test("renders canonically in English and in French")
    func renders() throws {
        let cases: [(String, String, String)] = [
            ("48h", "48 hours", "48 heures"),
            ("1 h", "1 hour", "1 heure"),
            ("1 jour ouvré", "1 working day", "1 jour ouvré"),
            ("10 working days", "10 working days", "10 jours ouvrés"),
            ("2 jours ouvrables", "2 ouvrable days", "2 jours ouvrables"),
            ("1 jour ouvrable", "1 ouvrable day", "1 jour ouvrable"),
            ("8 heures ouvrées", "8 business hours", "8 heures ouvrées"),
            ("1 business hour", "1 business hour", "1 heure ouvrée"),
            ("30 jours", "30 calendar days", "30 jours calendaires"),
            ("1 day", "1 calendar day", "1 jour calendaire"),
        ]
        for (text, english, french) in cases {
            let duration = try SLADuration.parse(text)
            #expect(duration.description == english)
            #expect(duration.frenchDescription == french)
            #expect(try SLADuration.parse(english) == duration)
            #expect(try SLADuration.parse(french) == duration)
        }
    }

    @Test(
        "refuses other text, listing the accepted forms",
        arguments: [
            "", "48", "h", "0 h", "1.5 hours", "10001 days", "2 weeks", "-1 day", "deux jours", "48 hours later",
            "jours 2", "2 working", "99999999999999999999 h",
        ])
    func refuses(text: String) {
        let error = #expect(throws: CalendarError.self) { try SLADuration.parse(text) }
        #expect(error == .invalidDuration(text))
        let message = error?.description ?? ""
        #expect(message.contains("\"\(text)\""))
        #expect(
            message.contains("48 heures") && message.contains("jours ouvrés") && message.contains("jours ouvrables")
                && message.contains("business hours") && message.contains("calendar days"))
    }

    @Test("amounts are bounded when built in code too")
    func bounded() {
        #expect(throws: CalendarError.self) { try SLADuration(amount: 0, unit: .hours) }
        #expect((try? SLADuration(amount: 10_000, unit: .calendarDays)) != nil)
    }
}
