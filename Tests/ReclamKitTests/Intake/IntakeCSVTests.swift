import Foundation
import Testing

@testable import ReclamCore
@testable import ReclamGit
@testable import ReclamKit
@testable import ReclamLedger
@testable import ReclamOutput
@testable import ReclamRules
@testable import ReclamWorkflow

@Suite struct IntakeCSVTests {
    @Test func quotedFieldsSeparatorsAndLineEndings() throws {
        let text = "a;b;c\r\n1;\"x;y\";\"multi\r\nline \"\"quoted\"\"\"\r\n2;;\n3;\"\";z\r4;5;6"
        let table = try CSVReader.read(Data(text.utf8))
        #expect(table.separator == ";")
        #expect(table.header.fields == ["a", "b", "c"])
        #expect(
            table.rows == [
                .init(line: 2, fields: ["1", "x;y", "multi\nline \"quoted\""]), .init(line: 4, fields: ["2", "", ""]),
                .init(line: 5, fields: ["3", "", "z"]), .init(line: 6, fields: ["4", "5", "6"]),
            ])
    }

    @Test func separatorDetection() {
        #expect(CSVReader.detectSeparator("a,b,c\n1,2,3") == ",")
        #expect(CSVReader.detectSeparator("a;b;c\n1,5;2;3") == ";")
        #expect(CSVReader.detectSeparator("\"a;b\",c,d\n") == ",")
        #expect(CSVReader.detectSeparator("a\tb\tc\n") == "\t")
        #expect(CSVReader.detectSeparator("a,b;c\n") == ";")
        #expect(CSVReader.detectSeparator("single\n") == ";")
    }

    @Test func encodings() throws {
        #expect(try CSVReader.decode(Data([0xEF, 0xBB, 0xBF, 0x61])) == ("a", "UTF-8 with BOM"))
        #expect(try CSVReader.decode(Data([0x63, 0x61, 0x66, 0xE9, 0x80])) == ("café€", "Windows-1252"))
        #expect(try CSVReader.decode(Data([0xFF, 0xFE, 0x61, 0x00, 0xE9, 0x00])) == ("aé", "UTF-16"))
        #expect(throws: CSVReader.Problem.self) { try CSVReader.decode(Data([0x61, 0x00, 0x62])) }
    }

    @Test func problemsPointAtTheirLine() {
        do {
            _ = try CSVReader.read(Data("a;b\n1;2\n3;\"open\n\nnever closed\n".utf8))
            Issue.record("accepted")
        } catch {
            #expect(error == CSVReader.Problem(line: 3, kind: .unclosedQuote))
        }
        do {
            _ = try CSVReader.read(Data("a;b\n1;\"x\"y\n".utf8))
            Issue.record("accepted")
        } catch {
            #expect(error.line == 2)
        }
        #expect(throws: CSVReader.Problem.self) { try CSVReader.read(Data("\n\n;;\n".utf8)) }
    }

    @Test func surveyDates() throws {
        let paris = TimeZone(identifier: "Europe/Paris")!
        func iso(_ text: String) -> String? {
            SurveyDate.parse(text, timeZone: paris).map { ISODateTime.format($0.date, in: paris) }
        }
        #expect(iso("2026-11-10") == "2026-11-10T00:00:00+01:00")
        #expect(iso("10/11/2026") == "2026-11-10T00:00:00+01:00")
        #expect(iso("10/11/2026 14:03:27") == "2026-11-10T14:03:27+01:00")
        #expect(iso("10.11.26 14h03") == "2026-11-10T14:03:00+01:00")
        #expect(iso("2026-07-01 09:00") == "2026-07-01T09:00:00+02:00")
        #expect(iso("2026-11-10T13:03:27Z") == "2026-11-10T14:03:27+01:00")
        #expect(iso("2026-11-10T14:03:27.5+0100") == "2026-11-10T14:03:27+01:00")
        #expect(iso("2026-03-29 02:30") != nil)
        for bad in ["", "31/02/2026", "2026-13-01", "10/11/2026 25:00", "demain", "11/10"] {
            #expect(iso(bad) == nil, "\(bad)")
        }
        #expect(SurveyDate.parse("10/11/2026 14:03:27", timeZone: paris)?.canonical == "2026-11-10T14:03:27")
        #expect(SurveyDate.parse("2026-11-10", timeZone: paris)?.canonical == "2026-11-10")
    }

    /// Digits of other scripts crashed the process (`Int(…)!`); years before 1970 made cases
    /// that `reclam check` refuses. Both are bad dates, refused like any other.
    @Test func surveyDatesInOtherDigitsOrBefore1970AreRefused() {
        let paris = TimeZone(identifier: "Europe/Paris")!
        for bad in [
            "٢٠٢٦-١١-١٠", "२०२६-११-१०", "１０/１１/２０２６", "2026-11-10 １４:03", "10/11/2026 14:０3", "0001-01-01", "31/12/1969",
            "1969-12-31T23:59:59Z",
        ] {
            #expect(SurveyDate.parse(bad, timeZone: paris) == nil, "\(bad)")
        }
        #expect(SurveyDate.parse("1970-01-01", timeZone: paris) != nil)
    }

    @Test func scoresAndColumns() throws {
        #expect(SurveyIntake.parseScore("5,5") == 5.5)
        #expect(SurveyIntake.parseScore(" 4 / 10 ") == 4)
        #expect(SurveyIntake.parseScore("abc") == nil)
        #expect(SurveyIntake.format(5.5, english: false) == "5,5")
        #expect(SurveyIntake.format(4, english: true) == "4")
        let header = ["Horodateur", "Identifiant", "Session", "Note globale (sur 10)", "Commentaire", "ID"]
        #expect(
            try SurveyIntake.mapColumns(header, given: [:]) == [
                "date": 0, "learner": 1, "session": 2, "score": 3, "comment": 4, "id": 5,
            ])
        #expect(try SurveyIntake.mapColumns(header, given: ["learner": "id"])["learner"] == 5)
        #expect(try SurveyIntake.mapColumns(header, given: ["learner": "id"])["id"] == nil)
        #expect(throws: ReclamError.self) { try SurveyIntake.mapColumns(header, given: ["mood": "x"]) }
        #expect(throws: ReclamError.self) { try SurveyIntake.mapColumns(["a", "b"], given: [:]) }
    }
}
