import Foundation
import Testing

/// `reclam audit` over branches made with reclam and merged with the git CLI (the merge driver
/// that `reclam init` registers settles the case files).
@Suite struct AuditMergeEndToEndTests {
    func at(_ shell: inout Shell, _ time: String) {
        shell.environment["RECLAM_NOW"] = "2026-11-16T\(time):00+01:00"
    }

    /// A ledger whose branch `side` acknowledged a case at 10:00 while `main` received a
    /// second case at 10:30; `main` is checked out, nothing is merged yet. Returns the first
    /// case's id.
    func divergedBranches(_ shell: inout Shell) throws -> String {
        try shell.initLedger()
        at(&shell, "09:00")
        let id = try shell.newCase(received: "2026-11-16T08:00:00+01:00")
        try shell.gitSucceeds(["checkout", "-q", "-b", "side"])
        at(&shell, "10:00")
        try shell.reclamSucceeds(["ack", id])
        try shell.gitSucceeds(["checkout", "-q", "main"])
        at(&shell, "10:30")
        _ = try shell.newCase(learner: "stg-2", received: "2026-11-16T08:00:00+01:00")
        return id
    }

    /// Both branches moved the case legally; merged by time, the steps are one legal history,
    /// though against the first parent the merge moves the case over several stages at once.
    @Test func legalStepsOfTwoBranchesAreOneHistory() throws {
        var shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger()
        at(&shell, "09:00")
        let id = try shell.newCase(received: "2026-11-16T08:00:00+01:00")
        let other = try shell.newCase(learner: "stg-2", received: "2026-11-16T08:00:00+01:00")
        try shell.reclamSucceeds(["ack", id])
        try shell.gitSucceeds(["branch", "side"])
        // main: another case only.
        at(&shell, "09:30")
        try shell.reclamSucceeds(["ack", other])
        // side: two moves of the first case.
        try shell.gitSucceeds(["checkout", "-q", "side"])
        at(&shell, "10:00")
        try shell.reclamSucceeds(["assign", id, "--to", "Karim Benali"])
        at(&shell, "10:30")
        try shell.reclamSucceeds(["move", id, "investigating"])
        try shell.gitSucceeds(["checkout", "-q", "main"])
        try shell.gitSucceeds(["merge", "-q", "--no-ff", "-m", "merge side", "side"])
        #expect(try shell.git("rev-parse", "HEAD^2").status == 0, "a real merge")
        #expect(try shell.read("cases/stg-1/\(id).md").contains("stage: investigating"))
        var audit = try shell.reclam("audit")
        #expect(audit.status == 0, "\(audit.stdout)\(audit.stderr)")

        // Interleaved: side waits and resumes while main decides; the driver merges by time.
        try shell.gitSucceeds(["checkout", "-q", "side"])
        try shell.gitSucceeds(["merge", "-q", "--ff-only", "main"])
        at(&shell, "11:00")
        try shell.reclamSucceeds(["move", id, "waiting"])
        at(&shell, "11:10")
        try shell.reclamSucceeds(["move", id, "investigating"])
        try shell.gitSucceeds(["checkout", "-q", "main"])
        at(&shell, "11:20")
        try shell.reclamSucceeds([
            "move", id, "solution-decided", "--set", "findings=Envoi en échec", "--set", "solution=Renvoi", "--set",
            "solution_type=corrective-action",
        ])
        try shell.gitSucceeds(["merge", "-q", "--no-ff", "-m", "merge side again", "side"])
        let merged = try shell.read("cases/stg-1/\(id).md")
        #expect(merged.contains("stage: solution-decided"))
        #expect(merged.contains("stage: waiting"), "both branches' steps are kept")
        audit = try shell.reclam("audit")
        #expect(audit.status == 0, "\(audit.stdout)\(audit.stderr)")
    }

    /// A conflict resolved by typing a step the procedure does not allow: the merge itself is
    /// judged, as a hand commit would be.
    @Test func illegalStepTypedInAMergeIsReported() throws {
        var shell = try Shell()
        defer { shell.remove() }
        let id = try divergedBranches(&shell)
        try shell.gitSucceeds(["merge", "-q", "--no-commit", "side"])
        let path = "cases/stg-1/\(id).md"
        let text = try shell.read(path)
        #expect(text.contains("stage: acknowledged"))
        let typed = text.replacingOccurrences(of: "stage: acknowledged\n", with: "stage: closed\n").replacingOccurrences(
            of: "\n---\n", with: "\n  - {stage: closed, at: 2026-11-16T10:45:00+01:00, by: Claire Martin}\n---\n")
        try shell.write(path, typed)
        #expect(try shell.read(path).contains("  - {stage: closed"))
        shell.environment["GIT_AUTHOR_DATE"] = "2026-11-16T11:00:00+01:00"
        shell.environment["GIT_COMMITTER_DATE"] = "2026-11-16T11:00:00+01:00"
        try shell.gitSucceeds(["commit", "-qam", "merge side"])
        let audit = try shell.reclam("audit")
        #expect(audit.status == 1)
        #expect(
            audit.stdout.contains(
                "les étapes fusionnées de \(id) passent de l'étape Réception accusée à l'étape Clôturée (le 2026-11-16T10:45:00+01:00)"),
            "\(audit.stdout)")
        #expect(!audit.stdout.contains("[audit-step-lost]"), "\(audit.stdout)")
        #expect(!audit.stdout.contains("[audit-backdated]"), "\(audit.stdout)")
    }

    /// A merge that keeps one side only (`git merge -s ours`) drops the other side's step.
    @Test func stepDroppedByAMergeIsReported() throws {
        var shell = try Shell()
        defer { shell.remove() }
        let id = try divergedBranches(&shell)
        try shell.gitSucceeds(["merge", "-q", "-s", "ours", "-m", "merge side, keeping ours", "side"])
        // The witness: the side branch has the step, the merge has not.
        #expect(try shell.git("show", "side:cases/stg-1/\(id).md").stdout.contains("stage: acknowledged"))
        #expect(!(try shell.git("show", "HEAD:cases/stg-1/\(id).md").stdout.contains("stage: acknowledged")))
        let audit = try shell.reclam("audit")
        #expect(audit.status == 1)
        #expect(audit.stdout.contains("[audit-step-lost]"), "\(audit.stdout)")
        #expect(audit.stdout.contains("la fusion a perdu l'étape Réception accusée du 2026-11-16T10:00:00+01:00"), "\(audit.stdout)")
        #expect(audit.stdout.contains("cases/stg-1/\(id).md"))
        #expect(!audit.stdout.contains("[audit-illegal-transition]"), "\(audit.stdout)")

        // Putting the step back (here: taking the side's version) and committing clears it from
        // the state, but the merge stays in the history: accepted once reviewed.
        let merge = try shell.head()
        let accepted = try shell.reclam("audit", "accept", merge, "--reason", "merge repris à la main")
        #expect(accepted.status == 0, "\(accepted.stderr)")
        #expect(try shell.reclam("audit").status == 0)
    }
}
