import Foundation
import Testing

/// A small team's day: acknowledgements and answers that reach someone, learners and their
/// addresses, reassigning a case and changing a field, local times on the command line.
@Suite struct DailyEndToEndTests {
    func expectOK(_ result: Shell.Result, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == 0, "\(what): \(result.stderr)", sourceLocation: sourceLocation)
    }

    func outbox(_ shell: Shell) -> [String] {
        let url = shell.directory.appendingPathComponent("ledger/outbox")
        return ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    // MARK: Acknowledgement and answer

    @Test func ackWithoutAnAddressIsRefusedAndWritesNothing() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger()
        let id = try shell.newCase(learner: "stg-2", email: nil)
        let before = try shell.head()
        let refused = try shell.reclam("ack", id)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("reclam learner edit stg-2 --add-email"), "\(refused.stderr)")
        #expect(refused.stderr.contains("--by letter|phone|in-person"))
        #expect(try shell.head() == before)
        #expect(try shell.status() == "")
        #expect(outbox(shell).filter { $0.hasSuffix(".eml") }.isEmpty)
        #expect(try shell.read("cases/stg-2/\(id).md").contains("stage: received"))
        // With the complainant's address given to `reclam new --email`, the acknowledgement goes there.
        let withContact = try shell.newCase(learner: "stg-2", email: "camille@example.org")
        #expect(try shell.read("cases/stg-2/\(withContact).md").contains("contact: camille@example.org"))
        #expect(try shell.reclam("ack", withContact).status == 0)
        #expect(try shell.read("outbox/\(withContact)-ack.eml").contains("To: <camille@example.org>"))
        #expect(
            try shell.reclam(
                "new", "--learner", "stg-2", "--title", "x", "--channel", "email", "--complainant", "learner",
                "--email", "pas une adresse"
            ).status == 2)
    }

    @Test func ackMadeAnotherWayIsRecordedWithoutEmailAndCountsForTheSLA() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger()
        let id = try shell.newCase(received: "2026-11-16T09:00:00+01:00")
        #expect(try shell.reclam("ack", id, "--by", "phone").status == 2)  // a note is required
        #expect(try shell.reclam("ack", id, "--by", "pigeon", "--note", "x").status == 2)
        expectOK(try shell.reclam("ack", id, "--by", "phone", "--note", "Appel de la stagiaire, réception confirmée"), "ack --by")
        let text = try shell.read("cases/stg-1/\(id).md")
        #expect(text.contains("stage: acknowledged"))
        #expect(text.contains("via: phone"))
        #expect(text.contains("Reçue → Réception accusée (moyen : téléphone) — Appel de la stagiaire, réception confirmée\n"), "\(text)")
        #expect(outbox(shell).isEmpty)
        #expect(try shell.reclam("check").status == 0)
        let sla = try shell.reclam("sla", "--format", "json", "--rule", "acknowledgement")
        #expect(sla.stdout.contains("\"met\""), "\(sla.stdout)")
    }

    @Test func learnerAddGivesAckItsRecipientAndNoAddressInCommits() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger()
        let added = try shell.reclam("learner", "add", "stg-7", "--email", "camille.durand@example.org", "--name", "Camille Durand")
        expectOK(added, "learner add")
        #expect(try shell.reclam("learner", "add", "stg-7", "--email", "x@example.org").status == 1)
        #expect(try shell.reclam("learner", "add", "stg-8", "--email", "not an address").status == 2)
        let id = try shell.newCase(learner: "stg-7")
        expectOK(try shell.reclam("ack", id), "ack")
        let message = try shell.read("outbox/\(id)-ack.eml")
        #expect(message.contains("To: <camille.durand@example.org>"), "\(message)")
        expectOK(try shell.reclam("learner", "edit", "stg-7", "--add-email", "c.durand@example.net"), "add-email")
        expectOK(try shell.reclam("learner", "edit", "stg-7", "--remove-email", "camille.durand@example.org"), "remove-email")
        #expect(try shell.reclam("learner", "edit", "stg-7", "--remove-email", "nobody@example.org").status == 1)
        let learner = try shell.read("cases/stg-7/learner.md")
        #expect(learner.contains("c.durand@example.net"))
        #expect(!learner.contains("camille.durand@example.org"))
        #expect(learner.contains("name: Camille Durand"))
        #expect(try shell.reclam("check").status == 0)
        let log = try shell.git("log", "--format=%B").stdout
        #expect(!log.contains("@example"), "\(log)")
        #expect(!log.contains("Camille"))
        // The follow-up sheet still answers to `reclam learner ID`.
        #expect(try shell.reclam("learner", "stg-7").stdout.contains(id))
        // Intake's refusal of an unknown sender names the command that adds the address.
        try shell.write(
            "../unknown.eml",
            "From: x@example.com\nSubject: Réclamation\nDate: Thu, 12 Nov 2026 08:41:07 +0100\nMessage-ID: <u1@example.com>\n\nBonjour\n")
        let intake = try shell.reclam("intake", "../unknown.eml")
        #expect(intake.stderr.contains("reclam learner edit LEARNER --add-email x@example.com"), "\(intake.stderr)")
    }

    func walkToDecided(_ shell: Shell, learner: String, title: String) throws -> String {
        let id = try shell.newCase(learner: learner, title: title, email: nil)
        expectOK(try shell.reclam("ack", id, "--by", "in-person", "--note", "Au secrétariat"), "ack")
        expectOK(try shell.reclam("assign", id, "--to", "Karim Benali"), "assign")
        expectOK(try shell.reclam("investigate", id), "investigate")
        expectOK(
            try shell.reclam(
                "decide", id, "--set", "findings=Convocation envoyée trop tard", "--set", "solution=Module rattrapé",
                "--set", "solution_type=corrective-action"), "decide")
        return id
    }

    @Test func respondWritesTheResponseLetterInTheSameCommit() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger()
        expectOK(try shell.reclam("learner", "add", "stg-7", "--email", "camille.durand@example.org"), "learner add")
        let id = try walkToDecided(shell, learner: "stg-7", title: "Réclamation : convocation reçue la veille")
        expectOK(try shell.reclam("respond", id, "--set", "response_channel=email"), "respond")
        let files = try shell.git("show", "--name-only", "--format=", "HEAD").stdout
        #expect(files.contains("outbox/\(id)-response.eml"))
        #expect(files.contains("cases/stg-7/\(id).md"))
        let message = try shell.read("outbox/\(id)-response.eml")
        #expect(message.contains("To: <camille.durand@example.org>"))
        #expect(message.contains("Module rattrap"))
        #expect(!message.contains("concernant : R=C3=A9clamation") && !message.contains("concernant : Réclamation"), "\(message)")
        #expect(try shell.reclam("check").status == 0)

        // Without an address the answer by email is refused, nothing written; by letter, a
        // Markdown letter to print.
        let other = try walkToDecided(shell, learner: "stg-9", title: "Salle trop petite")
        let before = try shell.head()
        let refused = try shell.reclam("respond", other, "--set", "response_channel=email")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("reclam learner edit stg-9 --add-email"))
        #expect(try shell.head() == before)
        #expect(try shell.status() == "")
        expectOK(try shell.reclam("respond", other, "--set", "response_channel=letter"), "respond by letter")
        let letter = try shell.read("outbox/\(other)-response.md")
        #expect(letter.contains("concernant : Salle trop petite"))
    }

    @Test func networkRespondWritesTheLetterToo() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger(procedure: "network")
        expectOK(try shell.reclam("learner", "add", "stg-7", "--email", "camille.durand@example.org"), "learner add")
        let id = try shell.newCase(learner: "stg-7", title: "Feuilles d'émargement manquantes")
        expectOK(try shell.reclam("qualify", id, "--set", "in_scope=yes", "--set", "risk=medium", "--set", "level=regional"), "qualify")
        expectOK(try shell.reclam("contain", id, "--set", "containment=Envoi des feuilles scannées"), "contain")
        expectOK(try shell.reclam("analyse", id, "--set", "root_causes=Classement", "--set", "action_plan=Numérique"), "analyse")
        expectOK(try shell.reclam("respond", id, "--set", "response_channel=email"), "respond")
        #expect(try shell.git("show", "--name-only", "--format=", "HEAD").stdout.contains("outbox/\(id)-response.eml"))
    }

    // MARK: Reassign and change

    @Test func assignOnAnAssignedCaseChangesTheOwnerWithAStep() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger()
        let id = try shell.newCase()
        expectOK(try shell.reclam("ack", id, "--by", "phone", "--note", "Appel"), "ack")
        expectOK(try shell.reclam("assign", id, "--to", "Karim Benali"), "assign")
        expectOK(try shell.reclam("investigate", id), "investigate")
        let commits = try shell.git("rev-list", "--count", "HEAD").stdout
        let reassigned = try shell.reclam("assign", id, "--to", "Claire Martin", "--note", "Karim en congé")
        expectOK(reassigned, "reassign")
        #expect(reassigned.stdout.contains("\(id) : responsable Karim Benali → Claire Martin ("))
        let text = try shell.read("cases/stg-1/\(id).md")
        #expect(text.contains("owner: Claire Martin"))
        #expect(text.contains("— En cours d'analyse : responsable Karim Benali → Claire Martin — Karim en congé\n"))
        #expect(text.components(separatedBy: "stage: investigating").count == 4)  // the field and two steps
        #expect(
            Int(try shell.git("rev-list", "--count", "HEAD").stdout.trimmingCharacters(in: .whitespacesAndNewlines))
                == Int(commits.trimmingCharacters(in: .whitespacesAndNewlines))! + 1)
        #expect(try shell.reclam("check").status == 0)
        #expect(try shell.reclam("audit").status == 0)
        // Still a verb where the case is not assigned yet: refused at 'received' as before.
        let fresh = try shell.newCase()
        #expect(try shell.reclam("assign", fresh, "--to", "Karim Benali").status == 1)
    }

    @Test func setChangesFieldsOutsideAMove() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger()
        let id = try shell.newCase()
        let set = try shell.reclam("set", id, "category=attestation", "owner=Karim Benali", "--note", "Requalifiée")
        expectOK(set, "set")
        var text = try shell.read("cases/stg-1/\(id).md")
        #expect(text.contains("category: attestation"))
        #expect(text.contains("owner: Karim Benali"))
        #expect(text.contains("champs modifiés : category, owner — Requalifiée"))
        #expect(text.contains("stage: received"))
        #expect(try shell.git("log", "-1", "--format=%s").stdout.hasPrefix("set(\(id)): category, owner"))
        for refused in ["stage=closed", "steps=x", "id=other", "nonsense=1", "solution_type=bribe", "title="] {
            let result = try shell.reclam("set", id, refused)
            #expect(result.status == 2, "\(refused): \(result.stderr)")
        }
        // Revoking the complainant's status link: the line goes, check stays clean.
        expectOK(try shell.reclam("set", id, "status_token_sha256=\(String(repeating: "a", count: 64))"), "token")
        expectOK(try shell.reclam("set", id, "status_token_sha256="), "revoke")
        text = try shell.read("cases/stg-1/\(id).md")
        #expect(!text.contains("status_token_sha256: "))
        #expect(text.contains("status_token_sha256 supprimé"))
        #expect(try shell.reclam("check").status == 0)
        #expect(try shell.status() == "")
    }

    // MARK: Local times

    @Test func localTimesInTheLedgersTimeZone() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger()
        let id = try shell.newCase(received: "2026-11-13 18:00")
        #expect(try shell.read("cases/stg-1/\(id).md").contains("received: 2026-11-13T18:00:00+01:00"))
        let dayOnly = try shell.newCase(received: "2026-11-14")
        #expect(try shell.read("cases/stg-1/\(dayOnly).md").contains("received: 2026-11-14T00:00:00+01:00"))
        expectOK(try shell.reclam("ack", id, "--by", "letter", "--note", "Courrier", "--at", "2026-11-14 09:30:15"), "ack --at")
        #expect(try shell.read("cases/stg-1/\(id).md").contains("at: 2026-11-14T09:30:15+01:00"))

        let gap = try shell.newCase(received: "2026-03-28T12:00:00+01:00")
        let skipped = try shell.reclam("ack", gap, "--by", "phone", "--note", "x", "--at", "2026-03-29 02:30")
        #expect(skipped.status == 2)
        #expect(skipped.stderr.contains("n'existe pas dans Europe/Paris"), "\(skipped.stderr)")
        #expect(skipped.stderr.contains("+01:00") && skipped.stderr.contains("+02:00"))
        let twice = try shell.reclam(
            "new", "--learner", "stg-1", "--title", "x", "--channel", "email", "--complainant", "learner",
            "--received", "2026-10-25 02:30")
        #expect(twice.status == 2)
        #expect(twice.stderr.contains("arrive deux fois dans Europe/Paris, à +02:00 et à +01:00"), "\(twice.stderr)")
        #expect(try shell.reclam("ack", gap, "--by", "phone", "--note", "x", "--at", "lundi").status == 2)

        let due = try shell.reclam("due", "--from", "2026-12-23 10:00", "--duration", "2 jours ouvrés")
        expectOK(due, "due")
        let dueISO = try shell.reclam("due", "--from", "2026-12-23T10:00:00+01:00", "--duration", "2 jours ouvrés")
        #expect(due.stdout == dueISO.stdout)
        let local = try shell.reclam("sla", "--as-of", "2026-11-14 08:00", "--format", "json")
        let offset = try shell.reclam("sla", "--as-of", "2026-11-14T08:00:00+01:00", "--format", "json")
        #expect(local.status != 2, "\(local.stderr)")
        #expect(local.stdout == offset.stdout)
        #expect(try shell.reclam("sla", "--as-of", "2026-03-29 02:30").status == 2)
        let since = try shell.reclam("sla", "--since", "2026-11-01 00:00")
        #expect(since.status != 2, "\(since.stderr)")
    }
}
