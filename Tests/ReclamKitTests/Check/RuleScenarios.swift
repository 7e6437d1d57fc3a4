import Foundation
import Testing

@testable import ReclamCore
@testable import ReclamGit
@testable import ReclamKit
@testable import ReclamLedger
@testable import ReclamOutput
@testable import ReclamRules
@testable import ReclamWorkflow

/// How a rule that is not a plain file of `reclam check` is made to fire: the situation its bad
/// example describes (a history, a repository's state, an export, a clock), built for real, and
/// the library call of the command that reports it. Each rule of `RuleCatalogue.listed` has
/// either a fixture folder under `Fixtures/rules/<id>/` or one scenario here (`RuleFixtureTests`
/// walks the catalogue), and a scenario must produce its rule and no other.
struct RuleScenario: Sendable {
    var rule: Rule
    /// The command that reports the rule, as a person would type it.
    var command: String
    var run: @Sendable () throws -> [Diagnostic]

    init(_ rule: Rule, _ command: String, _ run: @escaping @Sendable () throws -> [Diagnostic]) {
        self.rule = rule
        self.command = command
        self.run = run
    }
}

extension RuleScenario {
    static let all: [RuleScenario] = files + sla + intake + audit + handEdits + doctor

    static func named(_ id: String) -> RuleScenario? { all.first { $0.rule.id == id } }

    // MARK: `reclam check`: inputs that cannot live in git as plain files

    static let files: [RuleScenario] = [
        RuleScenario(.fileSymlink, "reclam check") {
            let ledger = try TemporaryLedger()
            try ledger.write("outside.md", "---\nid: secret\n---\n")
            try FileManager.default.createDirectory(at: ledger.url("cases/stg-1"), withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(
                atPath: ledger.url("cases/stg-1/20261005-k7p3.md").path, withDestinationPath: "../../outside.md")
            return try ledger.check()
        },
        RuleScenario(.fileTooLarge, "reclam check") {
            let ledger = try TemporaryLedger()
            let big = "---\nid: 20261005-k7p3\n---\n" + String(repeating: "réclamation ", count: 200_000)
            try ledger.write("cases/stg-1/20261005-k7p3.md", big)
            return try ledger.check()
        },
        RuleScenario(.fileUnreadable, "reclam show 20261005-k7p3") {
            // Running as root, permissions do not stop a read: a FIFO is what cannot be read.
            let ledger = try TemporaryLedger()
            try FileManager.default.createDirectory(at: ledger.url("cases/stg-1"), withIntermediateDirectories: true)
            #expect(mkfifo(ledger.url("cases/stg-1/20261005-k7p3.md").path, 0o644) == 0)
            guard case .failure(let failure) = LedgerReader.readDocument("cases/stg-1/20261005-k7p3.md", in: try ledger.ledger()) else {
                return []
            }
            return [failure.diagnostic]
        },
    ]

    // MARK: `reclam sla`

    static let sla: [RuleScenario] = [
        RuleScenario(.slaBreached, "reclam sla --as-of 2026-10-09T12:00:00+02:00") {
            let ledger = try TemporaryLedger()
            try ledger.write("cases/stg-1/20261005-k7p3.md", ScenarioCase.text(received: "2026-10-05T09:00:00+02:00"))
            return try ScenarioSLA.findings(ledger, asOf: "2026-10-09T12:00:00+02:00")
        },
        RuleScenario(.slaLate, "reclam sla --since 2026-10-01 --as-of 2026-10-12T12:00:00+02:00") {
            let ledger = try TemporaryLedger()
            let steps = [
                ("acknowledged", "2026-10-05T10:00:00+02:00"), ("assigned", "2026-10-05T10:05:00+02:00"),
                ("investigating", "2026-10-05T11:00:00+02:00"), ("solution-decided", "2026-10-08T11:00:00+02:00"),
                ("responded", "2026-10-09T10:00:00+02:00"),
            ]
            try ledger.write("cases/stg-1/20261005-k7p3.md", ScenarioCase.text(received: "2026-10-05T09:00:00+02:00", steps: steps))
            return try ScenarioSLA.findings(ledger, asOf: "2026-10-12T12:00:00+02:00", since: CivilDate(year: 2026, month: 10, day: 1))
        },
        RuleScenario(.slaAtRisk, "reclam sla --as-of 2026-10-06T22:00:00+02:00") {
            // 37 of the answer's 48 hours used; it warns at 75 %.
            let ledger = try TemporaryLedger()
            try ledger.write(
                "cases/stg-1/20261005-k7p3.md",
                ScenarioCase.text(received: "2026-10-05T09:00:00+02:00", steps: [("acknowledged", "2026-10-05T10:00:00+02:00")]))
            return try ScenarioSLA.findings(ledger, asOf: "2026-10-06T22:00:00+02:00")
        },
        RuleScenario(.slaCaseData, "reclam sla --as-of 2026-10-05T09:30:00+02:00") {
            let ledger = try TemporaryLedger()
            try ledger.write(
                "cases/stg-1/20261005-k7p3.md",
                ScenarioCase.text(received: "2026-10-05T09:00:00+02:00", steps: [("acknowledged", "hier")]))
            return try ScenarioSLA.findings(ledger, asOf: "2026-10-05T09:30:00+02:00")
        },
        RuleScenario(.mailUndelivered, "reclam sla --as-of 2026-10-05T09:30:00+02:00") {
            let ledger = try TemporaryLedger()
            try ledger.write("cases/stg-1/20261005-k7p3.md", ScenarioCase.text(received: "2026-10-05T09:00:00+02:00"))
            try ledger.write(
                "outbox/failed/20261005-k7p3-ack.eml",
                "Date: Mon, 05 Oct 2026 09:05:00 +0200\r\nX-Reclam-Case: 20261005-k7p3\r\n"
                    + "X-Reclam-Failed: 2026-10-05T09:06:00+02:00; smtp; 550 no such user\r\nSubject: Accusé de réception\r\n\r\nBonjour,\r\n"
            )
            return try ScenarioSLA.findings(ledger, asOf: "2026-10-05T09:30:00+02:00")
        },
        RuleScenario(.slaActionBreached, "reclam sla --actions --as-of 2026-10-09T12:00:00+02:00") {
            let ledger = try TemporaryLedger()
            try ledger.write("actions/act-20261005-k7p3.md", ScenarioCase.action(due: "2026-10-01"))
            return try ScenarioSLA.findings(ledger, asOf: "2026-10-09T12:00:00+02:00")
        },
        RuleScenario(.slaActionAtRisk, "reclam sla --actions --as-of 2026-10-09T12:00:00+02:00") {
            let ledger = try TemporaryLedger()
            try ledger.write("actions/act-20261005-k7p3.md", ScenarioCase.action(due: "2026-10-10"))
            return try ScenarioSLA.findings(ledger, asOf: "2026-10-09T12:00:00+02:00")
        },
    ]

    // MARK: `reclam intake-survey`

    static let intake: [RuleScenario] = [
        RuleScenario(.surveyCSV, "reclam intake-survey export.csv") {
            try ScenarioSurvey.run("learner;date;score\nstg-1;2026-10-05;\"4\n")
        },
        RuleScenario(.surveyRow, "reclam intake-survey export.csv") {
            try ScenarioSurvey.run("learner;date;score\nstg-1;2026-13-45;sept\n")
        },
        RuleScenario(.surveyRowSkipped, "reclam intake-survey --skip-bad-rows export.csv") {
            try ScenarioSurvey.run("learner;date;score\nstg-1;2026-13-45;sept\n", skipBadRows: true)
        },
    ]

    // MARK: `reclam audit`

    static let audit: [RuleScenario] = [
        RuleScenario(.auditIllegalTransition, "reclam audit") {
            let repository = try ScenarioRepository()
            try repository.commitCase(ScenarioRepository.caseText())
            try repository.commitCase(
                ScenarioRepository.caseText(steps: [("investigating", "2026-11-16T10:30:00+01:00")]))
            return try repository.audit()
        },
        RuleScenario(.auditMissingField, "reclam audit") {
            let repository = try ScenarioRepository()
            let acknowledged = ("acknowledged", "2026-11-16T09:30:00+01:00")
            try repository.commitCase(ScenarioRepository.caseText(steps: [acknowledged]))
            try repository.commitCase(
                ScenarioRepository.caseText(steps: [acknowledged, ("assigned", "2026-11-16T10:30:00+01:00")]))
            return try repository.audit()
        },
        RuleScenario(.auditCaseDeleted, "reclam audit") {
            let repository = try ScenarioRepository()
            try repository.commitCase(ScenarioRepository.caseText())
            try repository.git("rm", "-q", ScenarioRepository.casePath)
            try repository.commit()
            return try repository.audit()
        },
        RuleScenario(.auditIdentityRewritten, "reclam audit") {
            let repository = try ScenarioRepository()
            try repository.commitCase(ScenarioRepository.caseText())
            try repository.commitCase(ScenarioRepository.caseText(received: "2026-11-16T08:00:00+01:00"))
            return try repository.audit()
        },
        RuleScenario(.auditStepOrder, "reclam audit") {
            let repository = try ScenarioRepository()
            try repository.commitCase(ScenarioRepository.caseText())
            try repository.commitCase(
                ScenarioRepository.caseText(steps: [("acknowledged", "2026-11-16T08:30:00+01:00")]))
            return try repository.audit()
        },
        RuleScenario(.auditBackdated, "reclam audit") {
            let repository = try ScenarioRepository()
            let received = "2026-11-02T09:00:00+01:00"
            try repository.commitCase(ScenarioRepository.caseText(received: received), at: "2026-11-02T10:00:00+01:00")
            try repository.commitCase(
                ScenarioRepository.caseText(received: received, steps: [("acknowledged", "2026-11-02T11:00:00+01:00")]))
            return try repository.audit()
        },
        RuleScenario(.auditNoIdentity, "reclam audit") {
            let repository = try ScenarioRepository()
            try repository.commitCase(ScenarioRepository.caseText())
            try repository.commitCase(ScenarioRepository.caseText() + "Note.\n", email: "claire")
            return try repository.audit()
        },
        RuleScenario(.auditUncommitted, "reclam audit") {
            let repository = try ScenarioRepository()
            try repository.commitCase(ScenarioRepository.caseText())
            try repository.ledger.write(
                ScenarioRepository.casePath, ScenarioRepository.caseText() + "Note.\n")
            return try repository.audit()
        },
        RuleScenario(.auditStepLost, "reclam audit") {
            let repository = try ScenarioRepository()
            let text = ScenarioRepository.caseText()
            try repository.commitCase(text)
            try repository.git("checkout", "-q", "-b", "side")
            try repository.commitCase(
                ScenarioRepository.caseText(steps: [("acknowledged", "2026-11-16T10:30:00+01:00")]))
            try repository.git("checkout", "-q", "-")
            try repository.commitCase(text + "Note.\n")
            try repository.git(
                "merge", "-q", "-s", "ours", "side", "-m", "Merge side",
                environment: ScenarioRepository.identity(at: "2026-11-16T11:10:00+01:00"))
            return try repository.audit()
        },
        RuleScenario(.auditAccepted, "reclam audit accept HEAD --reason …; reclam audit") {
            let repository = try ScenarioRepository()
            try repository.commitCase(ScenarioRepository.caseText())
            try repository.commitCase(
                ScenarioRepository.caseText(steps: [("investigating", "2026-11-16T10:30:00+01:00")]))
            _ = try AuditAccept.accept(
                try repository.ledger.head(), reason: "Clôture validée par la direction", context: try repository.ledger.context())
            return try repository.audit()
        },
    ]

    // MARK: `reclam commit` (hand edits)

    static let handEdits: [RuleScenario] = [
        RuleScenario(.editStepsRewritten, "reclam commit cases/stg-1/20261116-k7p3.md") {
            let repository = try ScenarioRepository()
            try repository.commitCase(
                ScenarioRepository.caseText(steps: [("acknowledged", "2026-11-16T09:30:00+01:00")]))
            try repository.ledger.write(
                ScenarioRepository.casePath,
                ScenarioRepository.caseText(steps: [("acknowledged", "2026-11-16T09:45:00+01:00")]))
            return try repository.ledger.review(ScenarioRepository.casePath).diagnostics
        },
        RuleScenario(.editStepsAdded, "reclam commit cases/stg-1/20261116-k7p3.md") {
            let repository = try ScenarioRepository()
            try repository.commitCase(ScenarioRepository.caseText())
            try repository.ledger.write(
                ScenarioRepository.casePath,
                ScenarioRepository.caseText(steps: [
                    ("acknowledged", "2026-11-16T09:30:00+01:00"), ("acknowledged", "2026-11-16T09:40:00+01:00"),
                ]))
            return try repository.ledger.review(ScenarioRepository.casePath).diagnostics
        },
        RuleScenario(.editFileDeleted, "rm cases/stg-1/learner.md; reclam commit cases/stg-1/learner.md") {
            let repository = try ScenarioRepository()
            try repository.commitCase(ScenarioRepository.caseText())
            try FileManager.default.removeItem(at: repository.ledger.root.appendingPathComponent("cases/stg-1/learner.md"))
            return try repository.ledger.review("cases/stg-1/learner.md").diagnostics
        },
    ]

    // MARK: `reclam doctor`

    static let doctor: [RuleScenario] = [
        RuleScenario(.doctorInterruptedWrite, "reclam doctor") {
            let repository = try ScenarioRepository()
            try repository.commitCase(ScenarioRepository.caseText())
            let commit = try #require(ObjectID(hex: try repository.ledger.head()))
            let branch = try repository.git("symbolic-ref", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
            let journal = WriteJournal(pid: 4242, started: 1_791_184_320, branch: branch, base: nil, commit: commit, items: [])
            try journal.write(gitDirectory: repository.ledger.root.appendingPathComponent(".git").path)
            return try repository.doctor()
        },
        RuleScenario(.doctorStaleLock, "reclam doctor") {
            let repository = try ScenarioRepository()
            try repository.commitCase(ScenarioRepository.caseText())
            try repository.lock(modified: Date(timeIntervalSinceNow: -600))
            return try repository.doctor()
        },
        RuleScenario(.doctorLockHeld, "reclam doctor") {
            // A lock written a moment ago may belong to a command still running.
            let repository = try ScenarioRepository()
            try repository.commitCase(ScenarioRepository.caseText())
            try repository.lock(modified: Date(timeIntervalSinceNow: 3600))
            return try repository.doctor()
        },
        RuleScenario(.doctorTemporaryFile, "reclam doctor") {
            let repository = try ScenarioRepository()
            try repository.commitCase(ScenarioRepository.caseText())
            try repository.ledger.write("cases/stg-1/.20261116-k7p3.md.reclam-1upsr8vt11m4a.tmp", "half")
            return try repository.doctor()
        },
        RuleScenario(.doctorIndexBehind, "reclam doctor") {
            let repository = try ScenarioRepository()
            try repository.commitCase(ScenarioRepository.caseText())
            try repository.commitCase(
                ScenarioRepository.caseText(steps: [("acknowledged", "2026-11-16T10:30:00+01:00")]))
            try repository.git("reset", "-q", "HEAD^", "--", ScenarioRepository.casePath)
            return try repository.doctor()
        },
        RuleScenario(.doctorWorkTreeBehind, "reclam doctor") {
            let repository = try ScenarioRepository()
            let before = ScenarioRepository.caseText()
            try repository.commitCase(before)
            try repository.commitCase(
                ScenarioRepository.caseText(steps: [("acknowledged", "2026-11-16T10:30:00+01:00")]))
            try repository.ledger.write(ScenarioRepository.casePath, before)
            return try repository.doctor()
        },
        RuleScenario(.doctorUncommitted, "reclam doctor") {
            let repository = try ScenarioRepository()
            try repository.commitCase(ScenarioRepository.caseText())
            try repository.ledger.write(
                ScenarioRepository.casePath, ScenarioRepository.caseText() + "Note.\n")
            return try repository.doctor()
        },
    ]
}

/// Case and action files as people write them.
enum ScenarioCase {
    /// A case of learner stg-1; its stage is the last step's.
    static func text(id: String = "20261005-k7p3", received: String, steps: [(String, String)] = []) -> String {
        var lines = [
            "---", "id: \(id)", "learner: stg-1", "title: Attestation non reçue", "received: \(received)", "channel: email",
            "complainant: learner", "stage: \(steps.last?.0 ?? "received")",
        ]
        lines.append(steps.isEmpty ? "steps: []" : "steps:")
        for (stage, at) in steps { lines.append("  - {stage: \(stage), at: \(at), by: Claire Martin}") }
        return (lines + ["---", "## Réclamation", ""]).joined(separator: "\n")
    }

    static func action(due: String) -> String {
        """
        ---
        id: act-20261005-k7p3
        title: Contrôle des accusés d'envoi des attestations
        kind: corrective
        cases: []
        owner: Claire Martin
        due: \(due)
        stage: in-progress
        created: 2026-09-15T11:00:00+02:00
        steps:
          - {stage: in-progress, at: 2026-09-16T09:00:00+02:00, by: Claire Martin}
        ---
        ## Description

        """
    }
}

/// What `reclam sla` reports: the clocks' findings, the actions' (as with --actions) and the
/// notes about cases it could not read.
enum ScenarioSLA {
    static func findings(_ temporary: TemporaryLedger, asOf text: String, since: CivilDate? = nil) throws -> [Diagnostic] {
        let ledger = try temporary.ledger()
        let config = ledger.config
        let asOf = try #require(ISODateTime.parse(text)).date
        let (report, unreadable) = SLAEvaluator.evaluate(
            paths: try LedgerScan.scan(ledger).casePaths, in: ledger, procedure: config.procedure, calendar: config.calendar,
            rules: config.slaRules, asOf: asOf)
        let clocks = ActionDeadlines.evaluate(
            ActionStore.load(ledger).actions, settings: ActionSettings.read(config), calendar: config.calendar, asOf: asOf)
        return SLAFormatter.findings(report, since: since, strict: false, calendar: config.calendar)
            + ActionDeadlines.findings(clocks, timeZone: config.timeZone) + unreadable + report.diagnostics
    }
}

/// `reclam intake-survey` on an export: the findings of a refusal, or the rows left out.
enum ScenarioSurvey {
    static func run(_ csv: String, skipBadRows: Bool = false) throws -> [Diagnostic] {
        let repository = try ScenarioRepository()
        let url = repository.ledger.root.deletingLastPathComponent().appendingPathComponent("export.csv")
        try Data(csv.utf8).write(to: url)
        var options = SurveyIntake.Options()
        options.skipBadRows = skipBadRows
        let context = try repository.ledger.context()
        do {
            return try SurveyIntake.run(url, label: "export.csv", options: options, context: context).skipped
        } catch {
            return error.diagnostics
        }
    }
}

/// A ledger made by `reclam init`, whose case is committed by hand with the git CLI at chosen
/// instants, as a person or another tool would.
struct ScenarioRepository {
    static let received = "2026-11-16T09:00:00+01:00"
    static let casePath = "cases/stg-1/20261116-k7p3.md"

    let ledger: HandEditLedger

    /// The case of `casePath`.
    static func caseText(received: String = received, steps: [(String, String)] = []) -> String {
        ScenarioCase.text(id: "20261116-k7p3", received: received, steps: steps)
    }

    init() throws {
        ledger = try HandEditLedger()
        try ledger.write("cases/stg-1/learner.md", "---\nid: stg-1\nname: Camille Durand\n---\n")
    }

    @discardableResult
    func git(_ arguments: String..., environment: [String: String] = [:]) throws -> String {
        let result = try GitCLI.run(arguments, in: ledger.root, home: ledger.home, environment: environment)
        #expect(result.status == 0, "git \(arguments.joined(separator: " ")): \(result.stderr)")
        return result.stdout
    }

    /// Writes the case and commits everything at `at`, with the given author email.
    func commitCase(_ text: String, at: String = "2026-11-16T11:00:00+01:00", email: String = "claire.martin@example.org") throws {
        try ledger.write(Self.casePath, text)
        try commit(at: at, email: email)
    }

    func commit(at: String = "2026-11-16T11:00:00+01:00", email: String = "claire.martin@example.org") throws {
        try git("add", "-A")
        try git("commit", "-q", "--allow-empty", "-m", "Hand edit", environment: Self.identity(at: at, email: email))
    }

    /// Who commits, and when: git's author and committer variables.
    static func identity(at: String = "2026-11-16T11:00:00+01:00", email: String = "claire.martin@example.org") -> [String: String] {
        [
            "GIT_AUTHOR_NAME": "Claire Martin", "GIT_AUTHOR_EMAIL": email, "GIT_AUTHOR_DATE": at,
            "GIT_COMMITTER_NAME": "Claire Martin", "GIT_COMMITTER_EMAIL": email, "GIT_COMMITTER_DATE": at,
        ]
    }

    /// An index lock with the given modification time.
    func lock(modified: Date) throws {
        let path = ledger.root.appendingPathComponent(".git/index.lock").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: path)
    }

    func audit() throws -> [Diagnostic] { try Audit(ledger: try Ledger.open(at: ledger.root)).run() }

    func doctor() throws -> [Diagnostic] { try Doctor(ledgerRoot: ledger.root).findings().map(\.diagnostic) }
}
