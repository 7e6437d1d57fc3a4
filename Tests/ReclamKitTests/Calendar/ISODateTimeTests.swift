import Foundation
import Testing
@testable import ReclamCore
@testable import ReclamGit
@testable import ReclamKit
@testable import ReclamLedger
@testable import ReclamOutput
@testable import ReclamRules
@testable import ReclamWorkflow

@Suite("ISO 8601 date-times")
struct ISODateTimeTests {
    @Test("parses the ledger form with its offset")
    func ledgerForm() throws {
        let parsed = try #require(ISODateTime.parse("2026-10-05T09:12:00+02:00"))
        #expect(parsed.date.timeIntervalSince1970 == 1_791_184_320)
        #expect(parsed.offsetSeconds == 7200)
    }

    @Test(
        "accepted variants",
        arguments: [
            ("2026-10-05T07:12:00Z", 0.0, 0), ("2026-10-05T07:12:00z", 0, 0), ("2026-10-05T09:12:00+0200", 0, 7200),
            ("2026-10-05t09:12:00+02:00", 0, 7200), ("2026-10-05 09:12:00+02:00", 0, 7200), ("2026-10-05T09:12+02:00", 0, 7200),
            ("2026-10-05T04:12:00-03:00", 0, -10800), ("2026-10-05T07:12:00.5Z", 0.5, 0), ("2026-10-05T07:12:00,25Z", 0.25, 0),
            ("2026-10-05T09:12:00.123456+02:00", 0.123456, 7200), ("2026-10-05T12:42:00+05:30", 0, 19800),
        ])
    func variants(text: String, fraction: Double, offset: Int) throws {
        let parsed = try #require(ISODateTime.parse(text))
        #expect(abs(parsed.date.timeIntervalSince1970 - (1_791_184_320 + fraction)) < 1e-6)
        #expect(parsed.offsetSeconds == offset)
    }

    @Test(
        "rejects malformed or impossible values",
        arguments: [
            "2026-02-30T10:00:00Z", "2026-13-01T10:00:00Z", "2026-00-01T10:00:00Z", "2026-10-05T24:00:00Z",
            "2026-10-05T10:60:00Z", "2026-10-05T10:00:60Z", "2026-10-05T10:00:00", "2026-10-05T10:00:00+24:00",
            "2026-10-05T10:00:00+02:60", "2026-10-05T10:00:00+02", "2026-10-05", "2026-10-05T10:00:00Zjunk",
            "2026-10-05T09:12:00.Z", "", "2026-1-05T10:00:00Z", "2026-10-05T9:00:00Z", "2026-10-05X10:00:00Z",
            " 2026-10-05T10:00:00Z", "2023-02-29T10:00:00Z", "2026-10-05T10:00:00 +02:00",
        ])
    func rejects(text: String) {
        #expect(ISODateTime.parse(text) == nil)
    }

    @Test("formats with the zone's offset at that instant")
    func formats() throws {
        let paris = CalendarFixture.paris
        #expect(ISODateTime.format(Date(timeIntervalSince1970: 1_791_184_320), in: paris) == "2026-10-05T09:12:00+02:00")
        #expect(ISODateTime.format(Date(timeIntervalSince1970: 1_767_225_600), in: paris) == "2026-01-01T01:00:00+01:00")
        #expect(ISODateTime.format(Date(timeIntervalSince1970: 1_791_184_320), in: TimeZone(identifier: "UTC")!) == "2026-10-05T07:12:00Z")
        #expect(
            ISODateTime.format(Date(timeIntervalSince1970: 1_791_184_320), in: TimeZone(identifier: "America/Cayenne")!)
                == "2026-10-05T04:12:00-03:00")
        #expect(ISODateTime.format(Date(timeIntervalSince1970: -1), offsetSeconds: 0) == "1969-12-31T23:59:59Z")
        #expect(ISODateTime.format(Date(timeIntervalSince1970: 1_791_184_320.999), offsetSeconds: 7200) == "2026-10-05T09:12:00+02:00")
    }

    @Test("offsets that are not whole minutes are rounded and still name the same instant")
    func localMeanTime() throws {
        let instant = Date(timeIntervalSince1970: -2_195_899_200)  // 1900-06-01T12:00:00Z, Paris at +00:09:21
        let text = ISODateTime.format(instant, in: CalendarFixture.paris)
        #expect(text == "1900-06-01T12:09:00+00:09")
        #expect(ISODateTime.parse(text)?.date == instant)
    }

    @Test("agrees with ISO8601DateFormatter on many instants")
    func agreesWithFoundation() throws {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = CalendarFixture.paris
        var seconds = 946_684_800.0  // 2000-01-01
        while seconds < 4_102_444_800 {  // 2100-01-01
            let date = Date(timeIntervalSince1970: seconds)
            let ours = ISODateTime.format(date, in: CalendarFixture.paris)
            #expect(ours == formatter.string(from: date))
            #expect(ISODateTime.parse(ours)?.date == date)
            seconds += 7_777_777
        }
    }

    @Test("parses dates through CivilDate")
    func dates() {
        #expect(ISODateTime.parseDate("2026-10-05")?.description == "2026-10-05")
        #expect(ISODateTime.parseDate("2026-02-30") == nil)
    }
}
