import Foundation
import Testing
@testable import ReclamCore
@testable import ReclamGit
@testable import ReclamKit
@testable import ReclamLedger
@testable import ReclamOutput
@testable import ReclamRules
@testable import ReclamWorkflow

@Suite("Calendar exports")
struct CalendarExportTests {
    let day = CalendarFixture.day

    @Test("JSON: sorted, unique, UTF-8 names written as is")
    func json() throws {
        let entries = [
            CalendarEntry(date: try day("2026-04-06"), name: "Lundi de Pâques"),
            CalendarEntry(date: try day("2026-01-01"), name: "Jour de l'an"),
            CalendarEntry(date: try day("2026-04-06"), name: "Lundi de Pâques"),
        ]
        #expect(
            CalendarExport.json(entries) == """
                [
                  {"date": "2026-01-01", "name": "Jour de l'an"},
                  {"date": "2026-04-06", "name": "Lundi de Pâques"}
                ]

                """)
        #expect(CalendarExport.json([]) == "[]\n")
    }

    @Test("JSON escapes quotes, backslashes and control characters, and parses back")
    func jsonEscaping() throws {
        let name = "Fermeture \"été\" \\ 2026\n/\u{1}"
        let text = CalendarExport.json([CalendarEntry(date: try day("2026-08-01"), name: name)])
        #expect(text.contains(#""name": "Fermeture \"été\" \\ 2026\n/\u0001""#))
        let decoded = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: String]]
        #expect(decoded == [["date": "2026-08-01", "name": name]])
    }

    private let stamp = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z

    @Test("iCalendar: CRLF lines, all-day events, fixed DTSTAMP")
    func ics() throws {
        let calendar = try CalendarFixture.calendar()
        let text = CalendarExport.ics(calendar.holidays(in: 2026), prodID: "-//Reclam//Calendrier//FR", stamp: stamp)
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Reclam//Calendrier//FR\r\n"))
        #expect(text.hasSuffix("END:VCALENDAR\r\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\r"))
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == 11)
        #expect(lines.filter { $0 == "END:VEVENT" }.count == 11)
        #expect(lines.filter { $0 == "DTSTAMP:20260101T000000Z" }.count == 11)
        #expect(text.contains("DTSTART;VALUE=DATE:20261111\r\nDTEND;VALUE=DATE:20261112\r\nSUMMARY:Armistice 1918\r\n"))
        #expect(text.contains("DTSTART;VALUE=DATE:20261231") == false)
        #expect(text.contains("SUMMARY:Jour de l'an\r\n"))
    }

    @Test("iCalendar DTEND crosses months and years")
    func dtend() throws {
        let text = CalendarExport.ics(
            [CalendarEntry(date: try day("2026-12-31"), name: "Fermeture", kind: .closure)],
            prodID: "x", stamp: stamp)
        #expect(text.contains("DTSTART;VALUE=DATE:20261231\r\nDTEND;VALUE=DATE:20270101\r\n"))
        #expect(text.contains("CATEGORIES:Fermeture\r\n"))
    }

    @Test("UIDs depend only on date and name")
    func uids() throws {
        let a = CalendarEntry(date: try day("2026-11-11"), name: "Armistice 1918")
        let b = CalendarEntry(date: try day("2026-11-11"), name: "Pont")
        let c = CalendarEntry(date: try day("2027-11-11"), name: "Armistice 1918")
        #expect(CalendarExport.uid(a) == CalendarExport.uid(a))
        #expect(Set([CalendarExport.uid(a), CalendarExport.uid(b), CalendarExport.uid(c)]).count == 3)
        #expect(CalendarExport.uid(a).hasPrefix("20261111-") && CalendarExport.uid(a).hasSuffix("@reclam"))
        // FNV-1a is fixed: the same UID on every machine and run.
        #expect(CalendarExport.uid(a).count == "20261111-".count + 16 + "@reclam".count)
        let first = CalendarExport.ics([a, b], prodID: "x", stamp: stamp)
        let second = CalendarExport.ics([b, a], prodID: "x", stamp: stamp)
        #expect(first == second)
    }

    @Test("TEXT escaping of backslash, semicolon, comma and newlines")
    func escaping() {
        #expect(CalendarExport.icsEscaped("a,b;c\\d\ne\r\nf") == "a\\,b\\;c\\\\d\\ne\\nf")
    }

    @Test(
        "lines are folded at 75 octets without splitting a UTF-8 character",
        arguments: [
            String(repeating: "Fermeture exceptionnelle, ", count: 8),
            String(repeating: "é", count: 100),
            String(repeating: "a", count: 67),  // SUMMARY: + 67 = 75 octets: not folded
            String(repeating: "a", count: 68),  // 76 octets: folded
        ])
    func folding(name: String) throws {
        let text = CalendarExport.ics([CalendarEntry(date: try day("2026-08-01"), name: name)], prodID: "x", stamp: stamp)
        let physical = text.components(separatedBy: "\r\n").dropLast()
        for line in physical {
            #expect(line.utf8.count <= 75, "\(line.utf8.count) octets")
        }
        // Unfolding (RFC 5545 §3.1) gives back the escaped content line.
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("\r\nSUMMARY:" + CalendarExport.icsEscaped(name) + "\r\n"))
        let summaryLines = physical.drop { !$0.hasPrefix("SUMMARY:") }.prefix { !$0.hasPrefix("CATEGORIES:") }
        let octets = ("SUMMARY:" + CalendarExport.icsEscaped(name)).utf8.count
        #expect(summaryLines.count == (octets <= 75 ? 1 : 1 + (octets - 75 + 73) / 74) || name.contains("é"))
    }
}
