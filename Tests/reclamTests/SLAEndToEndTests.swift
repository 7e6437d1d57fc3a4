import Foundation
import Testing

/// `reclam sla`, `reclam due` and `reclam calendar` as a person or a CI job runs them.
@Suite struct SLAEndToEndTests {
    struct Sample {
        var path: String
        var received: String
        var steps: [(String, String)]
        var fields: [String] = []
    }

    /// Cases that cover every state somewhere between 2 and 20 November 2026.
    static let samples: [Sample] = [
        Sample(
            path: "cases/stg-1/20261102-aaaa.md", received: "2026-11-02T08:30:00+01:00",
            steps: [
                ("acknowledged", "2026-11-02T09:15:00+01:00"), ("assigned", "2026-11-02T09:20:00+01:00"),
                ("investigating", "2026-11-02T10:00:00+01:00"), ("solution-decided", "2026-11-03T11:00:00+01:00"),
                ("responded", "2026-11-03T15:45:00+01:00"),
            ],
            fields: ["owner: Claire Martin", "findings: F", "solution: S", "solution_type: compensation", "response_channel: email"]),
        Sample(
            path: "cases/stg-2/20261105-bbbb.md", received: "2026-11-05T19:12:00+01:00",
            steps: [
                ("acknowledged", "2026-11-06T09:05:00+01:00"), ("assigned", "2026-11-06T09:10:00+01:00"),
                ("investigating", "2026-11-06T10:00:00+01:00"), ("waiting", "2026-11-06T11:30:00+01:00"),
                ("investigating", "2026-11-12T09:00:00+01:00"), ("solution-decided", "2026-11-13T09:00:00+01:00"),
                ("responded", "2026-11-13T16:00:00+01:00"),
            ],
            fields: ["owner: Thomas Girard", "findings: F", "solution: S", "solution_type: compensation", "response_channel: email"]),
        Sample(
            path: "cases/stg-2/20261110-cccc.md", received: "2026-11-10T09:00:00+01:00",
            steps: [("acknowledged", "2026-11-13T10:00:00+01:00"), ("rejected", "2026-11-13T11:00:00+01:00")],
            fields: ["rejection_reason: Demande d'information"]),
        Sample(path: "cases/stg-3/20261113-dddd.md", received: "2026-11-13T17:52:00+01:00", steps: []),
    ]

    func writeSamples(_ shell: Shell) throws {
        for sample in Self.samples {
            let id = String(sample.path.split(separator: "/").last!.dropLast(3))
            let learner = String(sample.path.split(separator: "/")[1])
            try shell.write(
                sample.path, Fixture.caseFile(id, learner: learner, received: sample.received, steps: sample.steps, fields: sample.fields))
        }
    }

    /// `--as-of T` must answer exactly what a run at T would have answered, on the ledger as it
    /// was then: the later steps not yet written, the later cases not yet received.
    @Test(arguments: [
        "2026-11-02T09:00:00+01:00", "2026-11-03T12:00:00+01:00", "2026-11-06T12:00:00+01:00", "2026-11-09T10:00:00+01:00",
        "2026-11-12T09:30:00+01:00", "2026-11-13T18:00:00+01:00", "2026-11-16T10:00:00+01:00",
    ])
    func asOfAnswersAsARunMadeThen(_ instant: String) throws {
        let shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger()
        try writeSamples(shell)
        #expect(try shell.reclam("check").status == 0)
        let asOf = try #require(Self.parse(instant))

        // The ledger as it was at `instant`, in another folder.
        let past = shell.directory.appendingPathComponent("past")
        try FileManager.default.copyItem(at: shell.directory.appendingPathComponent("ledger"), to: past)
        for sample in Self.samples {
            let url = past.appendingPathComponent(sample.path)
            guard try #require(Self.parse(sample.received)) <= asOf else {
                try FileManager.default.removeItem(at: url)
                continue
            }
            let id = String(sample.path.split(separator: "/").last!.dropLast(3))
            let learner = String(sample.path.split(separator: "/")[1])
            let steps = try sample.steps.filter { try #require(Self.parse($0.1)) <= asOf }
            try Data(Fixture.caseFile(id, learner: learner, received: sample.received, steps: steps, fields: sample.fields).utf8)
                .write(to: url)
        }

        for format in ["json", "text", "junit", "github"] {
            let replay = try shell.reclam("sla", "--as-of", instant, "--format", format)
            var then = shell
            then.environment["RECLAM_NOW"] = instant
            let run = try then.run(Shell.reclam, ["sla", "--format", format], in: "past")
            #expect(replay.stdout == run.stdout, "\(format) as of \(instant)")
            #expect(replay.status == run.status)
            #expect(replay.stdout.contains("2026-11") || format == "github")
        }
    }

    @Test func slaStatesExitStatusAndFormats() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger()
        // The English words of the table (a French ledger's: DayEndToEndTests).
        try shell.write("reclam.yml", try shell.read("reclam.yml").replacingOccurrences(of: "language: fr", with: "language: en"))
        try writeSamples(shell)

        // Monday 16 November 10:00: the Friday-evening case is running for its acknowledgement
        // and breached for its 48-hour answer.
        let text = try shell.reclam("sla")
        #expect(text.status == 1)
        let rows = text.stdout.split(separator: "\n").map {
            $0.split(separator: " ", omittingEmptySubsequences: true).prefix(4).joined(separator: " ")
        }
        #expect(
            rows.dropFirst(2) == [
                "20261102-aaaa stg-1 acknowledgement met", "20261102-aaaa stg-1 answer met",
                "20261105-bbbb stg-2 acknowledgement met", "20261105-bbbb stg-2 answer met",
                "20261110-cccc stg-2 acknowledgement met-late", "20261113-dddd stg-3 acknowledgement running",
                "20261113-dddd stg-3 answer breached",
            ])
        #expect(text.stderr.contains("cases/stg-3/20261113-dddd.md:5:11: error: SLA 'answer' (48 hours from received) breached"))
        #expect(text.stderr.contains("7 SLA clocks: 4 met, 1 met late, 1 running, 1 breached"))

        // Before the answer fell due, the case received on Friday evening was only at risk.
        let atRisk = try shell.reclam("sla", "--as-of", "2026-11-15T08:00:00+01:00")
        #expect(atRisk.status == 0, "\(atRisk.stderr)")
        #expect(atRisk.stderr.contains("warning: SLA 'answer' (48 hours from received) at risk"))
        #expect(try shell.reclam("sla", "--as-of", "2026-11-15T08:00:00+01:00", "--strict").status == 1)

        // The acknowledgement due on Thursday 12 (Wednesday 11 is a holiday) came on Friday: it
        // fails the build only with --since on or before the day it fell due.
        let quiet = try shell.reclam("sla", "--as-of", "2026-11-15T08:00:00+01:00", "--since", "2026-11-12")
        #expect(quiet.status == 1)
        #expect(quiet.stderr.contains("cases/stg-2/20261110-cccc.md:11:5: error: SLA 'acknowledgement'"))
        #expect(try shell.reclam("sla", "--as-of", "2026-11-15T08:00:00+01:00", "--since", "2026-11-12", "--rule", "answer").status == 0)
        #expect(try shell.reclam("sla", "--as-of", "2026-11-15T08:00:00+01:00", "--since", "2026-11-13").status == 0)

        let github = try shell.reclam("sla", "--format", "github")
        #expect(
            github.stdout
                == "::error file=cases/stg-3/20261113-dddd.md,line=5,col=11,title=sla-breached::SLA 'answer' (48 hours from received) breached: due 2026-11-15T17:52:00+01:00, 16.13 hours late\n"
        )

        let junit = try shell.reclam("sla", "--format", "junit")
        #expect(junit.status == 1)
        #expect(junit.stdout.contains("<testsuite name=\"acknowledgement\" tests=\"4\" failures=\"0\""))
        #expect(junit.stdout.contains("<testsuite name=\"answer\" tests=\"3\" failures=\"1\""))
        #expect(junit.stderr.isEmpty)

        let json = try shell.reclam("sla", "--format", "json", "--learner", "stg-2", "--rule", "answer")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let results = try #require(object["results"] as? [[String: Any]])
        #expect(results.map { $0["case"] as? String } == ["20261105-bbbb"])
        // 16.3 hours used before the wait, 31 after: met, the six days of waiting did not count.
        #expect(results.first?["state"] as? String == "met")
        #expect((results.first?["elapsed"] as? NSNumber)?.doubleValue == 47.3)
        #expect(json.status == 0)

        let unknownRule = try shell.reclam("sla", "--rule", "answr")
        #expect(unknownRule.status == 2)
        #expect(unknownRule.stderr.contains("did you mean 'answer'?"))
        #expect(try shell.reclam("sla", "--as-of", "tomorrow").status == 2)
        #expect(try shell.reclam("sla", "--format", "xml").status == 2)
    }

    @Test func brokenSLASettingsAreRefused() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger()
        let config = try shell.read("reclam.yml").replacingOccurrences(of: "duration: 48 hours", with: "duration: 48 heurs")
        try shell.write("reclam.yml", config)
        let result = try shell.reclam("sla")
        #expect(result.status == 1)
        #expect(result.stderr.contains("duration '48 heurs' n'est pas une durée"))
        #expect(result.stderr.contains("[sla-invalid]"))
        let check = try shell.reclam("check")
        #expect(check.status == 1)
        #expect(check.stdout.contains("reclam.yml:"))
    }

    @Test func dueInsideAndOutsideALedger() throws {
        let shell = try Shell()
        defer { shell.remove() }
        // Outside a ledger: the default calendar, without closures.
        let outside = try shell.reclam(
            "due", "--from", "2026-05-13T10:00:00+02:00", "--duration", "1 working day", "--format", "json", in: nil)
        #expect(outside.status == 0, "\(outside.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(outside.stdout.utf8)) as? [String: Any])
        #expect(object["due"] as? String == "2026-05-15T23:59:59+02:00")
        let skipped = try #require(object["skipped"] as? [[String: String]])
        #expect(skipped == [["date": "2026-05-14", "reason": "Ascension", "kind": "holiday"]])

        // Inside a ledger whose calendar closes the Friday after Ascension.
        try shell.initLedger()
        let config = try shell.read("reclam.yml").replacingOccurrences(
            of: "    - {from: 2026-12-24, to: 2027-01-01, name: Fermeture de fin d'année}",
            with:
                "    - {from: 2026-12-24, to: 2027-01-01, name: Fermeture de fin d'année}\n    - {date: 2026-05-15, name: Pont de l'Ascension}"
        )
        try shell.write("reclam.yml", config)
        let inside = try shell.reclam("due", "--from", "2026-05-13T10:00:00+02:00", "--duration", "1 jour ouvré", "--warn", "75%")
        #expect(inside.status == 0, "\(inside.stderr)")
        #expect(
            inside.stdout == """
                2026-05-18T23:59:59+02:00
                1 jour ouvré à compter du 2026-05-13T10:00:00+02:00 : le jour de l'événement ne compte pas ; jours non comptés : \
                2026-05-14 (Ascension), 2026-05-15 (Pont de l'Ascension), 2026-05-16 (samedi), 2026-05-17 (dimanche) ; échéance à la \
                fin du lundi 2026-05-18, 2026-05-18T23:59:59+02:00.
                alerte à partir du 2026-05-18T18:00:00+02:00 (75 %)

                """)
        let json = try shell.reclam("due", "--from", "2026-05-13T10:00:00+02:00", "--duration", "1 working day", "--format", "json")
        let inObject = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let reasons = (inObject["skipped"] as? [[String: String]])?.map { $0["reason"] ?? "" }
        #expect(reasons == ["Ascension", "Pont de l'Ascension", "samedi", "dimanche"])
        #expect(inObject["region"] as? String == "metropole")

        // RECLAM_NOW is the default start.
        let now = try shell.reclam("due", "--duration", "48h", "--lang", "en")
        #expect(now.stdout.hasPrefix("2026-11-18T10:00:00+01:00\n48 hours from 2026-11-16T10:00:00+01:00"))

        let badDuration = try shell.reclam("due", "--from", "2026-05-13T10:00:00+02:00", "--duration", "2 semaines")
        #expect(badDuration.status == 2)
        #expect(badDuration.stderr.contains("Accepted forms"))
        #expect(try shell.reclam("due", "--from", "13/05/2026", "--duration", "48h").status == 2)
        #expect(try shell.reclam("due", "--duration", "48h", "--region", "paris").status == 2)
    }

    @Test func calendarExports() throws {
        let shell = try Shell()
        defer { shell.remove() }
        let outside = try shell.reclam("calendar", "--year", "2026", "--format", "json", in: nil)
        #expect(outside.status == 0, "\(outside.stderr)")
        let holidays = try #require(try JSONSerialization.jsonObject(with: Data(outside.stdout.utf8)) as? [[String: String]])
        #expect(holidays.count == 11)
        #expect(holidays.first == ["date": "2026-01-01", "name": "Jour de l'an"])
        #expect(holidays.contains(["date": "2026-05-14", "name": "Ascension"]))

        let alsace = try shell.reclam("calendar", "--year", "2026", "--region", "alsace-moselle", "--format", "json", in: nil)
        #expect(alsace.stdout.contains("{\"date\": \"2026-12-26\", \"name\": \"Saint-Étienne\"}"))

        // In a ledger, its closures too: the training preset closes from 24 December to 1 January.
        try shell.initLedger()
        let inside = try shell.reclam("calendar", "--year", "2026", "--format", "json")
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(inside.stdout.utf8)) as? [[String: String]])
        #expect(entries.count == 11 + 8)
        #expect(entries.last == ["date": "2026-12-31", "name": "Fermeture de fin d'année"])

        let text = try shell.reclam("calendar", "--year", "2027")
        #expect(
            text.stdout.hasPrefix(
                "2027-01-01  vendredi  férié      Jour de l'an\n2027-01-01  vendredi  fermeture  Fermeture de fin d'année\n"),
            "\(text.stdout)")

        let ics = try shell.reclam("calendar", "--year", "2026", "--format", "ics")
        #expect(ics.status == 0)
        #expect(ics.stdout.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Reclam//Calendrier//FR\r\n"))
        #expect(ics.stdout.hasSuffix("END:VCALENDAR\r\n"))
        #expect(ics.stdout.components(separatedBy: "BEGIN:VEVENT\r\n").count - 1 == 19)
        #expect(ics.stdout.contains("DTSTART;VALUE=DATE:20261224\r\nDTEND;VALUE=DATE:20261225\r\nSUMMARY:Fermeture de fin d'année\r\n"))
        #expect(ics.stdout.contains("X-WR-CALNAME:Jours fériés (France métropolitaine) et fermetures 2026\r\n"))
        // The same export twice is the same file.
        #expect(try shell.reclam("calendar", "--year", "2026", "--format", "ics").stdout == ics.stdout)
        #expect(try shell.reclam("calendar", "--year", "1200").status == 2)
    }

    /// The repository's own sample ledger, as of the day its README demo uses.
    @Test func sampleLedger() throws {
        var shell = try Shell()
        defer { shell.remove() }
        shell.environment["RECLAM_NOW"] = "2026-11-16T10:00:00+01:00"
        let result = try shell.run(Shell.reclam, ["sla", "--format", "json", "--ledger", Shell.packageRoot.path])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let results = try #require(object["results"] as? [[String: Any]])
        let late = results.filter { $0["state"] as? String == "met-late" }.map { "\($0["case"] ?? "") \($0["rule"] ?? "")" }
        #expect(late == ["20261022-gvcd answer"])
        // The out-of-scope request never got an answer clock.
        #expect(!results.contains { $0["case"] as? String == "20261013-2rtq" })
        #expect(results.contains { $0["case"] as? String == "20261105-mpnw" && $0["state"] as? String == "paused" })
    }

    static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
