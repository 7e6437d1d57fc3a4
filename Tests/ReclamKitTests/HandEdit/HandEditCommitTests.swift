import Foundation
import Testing

@testable import ReclamCore
@testable import ReclamGit
@testable import ReclamKit
@testable import ReclamLedger
@testable import ReclamOutput
@testable import ReclamRules
@testable import ReclamWorkflow

@Suite struct HandEditCommitTests {
    @Test func oneCommitForEveryFileWithFieldsAndTrailers() throws {
        let ledger = try HandEditLedger()
        let first = try ledger.newCase()
        let second = try ledger.newCase(learner: "stg-2")
        try ledger.edit(first) { $0.replacingOccurrences(of: "stage: received", with: "stage: acknowledged\ncategory: administratif") }
        try ledger.edit(second) { $0.replacingOccurrences(of: "## Analyse\n", with: "## Analyse\n\nAppel du 14/11.\n") }
        let before = try ledger.head()
        let context = try ledger.context()
        let files = try HandEdit.selectFiles([], in: context)
        #expect(files == [first, second])
        let result = try HandEdit.commit(paths: files, context: context)
        #expect(result.commit != nil)
        #expect(try ledger.git("rev-parse", "HEAD~1").stdout.trimmingCharacters(in: .whitespacesAndNewlines) == before)
        #expect(try ledger.status().isEmpty)
        let message = try ledger.message()
        let firstID = (first as NSString).lastPathComponent.dropLast(3)
        let secondID = (second as NSString).lastPathComponent.dropLast(3)
        #expect(message.hasPrefix("edit(\(firstID), \(secondID)): 2 files edited by hand\n"))
        #expect(message.contains("\(firstID) stage: received -> acknowledged\n"))
        #expect(message.contains("\(firstID) category: (none) -> administratif\n"))
        #expect(
            message.trimmingCharacters(in: .newlines).hasSuffix(
                "Reclam-Case: \(firstID)\nReclam-Stage: received -> acknowledged\nReclam-Case: \(secondID)\nReclam-Stage: received\nReclam-Actor: Claire Martin"
            ))
        #expect(try ledger.read(first).contains("Reçue → Réception accusée"))
    }

    @Test func oneInvalidFileRefusesThemAllAndKeepsTheText() throws {
        let ledger = try HandEditLedger()
        let first = try ledger.newCase()
        let second = try ledger.newCase(learner: "stg-2")
        try ledger.edit(first) { $0.replacingOccurrences(of: "title: Attestation non reçue", with: "title: Attestation jamais reçue") }
        try ledger.edit(second) { $0.replacingOccurrences(of: "channel: email", with: "channel: emial") }
        let edited = try ledger.read(second)
        let before = try ledger.head()
        let context = try ledger.context()
        #expect {
            try HandEdit.commit(paths: [first, second], context: context)
        } throws: { error in
            guard let error = error as? ReclamError else { return false }
            return error.kind == .refused && error.diagnostics.map(\.rule) == ["field-enum"]
        }
        #expect(try ledger.head() == before)
        #expect(try ledger.read(second) == edited)
        #expect(try ledger.status() == " M \(first)\n M \(second)\n")
    }

    @Test func aStagedEditGetsItsStepStagedToo() throws {
        let ledger = try HandEditLedger()
        let path = try ledger.newCase()
        try ledger.edit(path) { $0.replacingOccurrences(of: "stage: received", with: "stage: acknowledged") }
        try ledger.git("add", path)
        let result = try HandEdit.commit(paths: [path], message: "Accusé envoyé par téléphone", context: try ledger.context())
        #expect(result.summary?.hasSuffix("): Accusé envoyé par téléphone") == true)
        #expect(try ledger.status().isEmpty)
        #expect(try ledger.git("show", "HEAD:\(path)").stdout.contains("- {stage: acknowledged, at: 2026-11-16T10:00:00+01:00"))
    }

    @Test func partlyStagedFilesAreRefusedUntouched() throws {
        let ledger = try HandEditLedger()
        let path = try ledger.newCase()
        try ledger.edit(path) { $0.replacingOccurrences(of: "stage: received", with: "stage: acknowledged") }
        try ledger.git("add", path)
        try ledger.edit(path) { $0 + "\nnote\n" }
        let edited = try ledger.read(path)
        #expect(throws: ReclamError.self) { try HandEdit.commit(paths: [path], context: try ledger.context()) }
        #expect(try ledger.read(path) == edited)
        #expect(try ledger.status() == "MM \(path)\n")
    }

    @Test func nothingChangedCommitsNothing() throws {
        let ledger = try HandEditLedger()
        let path = try ledger.newCase()
        let before = try ledger.head()
        let result = try HandEdit.commit(paths: [path], context: try ledger.context())
        #expect(result.commit == nil)
        #expect(try ledger.head() == before)
    }

    @Test func foldersSelectTheirModifiedFilesAndOtherFilesAreRefused() throws {
        let ledger = try HandEditLedger()
        let first = try ledger.newCase()
        let second = try ledger.newCase(learner: "stg-2")
        try ledger.edit(first) { $0 + "\n" }
        try ledger.edit(second) { $0 + "\n" }
        let context = try ledger.context()
        #expect(try HandEdit.selectFiles(["cases/stg-2"], in: context) == [second])
        #expect(throws: ReclamError.self) { try HandEdit.selectFiles(["reclam.yml"], in: context) }
    }

    @Test func actionsMoveByHandThroughTheirOwnProcedure() throws {
        let ledger = try HandEditLedger()
        let path = try ledger.newCase()
        let id = String((path as NSString).lastPathComponent.dropLast(3))
        let created = try ActionWorkflow.create(
            .init(title: "Contrôle des envois", kind: "corrective", cases: [id]), context: ledger.context())
        let actionPath = Action.path(created.id)
        let settings = ActionSettings.read(try ledger.context().ledger.config)
        let initial = try #require(settings.procedure.initialStage?.id)
        let next = try #require(settings.procedure.transitions(from: initial, fields: { _ in nil }).first?.to)
        try ledger.edit(actionPath) { $0.replacingOccurrences(of: "stage: \(initial)", with: "stage: \(next)") }
        let result = try HandEdit.commit(paths: [actionPath], context: try ledger.context())
        #expect(result.reviews.first?.addedStep == true)
        #expect(try ledger.message().contains("Reclam-Action: \(created.id)\nReclam-Stage: \(initial) -> \(next)\n"))
        #expect(try ledger.status().isEmpty)
    }
}
