import Foundation
import Testing

/// History built with reclam commands and hand commits made with the git CLI.
@Suite struct AuditTrailEndToEndTests {
    func handCommit(_ shell: Shell, _ message: String, author: String = "Hand Editor <hand@example.org>") throws {
        let add = try shell.git("add", "-A")
        #expect(add.status == 0)
        let commit = try shell.run(
            "/usr/bin/git",
            ["-c", "user.name=Hand Editor", "-c", "user.email=hand@example.org", "commit", "-qm", message, "--author", author], in: "ledger"
        )
        #expect(commit.status == 0, "\(commit.stderr)")
    }

    @Test func logFollowsReclamAndHandCommitsAcrossRenames() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger()
        let id = try shell.newCase()
        #expect(try shell.reclam("ack", id).status == 0)
        let path = "cases/stg-1/\(id).md"
        try shell.write(
            path,
            try shell.read(path).replacingOccurrences(of: "## Analyse\n", with: "## Analyse\n\nAppel du 14/11.\n").replacingOccurrences(
                of: "complainant: learner", with: "complainant: funder"))
        try handCommit(shell, "notes d'analyse")
        #expect(try shell.git("mv", "cases/stg-1", "cases/stg-9").status == 0)
        try shell.write(
            "cases/stg-9/\(id).md",
            try shell.read("cases/stg-9/\(id).md").replacingOccurrences(of: "learner: stg-1", with: "learner: stg-9"))
        try handCommit(shell, "rattachement au bon stagiaire")
        let result = try shell.reclam("log", id, "--format", "json")
        #expect(result.status == 0, "\(result.stderr)")
        let entries = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(entries.count == 4)
        #expect(entries.map { $0["by_reclam"] as? Bool } == [true, true, false, false])
        #expect((entries[0]["created"] as? Bool) == true)
        #expect((entries[1]["stage"] as? [String: Any])?["to"] as? String == "acknowledged")
        let handFields = entries[2]["fields"] as? [[String: Any]] ?? []
        #expect(handFields.map { $0["field"] as? String } == ["complainant"])
        #expect(handFields.first?["old"] as? String == "learner")
        #expect(handFields.first?["new"] as? String == "funder")
        #expect(entries[2]["body_changed"] as? Bool == true)
        #expect(entries[3]["previous_path"] as? String == "cases/stg-1/\(id).md")
        #expect(entries[3]["path"] as? String == "cases/stg-9/\(id).md")
        #expect(try shell.reclam("log", id).stdout.contains("(à la main)"))
    }

    @Test func auditCatchesIllegalHandEditsNamingTheCommit() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger()
        let id = try shell.newCase()
        #expect(try shell.reclam("ack", id).status == 0)
        #expect(try shell.reclam("audit").status == 0)
        let path = "cases/stg-1/\(id).md"
        try shell.write(path, try shell.read(path).replacingOccurrences(of: "stage: acknowledged", with: "stage: closed"))
        try handCommit(shell, "fermeture rapide")
        let illegal = try shell.head()
        try shell.write(
            path,
            try shell.read(path).replacingOccurrences(
                of: "received: 2026-11-13T18:00:00+01:00", with: "received: 2026-11-15T18:00:00+01:00"))
        try handCommit(shell, "date corrigée")
        let rewritten = try shell.head()
        let other = try shell.newCase(learner: "stg-2")
        #expect(try shell.git("rm", "-q", "cases/stg-2/\(other).md").status == 0)
        try handCommit(shell, "suppression")
        try shell.write(path, try shell.read(path) + "\nnote\n")
        let audit = try shell.reclam("audit")
        #expect(audit.status == 1)
        #expect(audit.stdout.contains("commit \(illegal.prefix(10))"))
        #expect(
            audit.stdout.contains(
                "a fait passer \(id) de l'étape Réception accusée à l'étape Clôturée, ce que la procédure ne permet pas "
                    + "(possible : Attribuée, Rejetée)"), "\(audit.stdout)")
        #expect(audit.stdout.contains("[audit-illegal-transition]"))
        #expect(audit.stdout.contains("commit \(rewritten.prefix(10))"))
        #expect(audit.stdout.contains("a réécrit 'received' : "), "\(audit.stdout)")
        #expect(audit.stdout.contains("cases/stg-2/\(other).md : erreur"))
        #expect(audit.stdout.contains("[audit-case-deleted]"))
        #expect(audit.stdout.contains("\(path) : avertissement : modification non enregistrée"), "\(audit.stdout)")
        let since = try shell.reclam("audit", "--since", rewritten, "--format", "json")
        let findings = try JSONSerialization.jsonObject(with: Data(since.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(!findings.contains { ($0["rule"] as? String) == "audit-illegal-transition" })
        #expect(findings.contains { ($0["rule"] as? String) == "audit-case-deleted" })
    }

    @Test func auditCatchesBackdatingAndMissingFields() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger()
        let id = try shell.newCase(received: "2026-10-01T09:00:00+02:00")
        #expect(try shell.reclam("ack", id, "--at", "2026-10-01T10:00:00+02:00").status == 0)
        let path = "cases/stg-1/\(id).md"
        let text = try shell.read(path).replacingOccurrences(of: "stage: acknowledged", with: "stage: assigned")
            .replacingOccurrences(
                of: "by: Claire Martin}\n", with: "by: Claire Martin}\n  - {stage: assigned, at: 2026-10-01T11:00:00+02:00, by: Hand}\n")
        try shell.write(path, text)
        try handCommit(shell, "attribution")
        let audit = try shell.reclam("audit")
        #expect(audit.status == 1)
        #expect(audit.stdout.contains("[audit-backdated]"))
        #expect(audit.stdout.contains("sans 'owner', que cette étape exige [audit-missing-field]"), "\(audit.stdout)")
    }

    @Test func incrementalAuditStartsFromTheLastCleanOne() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger()
        let id = try shell.newCase()
        let first = try shell.reclam("audit", "--incremental")
        #expect(first.status == 0)
        #expect(first.stderr.contains("audit de tout l'historique"))
        let checkpoint = try String(
            contentsOf: shell.directory.appendingPathComponent("ledger/.git/reclam-audit-checkpoint"), encoding: .utf8)
        #expect(checkpoint == (try shell.head()) + "\n")
        #expect(try shell.reclam("ack", id).status == 0)
        let second = try shell.reclam("audit", "--incremental")
        #expect(second.status == 0)
        #expect(second.stderr.contains("audit des commits postérieurs à \(checkpoint.prefix(10))"))
        let path = "cases/stg-1/\(id).md"
        try shell.write(path, try shell.read(path).replacingOccurrences(of: "stage: acknowledged", with: "stage: closed"))
        try handCommit(shell, "fermeture")
        let bad = try shell.reclam("audit", "--incremental")
        #expect(bad.status == 1)
        let again = try shell.reclam("audit", "--incremental")
        #expect(again.status == 1, "a failed audit does not move the checkpoint")
    }

    @Test func importedHistoryIsNotBackdating() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger()
        try shell.write(
            "cases/stg-1/20250105-abcd.md",
            "---\nid: 20250105-abcd\nlearner: stg-1\ntitle: Ancien registre\nreceived: 2025-01-05T09:00:00+01:00\nchannel: letter\ncomplainant: learner\nstage: acknowledged\nsteps:\n  - {stage: acknowledged, at: 2025-01-06T09:00:00+01:00, by: Archive}\n---\n"
        )
        try handCommit(shell, "import du registre 2025")
        let audit = try shell.reclam("audit")
        #expect(audit.status == 0, "\(audit.stdout)")
    }

    @Test func reportsRenderUserTextInert() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger()
        let id = try shell.newCase(title: "<script>alert(1)</script>")
        let formula = try shell.reclam(
            "new", "--learner", "stg-2", "--title", "=HYPERLINK(\"http://evil.example\",\"x\")", "--channel", "email", "--complainant",
            "learner",
            "--received", "2026-11-13T18:00:00+01:00")
        #expect(formula.status == 0)
        let html = try shell.reclam("show", id, "--format", "html").stdout
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        for command in [["register", "--format", "html"], ["learner", "stg-1", "--format", "html"]] {
            let output = try shell.run(Shell.reclam, command, in: "ledger").stdout
            #expect(!output.contains("<script>"), "\(command)")
            #expect(!output.contains("<script"), "\(command)")
        }
        let markdown = try shell.reclam("register", "--format", "md").stdout
        #expect(markdown.contains("\\<script\\>"))
        let csv = try shell.reclam("register", "--format", "csv").stdout
        #expect(csv.hasPrefix("\u{FEFF}"))
        #expect(csv.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\""))
        #expect(!csv.contains(",\"=HYPERLINK"))
        let list = try shell.reclam("list", "--format", "csv").stdout
        #expect(list.contains("\"'=HYPERLINK("))
    }

    @Test func learnerSheetListsStepsAndSolutions() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger()
        let id = try shell.newCase()
        #expect(try shell.reclam("ack", id).status == 0)
        #expect(try shell.reclam("assign", id, "--to", "Karim Benali").status == 0)
        let sheet = try shell.reclam("learner", "stg-1").stdout
        #expect(sheet.contains("# Fiche stagiaire stg-1"))
        #expect(sheet.contains("## Attestation non reçue (\(id))"))
        #expect(sheet.contains("| Réception accusée | Claire Martin |"))
        #expect(sheet.contains("- **Responsable** : Karim Benali"))
    }
}
