import Foundation
import Testing

@testable import ReclamCore
@testable import ReclamGit
@testable import ReclamKit
@testable import ReclamLedger
@testable import ReclamOutput
@testable import ReclamRules
@testable import ReclamWorkflow

@Suite struct HandEditReviewTests {
    @Test func aLegalStageChangeGetsItsStepAndJournalLine() throws {
        let ledger = try HandEditLedger()
        let path = try ledger.newCase()
        try ledger.edit(path) { $0.replacingOccurrences(of: "stage: received", with: "stage: acknowledged") }
        let review = try ledger.review(path)
        #expect(review.diagnostics.isEmpty, "\(review.diagnostics)")
        #expect(review.stageChange?.from == "received")
        #expect(review.stageChange?.to == "acknowledged")
        #expect(review.addedStep && review.addedJournalLine)
        let text = try #require(review.finalText)
        #expect(text.contains("steps:\n  - {stage: acknowledged, at: 2026-11-16T10:00:00+01:00, by: Claire Martin}\n---\n"))
        #expect(text.hasSuffix("- 2026-11-16 10:00 +01:00 — Claire Martin — Reçue → Réception accusée\n"))
        #expect(review.changedFields.map(\.field) == ["stage", "steps"])
    }

    @Test func theUsersOwnStepAndJournalLineAreKeptAsWritten() throws {
        let ledger = try HandEditLedger()
        let path = try ledger.newCase()
        try ledger.edit(path) {
            $0.replacingOccurrences(
                of: "stage: received\n",
                with: "stage: acknowledged\nsteps:\n  - {stage: acknowledged, at: 2026-11-16T09:30:00+01:00, by: Sophie Lefèvre}\n")
                + "- 2026-11-16 09:30 +01:00 — Sophie Lefèvre — received → acknowledged\n"
        }
        let review = try ledger.review(path)
        #expect(review.diagnostics.isEmpty, "\(review.diagnostics)")
        #expect(!review.addedStep && !review.addedJournalLine)
        #expect(review.finalText == (try ledger.read(path)))
    }

    @Test func anIllegalMoveIsRefusedWithTheAllowedOnes() throws {
        let ledger = try HandEditLedger()
        let path = try ledger.newCase()
        try ledger.edit(path) { $0.replacingOccurrences(of: "stage: received", with: "stage: investigating") }
        let review = try ledger.review(path)
        #expect(review.rules == ["audit-illegal-transition"])
        #expect(review.diagnostics.contains { $0.message.contains("possible depuis Reçue : Réception accusée (reclam ack)") })
        #expect(review.final == nil)
        let stageLine = try #require(review.diagnostics.first { $0.rule == "audit-illegal-transition" })
        #expect(stageLine.line == 8)
    }

    @Test func aStageWithoutItsRequiredFieldIsRefused() throws {
        let ledger = try HandEditLedger()
        let path = try ledger.newCase()
        try ledger.edit(path) { $0.replacingOccurrences(of: "stage: received", with: "stage: rejected") }
        #expect(try ledger.review(path).rules == ["stage-field-missing"])
        try ledger.edit(path) {
            $0.replacingOccurrences(of: "stage: rejected", with: "stage: rejected\nrejection_reason: Demande d'information")
        }
        let review = try ledger.review(path)
        #expect(review.rules.isEmpty)
        #expect(review.changedFields.map(\.field) == ["stage", "rejection_reason", "steps"])
    }

    @Test func recordedHistoryIsNotRewritten() throws {
        let ledger = try HandEditLedger()
        let path = try ledger.newCase()
        _ = try CaseMove.run(
            MoveRequest(id: Case(path: path, document: try parse(ledger.read(path))).id, verb: "ack"), context: ledger.context())
        try ledger.edit(path) {
            $0.replacingOccurrences(of: "at: 2026-11-16T10:00:00+01:00", with: "at: 2026-11-14T10:00:00+01:00")
                .replacingOccurrences(of: "received: 2026-11-13T18:00:00+01:00", with: "received: 2026-11-12T18:00:00+01:00")
        }
        #expect(Set(try ledger.review(path).rules) == ["edit-steps-rewritten", "audit-identity-rewritten"])
    }

    @Test func stepsMustMatchTheMove() throws {
        let ledger = try HandEditLedger()
        let path = try ledger.newCase()
        try ledger.edit(path) {
            $0.replacingOccurrences(
                of: "stage: received\n",
                with:
                    "stage: acknowledged\nsteps:\n  - {stage: acknowledged, at: 2026-11-16T09:00:00+01:00}\n  - {stage: acknowledged, at: 2026-11-16T09:30:00+01:00}\n"
            )
        }
        #expect(try ledger.review(path).rules == ["edit-steps-added"])
        try ledger.git("checkout", "--", ".")
        try ledger.edit(path) {
            $0.replacingOccurrences(
                of: "stage: received\n", with: "stage: received\nsteps:\n  - {stage: acknowledged, at: 2026-11-16T09:00:00+01:00}\n")
        }
        #expect(try ledger.review(path).rules.contains("edit-steps-added"))
    }

    @Test func theStagedContentOfAGitCommitMustCarryItsStep() throws {
        let ledger = try HandEditLedger()
        let path = try ledger.newCase()
        try ledger.edit(path) { $0.replacingOccurrences(of: "stage: received", with: "stage: acknowledged") }
        let review = try ledger.review(path, actor: nil)
        #expect(review.rules == ["edit-steps-added"])
        #expect(!review.diagnostics.contains { $0.rule == "steps-stage-mismatch" })
    }

    @Test func aStepTypedLongAfterTheFactReadsAsBackdating() throws {
        let ledger = try HandEditLedger()
        let path = try ledger.newCase(received: "2026-11-02T09:00:00+01:00")
        try ledger.edit(path) {
            $0.replacingOccurrences(
                of: "stage: received\n",
                with: "stage: acknowledged\nsteps:\n  - {stage: acknowledged, at: 2026-11-03T09:00:00+01:00, by: Sophie}\n")
        }
        #expect(try ledger.review(path).rules == ["audit-backdated"])
    }

    @Test func aNewCaseByHandStartsAtTheInitialStage() throws {
        let ledger = try HandEditLedger()
        let existing = try ledger.newCase()
        let id = (existing as NSString).lastPathComponent.replacingOccurrences(of: ".md", with: "")
        let text = try ledger.read(existing)
        try ledger.write(
            "cases/stg-2/20261114-abcd.md",
            text.replacingOccurrences(of: id, with: "20261114-abcd").replacingOccurrences(of: "learner: stg-1", with: "learner: stg-2"))
        #expect(try ledger.review("cases/stg-2/20261114-abcd.md").rules.isEmpty)
        try ledger.edit("cases/stg-2/20261114-abcd.md") {
            $0.replacingOccurrences(of: "stage: received", with: "stage: assigned\nowner: Karim")
        }
        #expect(try ledger.review("cases/stg-2/20261114-abcd.md").rules == ["audit-illegal-transition"])
        try ledger.write("cases/stg-2/\(id).md", text.replacingOccurrences(of: "learner: stg-1", with: "learner: stg-2"))
        #expect(try ledger.review("cases/stg-2/\(id).md").rules == ["id-duplicate"])
    }

    @Test func aDeletedCaseIsRefused() throws {
        let ledger = try HandEditLedger()
        let path = try ledger.newCase()
        try FileManager.default.removeItem(at: ledger.root.appendingPathComponent(path))
        #expect(try ledger.review(path).rules == ["audit-case-deleted"])
    }

    @Test func pathsAreSortedIntoKinds() {
        #expect(HandEditReview.kind(of: "cases/stg-1/20261005-k7p3.md") == .caseFile)
        #expect(HandEditReview.kind(of: "cases/stg-1/learner.md") == .learnerFile)
        #expect(HandEditReview.kind(of: "actions/act-20261005-k7p3.md") == .actionFile)
        #expect(HandEditReview.kind(of: "cases/stg-1/20261005-k7p3/scan.md") == nil)
        #expect(HandEditReview.kind(of: "reclam.yml") == nil)
        #expect(HandEditReview.kind(of: "templates/letters/ack.fr.md") == nil)
    }

    func parse(_ text: String) throws -> MarkdownDocument { try MarkdownDocument.parse(data: Data(text.utf8)) }
}
