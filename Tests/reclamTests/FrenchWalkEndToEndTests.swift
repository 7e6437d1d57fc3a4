import Foundation
import Testing

/// Issue 16, "French through and through": a case of each preset walked from received to
/// closed with verbs only, in a French ledger, and every text a person reads on the way is
/// French: what a move prints, `next`, the findings of `sla`, `log`, `procedure`, `send
/// --dry-run`, `conflicts` and the readings. With `language: en` the same texts are English.
@Suite struct FrenchWalkEndToEndTests {
    /// Words of the English interface a French reader must never meet. Ids may be English
    /// (case and stage ids in the commands shown, field ids, rule names): none of these words
    /// is one of them in the presets.
    static let englishWords = [
        "case", "stage", "late", "hours", "hour", "received", "none", "needs", "created", "body", "changed", "breached", "due",
        "would", "send", "recipient", "recipients", "conflicts", "left", "entered", "initial", "terminal", "pauses", "reopening",
        "REQUIRES", "LABEL", "STAGE", "NEXT", "via", "phone", "hand", "fields", "removed", "still", "working", "days", "met",
        "running", "paused", "is", "from", "of", "or", "allowed", "here", "SLA", "error", "warning",
    ]

    /// The English words found in `text`, whole words only (letters, digits and hyphens).
    static func englishWords(in text: String) -> [String] { Fixture.words(englishWords, foundIn: text) }

    /// `log` shows each commit's own summary (`ack(ID): received -> acknowledged`), which is
    /// the commit message as git keeps it, not a text of the interface: those lines are left out.
    static func withoutCommitSummaries(_ log: String) -> String {
        log.split(separator: "\n", omittingEmptySubsequences: false).filter { line in
            guard line.hasPrefix("    "), let paren = line.firstIndex(of: "(") else { return true }
            let verb = line.dropFirst(4)[..<paren]
            return !(verb.allSatisfy { $0.isLetter || $0 == "-" } && line[paren...].contains("):"))
        }.joined(separator: "\n")
    }

    /// The text of an HTML page a person reads: the body without its tags.
    static func readableText(ofHTML html: String) -> String {
        var text = html.range(of: "<body>").map { String(html[$0.upperBound...]) } ?? html
        while let open = text.range(of: "<"), let close = text.range(of: ">", range: open.upperBound..<text.endIndex) {
            text.replaceSubrange(open.lowerBound..<close.upperBound, with: " ")
        }
        return text
    }

    /// `procedure`'s first column lists the stage ids, which reclam.yml and the commands use.
    static func withoutFirstColumn(_ table: String) -> String {
        table.split(separator: "\n").map { $0.drop(while: { $0 != " " }) }.joined(separator: "\n")
    }

    func expectFrench(_ text: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let found = Self.englishWords(in: text)
        #expect(found.isEmpty, "\(what) speaks English (\(found)):\n\(text)", sourceLocation: sourceLocation)
    }

    /// Runs a verb, expects success and returns what it printed.
    func run(_ shell: Shell, _ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let result = try shell.reclamSucceeds(arguments, sourceLocation: sourceLocation)
        return result.stdout + result.stderr
    }

    /// Runs each move, expects it to succeed and to print `ID : FROM → TO (`, and keeps what
    /// it printed in `outputs` under the verb.
    func walk(
        _ shell: Shell, _ id: String, _ moves: [([String], String)], into outputs: inout [(String, String)],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        for (arguments, expected) in moves {
            let result = try shell.run(Shell.reclam, arguments, in: "ledger")
            #expect(result.status == 0, "\(arguments): \(result.stderr)", sourceLocation: sourceLocation)
            #expect(result.stdout.hasPrefix("\(id) : \(expected) ("), "\(arguments): \(result.stdout)", sourceLocation: sourceLocation)
            outputs.append((arguments[0], result.stdout))
        }
    }

    @Test func trainingCaseWalkedWithVerbsSpeaksFrench() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger()
        let id = try shell.newCase(received: "2026-11-02T09:00:00+01:00")
        var outputs: [(String, String)] = []

        let next = try run(shell, "next", id)
        #expect(next.contains("\(id) est à l'étape Reçue\n"), "\(next)")
        #expect(next.contains("  Réception accusée  (reclam move \(id) acknowledged, ou reclam ack \(id))\n"), "\(next)")
        #expect(next.contains("à renseigner : --set rejection_reason=… (texte)"), "\(next)")
        outputs.append(("next", next))

        let ack = try run(shell, "ack", id, "--at", "2026-11-02 10:00")
        #expect(ack.hasPrefix("\(id) : Reçue → Réception accusée ("), "\(ack)")
        #expect(ack.contains("message : outbox/\(id)-ack.eml\n"), "\(ack)")
        outputs.append(("ack", ack))
        let moves: [([String], String)] = [
            (["assign", id, "--to", "Karim Benali", "--at", "2026-11-03 09:00"], "Réception accusée → Attribuée"),
            (["investigate", id, "--at", "2026-11-03 11:00"], "Attribuée → En cours d'analyse"),
            (
                ["wait", id, "--note", "Attente du justificatif", "--at", "2026-11-03 12:00"],
                "En cours d'analyse → En attente du réclamant"
            ),
            (["resume", id, "--at", "2026-11-04 09:00"], "En attente du réclamant → En cours d'analyse"),
            (
                [
                    "decide", id, "--set", "findings=Envoi oublié", "--set", "solution=Renvoi de l'attestation", "--set",
                    "solution_type=action corrective", "--at", "2026-11-05 09:00",
                ], "En cours d'analyse → Solution déterminée"
            ),
            (["respond", id, "--set", "response_channel=courriel", "--at", "2026-11-05 10:00"], "Solution déterminée → Réponse envoyée"),
            (["follow-up", id, "--set", "satisfaction=satisfait", "--at", "2026-11-10 09:00"], "Réponse envoyée → Suivi effectué"),
            (["close", id, "--set", "no_action_reason=Cas isolé", "--at", "2026-11-12 09:00"], "Suivi effectué → Clôturée"),
        ]
        try walk(shell, id, moves, into: &outputs)
        let closed = try run(shell, "next", id)
        #expect(closed.contains("\(id) est à l'étape Clôturée\n"), "\(closed)")
        outputs.append(("next at the end", closed))

        // A reassignment and an acknowledgement made by phone, on a second case.
        let other = try shell.newCase(title: "Salle trop froide", received: "2026-11-02T09:00:00+01:00")
        outputs.append(("ack --by", try run(shell, "ack", other, "--by", "phone", "--note", "Appel", "--at", "2026-11-04 09:00")))
        outputs.append(("assign", try run(shell, "assign", other, "--to", "Karim Benali", "--at", "2026-11-04 10:00")))
        let reassigned = try run(shell, "assign", other, "--to", "Claire Martin", "--at", "2026-11-04 11:00")
        #expect(reassigned.hasPrefix("\(other) : responsable Karim Benali → Claire Martin ("), "\(reassigned)")
        outputs.append(("reassign", reassigned))
        let file = try shell.read("cases/stg-1/\(other).md")
        #expect(file.contains("— Reçue → Réception accusée (moyen : téléphone) — Appel\n"), "\(file)")
        #expect(file.contains("— Attribuée : responsable Karim Benali → Claire Martin\n"), "\(file)")

        // The second case's answer is late: the findings of `sla` say so in French.
        let sla = try shell.reclam("sla", "--since", "2026-11-01")
        #expect(sla.status == 1)
        #expect(
            sla.stderr.contains(
                "erreur : délai answer (48 heures à compter de la réception) dépassé : échéance le 2026-11-04T09:00:00+01:00, "
                    + "en retard de 289 h [sla-breached]"), "\(sla.stderr)")
        #expect(
            sla.stderr.contains(
                "erreur : délai acknowledgement (1 jour ouvré à compter de la réception) respecté en retard : échéance le "
                    + "2026-11-03T23:59:59+01:00, étape Réception accusée atteinte le 2026-11-04T09:00:00+01:00, en retard de 0,38 jour ouvré"
            ), "\(sla.stderr)")
        outputs.append(("sla", sla.stdout + sla.stderr))
        let github = try shell.reclam("sla", "--format", "github")
        #expect(github.stdout.contains("::délai answer (48 heures à compter de la réception) dépassé"), "\(github.stdout)")

        let log = try run(shell, "log", id)
        #expect(log.contains("    création de cases/stg-1/\(id).md\n"), "\(log)")
        #expect(log.contains("    étape : (aucun) → Reçue\n"), "\(log)")
        #expect(log.contains("    étape : Réception accusée → Attribuée\n    owner : (aucun) → Karim Benali\n"), "\(log)")
        #expect(log.contains("    satisfaction : (aucun) → satisfait\n"), "\(log)")
        #expect(log.contains("    texte modifié\n"), "\(log)")
        outputs.append(("log", Self.withoutCommitSummaries(log)))

        let procedure = try run(shell, "procedure")
        #expect(procedure.hasPrefix("procédure : training\nÉTAPE "), "\(procedure)")
        #expect(procedure.contains("suspend les délais") && procedure.contains("(réouverture)"), "\(procedure)")
        #expect(procedure.contains("response_channel (courriel|courrier|téléphone|en personne)"), "\(procedure)")
        outputs.append(("procedure", Self.withoutFirstColumn(procedure)))

        let dry = try run(shell, "send", "--dry-run")
        #expect(dry.contains("à envoyer : outbox/\(id)-ack.eml (1 destinataire)\n"), "\(dry)")
        #expect(dry.contains("à envoyer : outbox/\(id)-response.eml (1 destinataire)\n"), "\(dry)")
        outputs.append(("send --dry-run", dry))
        let conflicts = try run(shell, "conflicts")
        #expect(conflicts == "aucun conflit\n")
        #expect(sla.stderr.hasSuffix("\n2 délais suivis : respecté en retard 1, dépassé 1\n"), "\(sla.stderr)")
        outputs.append(("conflicts", conflicts))
        let action = try run(shell, "action", "new", "--title", "Relance", "--kind", "corrective", "--due", "2026-12-01")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let started = try run(shell, "action", "move", action, "in-progress")
        #expect(started.hasPrefix("\(action) : Planifiée → En cours ("), "\(started)")
        let linked = try run(shell, "action", "link", action, other)
        #expect(linked.hasPrefix("\(action) : liée à \(other) ("), "\(linked)")
        outputs += [("action move", started), ("action link", linked)]
        let calendar = try run(shell, "calendar", "--year", "2026")
        #expect(calendar.contains("2026-12-25  vendredi  férié      Noël\n"), "\(calendar)")
        outputs.append(("calendar", calendar))
        let check = try shell.reclam("check")
        #expect(check.status == 0 && check.stderr == "0 erreur, 0 avertissement\n", "\(check.stdout)\(check.stderr)")
        // The steps were dated up to two weeks before their commits: the audit says so in French.
        let audit = try shell.reclam("audit")
        #expect(
            audit.stdout.contains("jour(s) avant le commit qui l'enregistre (tolérance : audit.backdating_tolerance)"), "\(audit.stdout)")
        #expect(audit.stderr.contains(" erreurs, 0 avertissement\n"), "\(audit.stderr)")
        outputs.append(("audit", audit.stdout + audit.stderr))
        let initialised = try shell.run(Shell.reclam, ["init", "autre"], in: nil)
        #expect(initialised.stdout.hasPrefix("Registre des réclamations (training) créé dans /"), "\(initialised.stdout)")
        outputs.append(("init", initialised.stdout))

        // A finding of check of each family (case, learner, action file) and a move refused
        // because of them: French, the rule ids aside.
        let late = try run(shell, "action", "new", "--title", "Rappel", "--kind", "corrective", "--due", "2026-11-10")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let third = try shell.newCase(title: "Badge perdu", received: "2026-11-02T09:00:00+01:00")
        let thirdPath = "cases/stg-1/\(third).md"
        try shell.write(thirdPath, try shell.read(thirdPath).replacingOccurrences(of: "\nlearner: stg-1\n", with: "\nlearner: stg-9\n"))
        try shell.write("cases/stg-1/learner.md", "---\nid: stg-1\nemails: [stagiaire@example.org]\ncourriel: x\n---\n")
        #expect(try shell.git("add", "-A").status == 0)
        #expect(try shell.git("-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-qm", "by hand").status == 0)
        let refused = try shell.reclam("ack", third)
        #expect(refused.status == 1)
        #expect(
            refused.stderr.contains(
                " : erreur : le stagiaire 'stg-9' ne correspond pas au dossier 'cases/stg-1/' ; déplacez le fichier ou corrigez le "
                    + "stagiaire [learner-mismatch]\n"), "\(refused.stderr)")
        #expect(
            refused.stderr.hasSuffix(
                "reclam: la réclamation \(third) a des erreurs ; corrigez-les avant de la faire changer d'étape (reclam check \(thirdPath))\n"
            ),
            "\(refused.stderr)")
        outputs.append(("a refused move", refused.stderr))
        let findings = try shell.reclam("check")
        #expect(findings.status == 1)
        #expect(
            findings.stdout.contains(" : avertissement : champ de stagiaire inconnu 'courriel' [field-unknown]\n"), "\(findings.stdout)")
        #expect(
            findings.stdout.contains("actions/\(late).md:"), "\(findings.stdout)")
        #expect(
            findings.stdout.contains(" : avertissement : échéance le 2026-11-10 et toujours à l'étape Planifiée [action-overdue]\n"),
            "\(findings.stdout)")
        outputs.append(("check", findings.stdout + findings.stderr))

        for arguments in [
            ["list"], ["agenda"], ["report"], ["register"], ["register", "--format", "csv"], ["trends"], ["plan"],
            ["learner", "stg-1"], ["learner", "stg-1", "--format", "html"], ["show", other, "--format", "html"],
        ] {
            let result = try shell.run(Shell.reclam, arguments, in: "ledger")
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            let html = arguments.contains("html")
            if arguments == ["learner", "stg-1", "--format", "html"] {
                // The HTML sheet shows the rows the Markdown sheet shows.
                for row in [
                    "<tr><th>Type de solution</th><td>action corrective</td></tr>", "<tr><th>Réponse par</th><td>courriel</td></tr>",
                    "<tr><th>Constats</th><td>Envoi oublié</td></tr>",
                ] {
                    #expect(result.stdout.contains(row), "\(result.stdout)")
                }
            }
            outputs.append(
                (arguments.joined(separator: " "), html ? Self.readableText(ofHTML: result.stdout) : result.stdout + result.stderr))
        }
        for (what, text) in outputs { expectFrench(text, what) }
    }

    @Test func networkCaseWalkedWithVerbsSpeaksFrench() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger(procedure: "network")
        let id = try shell.newCase(received: "2026-11-02T09:00:00+01:00")
        var outputs: [(String, String)] = []
        let next = try run(shell, "next", id)
        #expect(next.contains("\(id) est à l'étape Reçue\n"), "\(next)")
        #expect(
            next.contains("à renseigner : --set in_scope=oui|non, --set risk=faible|moyen|élevé, --set level=local|régional|national"),
            "\(next)")
        outputs.append(("next", next))
        let moves: [([String], String)] = [
            (
                [
                    "qualify", id, "--set", "in_scope=oui", "--set", "risk=élevé", "--set", "level=régional", "--set", "kind=complaint",
                    "--at", "2026-11-02 10:00",
                ], "Reçue → Qualifiée"
            ),
            (["contain", id, "--set", "containment=Formateur remplaçant", "--at", "2026-11-02 11:00"], "Qualifiée → Mesure conservatoire"),
            (["wait", id, "--at", "2026-11-02 12:00"], "Mesure conservatoire → En attente du réclamant"),
            (["resume", id, "--at", "2026-11-03 09:00"], "En attente du réclamant → Mesure conservatoire"),
            (
                ["analyse", id, "--set", "root_causes=Planning", "--set", "action_plan=Doublure", "--at", "2026-11-04 09:00"],
                "Mesure conservatoire → Analysée"
            ),
            (["respond", id, "--set", "response_channel=courrier", "--at", "2026-11-05 09:00"], "Analysée → Réponse envoyée"),
            (["close", id, "--set", "no_action_reason=Cas isolé", "--at", "2026-11-06 09:00"], "Réponse envoyée → Clôturée"),
        ]
        try walk(shell, id, moves, into: &outputs)
        let log = try run(shell, "log", id)
        #expect(log.contains("    risk : (aucun) → élevé\n    level : (aucun) → régional\n"), "\(log)")
        outputs.append(("log", Self.withoutCommitSummaries(log)))
        outputs.append(("procedure", Self.withoutFirstColumn(try run(shell, "procedure"))))
        let sla = try shell.reclam("sla")
        #expect(sla.status == 0 && sla.stderr == "1 délai suivi : respecté 1\n", "\(sla.stdout)\(sla.stderr)")
        for arguments in [["next", id], ["report"], ["register"], ["learner", "stg-1"], ["list"]] {
            let result = try shell.run(Shell.reclam, arguments, in: "ledger")
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            outputs.append((arguments.joined(separator: " "), result.stdout + result.stderr))
        }
        for (what, text) in outputs { expectFrench(text, what) }
    }

    @Test func anEnglishLedgerSpeaksEnglish() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger()
        try shell.write("reclam.yml", try shell.read("reclam.yml").replacingOccurrences(of: "language: fr", with: "language: en"))
        let id = try shell.newCase(received: "2026-11-02T09:00:00+01:00")
        let next = try run(shell, "next", id)
        #expect(next.contains("\(id) is at 'received'\n  acknowledged  (reclam move \(id) acknowledged, or reclam ack \(id))\n"), "\(next)")
        #expect(next.contains("needs: --set rejection_reason=… (text)"), "\(next)")
        let ack = try run(shell, "ack", id, "--at", "2026-11-04 09:00")
        #expect(ack.hasPrefix("\(id): received → acknowledged ("), "\(ack)")
        #expect(ack.contains("message: outbox/\(id)-ack.eml\n"), "\(ack)")
        #expect(try run(shell, "send", "--dry-run").contains("would send outbox/\(id)-ack.eml (1 recipient)\n"))
        // The acknowledgement counts once its email left.
        #expect(try shell.reclam("send", "--mark-sent", id).status == 0)
        let sla = try shell.reclam("sla", "--since", "2026-11-01")
        #expect(sla.stderr.contains("error: SLA 'answer' (48 hours from received) breached: due 2026-11-04T09:00:00+01:00, 289 hours late"))
        #expect(sla.stderr.contains("SLA 'acknowledgement' (1 working day from received) met late: due 2026-11-03T23:59:59+01:00"))
        let log = try run(shell, "log", id)
        #expect(log.contains("    created cases/stg-1/\(id).md\n    stage: (none) → received\n"), "\(log)")
        #expect(log.contains("    stage: received → acknowledged\n"), "\(log)")
        #expect(try run(shell, "procedure").hasPrefix("procedure: training\nSTAGE "))
        #expect(try run(shell, "conflicts") == "no conflicts\n")
        #expect(try shell.reclam("check").stderr == "0 errors, 0 warnings\n")
        let third = try shell.newCase(title: "Badge perdu", received: "2026-11-02T09:00:00+01:00")
        let thirdPath = "cases/stg-1/\(third).md"
        try shell.write(thirdPath, try shell.read(thirdPath).replacingOccurrences(of: "\nlearner: stg-1\n", with: "\nlearner: stg-9\n"))
        #expect(try shell.git("add", "-A").status == 0)
        #expect(try shell.git("-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-qm", "by hand").status == 0)
        let refused = try shell.reclam("ack", third)
        #expect(
            refused.stderr.contains(
                ": error: learner 'stg-9' does not match the folder 'cases/stg-1/'; move the file or fix the learner [learner-mismatch]\n")
                && refused.stderr.hasSuffix("reclam: case \(third) has errors; fix them before moving it (reclam check \(thirdPath))\n"),
            "\(refused.stderr)")
        for text in [next, ack, sla.stderr, log] {
            #expect(!text.contains("étape") && !text.contains("à renseigner") && !text.contains("dépassé"), "\(text)")
        }
    }
}
