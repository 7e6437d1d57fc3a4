import Foundation
import Testing

/// Issue 16, "French through and through", for the lines of `intake`, `intake-survey`, a real
/// `send`, `doctor`, `audit accept` and `list --format csv`: French in a French ledger, English
/// with `language: en`. The reasons that come from the mail reader, the transports and git
/// are quoted as they are.
@Suite struct FrenchLinesEndToEndTests {
    static let fixtures = Shell.packageRoot.appendingPathComponent("Tests/ReclamKitTests/Fixtures/intake")

    /// A ledger in `language`, with learner stg-1 writing from stagiaire@example.org.
    func ledger(_ language: String) throws -> Shell {
        let shell = try Shell()
        try shell.initLedger()
        if language == "en" {
            try shell.write("reclam.yml", try shell.read("reclam.yml").replacingOccurrences(of: "language: fr", with: "language: en"))
        }
        try shell.write("cases/stg-1/learner.md", "---\nid: stg-1\nemails: [stagiaire@example.org]\n---\n")
        try commitAll(shell, "learner file")
        return shell
    }

    func commitAll(_ shell: Shell, _ message: String) throws {
        try shell.git("add", "-A")
        let commit = try shell.git("-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-qm", message)
        #expect(commit.status == 0, "\(commit.stderr)")
    }

    func expectFrench(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let found = FrenchWalkEndToEndTests.englishWords(in: text)
        #expect(found.isEmpty, "English words \(found) in:\n\(text)", sourceLocation: sourceLocation)
    }

    @Test(arguments: ["fr", "en"]) func intakeLines(language: String) throws {
        let shell = try ledger(language)
        defer { shell.remove() }
        let french = language == "fr"
        let message = Self.fixtures.appendingPathComponent("no-date.eml").path
        let refused = try shell.reclam("intake", message)
        #expect(refused.status == 1)
        let address = "'reclam learner edit LEARNER --add-email "
        #expect(
            refused.stderr.contains(
                french
                    ? "no-date.eml : refusé : l'adresse de l'expéditeur " : "no-date.eml: refused: the sender's address ")
                && refused.stderr.contains(address), "\(refused.stderr)")
        #expect(
            refused.stderr.hasSuffix(
                french
                    ? "reclam: 0 nouvelle réclamation, 0 message déjà reçu, 1 refusé\n" : "reclam: 0 new, 0 already taken in, 1 refused\n"),
            "\(refused.stderr)")

        let taken = try shell.reclam("intake", "--learner", "stg-2", message)
        #expect(taken.status == 0, "\(taken.stderr)")
        let id = taken.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(
            taken.stderr.contains(
                french
                    ? "no-date.eml : avertissement : le message n'a pas d'en-tête Date ; la réception est datée de l'heure du fichier, "
                    : "no-date.eml: warning: the message has no Date header; received is set to the file's time, "), "\(taken.stderr)")
        #expect(
            taken.stderr.contains(french ? "no-date.eml : nouvelle réclamation \(id)\n" : "no-date.eml: new case \(id)\n"),
            "\(taken.stderr)")
        // The warning is kept in the case, in the ledger's language too.
        #expect(try shell.read("cases/stg-2/\(id).md").contains(french ? "la réception est datée de" : "received is set to"))

        let again = try shell.reclam("intake", message)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(
            again.stderr
                == (french
                    ? "\(message) : déjà reçu, réclamation \(id) ; rien de nouveau\nreclam: 0 nouvelle réclamation, 1 message déjà reçu\n"
                    : "\(message): already taken in as case \(id); nothing new\nreclam: 0 new, 1 already taken in\n"),
            "\(again.stderr)")
        if french {
            for text in [taken.stderr, again.stderr] { expectFrench(text.replacingOccurrences(of: message, with: "")) }
        }

        let survey = try shell.reclam("intake-survey", Self.fixtures.appendingPathComponent("survey-bom-semicolon.csv").path)
        #expect(survey.status == 0, "\(survey.stderr)")
        #expect(
            survey.stderr.contains(
                french
                    ? "5 réponses (UTF-8 avec BOM, ';') : 2 sous 6 (2 nouvelles réclamations, 0 déjà reçue), 2 égales ou au-dessus, "
                        + "1 sans note\n"
                    : "5 responses (UTF-8 with BOM, ';'): 2 below 6 (2 new cases, 0 already taken in), 2 at or above, 1 without score\n"),
            "\(survey.stderr)")
        if french { expectFrench(survey.stderr.replacingOccurrences(of: Self.fixtures.path, with: "")) }
        let bad = try shell.reclam("intake-survey", Self.fixtures.appendingPathComponent("survey-bad-row.csv").path)
        #expect(bad.status == 1)
        #expect(
            bad.stderr.contains(
                french
                    ? "survey-bad-row.csv:3 : erreur : la note 'trois' n'est pas un nombre ; écrivez par exemple 4 ou 5,5"
                    : "survey-bad-row.csv:3: error: score 'trois' is not a number; write e.g. 4 or 5,5"), "\(bad.stderr)")
    }

    /// A real run of `send` through a sendmail command: `/bin/cat` takes the message, `/bin/false`
    /// fails (deferred), and a file nobody committed is skipped. `doctor` names that file too.
    @Test(arguments: ["fr", "en"]) func sendAndDoctorLines(language: String) throws {
        let shell = try ledger(language)
        defer { shell.remove() }
        let french = language == "fr"
        try shell.write(
            "reclam.yml",
            try shell.read("reclam.yml")
                + "mail:\n  from: Organisme <reclamations@example.org>\n  transport: sendmail\n  sendmail: /bin/cat\n")
        try commitAll(shell, "mail settings")
        let first = try shell.newCase(received: "2026-11-02T09:00:00+01:00")
        #expect(try shell.reclam("ack", first).status == 0)
        let sent = try shell.reclam("send")
        #expect(sent.status == 0, "\(sent.stdout)\(sent.stderr)")
        #expect(
            sent.stdout.hasPrefix(
                french ? "envoyé outbox/\(first)-ack.eml -> sent/" : "sent outbox/\(first)-ack.eml -> sent/"), "\(sent.stdout)")
        let nothing = try shell.reclam("send")
        #expect(nothing.stderr == (french ? "reclam: rien à envoyer dans outbox/\n" : "reclam: nothing to send in outbox/\n"))

        try shell.write("reclam.yml", try shell.read("reclam.yml").replacingOccurrences(of: "/bin/cat", with: "/bin/false"))
        try commitAll(shell, "a transport that fails")
        let second = try shell.newCase(received: "2026-11-02T09:00:00+01:00")
        #expect(try shell.reclam("ack", second).status == 0)
        try shell.write("outbox/extra.eml", try shell.read("outbox/\(second)-ack.eml"))
        let failed = try shell.reclam("send")
        #expect(failed.status == 1)
        #expect(
            failed.stdout.contains(
                french
                    ? "différé outbox/\(second)-ack.eml : /bin/false s'est terminé avec le code 1\n"
                    : "deferred outbox/\(second)-ack.eml: /bin/false exited 1\n"),
            "\(failed.stdout)")
        #expect(
            failed.stdout.contains(
                french
                    ? "ignoré outbox/extra.eml : non enregistré dans git ; enregistrez-le d'abord (git add outbox/extra.eml && git commit)"
                    : "skipped outbox/extra.eml: not committed; commit it first (git add outbox/extra.eml && git commit)"),
            "\(failed.stdout)")
        #expect(
            failed.stderr
                == (french ? "reclam: 2 messages non envoyés ; voir ci-dessus\n" : "reclam: 2 messages not sent; see above\n"),
            "\(failed.stderr)")

        try shell.write("cases/stg-1/.\(second).md.reclam-1upsr8vt11m4a.tmp", "partial")
        let doctor = try shell.reclam("doctor")
        #expect(doctor.status == 0, "\(doctor.stdout)\(doctor.stderr)")
        #expect(
            doctor.stdout.contains(
                french
                    ? "outbox/extra.eml : avertissement : modifié mais non enregistré : enregistrez-le avec git, ou annulez la modification "
                        + "avec 'git restore outbox/extra.eml'"
                    : "outbox/extra.eml: warning: changed but not committed: commit it with git, or drop the change with "
                        + "'git restore outbox/extra.eml'"), "\(doctor.stdout)")
        #expect(
            doctor.stdout.contains(
                french
                    ? ".tmp : avertissement : un fichier temporaire laissé par une écriture interrompue ; --fix le supprime"
                    : ".tmp: warning: a temporary file left by a killed write; --fix removes it"), "\(doctor.stdout)")
        #expect(
            doctor.stderr
                == (french
                    ? "0 erreur, 2 avertissements ; 'reclam doctor --fix' en répare 1\n"
                    : "0 errors, 2 warnings; 'reclam doctor --fix' repairs 1\n"),
            "\(doctor.stderr)")
        let fixed = try shell.reclam("doctor", "--fix")
        #expect(
            fixed.stderr.hasPrefix(
                french
                    ? "reclam: réparé : cases/stg-1/.\(second).md.reclam-1upsr8vt11m4a.tmp supprimé\n"
                    : "reclam: fixed: removed cases/stg-1/.\(second).md.reclam-1upsr8vt11m4a.tmp\n"), "\(fixed.stderr)")
    }

    /// `audit accept` and `list --format csv`: French headings and labels, as `register --format csv`.
    @Test(arguments: ["fr", "en"]) func auditAcceptAndListCSV(language: String) throws {
        let shell = try ledger(language)
        defer { shell.remove() }
        let french = language == "fr"
        let id = try shell.newCase(received: "2026-11-02T09:00:00+01:00")
        #expect(try shell.reclam("ack", id).status == 0)
        let path = "cases/stg-1/\(id).md"
        try shell.write(path, try shell.read(path).replacingOccurrences(of: "\nstage: acknowledged\n", with: "\nstage: closed\n"))
        try commitAll(shell, "fermeture rapide")
        let illegal = try shell.head()
        let accept = try shell.reclam("audit", "accept", String(illegal.prefix(7)), "--reason", "Vu en comité")
        #expect(accept.status == 0, "\(accept.stderr)")
        #expect(
            accept.stdout.hasPrefix(
                french ? "1 constat du commit \(illegal.prefix(10)) accepté (" : "accepted 1 finding of commit \(illegal.prefix(10)) ("),
            "\(accept.stdout)")

        let csv = try shell.reclam("list", "--format", "csv")
        #expect(csv.status == 0, "\(csv.stderr)")
        let lines = csv.stdout.split(whereSeparator: \.isNewline).map {
            String($0).trimmingCharacters(in: .init(charactersIn: "\u{FEFF}\r")).replacingOccurrences(of: "\"", with: "")
        }
        #expect(
            lines.first
                == (french
                    ? "Référence;Stagiaire;Reçue le;Canal;Réclamant;Étape;Responsable;Catégorie;Objet"
                    : "id,learner,received,channel,complainant,stage,owner,category,title"),
            "\(csv.stdout)")
        #expect(
            lines.dropFirst().first?.hasSuffix(
                french ? ";courriel;stagiaire;Clôturée;;;Attestation non reçue" : ",email,learner,closed,,,Attestation non reçue") == true,
            "\(csv.stdout)")
    }

    /// The findings of `reclam check` a person meets most: a bad enum value, a bad date, an
    /// unknown field, a field the stage requires, a missing required field.
    @Test(arguments: ["fr", "en"]) func checkFindings(language: String) throws {
        let shell = try ledger(language)
        defer { shell.remove() }
        let french = language == "fr"
        let id = try shell.newCase(received: "2026-11-02T09:00:00+01:00")
        let path = "cases/stg-1/\(id).md"
        var text = try shell.read(path)
        text = text.replacingOccurrences(of: "\nchannel: email\n", with: "\nchannel: mail\nower: Karim\n")
        text = text.replacingOccurrences(of: "\nreceived: 2026-11-02T09:00:00+01:00\n", with: "\nreceived: 02/11/2026\n")
        text = text.replacingOccurrences(of: "\ncomplainant: learner\n", with: "\n")
        text = text.replacingOccurrences(of: "\nstage: received\n", with: "\nstage: assigned\n")
        try shell.write(path, text)
        let check = try shell.reclam("check")
        #expect(check.status == 1)
        let expected =
            french
            ? [
                "channel: 'mail' ne fait pas partie de : email, letter, phone, mediation, survey, web, in-person, internal ; "
                    + "vouliez-vous dire 'email' ? [field-enum]",
                "received: '02/11/2026' n'est pas une date et heure valide ; écrivez-la en ISO 8601", "champ inconnu 'ower' ; ",
                "champ obligatoire 'complainant' absent ; ajoutez 'complainant: …' à l'en-tête [field-missing]",
                "l'étape Attribuée exige le champ 'owner' (personne) ; ajoutez-le à l'en-tête [stage-field-missing]",
            ]
            : [
                "channel: 'mail' is not one of: email, letter, phone, mediation, survey, web, in-person, internal; did you mean 'email'? [field-enum]",
                "received: '02/11/2026' is not a valid date-time; write it in ISO 8601", "unknown field 'ower'; ",
                "missing required field 'complainant' (who complains); add 'complainant: …' to the front-matter [field-missing]",
                "stage 'assigned' requires field 'owner' (person); add it to the front-matter [stage-field-missing]",
            ]
        for line in expected { #expect(check.stdout.contains(line), "\(check.stdout)") }
    }

    /// `intake-survey`'s counts (`1 déjà reçue`, `2 déjà reçues`) and its refusals of a whole
    /// file: a file that is not CSV, a bad row, a complaint from an unknown address.
    @Test(arguments: ["fr", "en"]) func surveyCountsAndRefusals(language: String) throws {
        let shell = try ledger(language)
        defer { shell.remove() }
        let french = language == "fr"
        let header = "Date;Stagiaire;Note;Commentaire\n"
        try shell.write("one.csv", header + "2026-11-10;stg-2;3;Trop cher\n2026-11-10;stg-3;9;Bien\n")
        #expect(try shell.reclam("intake-survey", "one.csv").status == 0)
        let again = try shell.reclam("intake-survey", "one.csv")
        #expect(
            again.stderr.contains(
                french
                    ? "one.csv : 2 réponses (UTF-8, ';') : 1 sous 6 (0 nouvelle réclamation, 1 déjà reçue), 1 égale ou au-dessus\n"
                    : "one.csv: 2 responses (UTF-8, ';'): 1 below 6 (0 new cases, 1 already taken in), 1 at or above\n"), "\(again.stderr)")
        try shell.write("two.csv", header + "2026-11-10;stg-2;3;Trop cher\n2026-11-11;stg-4;2;Trop froid\n")
        #expect(try shell.reclam("intake-survey", "two.csv").status == 0)
        let twice = try shell.reclam("intake-survey", "two.csv")
        #expect(
            twice.stderr.contains(
                french ? "(0 nouvelle réclamation, 2 déjà reçues), 0 égale ou au-dessus\n" : "(0 new cases, 2 already taken in)"),
            "\(twice.stderr)")

        try shell.write("binary.csv", "Date;Note\u{0}\n")
        let binary = try shell.reclam("intake-survey", "binary.csv")
        #expect(binary.status == 1)
        #expect(
            binary.stderr
                == (french
                    ? "binary.csv:1 : erreur : le fichier contient des octets nuls : ce n'est pas un fichier texte CSV [survey-csv]\n"
                        + "reclam: binary.csv ne peut être lu comme un fichier CSV ; rien n'a été importé\n"
                    : "binary.csv:1: error: the file contains NUL bytes: it is not a CSV text file [survey-csv]\n"
                        + "reclam: binary.csv cannot be read as CSV; nothing was imported\n"),
            "\(binary.stderr)")
        try shell.write("bad.csv", header + "2026-11-10;stg-2;9;Bien\n2026-11-10;stg-5;trois;Illisible\n")
        let bad = try shell.reclam("intake-survey", "bad.csv")
        #expect(bad.status == 1)
        #expect(
            bad.stderr.hasSuffix(
                french
                    ? "reclam: 1 ligne incorrecte dans bad.csv : rien n'a été importé ; corrigez-la ou passez --skip-bad-rows pour "
                        + "importer les autres lignes\n"
                    : "reclam: 1 bad row in bad.csv: nothing was imported; fix it or pass --skip-bad-rows to import the other rows\n"),
            "\(bad.stderr)")
        try shell.write("unknown.csv", header + "2026-11-10;inconnu@example.org;2;Trop cher\n")
        let unknown = try shell.reclam("intake-survey", "unknown.csv")
        #expect(unknown.status == 1)
        #expect(
            unknown.stderr.contains(
                french
                    ? "unknown.csv:2 : erreur : l'adresse inconnu@example.org ne figure dans la liste 'emails:' d'aucun stagiaire"
                    : "unknown.csv:2: error: the address inconnu@example.org is in no learner's 'emails:' list"), "\(unknown.stderr)")
        #expect(
            unknown.stderr.contains(
                french
                    ? "reclam: 1 ligne sous le seuil dans unknown.csv ne peut être prise en charge (ligne 2) : rien n'a été importé ; "
                        + "une réclamation n'est jamais écartée, même avec --skip-bad-rows. Corrigez-la, ou passez --unknown-learner create"
                    : "reclam: 1 row below the threshold in unknown.csv cannot be taken in (line 2): nothing was imported; "
                        + "a complaint is never left out, even with --skip-bad-rows. Fix it, or pass --unknown-learner create"),
            "\(unknown.stderr)")
        if french {
            for text in [again.stderr, twice.stderr, binary.stderr, bad.stderr, unknown.stderr] {
                expectFrench(text.replacingOccurrences(of: "[survey-csv]", with: "").replacingOccurrences(of: "[survey-row]", with: ""))
            }
        }
    }

    /// A warning of `send`, a git lock left by a killed command, and what `doctor` says of it.
    @Test(arguments: ["fr", "en"]) func sendWarningAndLockRefusal(language: String) throws {
        let shell = try ledger(language)
        defer { shell.remove() }
        let french = language == "fr"
        let id = try shell.newCase(received: "2026-11-02T09:00:00+01:00")
        let send = try shell.reclam("send", "--dry-run", "20990101-zzzz")
        #expect(
            send.stderr.hasPrefix(
                french
                    ? "reclam: avertissement : aucun message de la réclamation 20990101-zzzz dans outbox/\n"
                    : "reclam: warning: no message of case 20990101-zzzz in outbox/\n"), "\(send.stderr)")

        try shell.write(".git/index.lock", "")
        #expect(try shell.run("/usr/bin/touch", ["-d", "10 minutes ago", ".git/index.lock"], in: "ledger").status == 0)
        let refused = try shell.reclam("note", id, "Appel du stagiaire")
        #expect(refused.status != 0)
        #expect(
            refused.stderr.contains(
                french
                    ? ".git/index.lock (âgé de 10 min, aucun processus ne l'a ouvert) : laissé par une commande git ou reclam qui n'a "
                        + "pas fini ; rien n'a été modifié. Si aucune commande git ne tourne, supprimez-le avec 'reclam doctor --fix'"
                    : ".git/index.lock (10 min old, no process has it open): it was left by a git or reclam command that did not "
                        + "finish; nothing was changed. If no git command is running, remove it with 'reclam doctor --fix'"),
            "\(refused.stderr)")
        let doctor = try shell.reclam("doctor")
        #expect(
            doctor.stdout.contains(
                french
                    ? ".git/index.lock : erreur : .git/index.lock (âgé de 10 min, aucun processus ne l'a ouvert) : laissé par une "
                    : ".git/index.lock: error: .git/index.lock (10 min old, no process has it open): left by a "), "\(doctor.stdout)")
        if french {
            for text in [send.stderr, refused.stderr, doctor.stdout] {
                expectFrench(text.replacingOccurrences(of: "[doctor-stale-lock]", with: ""))
            }
        }
    }

    /// Findings of a case's steps, a link to an unknown case, and the refusals of `set` and
    /// `commit` that quote the findings of the file.
    @Test(arguments: ["fr", "en"]) func stepFindingsAndRefusalsQuotingThem(language: String) throws {
        let shell = try ledger(language)
        defer { shell.remove() }
        let french = language == "fr"
        let id = try shell.newCase(received: "2026-11-02T09:00:00+01:00")
        #expect(try shell.reclam("ack", id, "--at", "2026-11-02 10:00").status == 0)
        let path = "cases/stg-1/\(id).md"
        try shell.write(path, try shell.read(path).replacingOccurrences(of: "\nstage: acknowledged\n", with: "\nstage: closed\n"))
        try commitAll(shell, "fermeture rapide")
        let action = try shell.reclam("action", "new", "--title", "Relance", "--kind", "corrective", "--due", "2026-12-01")
        let actionID = action.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let actionPath = "actions/\(actionID).md"
        try shell.write(
            actionPath, try shell.read(actionPath).replacingOccurrences(of: "\ncases: []\n", with: "\ncases: [20990101-zzzz]\n"))
        try commitAll(shell, "lien")
        let check = try shell.reclam("check")
        #expect(check.status == 1)
        let expected =
            french
            ? [
                " : erreur : la dernière entrée de steps enregistre l'étape 'acknowledged' mais la réclamation est à l'étape 'closed' : "
                    + "l'étape a changé sans son entrée ; remettez 'stage: acknowledged' et faites le passage avec 'reclam move \(id) closed' "
                    + "[steps-stage-mismatch]\n",
                " : erreur : renvoie à une réclamation inconnue '20990101-zzzz' [action-unknown-case]\n",
            ]
            : [
                ": error: the last step records stage 'acknowledged' but the case is at 'closed': the stage changed without its step; "
                    + "set 'stage: acknowledged' back and make the move with 'reclam move \(id) closed' [steps-stage-mismatch]\n",
                ": error: links to unknown case '20990101-zzzz' [action-unknown-case]\n",
            ]
        for line in expected { #expect(check.stdout.contains(line), "\(check.stdout)") }

        let set = try shell.reclam("set", id, "category=attestation")
        #expect(set.status == 1)
        #expect(
            set.stderr.contains(
                french
                    ? "[steps-stage-mismatch]\nreclam: la réclamation \(id) a des erreurs ; corrigez-les d'abord (reclam check \(path))\n"
                    : "[steps-stage-mismatch]\nreclam: case \(id) has errors; fix them first (reclam check \(path))\n"), "\(set.stderr)")
        let other = try shell.newCase(received: "2026-11-03T09:00:00+01:00")
        let otherPath = "cases/stg-1/\(other).md"
        try shell.write(otherPath, try shell.read(otherPath).replacingOccurrences(of: "\nlearner: stg-1\n", with: "\nlearner: stg-1x\n"))
        let commit = try shell.reclam("commit", otherPath)
        #expect(commit.status == 1)
        #expect(
            commit.stderr.contains(
                french
                    ? " : erreur : le stagiaire 'stg-1x' ne correspond pas au dossier 'cases/stg-1/' ; déplacez le fichier ou corrigez le stagiaire"
                    : ": error: learner 'stg-1x' does not match the folder 'cases/stg-1/'; move the file or fix the learner"),
            "\(commit.stderr)")
        #expect(
            commit.stderr.hasSuffix(
                french
                    ? "reclam: rien n'a été enregistré : un fichier a des erreurs ; les modifications restent dans les fichiers, non enregistrées\n"
                    : "reclam: nothing committed: a file has errors; the edits stay in the files, uncommitted\n"), "\(commit.stderr)")
        if french {
            for text in [set.stderr, commit.stderr] {
                expectFrench(
                    text.replacingOccurrences(of: "'stage: acknowledged'", with: "").replacingOccurrences(
                        of: "[steps-stage-mismatch]", with: ""))
            }
        }
    }

    /// The mail reader's refusals and warnings, and the refusals of a move the procedure does
    /// not allow or that lacks a field (a refusal is printed on one line, its breaks escaped).
    @Test(arguments: ["fr", "en"]) func mailReaderAndMoveRefusals(language: String) throws {
        let shell = try ledger(language)
        defer { shell.remove() }
        let french = language == "fr"
        let notMail = try shell.reclam("intake", Self.fixtures.appendingPathComponent("not-a-message.eml").path)
        #expect(notMail.status == 1)
        #expect(
            notMail.stderr.contains(
                french
                    ? "not-a-message.eml : refusé : ce n'est pas un courriel" : "not-a-message.eml: refused: this is not an email message"),
            "\(notMail.stderr)")
        let truncated = try shell.reclam("intake", "--learner", "stg-2", Self.fixtures.appendingPathComponent("truncated.eml").path)
        #expect(truncated.status == 0, "\(truncated.stderr)")
        #expect(
            truncated.stderr.contains(
                french
                    ? "truncated.eml : avertissement : le message est tronqué : il manque une partie MIME ou la limite de fin d'un multipart"
                    : "truncated.eml: warning: the message is truncated: a MIME part or the closing boundary of a multipart is missing"),
            "\(truncated.stderr)")

        let id = try shell.newCase(received: "2026-11-02T09:00:00+01:00")
        let illegal = try shell.reclam("move", id, "closed")
        #expect(illegal.status == 1)
        #expect(
            illegal.stderr
                == (french
                    ? "reclam: \(id) ne peut pas passer de l'étape Reçue à l'étape Clôturée : la procédure ne le permet pas ; possible depuis "
                        + "Reçue : Réception accusée (reclam ack), Rejetée (reclam reject)\n"
                    : "reclam: \(id) cannot move from 'received' to 'closed': the procedure does not allow it; allowed from 'received': "
                        + "acknowledged (reclam ack), rejected (reclam reject)\n"),
            "\(illegal.stderr)")
        let verb = try shell.reclam("respond", id)
        #expect(verb.status == 1)
        #expect(
            verb.stderr.hasPrefix(
                french
                    ? "reclam: \(id) : 'respond' n'est pas possible à l'étape Reçue ; possible depuis Reçue : "
                    : "reclam: \(id) cannot 'respond' at stage 'received'; allowed from 'received': "),
            "\(verb.stderr)")
        let lacking = try shell.reclam("move", id, "rejected")
        #expect(lacking.status == 1)
        #expect(
            lacking.stderr
                == (french
                    ? "reclam: l'étape Rejetée exige un champ que \(id) n'a pas :\\n  'rejection_reason' (texte) : --set rejection_reason=…\n"
                    : "reclam: stage 'rejected' requires a field that \(id) lacks:\\n  'rejection_reason' (text): --set rejection_reason=…\n"),
            "\(lacking.stderr)")
        if french {
            for text in [notMail.stderr, truncated.stderr, illegal.stderr, verb.stderr, lacking.stderr] {
                expectFrench(text.replacingOccurrences(of: Self.fixtures.path, with: ""))
            }
        }
    }

    /// `check`'s findings about a file as a whole (size, encoding, link, place, merge
    /// conflict) and about its front-matter and YAML; libyaml's own words stay as they are.
    @Test(arguments: ["fr", "en"]) func fileAndYAMLFindings(language: String) throws {
        let shell = try ledger(language)
        defer { shell.remove() }
        let french = language == "fr"
        try shell.write("cases/stg-1/20261101-aaaa.md", "---\n" + String(repeating: "x", count: 1_100_000) + "\n")
        try shell.write("cases/stg-1/20261101-bbbb.md", "---\ntitle: a\u{0}b\n---\n")
        try shell.write(
            "cases/stg-1/20261101-cccc.md", "---\nid: 20261101-cccc\n<<<<<<< HEAD\ntitle: a\n=======\ntitle: b\n>>>>>>> other\n---\n")
        try shell.write("cases/stg-1/20261101-dddd.md", "---\ntitle: a: b\n---\n")
        try shell.write("cases/stg-1/20261101-eeee.md", "---\ntitle: a\ntitle: b\n---\n")
        try shell.write("cases/stg-1/20261101-ffff.md", "---\ntitle: a\n")
        try shell.write("cases/stg-1/notes.txt", "notes\n")
        try shell.write("cases/stg-1/deep/file.md", "x\n")
        try shell.write("cases/loose.md", "x\n")
        try FileManager.default.createSymbolicLink(
            atPath: shell.directory.appendingPathComponent("ledger/cases/stg-1/20261101-gggg.md").path, withDestinationPath: "/etc/hostname"
        )
        let check = try shell.reclam("check")
        #expect(check.status == 1)
        let expected =
            french
            ? [
                "20261101-aaaa.md : erreur : le fichier fait 1100005 octets, au-delà de la limite de 1048576 octets (1 Mio) ; ",
                "20261101-bbbb.md : erreur : le fichier contient des octets NUL (données binaires) ; ",
                "20261101-cccc.md:3:1 : erreur : fusion non résolue : marqueurs de conflit ; lancez 'reclam conflicts' pour voir "
                    + "les deux versions, puis 'reclam resolve 20261101-cccc --take ours' (ou theirs, ou --set CHAMP=VALEUR) [merge-conflict]",
                "20261101-dddd.md:2:9 : erreur : YAML invalide : « mapping values are not allowed in this context » ; "
                    + "mettez entre guillemets une valeur qui contient ': ' [yaml-syntax]",
                "20261101-eeee.md:3:1 : erreur : clé 'title' en double (déjà donnée ligne 2) ; n'en gardez qu'une [yaml-duplicate-key]",
                "20261101-ffff.md:1:1 : erreur : l'en-tête ouvert ligne 1 n'est jamais fermé ; ",
                "notes.txt : avertissement : pas un fichier de réclamation : ", "stg-1/deep : erreur : dossier trop profond : ",
                "cases/loose.md : erreur : fichier directement sous cases/ ; ",
                "20261101-gggg.md : erreur : les liens symboliques ne sont pas suivis dans un registre ; ",
            ]
            : [
                "20261101-aaaa.md: error: file is 1100005 bytes, over the limit of 1048576 bytes (1 MiB); ",
                "20261101-bbbb.md: error: file contains NUL bytes (binary data); ",
                "20261101-cccc.md:3:1: error: unresolved merge: conflict markers; run 'reclam conflicts' to see both versions, "
                    + "then 'reclam resolve 20261101-cccc --take ours' (or theirs, or --set FIELD=VALUE) [merge-conflict]",
                "20261101-dddd.md:2:9: error: mapping values are not allowed in this context; quote a value that contains ': ' [yaml-syntax]",
                "20261101-eeee.md:3:1: error: duplicate key 'title' (first set on line 2); keep only one [yaml-duplicate-key]",
                "20261101-ffff.md:1:1: error: front-matter opened on line 1 is never closed; ",
                "notes.txt: warning: not a case file: ", "stg-1/deep: error: folder too deep: ",
                "cases/loose.md: error: file directly under cases/; ",
                "20261101-gggg.md: error: symbolic links are not followed in a ledger; ",
            ]
        for line in expected { #expect(check.stdout.contains(line), "\(check.stdout)") }
    }

    /// `--at` and the clock refused, the files a reading command left out, intake's
    /// `--max-size` and a file it cannot read.
    @Test(arguments: ["fr", "en"]) func timeRefusalsAndUnreadFiles(language: String) throws {
        var shell = try ledger(language)
        defer { shell.remove() }
        let french = language == "fr"
        let id = try shell.newCase(received: "2026-11-02T09:00:00+01:00")
        let malformed = try shell.reclam("move", id, "acknowledged", "--at", "hier")
        #expect(malformed.status == 2)
        #expect(
            malformed.stderr.contains(
                french
                    ? "--at 'hier' n'est pas une date et heure : écrivez 2026-10-05 09:12"
                    : "--at 'hier' is not a date-time: write 2026-10-05 09:12"),
            "\(malformed.stderr)")
        let future = try shell.reclam("move", id, "acknowledged", "--at", "2027-01-01")
        #expect(
            future.stderr.contains(french ? "--at 2027-01-01 est dans le futur" : "--at 2027-01-01 is in the future"), "\(future.stderr)")
        let early = try shell.reclam("move", id, "acknowledged", "--at", "2026-11-01")
        #expect(early.status == 1)
        #expect(
            early.stderr.contains(
                french
                    ? "--at 2026-11-01 est antérieur à l'étape précédente (2026-11-02T09:00:00+01:00) ; "
                    : "--at 2026-11-01 is earlier than the previous step (2026-11-02T09:00:00+01:00); "), "\(early.stderr)")
        shell.environment["RECLAM_NOW"] = "2026-11-01T10:00:00+01:00"
        let clock = try shell.reclam("move", id, "acknowledged")
        #expect(clock.status == 1)
        #expect(
            clock.stderr.contains(
                french
                    ? ") est antérieure à la dernière étape ; vérifiez l'horloge ou RECLAM_NOW"
                    : ") is earlier than the last step; check the clock or RECLAM_NOW"),
            "\(clock.stderr)")
        shell.environment["RECLAM_NOW"] = "2026-11-16T10:00:00+01:00"

        let path = "cases/stg-1/\(id).md"
        try shell.write(
            path,
            try shell.read(path).replacingOccurrences(
                of: "\nstage: received\n", with: "\n<<<<<<< HEAD\nstage: received\n=======\n>>>>>>> x\n"))
        let agenda = try shell.reclam("agenda")
        #expect(agenda.status == 2)
        #expect(
            agenda.stderr.hasSuffix(
                french
                    ? "reclam: 1 fichier(s) illisible(s), laissé(s) de côté : \(path) ; lancez 'reclam check'\n"
                    : "reclam: 1 file(s) could not be read and are left out: \(path); run 'reclam check'\n"), "\(agenda.stderr)")

        let message = Self.fixtures.appendingPathComponent("no-date.eml").path
        let tooLarge = try shell.reclam("intake", "--learner", "stg-2", "--max-size", "100", message)
        #expect(tooLarge.status == 1)
        #expect(
            tooLarge.stderr.contains(
                french
                    ? "octets, au-delà de la limite de 100 octets (--max-size 100) ; rien n'a été écrit"
                    : "bytes, over the limit of 100 bytes (--max-size 100); nothing was written"),
            "\(tooLarge.stderr)")
        let folder = shell.directory.appendingPathComponent("not-a-message.eml").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let unreadable = try shell.reclam("intake", "--learner", "stg-2", folder)
        #expect(unreadable.stderr.contains(french ? "impossible de lire le fichier : " : "cannot read the file: "), "\(unreadable.stderr)")
    }

    /// `check`'s findings about reclam.yml's own settings, and a reclam.yml that does not parse
    /// (its language then read from its `language:` line).
    @Test(arguments: ["fr", "en"]) func configFindings(language: String) throws {
        let shell = try ledger(language)
        defer { shell.remove() }
        let french = language == "fr"
        let config = try shell.read("reclam.yml")
        try shell.write(
            "reclam.yml", config.replacingOccurrences(of: "\ntimezone: Europe/Paris", with: "\ntimezone: Paris\norganisatio: x\n#"))
        let check = try shell.reclam("check")
        #expect(check.status == 1)
        let expected =
            french
            ? [
                "le fuseau horaire 'Paris' n'est pas un fuseau IANA ; écrivez par exemple Europe/Paris [config-invalid]",
                "réglage inconnu 'organisatio' ; vouliez-vous dire 'organisation' ? [config-unknown-key]",
            ]
            : [
                "timezone 'Paris' is not an IANA time zone; write e.g. Europe/Paris [config-invalid]",
                "unknown setting 'organisatio'; did you mean 'organisation'? [config-unknown-key]",
            ]
        for line in expected { #expect(check.stdout.contains(line), "\(check.stdout)") }
        try shell.write("reclam.yml", config + "broken: [\n")
        let broken = try shell.reclam("check")
        #expect(broken.status != 0)
        let output = broken.stdout + broken.stderr
        #expect(output.contains(french ? "YAML invalide : « " : "did not find expected node content"), "\(output)")
    }

    /// `check`'s findings about a letter template: no subject, an unknown variable, a section
    /// never closed.
    @Test(arguments: ["fr", "en"]) func templateFindings(language: String) throws {
        let shell = try ledger(language)
        defer { shell.remove() }
        let french = language == "fr"
        try shell.write("templates/letters/essai.fr.md", "---\ntitle: x\n---\nBonjour {{learnr}}\n{{#case_id}}\n")
        let check = try shell.reclam("check")
        #expect(check.status == 1)
        let expected =
            french
            ? [
                "essai.fr.md:1:1 : erreur : un modèle de lettre a besoin de 'subject: …' dans son en-tête [template-invalid]",
                "essai.fr.md:4:9 : erreur : variable inconnue 'learnr'", "erreur de syntaxe mustache : une section ouverte par {{#nom}}",
            ]
            : [
                "essai.fr.md:1:1: error: a letter template needs 'subject: …' in its front-matter [template-invalid]",
                "essai.fr.md:4:9: error: unknown variable 'learnr'", "mustache syntax error: a section opened with {{#name}}",
            ]
        for line in expected { #expect(check.stdout.contains(line), "\(check.stdout)") }
    }

    /// The refusals of the writing commands (learner files, `set`, `new`, `audit accept`,
    /// `init`, `ack`, the hooks, the editor): in the ledger's language, exit 1 for a refusal and
    /// 2 for an editor that failed; every command a hint names stays the real command.
    @Test(arguments: ["fr", "en"]) func workflowRefusals(language: String) throws {
        var shell = try ledger(language)
        defer { shell.remove() }
        let french = language == "fr"
        let id = try shell.newCase(received: "2026-11-02T09:00:00+01:00")
        let head = try shell.head()
        func refusal(_ arguments: [String], in folder: String? = "ledger", status: Int32 = 1) throws -> String {
            let result = try shell.run(Shell.reclam, arguments, in: folder)
            #expect(result.status == status, "\(arguments): \(result.stderr)")
            return result.stderr
        }

        #expect(
            try refusal(["learner", "add", "stg-1", "--email", "autre@example.org"])
                == (french
                    ? "reclam: le stagiaire stg-1 existe déjà (cases/stg-1/learner.md) ; "
                        + "modifiez-le avec 'reclam learner edit stg-1 --add-email …'\n"
                    : "reclam: learner stg-1 already exists (cases/stg-1/learner.md); "
                        + "change it with 'reclam learner edit stg-1 --add-email …'\n"))
        #expect(
            try refusal(["learner", "edit", "stg-9", "--add-email", "autre@example.org"])
                == (french
                    ? "reclam: le stagiaire stg-9 n'a pas de fichier (cases/stg-9/learner.md) ; "
                        + "créez-le avec 'reclam learner add stg-9 --email …'\n"
                    : "reclam: learner stg-9 has no file (cases/stg-9/learner.md); create it with 'reclam learner add stg-9 --email …'\n"))
        #expect(
            try refusal(["learner", "edit", "stg-1", "--remove-email", "autre@example.org"])
                == (french
                    ? "reclam: le stagiaire stg-1 n'a pas l'adresse autre@example.org ; ses adresses : stagiaire@example.org\n"
                    : "reclam: learner stg-1 has no address autre@example.org; its addresses: stagiaire@example.org\n"))
        #expect(
            try refusal(["learner", "edit", "stg-1", "--add-email", "stagiaire@example.org"])
                == (french ? "reclam: stagiaire stg-1 : rien ne change\n" : "reclam: learner stg-1: nothing changes\n"))
        #expect(
            try refusal(["set", id, "title=Attestation non reçue"])
                == (french
                    ? "reclam: \(id) : rien ne change (les champs ont déjà ces valeurs)\n"
                    : "reclam: \(id): nothing changes (the fields already have these values)\n"))
        #expect(
            try refusal(["new", "--learner", "stg-1", "--title", "Doublon", "--channel", "email", "--complainant", "learner", "--id", id])
                == (french
                    ? "reclam: la réclamation \(id) existe déjà (cases/stg-1/\(id).md)\n"
                    : "reclam: case \(id) already exists at cases/stg-1/\(id).md\n"))
        #expect(
            try refusal(["audit", "accept", "HEAD", "--reason", "Vu"])
                == (french
                    ? "reclam: le commit \(head.prefix(7)) n'a aucun constat d'audit ; il n'y a rien à accepter\n"
                    : "reclam: commit \(head.prefix(7)) has no audit finding; there is nothing to accept\n"))
        let again = try refusal(["init", "ledger"], in: nil)
        #expect(again.hasPrefix("reclam: /"), "\(again)")
        #expect(
            again.hasSuffix(
                french
                    ? "/ledger/reclam.yml existe déjà : c'est déjà un registre ; rien n'a été modifié\n"
                    : "/ledger/reclam.yml already exists: this is already a ledger; nothing was changed\n"), "\(again)")
        #expect(
            try refusal(["ack", id, "--set", "contact=par téléphone"])
                == (french
                    ? "reclam: réclamation \(id) : le contact 'par téléphone' n'est pas une adresse électronique ; "
                        + "indiquez-en une : reclam ack \(id) --set contact=ADRESSE\n"
                    : "reclam: case \(id): contact 'par téléphone' is not an email address; set one: reclam ack \(id) --set contact=ADDRESS\n")
        )

        try shell.write(".git/hooks/pre-commit", "#!/bin/sh\nexit 0\n")
        let uninstall = try refusal(["hooks", "uninstall"])
        #expect(
            uninstall.hasPrefix("reclam: /")
                && uninstall.hasSuffix(
                    french
                        ? "/hooks/pre-commit n'a pas été installé par reclam ; il est laissé tel quel\n"
                        : "/hooks/pre-commit was not installed by reclam; it is left as it is\n"),
            "\(uninstall)")
        let install = try refusal(["hooks", "install"])
        #expect(
            install.hasSuffix(
                french
                    ? "/hooks/pre-commit existe déjà et n'a pas été écrit par reclam ; il est conservé. Appelez 'reclam check --staged' "
                        + "depuis ce hook, ou lancez 'reclam hooks install --force' pour le remplacer "
                        + "(il est alors conservé sous le nom pre-commit.reclam-backup)\n"
                    : "/hooks/pre-commit already exists and was not written by reclam; it is kept. Call 'reclam check --staged' from it, "
                        + "or run 'reclam hooks install --force' to replace it (it is then kept as pre-commit.reclam-backup)\n"),
            "\(install)")

        shell.environment["EDITOR"] = "false"
        #expect(
            try refusal(["edit", id], status: 2)
                == (french
                    ? "reclam: l'éditeur (false) s'est terminé avec le code 1 ; rien n'a été enregistré, et le fichier est tel que "
                        + "l'éditeur l'a laissé ; réglez VISUAL ou EDITOR, par exemple EDITOR=nano\n"
                    : "reclam: the editor (false) exited with status 1; nothing committed, and the file is as the editor left it; "
                        + "set VISUAL or EDITOR, e.g. EDITOR=nano\n"))
        #expect(try shell.head() == head)
    }

    /// The status lines of `hooks`, `commit`, `audit`, `show`, `merge-file` and `sync`: what the
    /// command did, in the ledger's language; paths, ids and commit summaries as they are.
    @Test(arguments: ["fr", "en"]) func statusLines(language: String) throws {
        let shell = try ledger(language)
        defer { shell.remove() }
        let french = language == "fr"
        func run(_ arguments: String..., in folder: String = "ledger") throws -> Shell.Result {
            let result = try shell.run(Shell.reclam, arguments, in: folder)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            return result
        }
        let hook = "/ledger/.git/hooks/pre-commit\n"
        func expectLine(_ text: String, _ start: String, sourceLocation: SourceLocation = #_sourceLocation) {
            #expect(
                text.hasPrefix(start + "/") && text.hasSuffix(hook) && text.split(separator: "\n").count == 1, "\(text)",
                sourceLocation: sourceLocation)
        }
        let none = try run("hooks", "uninstall").stdout
        #expect(
            none.hasPrefix(french ? "aucun hook à l'emplacement /" : "no hook at /")
                && none.hasSuffix(
                    french ? "/ledger/.git/hooks/pre-commit ; rien à faire\n" : "/ledger/.git/hooks/pre-commit; nothing to do\n"),
            "\(none)")
        expectLine(try run("hooks", "install").stdout, french ? "hook installé : " : "installed ")
        expectLine(try run("hooks", "install").stdout, french ? "hook mis à jour : " : "updated ")
        expectLine(try run("hooks", "uninstall").stdout, french ? "hook supprimé : " : "removed ")

        #expect(
            try run("commit").stderr
                == (french ? "reclam: rien n'a changé ; rien n'a été enregistré\n" : "reclam: nothing changed; nothing committed\n"))
        #expect(
            try run("audit", "--incremental").stderr
                == (french
                    ? "audit de tout l'historique\n0 erreur, 0 avertissement\n" : "audited the whole history\n0 errors, 0 warnings\n"))

        let id = try shell.newCase(received: "2026-11-02T09:00:00+01:00")
        let action = try run("action", "new", "--title", "Contrôle des envois", "--kind", "corrective", "--cases", id)
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try run("show", id).stderr == (french ? "actions liées : \(action) (planned)\n" : "linked actions: \(action) (planned)\n"))

        let note = try run("note", id, "Appel du stagiaire").stdout
        #expect(note.hasPrefix(french ? "\(id) : journal (" : "\(id): journal ("), "\(note)")

        // Two sides giving the title two values: the driver names the field in the ledger's language.
        let path = "cases/stg-1/\(id).md"
        let base = try shell.read(path)
        try shell.write("base.md", base)
        try shell.write("theirs.md", base.replacingOccurrences(of: "title: Attestation non reçue", with: "title: Attestation perdue"))
        try shell.write("ours.md", base.replacingOccurrences(of: "title: Attestation non reçue", with: "title: Attestation en retard"))
        let merge = try shell.run(Shell.reclam, ["merge-file", "base.md", "ours.md", "theirs.md", path], in: "ledger")
        #expect(merge.status == 1)
        #expect(
            merge.stderr
                == (french
                    ? "reclam merge-file: \(path) : champ 'title' : chez nous 'Attestation en retard', chez eux 'Attestation perdue'\n"
                        + "reclam merge-file: \(path) : 1 conflit laissé entre marqueurs ; lancez 'reclam conflicts'\n"
                    : "reclam merge-file: \(path): field 'title': ours 'Attestation en retard', theirs 'Attestation perdue'\n"
                        + "reclam merge-file: \(path): 1 conflict(s) left between markers; run 'reclam conflicts'\n"),
            "\(merge.stderr)")
        for name in ["base.md", "ours.md", "theirs.md"] {
            try FileManager.default.removeItem(at: shell.directory.appendingPathComponent("ledger/\(name)"))
        }

        // A bare remote: the first sync pushes every commit, a clone registers the merge driver,
        // and a sync with nothing new says so.
        #expect(try shell.run("/usr/bin/git", ["init", "-q", "--bare", "-b", "main", "remote.git"]).status == 0)
        try shell.git("remote", "add", "origin", "../remote.git")
        let first = try run("sync")
        let lines = first.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let last = try shell.git("log", "-1", "--format=%s (%an)").stdout.trimmingCharacters(in: .newlines)
        let count = try shell.git("rev-list", "--count", "HEAD").stdout.trimmingCharacters(in: .newlines)
        #expect(lines.count == Int(count)! + 2, "\(first.stdout)")
        #expect(lines.dropLast(2).last.map(String.init) == (french ? "envoyé : \(last)" : "out: \(last)"), "\(first.stdout)")
        #expect(
            lines.dropLast().last.map(String.init)
                == (french
                    ? "branche main synchronisée avec origin : 0 commit reçu, \(count) envoyés"
                    : "synced main with origin: 0 commit(s) in, \(count) out"),
            "\(first.stdout)")
        #expect(try shell.run("/usr/bin/git", ["clone", "-q", "remote.git", "b"]).status == 0)
        let clone = try run("hooks", "install", in: "b").stdout.split(separator: "\n").map(String.init)
        #expect(clone.count == 2 && clone[0].hasSuffix("/b/.git/hooks/pre-commit"), "\(clone)")
        #expect(
            clone.last
                == (french
                    ? "pilote de fusion des fichiers de réclamation et d'action enregistré (merge.reclam.driver, .git/info/attributes)"
                    : "registered the merge driver for case and action files (merge.reclam.driver, .git/info/attributes)"))
        #expect(
            try run("sync").stdout
                == (french
                    ? "branche main synchronisée avec origin : 0 commit reçu, 0 envoyé\n"
                    : "synced main with origin: 0 commit(s) in, 0 out\n"))

        // Both sides give the title a new value: sync stops, conflicts lists it, resolve settles it.
        _ = try run("set", id, "title=Attestation perdue", in: "b")
        _ = try run("sync", in: "b")
        let set = try run("set", id, "title=Attestation en retard").stdout
        #expect(set.hasPrefix(french ? "\(id) : title (" : "\(id): title ("), "\(set)")
        let stopped = try shell.run(Shell.reclam, ["sync"], in: "ledger")
        #expect(stopped.status == 1)
        #expect(
            stopped.stderr
                == (french
                    ? "reclam: la fusion s'est arrêtée sur 1 fichier en conflit :\n  \(path)\nlancez 'reclam conflicts' pour les voir, "
                        + "'reclam resolve ID --take ours|theirs' pour régler chacun, puis de nouveau 'reclam sync'\n"
                    : "reclam: the merge stopped on 1 file(s) with conflicts:\n  \(path)\nrun 'reclam conflicts' to see them, "
                        + "'reclam resolve ID --take ours|theirs' to settle each, then 'reclam sync' again\n"),
            "\(stopped.stderr)")
        #expect(stopped.stdout.hasPrefix(french ? "reçu : set(\(id)): " : "in:  set(\(id)): "), "\(stopped.stdout)")
        let conflicts = try shell.run(Shell.reclam, ["conflicts"], in: "ledger").stdout
        #expect(
            conflicts.hasPrefix(
                french
                    ? "\(id)  champ title : chez nous Attestation en retard (" : "\(id)  field title: ours Attestation en retard (")
                && conflicts.contains(french ? ") / chez eux Attestation perdue (" : ") / theirs Attestation perdue ("), "\(conflicts)")
        #expect(
            try run("resolve", id, "--take", "theirs").stdout
                == (french
                    ? "\(path) résolu ; plus aucun conflit : lancez 'reclam sync' pour enregistrer la fusion et l'envoyer\n"
                    : "resolved \(path); no conflict left: run 'reclam sync' to commit the merge and push\n"))
        let merged = try run("sync").stdout
        #expect(
            merged.hasPrefix(french ? "envoyé : set(\(id)): " : "out: set(\(id)): ")
                && merged.contains(
                    french ? "\nbranche main synchronisée avec origin : 0 commit reçu, " : "\nsynced main with origin: 0 commit(s) in, "),
            "\(merged)")
    }

    /// `check`'s findings about the calendar, procedure, SLA and actions sections of reclam.yml:
    /// each sentence in the ledger's language, rule ids and the values quoted as written.
    @Test(arguments: ["fr", "en"]) func procedureAndSLAConfigFindings(language: String) throws {
        let shell = try ledger(language)
        defer { shell.remove() }
        try shell.write(
            "reclam.yml",
            """
            organisation: Test
            language: \(language)
            timezone: Europe/Paris
            calendar:
              region: metropol
              working_days: [mon, tue, wed, thu, fri, satur]
              closures:
                - {from: 2026-12-31, to: 2026-12-24, name: Hiver}
                - {dte: 2026-05-15, name: Pont}
            procedure:
              stages:
                - {id: received, initial: true}
                - {id: closed, terminal: true, requires: [{field: verdict, type: enumm}]}
                - {id: archived}
                - {id: closed}
              transitions:
                - {from: received, to: closed, verb: close}
                - {from: closed, to: received, verb: list}
            sla:
              - {name: answer, stop: closd, duration: 48 heurs}
              - {name: answer, stop: closed, duration: 2 days, since: 2026-13-01}
            actions:
              review_delay: soon

            """)
        let check = try shell.reclam("check")
        #expect(check.status == 1)
        let expected =
            language == "fr"
            ? [
                "reclam.yml:5:11 : erreur : calendar.region 'metropol' n'est pas une région connue ; écrivez l'une de celles-ci : "
                    + "metropole, alsace-moselle, guadeloupe, martinique, guyane, reunion, mayotte (vouliez-vous dire 'metropole' ?) [calendar-invalid]",
                "reclam.yml:6:43 : erreur : 'satur' n'est pas un jour de la semaine ; écrivez lun, mar, mer, jeu, ven, sam, dim "
                    + "(ou mon, tue, wed, thu, fri, sat, sun) [calendar-invalid]",
                "reclam.yml:8:30 : erreur : la fermeture 'Hiver' finit (2026-12-24) avant de commencer (2026-12-31) [calendar-invalid]",
                "reclam.yml:9:7 : erreur : fermeture sans date ; ajoutez date: AAAA-MM-JJ, ou from: et to: pour plusieurs jours [calendar-invalid]",
                "reclam.yml:9:8 : avertissement : réglage de fermeture inconnu 'dte' ; vouliez-vous dire 'date' ? [config-unknown-key]",
                "reclam.yml:13:70 : erreur : type de champ inconnu 'enumm' ; vouliez-vous dire 'enum' ? [procedure-field-type]",
                "reclam.yml:14:7 : erreur : aucune transition ne mène à l'étape 'archived' ; ajoutez-en une ou supprimez l'étape [procedure-unreachable-stage]",
                "reclam.yml:15:12 : erreur : l'étape 'closed' est définie deux fois (une première fois ligne 13) [procedure-invalid]",
                "reclam.yml:18:7 : erreur : l'étape finale 'closed' a une transition sortante vers 'received' ; "
                    + "seule une transition marquée 'reopen: true' peut quitter une étape finale [procedure-terminal-exit]",
                "reclam.yml:18:7 : erreur : le verbe 'list' est le nom d'une commande reclam : 'reclam list ID' ne pourrait pas le lancer ; "
                    + "choisissez un autre verbe [procedure-verb-clash]",
                "reclam.yml:20:26 : erreur : stop 'closd' n'est pas une étape de la procédure ; vouliez-vous dire 'closed' ? [sla-invalid]",
                "reclam.yml:20:43 : erreur : duration '48 heurs' n'est pas une durée ; écrivez un nombre entier et une unité, par exemple "
                    + "48 heures, 8 heures ouvrées, 1 jour ouvré, 10 jours ouvrés, 2 jours ouvrables, 30 jours [sla-invalid]",
                "reclam.yml:21:59 : erreur : since '2026-13-01' n'est pas une date ; écrivez le premier jour où la règle s'applique, "
                    + "au format AAAA-MM-JJ [sla-invalid]",
                "reclam.yml:23:17 : erreur : actions.review_delay doit être un nombre de jours, par exemple '30 jours calendaires' [config-invalid]",
            ]
            : [
                "reclam.yml:5:11: error: calendar.region 'metropol' is not a known region; write one of "
                    + "metropole, alsace-moselle, guadeloupe, martinique, guyane, reunion, mayotte (did you mean 'metropole'?) [calendar-invalid]",
                "reclam.yml:6:43: error: 'satur' is not a day of the week; write mon, tue, wed, thu, fri, sat, sun "
                    + "(or lun, mar, mer, jeu, ven, sam, dim) [calendar-invalid]",
                "reclam.yml:8:30: error: closure 'Hiver' ends (2026-12-24) before it starts (2026-12-31) [calendar-invalid]",
                "reclam.yml:9:7: error: closure without a date; add date: YYYY-MM-DD, or from: and to: for several days [calendar-invalid]",
                "reclam.yml:9:8: warning: unknown closure setting 'dte'; did you mean 'date'? [config-unknown-key]",
                "reclam.yml:13:70: error: unknown field type 'enumm'; did you mean 'enum'? [procedure-field-type]",
                "reclam.yml:14:7: error: no transition reaches stage 'archived'; add one or remove the stage [procedure-unreachable-stage]",
                "reclam.yml:15:12: error: stage 'closed' is defined twice (first on line 13) [procedure-invalid]",
                "reclam.yml:18:7: error: terminal stage 'closed' has an outgoing transition to 'received'; "
                    + "only a transition marked 'reopen: true' may leave a terminal stage [procedure-terminal-exit]",
                "reclam.yml:18:7: error: verb 'list' is the name of a reclam command, so 'reclam list ID' could not run it; "
                    + "choose another verb [procedure-verb-clash]",
                "reclam.yml:20:26: error: stop 'closd' is not a stage of the procedure; did you mean 'closed'? [sla-invalid]",
                "reclam.yml:20:43: error: duration '48 heurs' is not a duration; write a whole number and a unit, e.g. "
                    + "48 hours, 8 business hours, 1 working day, 10 jours ouvrés, 2 jours ouvrables, 30 days [sla-invalid]",
                "reclam.yml:21:59: error: since '2026-13-01' is not a date; write the first day the rule applies to, "
                    + "as YYYY-MM-DD [sla-invalid]",
                "reclam.yml:23:17: error: actions.review_delay must be a number of days, e.g. '30 calendar days' [config-invalid]",
            ]
        let lines = check.stdout.split(separator: "\n").map(String.init)
        for line in expected { #expect(lines.contains(line), "\(check.stdout)") }
    }

    /// `check`'s findings about reclam.yml's mail, people, serve (trusted users included) and
    /// sites sections, and the refusals of `send` and `serve` that quote them. The password
    /// written by mistake is never quoted.
    @Test(arguments: ["fr", "en"]) func mailServeAndSitesConfigFindings(language: String) throws {
        let shell = try ledger(language)
        defer { shell.remove() }
        let french = language == "fr"
        let sections = """
            mail:
              from: pas-une-adresse
              host: smtp.example.org
              security: startls
              password: s3cret-value
              frm: x
            people:
              - {id: claire, email: claire@example.org}
              - {id: claire, email: claire.martin@}
            serve:
              listen: localhost
              session_idle: 2
              trusted_user_header: Cookie
              trusted_proxies: [10.0.0.5, proxy]
            sites:
              - {code: lyon, name: Lyon, region: ARA}
              - {code: lyon, name: Lyon 2, region: ARA}
              - {code: gre}
              - {code: Bad Code, name: x, region: y}

            """
        try shell.write("reclam.yml", try shell.read("reclam.yml") + sections)
        try commitAll(shell, "broken sections")
        let check = try shell.reclam("check")
        #expect(check.status == 1)
        let expected =
            french
            ? [
                "erreur : from 'pas-une-adresse' n'est pas une adresse ; écrivez par exemple \"Organisme Exemple <reclamations@example.org>\" [mail-invalid]",
                "erreur : security 'startls' ne fait pas partie de : starttls, tls, none ; vouliez-vous dire 'starttls' ? [mail-invalid]",
                "erreur : n'écrivez jamais le mot de passe SMTP dans reclam.yml (il est enregistré dans git) : retirez-le, puis définissez "
                    + "RECLAM_SMTP_PASSWORD ou 'password_file: /etc/reclam/smtp-password' (un fichier hors du dépôt) [mail-invalid]",
                "avertissement : réglage inconnu 'frm' dans la section mail ; vouliez-vous dire 'from' ? [config-unknown-key]",
                "erreur : email 'claire.martin@' n'est pas une adresse du type claire@example.org [mail-invalid]",
                "erreur : serve.listen 'localhost' n'est pas de la forme ADRESSE:PORT ; écrivez par exemple 127.0.0.1:8080 [config-invalid]",
                "erreur : serve.session_idle doit être un nombre de minutes de 5 à 1440 [config-invalid]",
                "erreur : serve.trusted_user_header 'Cookie' est un en-tête standard ; choisissez un en-tête propre au proxy, "
                    + "comme X-Remote-User [config-invalid]",
                "erreur : serve.trusted_proxies : 'proxy' n'est pas une adresse IP comme 10.0.0.5 ou fd00::5 [config-invalid]",
                "erreur : serve.trusted_proxies n'a aucun effet sans serve.trusted_user_header : renseignez les deux, ou aucun des deux "
                    + "[config-invalid]",
                "erreur : le code de site 'lyon' figure deux fois [sites-invalid]",
                "erreur : le site 'gre' doit avoir un nom et une région, par exemple {code: gre, name: Lyon Part-Dieu, region: ARA} "
                    + "[sites-invalid]",
                "erreur : code de site : 'Bad Code' n'est pas un id valide : utilisez des lettres minuscules",
            ]
            : [
                "error: from 'pas-une-adresse' is not an address; write e.g. \"Organisme Exemple <reclamations@example.org>\" [mail-invalid]",
                "error: security 'startls' is not one of starttls, tls, none; did you mean 'starttls'? [mail-invalid]",
                "error: never write the SMTP password in reclam.yml (it is committed): remove it, then set RECLAM_SMTP_PASSWORD "
                    + "or 'password_file: /etc/reclam/smtp-password' (a file outside the repository) [mail-invalid]",
                "warning: unknown mail setting 'frm'; did you mean 'from'? [config-unknown-key]",
                "error: email 'claire.martin@' is not an address like claire@example.org [mail-invalid]",
                "error: serve.listen 'localhost' is not ADDRESS:PORT, e.g. 127.0.0.1:8080 [config-invalid]",
                "error: serve.session_idle must be a number of minutes from 5 to 1440 [config-invalid]",
                "error: serve.trusted_user_header 'Cookie' is a standard header; choose one of the proxy's own, such as X-Remote-User "
                    + "[config-invalid]",
                "error: serve.trusted_proxies: 'proxy' is not an IP address such as 10.0.0.5 or fd00::5 [config-invalid]",
                "error: serve.trusted_proxies has no effect without serve.trusted_user_header: set both, or neither [config-invalid]",
                "error: site code 'lyon' is listed twice [sites-invalid]",
                "error: site 'gre' needs a name and a region, e.g. {code: gre, name: Lyon Part-Dieu, region: ARA} [sites-invalid]",
                "error: site code: 'Bad Code' is not a valid id: use lowercase letters",
            ]
        for line in expected { #expect(check.stdout.contains(line), "\(check.stdout)") }
        #expect(!check.stdout.contains("s3cret-value"), "\(check.stdout)")
        let send = try shell.reclam("send", "--dry-run", "--actor", "Test <test@example.org>")
        #expect(send.status == 1)
        #expect(send.stderr.contains(expected[0]), "\(send.stderr)")
        #expect(
            send.stderr.contains(
                french
                    ? "la section 'mail' de reclam.yml n'est pas valide ; corrigez-la (reclam check montre les mêmes constats)"
                    : "the mail: section of reclam.yml is invalid; correct it (reclam check shows the same findings)"),
            "\(send.stderr)")
        let serve = try shell.reclam("serve")
        #expect(serve.status == 1)
        #expect(serve.stderr.contains(expected[5]), "\(serve.stderr)")
        #expect(
            serve.stderr.contains(
                french
                    ? "la section 'serve' de reclam.yml n'est pas valide ; corrigez-la (reclam check)"
                    : "the serve section of reclam.yml is invalid; fix it (reclam check)"), "\(serve.stderr)")
    }

    /// Refusals and I/O errors of the ledger, letters, actions, audit, sync, intake-survey and
    /// send, in the ledger's language; the headline of a reclam.yml that does not read follows
    /// the `language:` it declares. git's and the system's own words are quoted as they are.
    @Test(arguments: ["fr", "en"]) func mailIntakeAndLedgerRefusals(language: String) throws {
        let shell = try ledger(language)
        defer { shell.remove() }
        let french = language == "fr"
        let id = try shell.newCase()
        func expectRefusal(
            _ result: Shell.Result, _ status: Int32, _ line: String, sourceLocation: SourceLocation = #_sourceLocation
        ) {
            #expect(result.status == status, "\(result.stderr)", sourceLocation: sourceLocation)
            #expect(result.stderr.hasSuffix("reclam: \(line)\n"), "\(result.stderr)", sourceLocation: sourceLocation)
        }

        // reclam.yml that does not read: the headline of a writing command.
        let config = try shell.read("reclam.yml")
        try shell.write("reclam.yml", config + "procedure: 42\n")
        let unread = try shell.reclam("ack", id)
        expectRefusal(unread, 1, french ? "reclam.yml n'est pas valide ; corrigez-le d'abord" : "reclam.yml is invalid; fix it first")
        // Its findings above the headline, in the language it declares too.
        #expect(unread.stderr.contains(french ? " : erreur : " : ": error: "), "\(unread.stderr)")
        try shell.write("reclam.yml", config.replacingOccurrences(of: "timezone: Europe/Paris", with: "timezone: Europe/Pariss"))
        expectRefusal(
            try shell.reclam("sla"), 1,
            french
                ? "reclam.yml a des erreurs dans son fuseau horaire, son calendrier ou ses règles de délai ; corrigez-les d'abord"
                : "reclam.yml has errors in its time zone, calendar or SLA rules; fix them first")
        try shell.write("reclam.yml", config)

        // A case that does not read, then one id in two files.
        let path = "cases/stg-1/\(id).md"
        let text = try shell.read(path)
        try shell.write(path, "---\ntitle: [x\n---\n")
        expectRefusal(
            try shell.reclam("ack", id), 1,
            french ? "la réclamation '\(id)' ne peut pas être lue ; corrigez-la d'abord" : "case \(id) cannot be read; fix it first")
        try shell.write(path, text)
        try shell.write("cases/stg-9/\(id).md", text)
        try commitAll(shell, "one id twice")
        let files = "\(path), cases/stg-9/\(id).md"
        expectRefusal(
            try shell.reclam("show", id), 1,
            french
                ? "l'id '\(id)' est utilisé par plusieurs fichiers : \(files) ; lancez 'reclam check'"
                : "id \(id) is used by several files: \(files); run 'reclam check'")
        #expect(try shell.git("rm", "-q", "cases/stg-9/\(id).md").status == 0)
        try commitAll(shell, "one id once")

        // Actions.
        let created = try shell.reclam("action", "new", "--title", "Contrôle des envois", "--kind", "corrective", "--cases", id)
        #expect(created.status == 0, "\(created.stderr)")
        let action = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        expectRefusal(
            try shell.reclam("action", "link", action, id), 1,
            french ? "l'action '\(action)' répond déjà à \(id) ; rien à faire" : "action \(action) already answers \(id); nothing to do")
        let actionText = try shell.read("actions/\(action).md")
        try shell.write("actions/\(action).md", "---\nid: [x\n---\n")
        expectRefusal(
            try shell.reclam("action", "move", action, "done"), 1,
            french
                ? "l'action '\(action)' ne peut pas être lue ; corrigez-la d'abord" : "action \(action) cannot be read; fix it first")
        try shell.write("actions/\(action).md", actionText)

        // A letter template that is not text.
        let template = "templates/letters/essai.\(language).md"
        try shell.write(template, "---\nsubject: x\u{0}\n---\nBonjour\n")
        expectRefusal(
            try shell.reclam("letter", id, "essai"), 1, french ? "\(template) ne peut pas être utilisé" : "\(template) cannot be used")
        try FileManager.default.removeItem(at: shell.directory.appendingPathComponent("ledger/\(template)"))

        // intake-survey of a file that is not there: the system's words are quoted.
        let missing = shell.directory.appendingPathComponent("absent.csv").path
        expectRefusal(
            try shell.reclam("intake-survey", missing), 2,
            (french ? "impossible de lire \(missing) : " : "cannot read \(missing): ") + "No such file or directory")

        // sync with uncommitted edits of a case.
        #expect(try shell.run("/usr/bin/git", ["init", "-q", "--bare", "-b", "main", "remote.git"], in: nil).status == 0)
        #expect(try shell.git("remote", "add", "origin", "../remote.git").status == 0)
        try shell.write(path, text + "Note.\n")
        expectRefusal(
            try shell.reclam("sync"), 1,
            french
                ? "des fichiers du registre ont des modifications non commitées ; commitez-les (reclam commit) ou annulez-les "
                    + "(git restore CHEMIN) avant de synchroniser : \(path)"
                : "uncommitted edits to ledger files; commit them (reclam commit) or discard them (git restore PATH) before syncing: "
                    + path)
        try shell.write(path, text)

        // send: the password file cannot be read (nothing is sent).
        #expect(try shell.reclam("ack", id).status == 0)
        let mail = "mail:\n  from: \"Org <r@example.org>\"\n  host: 127.0.0.1\n  port: 2525\n  security: none\n  user: bob\n"
        try shell.write("reclam.yml", config + mail + "  password_file: /nonexistent/smtp-password\n")
        try commitAll(shell, "mail settings")
        expectRefusal(
            try shell.reclam("send"), 2,
            (french
                ? "impossible de lire mail.password_file /nonexistent/smtp-password : "
                : "cannot read mail.password_file /nonexistent/smtp-password: ") + "No such file or directory")

        // audit without a repository.
        let ledgerURL = shell.directory.appendingPathComponent("ledger")
        try FileManager.default.moveItem(
            at: ledgerURL.appendingPathComponent(".git"), to: shell.directory.appendingPathComponent("git-aside"))
        let audit = try shell.reclam("audit")
        #expect(audit.status == 2, "\(audit.stderr)")
        #expect(
            audit.stderr.hasPrefix(
                "reclam: \(ledgerURL.path)" + (french ? " n'est pas un dépôt git : " : " is not a git repository: ")),
            "\(audit.stderr)")
    }

    /// What the git layer and the lookups say without knowing the ledger (`ReclamError`'s
    /// sentence), worded by the CLI in the ledger's language: git failing, an unknown case or
    /// action, no remote to sync with.
    @Test(arguments: ["fr", "en"]) func gitFailuresAndUnknownNames(language: String) throws {
        var shell = try ledger(language)
        defer { shell.remove() }
        let french = language == "fr"
        let log = try shell.reclam("log", "20261101-zzzz")
        #expect(log.status == 2)
        #expect(
            log.stderr
                == (french
                    ? "reclam: aucune réclamation d'identifiant 20261101-zzzz ; 'reclam list' liste les réclamations\n"
                    : "reclam: no case with id 20261101-zzzz; 'reclam list' shows the cases\n"),
            "\(log.stderr)")
        let action = try shell.reclam("action", "move", "a-2026-999", "done")
        #expect(action.status == 2)
        #expect(
            action.stderr.contains(
                french
                    ? "reclam: aucune action a-2026-999 ; 'reclam action list' liste les actions"
                    : "reclam: no action a-2026-999; 'reclam action list' shows them"
            ), "\(action.stderr)")
        let sync = try shell.reclam("sync")
        #expect(sync.status == 2)
        #expect(
            sync.stderr
                == (french
                    ? "reclam: aucun dépôt distant nommé 'origin' ; ajoutez-en un avec : git remote add origin URL\n"
                    : "reclam: no remote named 'origin'; add one with: git remote add origin URL\n"),
            "\(sync.stderr)")
        // git out of reach: its own words are quoted as they are.
        shell.environment["PATH"] = "/nonexistent"
        let audit = try shell.reclam("audit")
        #expect(audit.status == 2)
        #expect(audit.stderr.hasPrefix(french ? "reclam: git log a échoué : " : "reclam: git log failed: "), "\(audit.stderr)")
    }
}
