import Foundation
import Testing

/// `reclam audit accept`: a reviewed finding stays in the trail, listed as accepted; and a
/// stage changed by hand without its step is an error of `reclam check`.
@Suite struct AuditAcceptEndToEndTests {
    func handCommit(_ shell: Shell, _ message: String) throws {
        let commit = try shell.run(
            "/usr/bin/git", ["-c", "user.name=Hand Editor", "-c", "user.email=hand@example.org", "commit", "-qam", message],
            in: "ledger")
        #expect(commit.status == 0, "\(commit.stderr)")
    }

    /// A ledger with one case jumped from acknowledged to closed by a hand commit.
    func ledgerWithIllegalCommit() throws -> (Shell, String, String, String) {
        let shell = try Shell()
        try shell.initLedger()
        let id = try shell.newCase()
        #expect(try shell.reclam("ack", id).status == 0)
        let path = "cases/stg-1/\(id).md"
        try shell.write(path, try shell.read(path).replacingOccurrences(of: "\nstage: acknowledged\n", with: "\nstage: closed\n"))
        try handCommit(shell, "fermeture rapide")
        return (shell, id, path, try shell.head())
    }

    @Test func anAcceptedFindingIsListedWithWhoWhenAndWhy() throws {
        let (shell, id, path, illegal) = try ledgerWithIllegalCommit()
        defer { shell.remove() }
        let before = try shell.reclam("audit")
        #expect(before.status == 1)
        #expect(before.stdout.contains("[audit-illegal-transition]"))

        let accept = try shell.reclam("audit", "accept", String(illegal.prefix(7)), "--reason", "Clôture décidée en comité qualité")
        #expect(accept.status == 0, "\(accept.stderr)")
        #expect(accept.stdout.hasPrefix("1 constat du commit \(illegal.prefix(10)) accepté ("), "\(accept.stdout)")
        // A commit of its own, changing no file, whose trailers say what was accepted and why.
        #expect(try shell.git("show", "--name-only", "--format=", "HEAD").stdout == "")
        #expect(
            try shell.git("log", "-1", "--format=%(trailers:key=Reclam-Accepts,key=Reclam-Reason,valueonly)").stdout
                == "\(illegal)\nClôture décidée en comité qualité\n\n")
        #expect(try shell.git("log", "-1", "--format=%s").stdout == "accept(\(illegal.prefix(7))): Clôture décidée en comité qualité\n")
        #expect(try shell.status() == "")

        let after = try shell.reclam("audit")
        #expect(after.status == 0, "\(after.stdout)")
        #expect(!after.stdout.contains("erreur"))
        #expect(
            after.stdout.contains(
                "\(path) : remarque : commit \(illegal.prefix(10)) (")
                && after.stdout.contains(", Hand Editor): a fait passer \(id) de l'étape Réception accusée à l'étape Clôturée"))
        #expect(after.stdout.contains("[audit-illegal-transition] — acceptée par Claire Martin le 2026-11-16T10:00:00+01:00 (commit "))
        #expect(after.stdout.contains(") : Clôture décidée en comité qualité [audit-accepted]"))
        let json = try shell.reclam("audit", "--format", "json")
        let findings = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(findings.map { $0["rule"] as? String } == ["audit-accepted"])
        #expect(findings.first?["severity"] as? String == "note")
    }

    @Test func aRevertIsAFindingOfItsOwnToAccept() throws {
        let (shell, _, _, illegal) = try ledgerWithIllegalCommit()
        defer { shell.remove() }
        #expect(try shell.reclam("audit", "accept", illegal, "--reason", "Revue faite").status == 0)
        let revert = try shell.run(
            "/usr/bin/git", ["-c", "user.name=Hand Editor", "-c", "user.email=hand@example.org", "revert", "--no-edit", illegal],
            in: "ledger")
        #expect(revert.status == 0, "\(revert.stderr)")
        let reverted = try shell.head()
        let audit = try shell.reclam("audit")
        #expect(audit.status == 1)
        #expect(audit.stdout.contains("commit \(reverted.prefix(10))"))
        #expect(try shell.reclam("audit", "accept", "HEAD", "--reason", "Annulation de la fermeture").status == 0)
        #expect(try shell.reclam("audit").status == 0)
    }

    @Test func acceptRefusesWhatThereIsNothingToAccept() throws {
        let (shell, _, _, illegal) = try ledgerWithIllegalCommit()
        defer { shell.remove() }
        let clean = try shell.reclam("audit", "accept", "HEAD~1", "--reason", "x")
        #expect(clean.status == 1)
        #expect(clean.stderr.contains("n'a aucun constat d'audit ; il n'y a rien à accepter"))
        let unknown = try shell.reclam("audit", "accept", "nosuchcommit", "--reason", "x")
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("'nosuchcommit' is not a commit of this repository"))
        let empty = try shell.reclam("audit", "accept", illegal, "--reason", "  ")
        #expect(empty.status == 2)
        #expect(try shell.reclam("audit", "accept", illegal, "--reason", "Revue").status == 0)
        let twice = try shell.reclam("audit", "accept", illegal, "--reason", "Encore")
        #expect(twice.status == 1)
        #expect(twice.stderr.contains("a déjà été accepté par Claire Martin"))
        #expect(try shell.git("rev-list", "--count", "HEAD").stdout == "5\n")
    }

    @Test func aStageChangedByHandWithoutItsStepIsAnErrorOfCheck() throws {
        let (shell, id, path, _) = try ledgerWithIllegalCommit()
        defer { shell.remove() }
        let check = try shell.reclam("check")
        #expect(check.status == 1)
        #expect(
            check.stdout.contains(
                "\(path):8:8 : erreur : la dernière entrée de steps enregistre l'étape 'acknowledged' mais la réclamation est à l'étape 'closed' : "
                    + "l'étape a changé sans son entrée ; remettez 'stage: acknowledged' et faites le passage avec 'reclam move \(id) closed' "
                    + "[steps-stage-mismatch]"
            ))
        // With the hook, git refuses such a commit, even of a move the procedure allows.
        #expect(try shell.reclam("hooks", "install").status == 0)
        let other = try shell.newCase(learner: "stg-2")
        let otherPath = "cases/stg-2/\(other).md"
        try shell.write(
            otherPath, try shell.read(otherPath).replacingOccurrences(of: "\nstage: received\n", with: "\nstage: acknowledged\n"))
        let commits = try shell.git("rev-list", "--count", "HEAD").stdout
        let refused = try shell.run(
            "/usr/bin/git", ["-c", "user.name=Hand Editor", "-c", "user.email=hand@example.org", "commit", "-qam", "accusé"], in: "ledger")
        #expect(refused.status != 0)
        #expect((refused.stdout + refused.stderr).contains("without a step"))
        #expect(try shell.git("rev-list", "--count", "HEAD").stdout == commits)
    }
}
