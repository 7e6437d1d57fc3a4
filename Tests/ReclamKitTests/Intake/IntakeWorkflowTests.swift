import Foundation
import Testing

@testable import ReclamCore
@testable import ReclamGit
@testable import ReclamKit
@testable import ReclamLedger
@testable import ReclamOutput
@testable import ReclamRules
@testable import ReclamWorkflow

/// A ledger made by `reclam init` in a temporary git repository, for the intake workflows.
final class IntakeLedger {
    let root: URL
    let now = ISODateTime.parse("2026-11-16T10:00:00+01:00")!.date

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("reclam-intake-\(UUID().uuidString)")
        _ = try InitLedger.run(
            InitLedger.Options(directory: root, preset: .training, actor: "Claire Martin <claire.martin@example.org>"),
            environment: [:], now: now)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    func context() throws -> WriteContext {
        try WriteContext(
            ledger: try Ledger.open(at: root), actorOption: "Claire Martin <claire.martin@example.org>", environment: [:], now: now)
    }

    /// Writes and commits a learner file.
    func learner(_ id: String, emails: [String]) throws {
        let path = "cases/\(id)/learner.md"
        let text = "---\nid: \(id)\nemails: [\(emails.joined(separator: ", "))]\n---\n"
        try context().commit(Change(summary: "learner \(id)", writes: [(path, Data(text.utf8))]))
    }

    func read(_ path: String) throws -> String { try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8) }

    func data(_ path: String) throws -> Data { try Data(contentsOf: root.appendingPathComponent(path)) }

    func head() throws -> ObjectID? { try GitRepository.open(at: root.path).tipCommitID() }

    func check() throws -> [Diagnostic] { try Checker.run(root: root, now: now) }

    func casePath(_ id: String) throws -> String { try CaseLocator.path(of: id, in: try Ledger.open(at: root)) }
}

@Suite struct IntakeWorkflowTests {
    func inputs(_ names: [String]) -> [EmailIntake.Input] {
        names.map { EmailIntake.Input(label: $0, url: IntakeFixtures.url($0)) }
    }

    @Test func emailBatchIsOneCommitAndARerunAddsNothing() throws {
        let ledger = try IntakeLedger()
        try ledger.learner("stg-2026-014", emails: ["Jeanne.Dupont@example.org"])
        let names = [
            "latin1-plain.eml", "alternative.eml", "attachments.eml", "forwarded.eml", "not-a-message.eml", "latin1-plain-again.eml",
            "no-date.eml",
        ]
        let before = try ledger.head()
        let report = try EmailIntake.run(inputs(names), options: .init(learner: "stg-2026-099"), context: try ledger.context())
        let outcomes = report.items.map(\.outcome)
        #expect(report.created == 5)
        #expect(report.rejected == 1)
        guard case .created(let latin) = outcomes[0], case .created(let attached) = outcomes[2] else {
            Issue.record("\(outcomes)")
            return
        }
        #expect(outcomes[5] == .existing(latin))
        if case .rejected(let reason) = outcomes[4] {
            #expect(reason.contains("ce n'est pas un courriel"))
        } else {
            Issue.record("\(outcomes[4])")
        }
        let commit = try #require(report.commit)
        #expect(commit.parent == before)
        let info = try GitRepository.open(at: ledger.root.path).commitInfo(commit.commit)
        #expect(info.summary == "intake: 5 cases from email")
        #expect(info.trailers.filter { $0.key == "Reclam-Case" }.count == 5)
        for path in commit.changedPaths { #expect(!path.contains("@") && !path.lowercased().contains("dupont"), "\(path)") }
        #expect(!info.message.contains("@"))
        #expect(!info.message.lowercased().contains("dupont"))

        let text = try ledger.read(try ledger.casePath(latin))
        #expect(text.contains("\nlearner: stg-2026-014\n"))
        #expect(text.contains("\ntitle: Attestation non reçue – coût 1 200 €\n"))
        #expect(text.contains("\nreceived: 2026-11-09T14:03:00+01:00\nchannel: email\ncomplainant: learner\nstage: received\n"))
        #expect(text.contains("\nmessage_id: CAF4xk2=abc.123@mail.example.org\nsender: jeanne.dupont@example.org\n---\n"))
        #expect(text.contains("## Réclamation\n\nBonjour,\n\nJe n'ai toujours pas reçu"))
        #expect(text.contains("\n\\## Journal\nCeci n'est pas le journal."))
        #expect(text.contains("## Journal\n\n- 2026-11-09 14:03 +01:00 — Claire Martin — réclamation reçue (Reçue)\n"))

        let attachedPath = try ledger.casePath(attached)
        let attachedText = try ledger.read(attachedPath)
        let folder = String(attachedPath.dropLast(3))
        #expect(
            attachedText.contains(
                "attachments:\n  - {file: attestation érronée.pdf, size: 74, sha256: \(IntakeFixtures.pdfSHA256)}\n"
                    + "  - {file: reclam.yml, size: 70, sha256: \(IntakeFixtures.pngSHA256)}\n"
                    + "  - {file: attachment-3.pdf, size: 74, sha256: \(IntakeFixtures.pdfSHA256)}\n"))
        #expect(attachedText.contains("  - {file: CV.pdf, size: 74,"))
        #expect(attachedText.contains("  - {file: RELEVÉ-2.csv, size: 31,"))
        #expect(attachedText.contains("  - {file: htaccess, size: 14,"))
        #expect(IntakeHash.sha256(try ledger.data("\(folder)/reclam.yml")) == IntakeFixtures.pngSHA256)
        #expect(IntakeHash.sha256(try ledger.data("\(folder)/attestation érronée.pdf")) == IntakeFixtures.pdfSHA256)

        let noDate = try ledger.read(try ledger.casePath(try #require(outcomes[6].caseID)))
        #expect(noDate.contains("\ncontent_sha256: "))
        #expect(noDate.contains("\nlearner: stg-2026-099\n"))
        #expect(report.items[6].warnings.contains { $0.contains("pas d'en-tête Date") })
        #expect(try ledger.check().filter { $0.severity == .error } == [])

        let tip = try ledger.head()
        let again = try EmailIntake.run(inputs(names), options: .init(learner: "stg-2026-099"), context: try ledger.context())
        #expect(again.commit == nil)
        #expect(again.created == 0)
        #expect(try ledger.head() == tip)
        #expect(again.items.map(\.outcome.caseID) == report.items.map(\.outcome.caseID))
    }

    @Test func unknownSenderIsRefusedWithTheWayOut() throws {
        let ledger = try IntakeLedger()
        try ledger.learner("stg-1", emails: ["shared@example.org"])
        try ledger.learner("stg-2", emails: ["shared@example.org"])
        let report = try EmailIntake.run(inputs(["alternative.eml"]), options: .init(), context: try ledger.context())
        guard case .refused(let reason) = report.items[0].outcome else {
            Issue.record("\(report.items[0].outcome)")
            return
        }
        #expect(reason.contains("--learner"))
        #expect(reason.contains("emails:"))
        #expect(report.commit == nil)

        let shared = "From: Someone <SHARED@example.org>\nSubject: x\nMessage-ID: <s@x>\nDate: Mon, 9 Nov 2026 14:03:00 +0100\n\nbody\n"
        let url = ledger.root.appendingPathComponent("../\(UUID().uuidString).eml").standardizedFileURL
        try Data(shared.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let ambiguous = try EmailIntake.run([.init(label: "s.eml", url: url)], options: .init(), context: try ledger.context())
        if case .refused(let reason) = ambiguous.items[0].outcome {
            #expect(reason.contains("plusieurs stagiaires (stg-1, stg-2)"))
        } else {
            Issue.record("\(ambiguous.items[0].outcome)")
        }
        let chosen = try EmailIntake.run([.init(label: "s.eml", url: url)], options: .init(learner: "stg-2"), context: try ledger.context())
        let id = try #require(chosen.items[0].outcome.caseID)
        #expect(try ledger.casePath(id).hasPrefix("cases/stg-2/"))
    }

    @Test func longTextIsCutInTheCaseAndKeptWhole() throws {
        let ledger = try IntakeLedger()
        let line = "Une ligne de réclamation très longue, répétée pour dépasser la limite.\n"
        let text = String(repeating: line, count: 4000)
        let message = "From: a@example.org\nSubject: Long\nMessage-ID: <long@x>\nDate: Mon, 9 Nov 2026 14:03:00 +0100\n\n" + text
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID().uuidString).eml")
        try Data(message.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let report = try EmailIntake.run(
            [.init(label: "long.eml", url: url)], options: .init(learner: "stg-1"), context: try ledger.context())
        let id = try #require(report.items[0].outcome.caseID)
        #expect(report.items[0].warnings.contains { $0.contains("message.txt") })
        let path = try ledger.casePath(id)
        let caseText = try ledger.read(path)
        #expect(caseText.utf8.count < TextFile.maximumSize)
        #expect(caseText.contains("\n[…]\n"))
        let whole = try ledger.data("\(path.dropLast(3))/message.txt")
        #expect(String(decoding: whole, as: UTF8.self) == text.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(caseText.contains("{file: message.txt, size: \(whole.count), sha256: \(IntakeHash.sha256(whole))}"))
        #expect(try ledger.check().filter { $0.severity == .error } == [])
    }

    @Test func surveyImportIsIdempotentAcrossExports() throws {
        let ledger = try IntakeLedger()
        let first = try SurveyIntake.run(
            IntakeFixtures.url("survey-bom-semicolon.csv"), label: "s1.csv", options: .init(), context: try ledger.context())
        #expect(first.responses == 5)
        #expect(first.belowThreshold == 2)
        #expect(first.atOrAbove == 2)
        #expect(first.withoutScore == 1)
        #expect(first.encoding == "UTF-8 with BOM")
        #expect(first.separator == ";")
        #expect(first.created == 2)
        let ids = first.rows.compactMap { if case .created(let id) = $0.outcome { id } else { nil } }
        #expect(first.rows.map(\.line) == [2, 5], "a record starts on the line of its first field")

        let low = try ledger.read(try ledger.casePath(ids[0]))
        #expect(low.contains("\nlearner: stg-2026-014\ntitle: \"Enquête de fin de formation : note 4/10\"\n"))
        #expect(low.contains("\nreceived: 2026-11-10T14:03:27+01:00\nchannel: survey\ncomplainant: learner\n"))
        #expect(low.contains("\nscore: \"4\"\nsession: S2026-11\n"))
        #expect(low.contains("## Réclamation\n\nSalle trop petite.\nPas de pause ; vidéoprojecteur en panne.\n\n## Analyse"))
        let decimal = try ledger.read(try ledger.casePath(ids[1]))
        #expect(decimal.contains("\nlearner: stg-2026-016\n"))
        #expect(decimal.contains("note 5,5/10"))
        #expect(decimal.contains("\nscore: \"5.5\"\n"))
        #expect(decimal.contains("Le formateur parlait trop vite, \"difficile\" à suivre"))

        let tip = try ledger.head()
        let overlap = try SurveyIntake.run(
            IntakeFixtures.url("survey-cp1252-comma.csv"), label: "s2.csv", options: .init(), context: try ledger.context())
        #expect(overlap.encoding == "Windows-1252")
        #expect(overlap.separator == ",")
        #expect(overlap.created == 1)
        #expect(overlap.existing == 2)
        #expect(overlap.rows.prefix(2).map(\.outcome) == [.existing(ids[0]), .existing(ids[1])])
        let newID = try #require(overlap.rows.last.map { if case .created(let id) = $0.outcome { id } else { "" } })
        let created = try ledger.read(try ledger.casePath(newID))
        #expect(created.contains("Aucune attestation reçue ; coût 1 200 €"))
        #expect(created.contains("\nreceived: 2026-11-12T09:00:00+01:00\n"))
        let info = try GitRepository.open(at: ledger.root.path).commitInfo(try #require(overlap.commit).commit)
        #expect(info.parents == [try #require(tip)])
        #expect(info.summary == "intake-survey: 1 case from survey")

        let again = try SurveyIntake.run(
            IntakeFixtures.url("survey-cp1252-comma.csv"), label: "s2.csv", options: .init(), context: try ledger.context())
        #expect(again.created == 0)
        #expect(again.commit == nil)
        #expect(try ledger.check().filter { $0.severity == .error } == [])
    }

    @Test func badRowsRefuseTheFileUnlessSkipped() throws {
        let ledger = try IntakeLedger()
        let tip = try ledger.head()
        do {
            _ = try SurveyIntake.run(
                IntakeFixtures.url("survey-bad-row.csv"), label: "bad.csv", options: .init(), context: try ledger.context())
            Issue.record("accepted")
        } catch let error as ReclamError {
            #expect(error.kind == .refused)
            #expect(error.diagnostics.map(\.line) == [3, 4])
            #expect(error.diagnostics[0].message == "la note 'trois' n'est pas un nombre ; écrivez par exemple 4 ou 5,5")
            #expect(error.diagnostics[1].message.hasPrefix("la date '2026-13-45' n'est pas une date"))
        }
        #expect(try ledger.head() == tip)
        var options = SurveyIntake.Options()
        options.skipBadRows = true
        // Line 4 scores 2: a complaint, with a bad date. It is never skipped.
        do {
            _ = try SurveyIntake.run(
                IntakeFixtures.url("survey-bad-row.csv"), label: "bad.csv", options: options, context: try ledger.context())
            Issue.record("a complaint was skipped")
        } catch let error as ReclamError {
            #expect(error.kind == .refused)
            #expect(
                error.message.hasPrefix("1 ligne sous le seuil dans bad.csv ne peut être prise en charge (ligne 4) : rien n'a été importé"))
            #expect(error.diagnostics.map(\.line) == [3, 4])
        }
        #expect(try ledger.head() == tip)
        // A row whose score cannot be read is skipped; the complaints are taken in.
        let file = ledger.root.appendingPathComponent("../\(UUID().uuidString).csv").standardizedFileURL
        defer { try? FileManager.default.removeItem(at: file) }
        try Data("Date;Stagiaire;Note\n2026-11-10;stg-2026-020;3\n2026-11-10;stg-2026-021;trois\n2026-11-10;stg-2026-023;9\n".utf8)
            .write(to: file)
        let report = try SurveyIntake.run(file, label: "skip.csv", options: options, context: try ledger.context())
        #expect(report.created == 1)
        #expect(report.skipped.map(\.line) == [3])
        #expect(report.skipped.allSatisfy { $0.severity == .warning })
        #expect(report.atOrAbove == 1)
    }

    @Test func anUnknownRespondentGetsAPseudonymousLearnerFolderWhenAsked() throws {
        let ledger = try IntakeLedger()
        try ledger.learner("stg-2026-014", emails: ["jeanne.dupont@example.org"])
        var options = SurveyIntake.Options()
        options.threshold = 8
        options.skipBadRows = true
        do {
            _ = try SurveyIntake.run(
                IntakeFixtures.url("survey-msforms.csv"), label: "forms.csv", options: options, context: try ledger.context())
            Issue.record("an unknown respondent's complaint was skipped")
        } catch let error as ReclamError {
            #expect(error.diagnostics.map(\.line) == [3])
            #expect(error.message.contains("passez --unknown-learner create"))
        }
        options.unknownLearner = .create
        let report = try SurveyIntake.run(
            IntakeFixtures.url("survey-msforms.csv"), label: "forms.csv", options: options, context: try ledger.context())
        #expect(report.created == 2)
        let respondent = "resp-" + IntakeHash.sha256(fields: ["survey-respondent", "karim.benali@example.net"]).prefix(12)
        #expect(report.newLearners == [respondent])
        #expect(try ledger.read("cases/\(respondent)/learner.md") == "---\nid: \(respondent)\nemails: [karim.benali@example.net]\n---\n")
        let id = try #require(report.rows.last.map { if case .created(let id) = $0.outcome { id } else { "" } })
        #expect(try ledger.read("cases/\(respondent)/\(id).md").contains("\nlearner: \(respondent)\n"))
        let info = try GitRepository.open(at: ledger.root.path).commitInfo(try #require(report.commit).commit)
        #expect(!info.message.contains("karim"))
        #expect(try ledger.check().filter { $0.severity == .error } == [])
        // The address now belongs to that learner: the next export finds it.
        let again = try SurveyIntake.run(
            IntakeFixtures.url("survey-msforms.csv"), label: "forms.csv", options: options, context: try ledger.context())
        #expect(again.created == 0 && again.existing == 2 && again.newLearners == [])
    }

    @Test func responseIDAndAddressesFromAFormsExport() throws {
        let ledger = try IntakeLedger()
        try ledger.learner("stg-2026-014", emails: ["jeanne.dupont@example.org"])
        let report = try SurveyIntake.run(
            IntakeFixtures.url("survey-msforms.csv"), label: "forms.csv", options: .init(), context: try ledger.context())
        #expect(report.created == 1)
        let id = try #require(report.rows.first.map { if case .created(let id) = $0.outcome { id } else { "" } })
        let text = try ledger.read(try ledger.casePath(id))
        #expect(text.contains("\nlearner: stg-2026-014\n"))
        #expect(text.contains("\nreceived: 2026-11-10T14:03:00+01:00\n"))
        #expect(text.contains("\nsurvey_key: \(IntakeHash.sha256(fields: ["survey-response", "1"]).prefix(32))\n"))

        var options = SurveyIntake.Options()
        options.threshold = 8
        do {
            // The second response (score 7) is now below the threshold, but its address is unknown.
            _ = try SurveyIntake.run(
                IntakeFixtures.url("survey-msforms.csv"), label: "forms.csv", options: options, context: try ledger.context())
            Issue.record("accepted")
        } catch let error as ReclamError {
            #expect(error.diagnostics.map(\.line) == [3])
            #expect(error.diagnostics.first?.message.contains("ne figure dans la liste 'emails:' d'aucun stagiaire") == true)
        }
    }
}
