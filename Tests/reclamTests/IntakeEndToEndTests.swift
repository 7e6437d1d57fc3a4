import Foundation
import Testing

/// `reclam intake` and `reclam intake-survey` on the built binary, checked with the git CLI.
@Suite struct IntakeEndToEndTests {
    static let fixtures = Shell.packageRoot.appendingPathComponent("Tests/ReclamKitTests/Fixtures/intake")

    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    /// A ledger with learner stg-2026-014, who writes from jeanne.dupont@example.org.
    func ledgerWithLearner() throws -> Shell {
        let shell = try Shell()
        try shell.initLedger()
        try shell.write("cases/stg-2026-014/learner.md", "---\nid: stg-2026-014\nemails: [jeanne.dupont@example.org]\n---\n")
        try shell.git("add", "-A")
        try shell.git("-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-q", "-m", "learner file")
        return shell
    }

    func sha256(_ path: String, in shell: Shell) throws -> String {
        let result = try shell.run("/usr/bin/sha256sum", [path], in: "ledger")
        return String(result.stdout.prefix(64))
    }

    @Test func emailBatchCommitsTheGoodMessagesOnceAndReportsTheRest() throws {
        let shell = try ledgerWithLearner()
        defer { shell.remove() }
        let names = ["latin1-plain.eml", "attachments.eml", "not-a-message.eml", "latin1-plain-again.eml", "forwarded.eml"]
        let before = try shell.head()
        let result = try shell.run(Shell.reclam, ["intake"] + names.map(Self.fixture), in: "ledger")
        #expect(result.status == 1, "\(result.stderr)")
        let ids = result.stdout.split(separator: "\n").map(String.init)
        #expect(ids.count == 4)
        #expect(ids[0] == ids[2], "the second copy is the same case")
        #expect(Set(ids).count == 3)
        #expect(result.stderr.contains("not-a-message.eml : refusé : ce n'est pas un courriel"))
        #expect(result.stderr.contains("latin1-plain-again.eml : déjà reçu, réclamation \(ids[0]) ; rien de nouveau"))
        #expect(result.stderr.contains("reclam: 3 nouvelles réclamations, 1 message déjà reçu, 1 refusé"))

        let log = try shell.git("log", "--format=%s", "\(before)..HEAD").stdout
        #expect(log == "intake: 3 cases from email\n")
        let trailers = try shell.git("log", "-1", "--format=%(trailers:key=Reclam-Case,valueonly)").stdout
        #expect(trailers.split(separator: "\n").map(String.init) == [ids[0], ids[1], ids[3]])
        let message = try shell.git("log", "-1", "--format=%B").stdout
        #expect(!message.contains("@") && !message.contains("Dupont"))
        let paths = try shell.git("show", "--name-only", "--format=", "HEAD").stdout
        #expect(!paths.contains("@") && !paths.contains("Dupont") && !paths.contains("dupont"))
        #expect(try shell.status() == "")

        let attached = try shell.read("cases/stg-2026-014/\(ids[1]).md")
        let pdf = "cases/stg-2026-014/\(ids[1])/attestation érronée.pdf"
        let png = "cases/stg-2026-014/\(ids[1])/reclam.yml"
        #expect(attached.contains("{file: attestation érronée.pdf, size: 74, sha256: \(try sha256(pdf, in: shell))}"))
        #expect(attached.contains("{file: reclam.yml, size: 70, sha256: \(try sha256(png, in: shell))}"))
        #expect(try sha256(pdf, in: shell) == "1f74953a1704e737f17bb115330ad1429bcf348a4e4a3ce33edba5dcbbd97353")
        #expect(try shell.git("ls-files", "cases/stg-2026-014/\(ids[1])").stdout.split(separator: "\n").count == 7)
        #expect(try shell.read("reclam.yml").contains("procedure"), "an attachment named ../../reclam.yml stays in its folder")

        let forwarded = try shell.read("cases/stg-2026-014/\(ids[3]).md")
        #expect(forwarded.contains("> Je demande le remboursement de la session annulée."))
        #expect(forwarded.contains("{file: Demande de remboursement.eml,"))

        let check = try shell.reclam("check")
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(!check.stdout.contains("error"))

        let tip = try shell.head()
        let again = try shell.run(
            Shell.reclam, ["intake", Self.fixture("latin1-plain.eml"), Self.fixture("attachments.eml")], in: "ledger")
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout == "\(ids[0])\n\(ids[1])\n")
        #expect(again.stderr.contains("reclam: 0 nouvelle réclamation, 2 messages déjà reçus"))
        #expect(try shell.head() == tip)
    }

    @Test func unknownSenderNeedsLearnerAndMissingDateWarns() throws {
        let shell = try ledgerWithLearner()
        defer { shell.remove() }
        let before = try shell.head()
        let refused = try shell.run(Shell.reclam, ["intake", Self.fixture("no-date.eml")], in: "ledger")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("ne figure dans la liste 'emails:' d'aucun stagiaire"))
        #expect(refused.stderr.contains("--learner"))
        #expect(refused.stdout == "")
        #expect(try shell.head() == before)

        let accepted = try shell.run(Shell.reclam, ["intake", "--learner", "stg-2026-020", Self.fixture("no-date.eml")], in: "ledger")
        #expect(accepted.status == 0, "\(accepted.stderr)")
        #expect(accepted.stderr.contains("avertissement : le message n'a pas d'en-tête Date ; la réception est datée de"))
        let id = accepted.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let text = try shell.read("cases/stg-2026-020/\(id).md")
        #expect(text.contains("\ncontent_sha256: "))
        #expect(text.contains("Le prix affiché était 990 €"))
        #expect(try shell.read("cases/stg-2026-020/learner.md") == "---\nid: stg-2026-020\n---\n")
        let again = try shell.run(Shell.reclam, ["intake", "--learner", "stg-2026-020", Self.fixture("no-date.eml")], in: "ledger")
        #expect(again.stdout == "\(id)\n")
        #expect(try shell.reclam("check").status == 0)
    }

    @Test func limitsAndUsage() throws {
        let shell = try ledgerWithLearner()
        defer { shell.remove() }
        let before = try shell.head()
        let big = try shell.run(Shell.reclam, ["intake", "--max-size", "1K", Self.fixture("attachments.eml")], in: "ledger")
        #expect(big.status == 1)
        #expect(big.stderr.contains("au-delà de la limite de 1024 octets (--max-size 1024)"))
        let none = try shell.reclam("intake")
        #expect(none.status == 2)
        let badSize = try shell.reclam("intake", "--max-size", "lots", Self.fixture("attachments.eml"))
        #expect(badSize.status == 2)
        let missing = try shell.reclam("intake", "no-such-file.eml")
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no-such-file.eml : erreur : impossible de lire le fichier"))
        #expect(try shell.head() == before)
        let help = try shell.reclam("help", "intake", in: nil)
        #expect(help.stdout.contains("Example"))
        let surveyHelp = try shell.reclam("help", "intake-survey", in: nil)
        #expect(surveyHelp.stdout.contains("Example"))
    }

    @Test func maildirNewMessagesMoveToCurWhenTakenIn() throws {
        let shell = try ledgerWithLearner()
        defer { shell.remove() }
        let maildir = shell.directory.appendingPathComponent("Maildir")
        for folder in ["new", "cur", "tmp"] {
            try FileManager.default.createDirectory(at: maildir.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        let fm = FileManager.default
        try fm.copyItem(atPath: Self.fixture("latin1-plain.eml"), toPath: maildir.appendingPathComponent("new/1763000000.M1P1.host").path)
        try fm.copyItem(atPath: Self.fixture("not-a-message.eml"), toPath: maildir.appendingPathComponent("new/1763000001.M2P1.host").path)
        try fm.copyItem(atPath: Self.fixture("forwarded.eml"), toPath: maildir.appendingPathComponent("new/1763000002.M3P1.host").path)
        let result = try shell.run(Shell.reclam, ["intake", "--maildir", maildir.path], in: "ledger")
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").count == 2)
        #expect(try fm.contentsOfDirectory(atPath: maildir.appendingPathComponent("new").path) == [])
        #expect(try fm.contentsOfDirectory(atPath: maildir.appendingPathComponent("refused").path) == ["1763000001.M2P1.host"])
        #expect(result.stderr.contains("déplacé dans \(maildir.path)/refused/1763000001.M2P1.host"))
        #expect(
            try fm.contentsOfDirectory(atPath: maildir.appendingPathComponent("cur").path).sorted() == [
                "1763000000.M1P1.host:2,S", "1763000002.M3P1.host:2,S",
            ])
        let again = try shell.run(Shell.reclam, ["intake", "--maildir", maildir.path], in: "ledger")
        #expect(again.status == 0)
        #expect(again.stdout == "")
        #expect(try shell.git("log", "--format=%s").stdout.split(separator: "\n").filter { $0.hasPrefix("intake:") }.count == 1)
    }

    @Test func surveyImportOverlapsAndBadRows() throws {
        let shell = try ledgerWithLearner()
        defer { shell.remove() }
        let first = try shell.run(Shell.reclam, ["intake-survey", Self.fixture("survey-bom-semicolon.csv")], in: "ledger")
        #expect(first.status == 0, "\(first.stderr)")
        let ids = first.stdout.split(separator: "\n").map(String.init)
        #expect(ids.count == 2)
        #expect(
            first.stderr.contains(
                "5 réponses (UTF-8 avec BOM, ';') : 2 sous 6 (2 nouvelles réclamations, 0 déjà reçue), 2 égales ou au-dessus, 1 sans note")
        )
        #expect(try shell.git("log", "-1", "--format=%s").stdout == "intake-survey: 2 cases from survey\n")
        #expect(
            try shell.git("log", "-1", "--format=%(trailers:key=Reclam-Case,valueonly)").stdout.split(separator: "\n").map(String.init)
                == ids)

        let overlap = try shell.run(Shell.reclam, ["intake-survey", Self.fixture("survey-cp1252-comma.csv")], in: "ledger")
        #expect(overlap.status == 0, "\(overlap.stderr)")
        let overlapIDs = overlap.stdout.split(separator: "\n").map(String.init)
        #expect(overlapIDs.count == 3)
        #expect(Array(overlapIDs.prefix(2)) == ids)
        #expect(overlap.stderr.contains("(1 nouvelle réclamation, 2 déjà reçues)"))

        let tip = try shell.head()
        let rerun = try shell.run(Shell.reclam, ["intake-survey", Self.fixture("survey-bom-semicolon.csv")], in: "ledger")
        #expect(rerun.stdout == first.stdout)
        #expect(try shell.head() == tip)

        let bad = try shell.run(Shell.reclam, ["intake-survey", Self.fixture("survey-bad-row.csv")], in: "ledger")
        #expect(bad.status == 1)
        #expect(bad.stdout == "")
        #expect(bad.stderr.contains("survey-bad-row.csv:3 : erreur : la note 'trois' n'est pas un nombre"))
        #expect(bad.stderr.contains("survey-bad-row.csv:4 : erreur : la date '2026-13-45' n'est pas une date"))
        #expect(try shell.head() == tip)
        // Line 4 scores 2: a complaint. --skip-bad-rows skips line 3, never line 4.
        let skipped = try shell.run(Shell.reclam, ["intake-survey", "--skip-bad-rows", Self.fixture("survey-bad-row.csv")], in: "ledger")
        #expect(skipped.status == 1)
        #expect(skipped.stdout == "")
        #expect(skipped.stderr.contains("1 ligne sous le seuil dans "))
        #expect(
            skipped.stderr.contains(
                "ne peut être prise en charge (ligne 4) : rien n'a été importé ; une réclamation n'est jamais écartée"))
        #expect(try shell.head() == tip)

        let columns = try shell.run(
            Shell.reclam,
            ["intake-survey", "--threshold", "4", "--columns", "score=Note globale (sur 10)", Self.fixture("survey-msforms.csv")],
            in: "ledger")
        #expect(columns.status == 2)
        #expect(columns.stderr.contains("aucune colonne 'Note globale (sur 10)'"))
        let check = try shell.reclam("check")
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }
}
