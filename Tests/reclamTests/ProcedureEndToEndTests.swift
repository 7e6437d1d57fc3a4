import Foundation
import Testing

/// Both presets, driven by the built binary through whole lives of cases.
@Suite struct ProcedureEndToEndTests {
    func expectOK(_ result: Shell.Result, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == 0, "\(what): \(result.stderr)", sourceLocation: sourceLocation)
    }

    @Test func trainingCaseGoesFromReceivedToClosedThenReopens() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger()
        let id = try shell.newCase()
        expectOK(try shell.reclam("ack", id, "--at", "2026-11-14T09:00:00+01:00"), "ack")
        expectOK(try shell.reclam("assign", id, "--to", "Karim Benali"), "assign")
        expectOK(try shell.reclam("move", id, "investigating"), "investigate")
        expectOK(try shell.reclam("move", id, "waiting", "--note", "Attente du justificatif"), "wait")
        expectOK(try shell.reclam("move", id, "investigating"), "resume")
        expectOK(
            try shell.reclam(
                "move", id, "solution-decided", "--set", "findings=Attestation jamais envoyée", "--set", "solution=Envoi immédiat",
                "--set", "solution_type=corrective-action"), "decide")
        expectOK(try shell.reclam("move", id, "responded", "--set", "response_channel=phone"), "respond")
        expectOK(try shell.reclam("move", id, "follow-up", "--set", "satisfaction=satisfied"), "follow-up")
        expectOK(try shell.reclam("close", id, "--set", "no_action_reason=Oubli ponctuel, déjà corrigé"), "close")
        expectOK(try shell.reclam("reopen", id, "--reason", "Le document reçu est incomplet"), "reopen")
        expectOK(try shell.reclam("move", id, "investigating"), "investigate again")
        let stages = try shell.git("log", "--reverse", "--format=%(trailers:key=Reclam-Stage,valueonly)").stdout
            .split(separator: "\n").map(String.init)
        #expect(
            stages == [
                "received", "received -> acknowledged", "acknowledged -> assigned", "assigned -> investigating", "investigating -> waiting",
                "waiting -> investigating", "investigating -> solution-decided", "solution-decided -> responded", "responded -> follow-up",
                "follow-up -> closed", "closed -> reopened", "reopened -> investigating",
            ])
        #expect(try shell.reclam("check").status == 0)
        #expect(try shell.status() == "")
        #expect(try shell.git("fsck", "--strict").status == 0)
        let text = try shell.read("cases/stg-1/\(id).md")
        #expect(text.contains("stage: investigating\n"))
        #expect(text.contains("reopen_reason: Le document reçu est incomplet\n"))
        #expect(text.contains("  - {stage: acknowledged, at: 2026-11-14T09:00:00+01:00, by: Claire Martin}\n"))
        #expect(text.contains("— Claire Martin — En cours d'analyse → En attente du réclamant — Attente du justificatif\n"))
    }

    @Test func trainingRejection() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger()
        let id = try shell.newCase(title: "Dates des prochaines sessions ?")
        let refused = try shell.reclam("move", id, "rejected")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("rejection_reason"))
        expectOK(try shell.reclam("reject", id, "--reason", "Demande d'information"), "reject")
        let closed = try shell.reclam("close", id)
        #expect(closed.status == 1)
        #expect(closed.stderr.contains("aucune (la réclamation est à une étape finale)"))
    }

    @Test func networkComplaintAndDysfunction() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger(procedure: "network")
        let complaint = try shell.newCase(title: "Feuilles d'émargement manquantes")
        let qualify = ["--set", "in_scope=yes", "--set", "risk=medium", "--set", "level=regional"]
        expectOK(try shell.run(Shell.reclam, ["move", complaint, "qualified"] + qualify, in: "ledger"), "qualify")
        expectOK(try shell.reclam("move", complaint, "containment", "--set", "containment=Envoi des feuilles scannées"), "contain")
        expectOK(
            try shell.reclam(
                "move", complaint, "analysed", "--set", "root_causes=Classement papier", "--set", "action_plan=Émargement numérique"),
            "analyse")
        let earlyClose = try shell.reclam("close", complaint)
        #expect(earlyClose.status == 1, "a complaint must be answered before closing")
        expectOK(try shell.reclam("move", complaint, "responded", "--set", "response_channel=letter"), "respond")
        expectOK(try shell.reclam("close", complaint), "close")

        let dysfunction = try shell.reclam(
            "new", "--learner", "internal", "--kind", "dysfunction", "--title", "Serveur de planning indisponible", "--channel", "internal",
            "--complainant", "internal", "--received", "2026-11-12T08:00:00+01:00")
        expectOK(dysfunction, "new dysfunction")
        let id = dysfunction.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        expectOK(try shell.run(Shell.reclam, ["move", id, "qualified"] + qualify, in: "ledger"), "qualify")
        expectOK(try shell.reclam("move", id, "containment", "--set", "containment=Planning papier"), "contain")
        expectOK(
            try shell.reclam("move", id, "analysed", "--set", "root_causes=Disque plein", "--set", "action_plan=Supervision"), "analyse")
        let respond = try shell.reclam("move", id, "responded", "--set", "response_channel=email")
        #expect(respond.status == 1, "a dysfunction has no response step")
        expectOK(try shell.reclam("close", id), "close dysfunction")

        let outOfScope = try shell.newCase(title: "Avis général sur la formation")
        let badReason = try shell.reclam("reject", outOfScope, "--reason", "opinion")
        #expect(badReason.status == 2)
        #expect(badReason.stderr.contains("general-opinion"))
        expectOK(try shell.reclam("reject", outOfScope, "--reason", "general-opinion"), "reject")
        #expect(try shell.reclam("check").status == 0)
    }

    @Test func illegalMovesLeaveNoTrace() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger()
        let id = try shell.newCase()
        let path = "cases/stg-1/\(id).md"
        let before = try shell.read(path)
        let head = try shell.head()
        let attempts: [[String]] = [
            ["move", id, "closed"],
            ["move", id, "clossed"],
            ["assign", id, "--to", "Karim"],
            ["ack", id, "--at", "2026-11-12T09:00:00+01:00"],
            ["ack", id, "--at", "2027-01-01T09:00:00+01:00"],
            ["move", id, "acknowledged", "--set", "stage=closed"],
            ["move", id, "acknowledged", "--set", "colour=blue"],
            ["move", "../etc", "acknowledged"],
            ["move", "nope", "acknowledged"],
        ]
        for arguments in attempts {
            let result = try shell.run(Shell.reclam, arguments, in: "ledger")
            #expect(result.status != 0, "\(arguments) should be refused")
            #expect(!result.stderr.isEmpty)
        }
        // A --set without '=' is a usage mistake, the same words as `reclam set` and `resolve`.
        for arguments in [["move", id, "acknowledged", "--set", "=x"], ["ack", id, "--set", "note"], ["investigate", id, "--set", "x"]] {
            let result = try shell.run(Shell.reclam, arguments, in: "ledger")
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(result.stderr == "reclam: --set expects FIELD=VALUE, got '\(arguments.last ?? "")'\n", "\(arguments)")
        }
        #expect(try shell.read(path) == before)
        #expect(try shell.head() == head)
        #expect(try shell.status() == "")
        #expect(!FileManager.default.fileExists(atPath: shell.directory.appendingPathComponent("ledger/outbox").path))
    }

    @Test func uncommittedEditsAreNeverDropped() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger()
        let id = try shell.newCase()
        let path = "cases/stg-1/\(id).md"
        let edited = try shell.read(path).replacingOccurrences(
            of: "## Analyse\n", with: "## Analyse\n\nNotes en cours, pas encore enregistrées.\n")
        try shell.write(path, edited)
        let head = try shell.head()
        let result = try shell.reclam("ack", id)
        #expect(result.status == 1)
        #expect(result.stderr.contains(path))
        #expect(try shell.read(path) == edited)
        #expect(try shell.head() == head)
        #expect(try shell.status() == " M \(path)\n")
    }

    @Test func moveChangesOnlyTheLinesItMustAndKeepsFormatting() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger()
        let id = "20261013-abcd"
        let original = [
            "---", "id: 20261013-abcd   # imported", "learner: stg-1", "title: 'Chauffage: salle B12'",
            "received: \"2026-11-13T18:00:00+01:00\"",
            "# comment kept", "channel: email", "complainant: learner", "stage: received", "category: logistique", "---", "## Réclamation",
            "",
            "Texte *libre*.", "", "## Journal", "",
        ].joined(separator: "\r\n")
        try shell.write("cases/stg-1/\(id).md", original)
        try shell.write("cases/stg-1/learner.md", "---\nid: stg-1\nemails: [stagiaire@example.org]\n---\n")
        try shell.git("add", ".")
        try shell.git("-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qm", "import")
        expectOK(try shell.reclam("ack", id, "--at", "2026-11-14T09:00:00+01:00"), "ack")
        let diff = try shell.git("diff", "HEAD~1", "HEAD", "--unified=0", "--", "cases/stg-1/\(id).md").stdout
        // "\r\n" is one Character in Swift: make the CR visible before splitting lines.
        let changed = diff.replacingOccurrences(of: "\r\n", with: "␍\n").split(separator: "\n").filter {
            ($0.hasPrefix("+") || $0.hasPrefix("-")) && !$0.hasPrefix("+++") && !$0.hasPrefix("---")
        }
        #expect(
            changed == [
                "-stage: received␍", "+stage: acknowledged␍", "+steps:␍",
                "+  - {stage: acknowledged, at: 2026-11-14T09:00:00+01:00, by: Claire Martin}␍", "+␍",
                "+- 2026-11-14 09:00 +01:00 — Claire Martin — Reçue → Réception accusée␍",
            ])
        let after = try shell.read("cases/stg-1/\(id).md")
        #expect(after.contains("id: 20261013-abcd   # imported\r\n"))
        #expect(after.contains("title: 'Chauffage: salle B12'\r\n"))
        #expect(after.contains("# comment kept\r\n"))
        #expect(!after.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }

    @Test func concurrentMovesOfDifferentCasesBothLand() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger()
        let ids = try (0..<4).map { try shell.newCase(learner: "stg-\($0)") }
        let processes: [Process] = try ids.map { id in
            try shell.spawn(["ack", id])
        }
        for process in processes { process.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 })
        let acks = try shell.git("log", "--format=%s").stdout.split(separator: "\n").filter { $0.hasPrefix("ack(") }
        #expect(acks.count == 4)
        for (index, id) in ids.enumerated() { #expect(try shell.read("cases/stg-\(index)/\(id).md").contains("stage: acknowledged\n")) }
        #expect(try shell.status() == "")
    }

    @Test func acknowledgementEmailParsesWithAnIndependentMailParser() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger()
        try shell.write("cases/stg-1/learner.md", "---\nid: stg-1\nemails: [stg1@example.org]\n---\n")
        try shell.write(
            "cases/stg-1/20261113-abcd.md",
            "---\nid: 20261113-abcd\nlearner: stg-1\ntitle: Attestation\nreceived: 2026-11-13T18:00:00+01:00\nchannel: email\ncomplainant: learner\nstage: received\nmessage_id: orig-42@mail.example.org\n---\n## Journal\n"
        )
        try shell.git("add", ".")
        try shell.git("-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qm", "import")
        for (language, subject, phrase) in [
            ("fr", "Accusé de Réception de Votre Réclamation", "reviendra vers vous sous 48 heures"),
            ("en", "", "48 hours"),
        ] where language == "fr" {
            expectOK(try shell.reclam("ack", "20261113-abcd", "--lang", language), "ack")
            let files = try shell.git("show", "--name-only", "--format=", "HEAD").stdout
            #expect(files.contains("outbox/20261113-abcd-ack.eml"))
            let script = """
                import email, email.policy, sys
                m = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=email.policy.default)
                print(m['Subject']); print(m['To']); print(m['In-Reply-To']); print(m['Date'] is not None)
                print(m.get_content())
                """
            let parsed = try shell.run("/usr/bin/env", ["python3", "-c", script, "ledger/outbox/20261113-abcd-ack.eml"], in: nil)
            #expect(parsed.status == 0, "\(parsed.stderr)")
            let lines = parsed.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            #expect(lines.first == subject)
            #expect(lines.dropFirst().first == "stg1@example.org")
            #expect(lines.dropFirst(2).first == "<orig-42@mail.example.org>")
            #expect(lines.dropFirst(3).first == "True")
            #expect(parsed.stdout.contains(phrase))
            #expect(parsed.stdout.contains("Référence de votre réclamation : 20261113-abcd"))
        }
        let english = try shell.reclam("letter", "20261113-abcd", "ack", "--lang", "en", "--format", "eml")
        #expect(english.status == 0)
        #expect(english.stdout.contains("48 hours"))
    }

    @Test func procedureAndNextDescribeTheConfiguration() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger()
        let json = try shell.reclam("procedure", "--format", "json")
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let stages = object?["stages"] as? [[String: Any]] ?? []
        #expect(
            stages.map { $0["id"] as? String } == [
                "received", "acknowledged", "assigned", "investigating", "waiting", "solution-decided", "responded", "follow-up", "closed",
                "rejected", "reopened",
            ])
        let assigned = stages.first { $0["id"] as? String == "assigned" }
        #expect((assigned?["requires"] as? [[String: Any]])?.first?["field"] as? String == "owner")
        #expect(try shell.reclam("procedure", "--format", "dot").stdout.contains("\"received\" -> \"acknowledged\" [label=\"ack\"]"))
        let id = try shell.newCase()
        let next = try shell.reclam("next", id)
        #expect(next.stdout.contains("acknowledged"))
        #expect(next.stdout.contains("--set rejection_reason=…"))
    }

    @Test func unknownTemplateVariableFailsWithPathAndLine() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger()
        let id = try shell.newCase()
        try shell.write("templates/letters/response.fr.md", "---\nsubject: Réponse\n---\nBonjour,\n\n{{case.solutoin}}\n")
        let letter = try shell.reclam("letter", id, "response")
        #expect(letter.status == 1)
        #expect(
            letter.stderr.contains(
                "templates/letters/response.fr.md:6:1 : erreur : variable inconnue 'case.solutoin' ; vouliez-vous dire 'case.solution' ?"))
        let check = try shell.reclam("check")
        #expect(check.status == 1)
        #expect(check.stdout.contains("templates/letters/response.fr.md:6:1"))
    }
}
