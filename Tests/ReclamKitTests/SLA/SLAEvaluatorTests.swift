import Foundation
import Testing

@testable import ReclamCore
@testable import ReclamGit
@testable import ReclamKit
@testable import ReclamLedger
@testable import ReclamOutput
@testable import ReclamRules
@testable import ReclamWorkflow

/// SLA clocks of the two presets on cases written by hand; each expected instant is worked
/// out in the comment above it with the counting rules of docs/SLA.md.
@Suite("SLA clocks")
struct SLAEvaluatorTests {
    let text = SLAFixture.text

    func item(_ id: String = "20261002-aaaa", received: String, steps: [(String, String)] = [], fields: [String: String] = [:]) throws
        -> Case
    {
        try SLAFixture.item(id, received: received, steps: steps, fields: fields)
    }

    // MARK: Friday evening

    /// Received Friday 18:00: the day of the event does not count and the weekend is not
    /// worked, so 1 working day ends with Monday; 75 % of it is used at Monday 18:00.
    @Test("received on a Friday evening: running all weekend, at risk Monday evening, breached on Tuesday")
    func fridayEvening() throws {
        let config = try SLAFixture.training()
        let open = try item(received: "2026-10-02T18:00:00+02:00")
        let saturday = try SLAFixture.clock(open, config, rule: "acknowledgement", asOf: "2026-10-03T12:00:00+02:00")
        #expect(saturday.state == .running)
        #expect(text(saturday.due) == "2026-10-05T23:59:59+02:00")
        #expect(text(saturday.warnAt) == "2026-10-05T18:00:00+02:00")
        #expect(saturday.elapsed == 0)
        #expect(saturday.remaining == 1)
        #expect(saturday.start.location?.line == 5)

        let mondayNoon = try SLAFixture.clock(open, config, rule: "acknowledgement", asOf: "2026-10-05T12:00:00+02:00")
        #expect(mondayNoon.state == .running)
        #expect(abs(mondayNoon.elapsed - 0.5) < 1e-9)

        let mondayEvening = try SLAFixture.clock(open, config, rule: "acknowledgement", asOf: "2026-10-05T18:30:00+02:00")
        #expect(mondayEvening.state == .atRisk)
        #expect(abs(mondayEvening.elapsed - 18.5 / 24) < 1e-9)

        let tuesday = try SLAFixture.clock(open, config, rule: "acknowledgement", asOf: "2026-10-06T00:00:01+02:00")
        #expect(tuesday.state == .breached)
        #expect(tuesday.remaining < 0)

        // 48 hours run through the weekend: due Sunday 18:00, at risk from Sunday 06:00.
        let answer = try SLAFixture.clock(open, config, rule: "answer", asOf: "2026-10-04T07:00:00+02:00")
        #expect(answer.state == .atRisk)
        #expect(text(answer.due) == "2026-10-04T18:00:00+02:00")
        #expect(text(answer.warnAt) == "2026-10-04T06:00:00+02:00")
    }

    @Test("an acknowledgement on Monday meets the rule; on Tuesday it is late")
    func metAndMetLate() throws {
        let config = try SLAFixture.training()
        let onTime = try item(received: "2026-10-02T18:00:00+02:00", steps: [("acknowledged", "2026-10-05T16:00:00+02:00")])
        let met = try SLAFixture.clock(onTime, config, rule: "acknowledgement", asOf: "2026-10-09T12:00:00+02:00")
        #expect(met.state == .met)
        #expect(text(met.stop?.at) == "2026-10-05T16:00:00+02:00")
        #expect(met.stop?.location?.line == 10)
        #expect(abs(met.elapsed - 16.0 / 24) < 1e-9)

        let late = try item(received: "2026-10-02T18:00:00+02:00", steps: [("acknowledged", "2026-10-06T09:00:00+02:00")])
        let metLate = try SLAFixture.clock(late, config, rule: "acknowledgement", asOf: "2026-10-09T12:00:00+02:00")
        #expect(metLate.state == .metLate)
        #expect(abs(metLate.remaining + 9.0 / 24) < 1e-9)
        // A late acknowledgement is history: it does not move the deadline.
        #expect(text(metLate.due) == "2026-10-05T23:59:59+02:00")
    }

    // MARK: Long weekend

    /// Wednesday 13 May 2026: Thursday is Ascension, Friday the closed "pont", then the weekend.
    @Test("received before the Ascension weekend: due Monday, nothing used until then")
    func ascension() throws {
        let config = try SLAFixture.training()
        let open = try item("20260513-aaaa", received: "2026-05-13T10:00:00+02:00")
        let friday = try SLAFixture.clock(open, config, rule: "acknowledgement", asOf: "2026-05-15T12:00:00+02:00")
        #expect(friday.state == .running)
        #expect(text(friday.due) == "2026-05-18T23:59:59+02:00")
        #expect(friday.elapsed == 0)
        let monday = try SLAFixture.clock(open, config, rule: "acknowledgement", asOf: "2026-05-18T19:00:00+02:00")
        #expect(monday.state == .atRisk)

        let acknowledged = try item(
            "20260513-aaaa", received: "2026-05-13T10:00:00+02:00", steps: [("acknowledged", "2026-05-18T16:00:00+02:00")])
        #expect(try SLAFixture.clock(acknowledged, config, rule: "acknowledgement", asOf: "2026-05-20T12:00:00+02:00").state == .met)

        // Without the closure, Friday is a working day and the same acknowledgement is late.
        let noBridge = try SLAFixture.config(ProcedurePreset.training.configText)
        let late = try SLAFixture.clock(acknowledged, noBridge, rule: "acknowledgement", asOf: "2026-05-20T12:00:00+02:00")
        #expect(late.state == .metLate)
        #expect(text(late.due) == "2026-05-15T23:59:59+02:00")
    }

    // MARK: Pauses

    /// 48 hours from Monday 09:00. Waiting from Tuesday 09:00 (24 h used) to Thursday 09:00:
    /// the 48 paused hours move the deadline from Wednesday 09:00 to Friday 09:00.
    @Test("paused while waiting for the complainant, resumed, then met thanks to the pause")
    func pausedAndResumed() throws {
        let config = try SLAFixture.training()
        let steps = [
            ("acknowledged", "2026-10-05T09:30:00+02:00"), ("assigned", "2026-10-05T09:35:00+02:00"),
            ("investigating", "2026-10-05T10:00:00+02:00"), ("waiting", "2026-10-06T09:00:00+02:00"),
            ("investigating", "2026-10-08T09:00:00+02:00"), ("solution-decided", "2026-10-09T07:00:00+02:00"),
            ("responded", "2026-10-09T08:00:00+02:00"),
        ]
        let item = try self.item("20261005-aaaa", received: "2026-10-05T09:00:00+02:00", steps: steps)

        // While paused, the deadline is the one the case would have if it resumed now.
        let paused = try SLAFixture.clock(item, config, rule: "answer", asOf: "2026-10-07T12:00:00+02:00")
        #expect(paused.state == .paused)
        #expect(paused.elapsed == 24)
        #expect(paused.paused == 27)
        #expect(paused.remaining == 24)
        #expect(text(paused.due) == "2026-10-08T12:00:00+02:00")
        #expect(paused.pauses.count == 1)
        #expect(paused.pauses.first?.to == nil)

        // Resumed: 75 % (36 h) of the time is used at Thursday 21:00.
        let resumed = try SLAFixture.clock(item, config, rule: "answer", asOf: "2026-10-08T10:00:00+02:00")
        #expect(resumed.state == .running)
        #expect(resumed.elapsed == 25)
        #expect(text(resumed.due) == "2026-10-09T09:00:00+02:00")
        #expect(text(resumed.warnAt) == "2026-10-08T21:00:00+02:00")
        #expect(try SLAFixture.clock(item, config, rule: "answer", asOf: "2026-10-08T22:00:00+02:00").state == .atRisk)

        let done = try SLAFixture.clock(item, config, rule: "answer", asOf: "2026-10-10T12:00:00+02:00")
        #expect(done.state == .met)
        #expect(done.elapsed == 47)
        #expect(done.paused == 48)
        #expect(text(done.pauses.first?.to) == "2026-10-08T09:00:00+02:00")
    }

    /// 10 jours ouvrés from Monday 2 November 2026 10:00 end on Tuesday 17 (11 November is a
    /// holiday). Waiting from Wednesday 4 at noon to Friday 6 at noon uses 2 working days
    /// (half of Wednesday, Thursday, half of Friday): the deadline moves to Thursday 19.
    @Test("a pause in working days moves the deadline by the working time it took")
    func pausedInWorkingDays() throws {
        let config = try SLAFixture.network()
        let steps = [
            ("qualified", "2026-11-02T11:00:00+01:00"), ("containment", "2026-11-03T10:00:00+01:00"),
            ("waiting", "2026-11-04T12:00:00+01:00"), ("containment", "2026-11-06T12:00:00+01:00"),
            ("analysed", "2026-11-16T10:00:00+01:00"), ("responded", "2026-11-18T15:00:00+01:00"),
        ]
        let fields = ["in_scope": "yes", "risk": "low", "level": "local", "containment": "none needed"]
        let item = try self.item("20261102-aaaa", received: "2026-11-02T10:00:00+01:00", steps: steps, fields: fields)
        let clock = try SLAFixture.clock(item, config, rule: "answer", asOf: "2026-11-20T12:00:00+01:00")
        #expect(clock.state == .met)
        #expect(text(clock.due) == "2026-11-19T23:59:59+01:00")
        #expect(abs(clock.paused - 2) < 1e-9)
        // "2 jours ouvrés avant" the end of Thursday 19: from the start of Wednesday 18.
        #expect(text(clock.warnAt) == "2026-11-18T00:00:00+01:00")

        // The same answer without the pause is a day late.
        let unpaused = try self.item(
            "20261102-aaaa", received: "2026-11-02T10:00:00+01:00",
            steps: steps.filter { $0.0 != "waiting" && $0.1 != "2026-11-06T12:00:00+01:00" }, fields: fields)
        let late = try SLAFixture.clock(unpaused, config, rule: "answer", asOf: "2026-11-20T12:00:00+01:00")
        #expect(late.state == .metLate)
        #expect(text(late.due) == "2026-11-17T23:59:59+01:00")
    }

    /// A quarter of a working day paused moves the count to Wednesday 18 at 06:00; a deadline
    /// in days still ends with its day.
    @Test("after a pause, a deadline in days is the end of the day on which the time runs out")
    func pauseRoundsToEndOfDay() throws {
        let config = try SLAFixture.network()
        let steps = [
            ("qualified", "2026-11-02T11:00:00+01:00"), ("containment", "2026-11-03T10:00:00+01:00"),
            ("waiting", "2026-11-04T12:00:00+01:00"), ("containment", "2026-11-04T18:00:00+01:00"),
        ]
        let fields = ["in_scope": "yes", "risk": "low", "level": "local", "containment": "none needed"]
        let item = try self.item("20261102-aaaa", received: "2026-11-02T10:00:00+01:00", steps: steps, fields: fields)
        let clock = try SLAFixture.clock(item, config, rule: "answer", asOf: "2026-11-10T12:00:00+01:00")
        #expect(clock.state == .running)
        #expect(text(clock.due) == "2026-11-18T23:59:59+01:00")
        #expect(abs(clock.allowed - 10.75) < 1e-6)
        #expect(abs(clock.paused - 0.25) < 1e-9)
    }

    @Test("a clock that ran out before the pause stays breached during the pause")
    func breachedBeforePause() throws {
        let config = try SLAFixture.training()
        let steps = [
            ("acknowledged", "2026-10-05T09:30:00+02:00"), ("assigned", "2026-10-05T09:35:00+02:00"),
            ("investigating", "2026-10-05T10:00:00+02:00"), ("waiting", "2026-10-08T09:00:00+02:00"),
        ]
        let item = try self.item("20261005-aaaa", received: "2026-10-05T09:00:00+02:00", steps: steps)
        let clock = try SLAFixture.clock(item, config, rule: "answer", asOf: "2026-10-09T12:00:00+02:00")
        #expect(clock.state == .breached)
        #expect(text(clock.due) == "2026-10-07T09:00:00+02:00")
        #expect(clock.elapsed == 72)
    }

    // MARK: Breaches, filters, amendments

    @Test("an open case past its deadline is breached, with the time over in the rule's unit")
    func breached() throws {
        let config = try SLAFixture.training()
        let item = try self.item(received: "2026-11-12T11:05:00+01:00", steps: [("acknowledged", "2026-11-12T14:20:00+01:00")])
        let report = try SLAFixture.evaluate([item], config, asOf: "2026-11-16T10:00:00+01:00")
        #expect(report.results.map(\.state) == [.met, .breached])
        let answer = report.results[1]
        #expect(text(answer.due) == "2026-11-14T11:05:00+01:00")
        #expect(abs(answer.remaining + (94 + 55.0 / 60 - 48)) < 1e-9)
    }

    @Test("when: a rule for complaints does not apply to an internal dysfunction")
    func whenFilter() throws {
        let config = try SLAFixture.network()
        let complaint = try item("20261102-aaaa", received: "2026-11-02T10:00:00+01:00")
        let dysfunction = try item("20261102-bbbb", received: "2026-11-02T10:00:00+01:00", fields: ["kind": "dysfunction"])
        let report = try SLAFixture.evaluate([complaint, dysfunction], config, asOf: "2026-11-10T10:00:00+01:00")
        #expect(report.results.map(\.caseID) == ["20261102-aaaa"])
        #expect(report.results.first?.rule.when == ["kind": ["complaint"]])

        let byLevel = try SLAFixture.training(
            sla: "  - {name: national, stop: responded, duration: 5 jours ouvrés, when: {level: [regional, national]}}\n")
        let local = try item("20261102-aaaa", received: "2026-11-02T10:00:00+01:00", fields: ["level": "local"])
        let national = try item("20261102-bbbb", received: "2026-11-02T10:00:00+01:00", fields: ["level": "national"])
        let unset = try item("20261102-cccc", received: "2026-11-02T10:00:00+01:00")
        let levels = try SLAFixture.evaluate([local, national, unset], byLevel, asOf: "2026-11-03T10:00:00+01:00")
        #expect(levels.results.map(\.caseID) == ["20261102-bbbb"])
    }

    /// The answer delay drops from 48 to 24 hours on 1 November 2026 (Paris time): cases
    /// received before keep the 48 hours they were promised.
    @Test("an amended rule: each case keeps the version in force on the day it was received")
    func amendedRule() throws {
        let config = try SLAFixture.training(
            sla: """
                  - name: answer
                    stop: responded
                    duration: 48 hours
                  - name: answer
                    since: 2026-11-01
                    stop: responded
                    duration: 24 hours
                  - name: acknowledgement
                    since: 2026-11-01
                    stop: acknowledged
                    duration: 1 working day

                """)
        // 22:30 on 31 October in Paris; 23:30 UTC the same evening is already 1 November there.
        let before = try item("20261031-aaaa", received: "2026-10-31T22:30:00+01:00")
        let after = try item("20261101-aaaa", received: "2026-10-31T23:30:00Z")
        let report = try SLAFixture.evaluate([before, after], config, asOf: "2026-11-01T12:00:00+01:00")
        let clocks = report.results.map { "\($0.caseID) \($0.rule.name) \($0.rule.duration) \($0.rule.since?.description ?? "-")" }
        #expect(
            clocks == [
                "20261031-aaaa answer 48 hours -",
                "20261101-aaaa answer 24 hours 2026-11-01",
                "20261101-aaaa acknowledgement 1 working day 2026-11-01",
            ])
        #expect(text(report.results[1].due) == "2026-11-02T00:30:00+01:00")
    }

    @Test("a case closed in a terminal stage without the stop stage is outside the rule")
    func terminalWithoutStop() throws {
        let config = try SLAFixture.training()
        let rejected = try item(received: "2026-10-13T11:20:00+02:00", steps: [("rejected", "2026-10-19T14:05:00+02:00")])
        #expect(try SLAFixture.evaluate([rejected], config, asOf: "2026-11-16T10:00:00+01:00").results.isEmpty)

        let acknowledgedThenRejected = try item(
            received: "2026-10-13T11:20:00+02:00",
            steps: [("acknowledged", "2026-10-13T12:00:00+02:00"), ("rejected", "2026-10-19T14:05:00+02:00")])
        let report = try SLAFixture.evaluate([acknowledgedThenRejected], config, asOf: "2026-11-16T10:00:00+01:00")
        #expect(report.results.map { "\($0.rule.name) \($0.state)" } == ["acknowledgement met"])

        // Before the rejection, the answer clock was running (and breached).
        let earlier = try SLAFixture.evaluate([acknowledgedThenRejected], config, asOf: "2026-10-19T14:00:00+02:00")
        #expect(earlier.results.map { "\($0.rule.name) \($0.state)" } == ["acknowledgement met", "answer breached"])
    }

    @Test("stop may list several stages: the first one entered meets the rule")
    func stopList() throws {
        let config = try SLAFixture.training(sla: "  - {name: decision, stop: [responded, rejected], duration: 2 working days}\n")
        let rejected = try item(received: "2026-10-13T11:20:00+02:00", steps: [("rejected", "2026-10-14T14:05:00+02:00")])
        let clock = try SLAFixture.clock(rejected, config, rule: "decision", asOf: "2026-11-16T10:00:00+01:00")
        #expect(clock.state == .met)
        #expect(clock.stop?.stage == "rejected")
    }

    @Test("a rule starting at a stage starts a new round each time the case re-enters it")
    func rounds() throws {
        let config = try SLAFixture.training(
            sla: "  - {name: reopened, start: reopened, stop: responded, duration: 2 working days, warn: 1 working day before}\n")
        let path = [
            ("acknowledged", "2026-10-05T09:30:00+02:00"), ("assigned", "2026-10-05T09:35:00+02:00"),
            ("investigating", "2026-10-05T10:00:00+02:00"), ("solution-decided", "2026-10-05T12:00:00+02:00"),
            ("responded", "2026-10-05T15:00:00+02:00"), ("follow-up", "2026-10-06T15:00:00+02:00"),
            ("closed", "2026-10-06T16:00:00+02:00"), ("reopened", "2026-10-12T09:00:00+02:00"),
            ("investigating", "2026-10-12T10:00:00+02:00"), ("solution-decided", "2026-10-13T10:00:00+02:00"),
            ("responded", "2026-10-13T15:00:00+02:00"), ("follow-up", "2026-10-14T15:00:00+02:00"),
            ("closed", "2026-10-14T16:00:00+02:00"), ("reopened", "2026-11-12T09:00:00+01:00"),
        ]
        let item = try self.item("20261005-aaaa", received: "2026-10-05T09:00:00+02:00", steps: path, fields: reopenFields)
        let report = try SLAFixture.evaluate([item], config, asOf: "2026-11-16T10:00:00+01:00")
        #expect(report.results.map { "\($0.round) \($0.state)" } == ["1 met", "2 at-risk"])
        #expect(text(report.results[1].start.at) == "2026-11-12T09:00:00+01:00")
        #expect(text(report.results[1].due) == "2026-11-16T23:59:59+01:00")
        #expect(text(report.results[1].warnAt) == "2026-11-16T00:00:00+01:00")
        #expect(report.results[1].start.location?.line == 30)
    }

    private let reopenFields = [
        "owner": "Claire Martin", "findings": "x", "solution": "y", "solution_type": "compensation", "response_channel": "email",
        "satisfaction": "satisfied", "reopen_reason": "z",
    ]

    // MARK: As of an instant

    @Test("as of an instant: later steps and later cases are ignored")
    func asOf() throws {
        let config = try SLAFixture.training()
        let early = try item(
            "20261002-aaaa", received: "2026-10-02T18:00:00+02:00",
            steps: [("acknowledged", "2026-10-05T09:00:00+02:00"), ("rejected", "2026-10-05T10:00:00+02:00")])
        let later = try item("20261006-aaaa", received: "2026-10-06T09:00:00+02:00")
        let report = try SLAFixture.evaluate([early, later], config, asOf: "2026-10-04T12:00:00+02:00")
        #expect(
            report.results.map { "\($0.caseID) \($0.rule.name) \($0.state)" } == [
                "20261002-aaaa acknowledgement running", "20261002-aaaa answer at-risk",
            ])
        // The same files with the later step removed give the same clocks.
        let truncated = try item("20261002-aaaa", received: "2026-10-02T18:00:00+02:00")
        let same = try SLAFixture.evaluate([truncated], config, asOf: "2026-10-04T12:00:00+02:00")
        #expect(same.results.map(\.state) == report.results.map(\.state))
        #expect(same.results.map(\.due) == report.results.map(\.due))
        #expect(same.results.map(\.elapsed) == report.results.map(\.elapsed))
    }

    @Test("cases that cannot be measured are reported, not guessed")
    func unusableCases() throws {
        let config = try SLAFixture.training()
        let noDate = try item(received: "hier")
        let imported = try SLAFixture.item("20261002-bbbb", received: "2026-10-02T18:00:00+02:00")
        var closedWithoutSteps = imported
        closedWithoutSteps.document = try MarkdownDocument.parse(
            data: Data(imported.document.text.replacingOccurrences(of: "stage: received", with: "stage: closed").utf8))
        let report = try SLAFixture.evaluate([noDate, closedWithoutSteps], config, asOf: "2026-11-16T10:00:00+01:00")
        #expect(report.results.isEmpty)
        #expect(report.diagnostics.map(\.rule) == ["sla-case-data", "sla-case-data"])
        #expect(report.diagnostics.map(\.line) == [5, 8])
    }
}
