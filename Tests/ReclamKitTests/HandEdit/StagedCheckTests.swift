import Foundation
import Testing

@testable import ReclamCore
@testable import ReclamGit
@testable import ReclamKit
@testable import ReclamLedger
@testable import ReclamOutput
@testable import ReclamRules
@testable import ReclamWorkflow

@Suite struct StagedCheckTests {
    func staged(_ ledger: HandEditLedger, indexFile: String? = nil) throws -> [Diagnostic] {
        try StagedCheck.run(root: ledger.root, now: ledger.now, indexFile: indexFile)
    }

    @Test func onlyTheStagedContentIsChecked() throws {
        let ledger = try HandEditLedger()
        let path = try ledger.newCase()
        let other = try ledger.newCase(learner: "stg-2")
        #expect(try staged(ledger).isEmpty)
        try ledger.edit(path) { $0.replacingOccurrences(of: "channel: email", with: "channel: emial") }
        // Not staged yet: nothing for the commit to record.
        #expect(try staged(ledger).isEmpty)
        try ledger.git("add", path)
        #expect(try staged(ledger).map(\.rule) == ["field-enum"])
        // The work tree is fixed but the index is not: the commit would still record the typo.
        try ledger.edit(path) { $0.replacingOccurrences(of: "channel: emial", with: "channel: email") }
        #expect(try staged(ledger).map(\.rule) == ["field-enum"])
        try ledger.git("add", path)
        try ledger.edit(other) { $0.replacingOccurrences(of: "channel: email", with: "channel: emial") }
        #expect(try staged(ledger).isEmpty)
    }

    @Test func stagedMovesFollowTheProcedure() throws {
        let ledger = try HandEditLedger()
        let path = try ledger.newCase()
        try ledger.edit(path) { $0.replacingOccurrences(of: "stage: received", with: "stage: closed\nno_action_reason: Doublon") }
        try ledger.git("add", path)
        #expect(Set(try staged(ledger).map(\.rule)) == ["audit-illegal-transition", "edit-steps-added"])
        try ledger.git("checkout", "HEAD", "--", path)
        try ledger.edit(path) {
            $0.replacingOccurrences(
                of: "stage: received\n",
                with: "stage: acknowledged\nsteps:\n  - {stage: acknowledged, at: 2026-11-16T09:00:00+01:00, by: Sophie}\n")
        }
        try ledger.git("add", path)
        #expect(try staged(ledger).isEmpty)
    }

    @Test func aTemporaryIndexIsRead() throws {
        let ledger = try HandEditLedger()
        let path = try ledger.newCase()
        try ledger.edit(path) { $0.replacingOccurrences(of: "channel: email", with: "channel: emial") }
        let index = ledger.root.appendingPathComponent(".git/reclam-test-index").path
        try FileManager.default.copyItem(atPath: ledger.root.appendingPathComponent(".git/index").path, toPath: index)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "add", path]
        process.currentDirectoryURL = ledger.root
        process.environment = ProcessInfo.processInfo.environment.merging(["GIT_INDEX_FILE": index]) { $1 }
        try process.run()
        process.waitUntilExit()
        #expect(try staged(ledger).isEmpty)
        #expect(try staged(ledger, indexFile: index).map(\.rule) == ["field-enum"])
    }

    @Test func stagedLayoutAndDeletionsAreReported() throws {
        let ledger = try HandEditLedger()
        let path = try ledger.newCase()
        try ledger.write("cases/notes.md", "loose\n")
        try ledger.git("add", "cases/notes.md")
        try ledger.git("rm", "-q", path)
        let rules = try staged(ledger).map(\.rule)
        #expect(Set(rules) == ["file-misplaced", "audit-case-deleted"])
    }
}
