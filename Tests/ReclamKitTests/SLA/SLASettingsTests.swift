import Foundation
import Testing

@testable import ReclamCore
@testable import ReclamGit
@testable import ReclamKit
@testable import ReclamLedger
@testable import ReclamOutput
@testable import ReclamRules
@testable import ReclamWorkflow

/// `calendar:` and `sla:` of reclam.yml, read into a calendar and rules.
@Suite("Calendar and SLA settings")
struct SLASettingsTests {
    @Test("the training preset: acknowledgement in 1 working day and answer in 48 hours, both warning at 75 %")
    func trainingPreset() throws {
        let config = try SLAFixture.config(ProcedurePreset.training.configText)
        #expect(config.slaRules.map(\.name) == ["acknowledgement", "answer"])
        #expect(config.slaRules.map(\.duration.description) == ["1 working day", "48 hours"])
        #expect(config.slaRules.map(\.stop) == [["acknowledged"], ["responded"]])
        #expect(config.slaRules.allSatisfy { $0.start == .received && $0.warn == .percent(75) && $0.when.isEmpty })
        #expect(config.calendar.closures.map(\.description) == ["2026-12-24..2027-01-01 Fermeture de fin d'année"])
        #expect(config.deadlineErrors.isEmpty)
    }

    @Test("the network preset: answer in 10 jours ouvrés for complaints, warning 2 jours ouvrés before")
    func networkPreset() throws {
        let config = try SLAFixture.config(ProcedurePreset.network.configText)
        let rule = try #require(config.slaRules.first)
        #expect(config.slaRules.count == 1)
        #expect(rule.name == "answer")
        #expect(rule.duration == (try SLADuration(amount: 10, unit: .workingDays)))
        #expect(rule.warn == .before(try SLADuration(amount: 2, unit: .workingDays)))
        #expect(rule.when == ["kind": ["complaint"]])
        #expect(config.calendar.closures.isEmpty)
    }

    @Test("a calendar section with every setting")
    func calendar() throws {
        let config = try SLAFixture.config(
            """
            organisation: Test
            timezone: Europe/Paris
            calendar:
              region: Alsace_Moselle
              working_days: [lun, mar, mer, jeu, ven, sam]
              business_hours: "8h30-18h"
              closures:
                - {date: 2026-05-15, name: Pont de l'Ascension}
                - {from: 2026-08-03, to: 2026-08-21, name: Congés d'été}
            procedure: training

            """)
        let calendar = config.calendar
        #expect(calendar.region == .alsaceMoselle)
        #expect(calendar.workingDays == Weekday.mondayToSaturday)
        #expect(calendar.businessHours.description == "08:30-18:00")
        #expect(calendar.closures.map(\.description) == ["2026-05-15 Pont de l'Ascension", "2026-08-03..2026-08-21 Congés d'été"])
        #expect(calendar.timeZone.identifier == "Europe/Paris")
        #expect(calendar.holiday(on: CivilDate(year: 2026, month: 12, day: 26)!)?.name == "Saint-Étienne")
    }

    @Test("no calendar section, or an empty one, gives the documented defaults in the ledger's time zone")
    func defaults() throws {
        for section in ["", "calendar:\n"] {
            let config = try SLAFixture.config("organisation: Test\ntimezone: America/Cayenne\n\(section)procedure: training\n")
            #expect(config.calendar.region == .metropole)
            #expect(config.calendar.workingDays == Weekday.mondayToFriday)
            #expect(config.calendar.businessHours == .standard)
            #expect(config.calendar.timeZone.identifier == "America/Cayenne")
        }
    }

    @Test("bad values are errors at their line and column, and block deadline computations")
    func errors() throws {
        let text = """
            organisation: Test
            timezone: Europe/Pariss
            calendar:
              working_days: []
              closures:
                - {date: 2026-05-15, from: 2026-05-16, to: 2026-05-17, name: X}
                - {from: 2026-05-15, name: Y}
                - {dte: 2026-05-15, name: Z}
            procedure: training
            sla:
              - {name: answer, start: recieved, stop: responded, duration: 48 hours, warn: 3 days before}
              - {name: quick, stop: responded, duration: 1 working day, warn: 2 working days before}
              - {stop: responded, duration: 48 hours, when: {colour: blue}}
              - {name: same, start: responded, stop: responded, duration: 48 hours}

            """
        let (config, diagnostics) = LedgerConfig.read(Data(text.utf8))
        let lines = diagnostics.sorted().map(DiagnosticFormatter.line)
        #expect(
            lines == [
                "reclam.yml:2:11: error: le fuseau horaire 'Europe/Pariss' n'est pas un fuseau IANA ; écrivez par exemple Europe/Paris [config-invalid]",
                "reclam.yml:4:17: error: calendar.working_days est vide : il faut au moins un jour ouvré pour calculer les échéances [calendar-invalid]",
                "reclam.yml:6:7: error: une fermeture a soit date, soit from et to, pas les deux [calendar-invalid]",
                "reclam.yml:7:7: error: une fermeture de plusieurs jours a besoin de from et de to (le dernier jour fermé) [calendar-invalid]",
                "reclam.yml:8:7: error: fermeture sans date ; ajoutez date: AAAA-MM-JJ, ou from: et to: pour plusieurs jours [calendar-invalid]",
                "reclam.yml:8:8: warning: réglage de fermeture inconnu 'dte' ; vouliez-vous dire 'date' ? [config-unknown-key]",
                "reclam.yml:11:27: error: start 'recieved' n'est pas une étape de la procédure ; vouliez-vous dire 'received' ? [sla-invalid]",
                "reclam.yml:12:67: warning: warn '2 working days before' n'est pas plus court que la durée (1 jour ouvré) : le délai est à risque dès qu'il démarre [sla-warn-too-long]",
                "reclam.yml:13:5: error: règle de délai sans nom ; ajoutez name: …, par exemple name: answer (le mot que prend 'reclam sla --rule') [sla-invalid]",
                "reclam.yml:13:50: error: when : 'colour' n'est pas un champ d'une réclamation [sla-invalid]",
                "reclam.yml:14:42: error: stop 'responded' est aussi le départ : le délai s'arrêterait dès qu'il démarre [sla-invalid]",
            ])
        let parsed = try #require(config)
        #expect(parsed.slaRules.map(\.name) == ["quick"])
        #expect(parsed.deadlineErrors.count == 9)
        #expect(parsed.deadlineErrors.allSatisfy { $0.severity == .error })
    }

    @Test("versions of a rule: the one in force on the day of reception, none before the first")
    func versions() throws {
        let day = CalendarFixture.day
        let rules = SLARuleSet([
            SLARule(name: "answer", stop: ["responded"], duration: try SLADuration.parse("24h"), since: try day("2027-01-01")),
            SLARule(name: "answer", stop: ["responded"], duration: try SLADuration.parse("48h"), since: try day("2026-06-01")),
            SLARule(name: "ack", stop: ["acknowledged"], duration: try SLADuration.parse("1 working day")),
        ])
        #expect(rules.names == ["answer", "ack"])
        #expect(rules.version(of: "answer", on: try day("2026-05-31")) == nil)
        #expect(rules.version(of: "answer", on: try day("2026-06-01"))?.duration.description == "48 hours")
        #expect(rules.version(of: "answer", on: try day("2026-12-31"))?.duration.description == "48 hours")
        #expect(rules.version(of: "answer", on: try day("2027-01-01"))?.duration.description == "24 hours")
        #expect(rules.version(of: "ack", on: try day("1999-01-01"))?.duration.description == "1 working day")
    }
}
