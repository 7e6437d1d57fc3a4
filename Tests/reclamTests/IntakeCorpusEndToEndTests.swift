import Foundation
import Testing

/// `reclam intake` on malformed mail, on the built binary: every message a mail program would
/// show becomes a case, what is not a message leaves `new/` for `refused/`, and a case without
/// sender cannot be acknowledged until its contact is set.
@Suite struct IntakeCorpusEndToEndTests {
    static let corpus = Shell.packageRoot.appendingPathComponent("Tests/ReclamKitTests/Fixtures/intake/corpus")

    static func message(_ name: String) -> String { corpus.appendingPathComponent(name).path }

    @Test func maildirOfMalformedMailBecomesCasesAndTheRestMovesToRefused() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger()
        let fm = FileManager.default
        let maildir = shell.directory.appendingPathComponent("Maildir")
        for folder in ["new", "cur", "tmp"] {
            try fm.createDirectory(at: maildir.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        let files = [
            ("1763000001.M1P1.host", "handmade/two-from.eml"), ("1763000002.M2P1.host", "handmade/part-without-headers.eml"),
            ("1763000003.M3P1.host", "handmade/no-from.eml"), ("1763000004.M4P1.host", "gmime/substring-2.eml"),
        ]
        for (name, source) in files {
            try fm.copyItem(atPath: Self.message(source), toPath: maildir.appendingPathComponent("new/\(name)").path)
        }
        try Data("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n".utf8).write(
            to: maildir.appendingPathComponent("new/1763000005.M5P1.host"))

        let result = try shell.run(Shell.reclam, ["intake", "--learner", "stg-2026-099", "--maildir", maildir.path], in: "ledger")
        #expect(result.status == 1, "\(result.stderr)")
        let ids = result.stdout.split(separator: "\n").map(String.init)
        #expect(ids.count == 4)
        #expect(result.stderr.contains("reclam: 4 nouvelles réclamations, 0 message déjà reçu, 1 refusé"))
        #expect(result.stderr.contains("1763000005.M5P1.host : refusé : ce n'est pas un courriel"))
        #expect(result.stderr.contains("déplacé dans \(maildir.path)/refused/1763000005.M5P1.host"))
        #expect(try fm.contentsOfDirectory(atPath: maildir.appendingPathComponent("new").path) == [])
        #expect(try fm.contentsOfDirectory(atPath: maildir.appendingPathComponent("refused").path) == ["1763000005.M5P1.host"])
        #expect(try fm.contentsOfDirectory(atPath: maildir.appendingPathComponent("cur").path).count == 4)

        // Each case lists what was wrong and keeps the message, whose hash sha256sum reproduces.
        for (id, (_, source)) in zip(ids, files) {
            let text = try shell.read("cases/stg-2026-099/\(id).md")
            #expect(text.contains("\nintake_warnings:\n  - "), "\(source)")
            let original = "cases/stg-2026-099/\(id)/original.eml"
            let sum = try shell.run("/usr/bin/sha256sum", [original], in: "ledger").stdout.prefix(64)
            #expect(
                text.contains(
                    "{file: original.eml, size: \(try Data(contentsOf: URL(fileURLWithPath: Self.message(source))).count), sha256: \(sum)}")
            )
            #expect(try shell.run("/usr/bin/cmp", [original, Self.message(source)], in: "ledger").status == 0)
        }
        #expect(try shell.read("cases/stg-2026-099/\(ids[0]).md").contains("en-têtes From contradictoires"))
        #expect(try shell.read("cases/stg-2026-099/\(ids[1]).md").contains("le repas n'était pas prévu"))
        let check = try shell.reclam("check")
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stderr.contains("0 erreur, 0 avertissement"), "\(check.stdout)\(check.stderr)")
        #expect(try shell.status() == "")

        // No sender: the acknowledgement waits for a contact, and says how to give one.
        let noSender = ids[2]
        #expect(try shell.read("cases/stg-2026-099/\(noSender).md").contains("\ncontact: \"\"\n"))
        let before = try shell.head()
        let blocked = try shell.reclam("ack", noSender)
        #expect(blocked.status == 1)
        #expect(blocked.stderr.contains("n'a pas de contact"))
        #expect(blocked.stderr.contains("reclam ack \(noSender) --set contact=ADRESSE"))
        #expect(try shell.head() == before)
        #expect(try shell.status() == "")
        let notAnAddress = try shell.reclam("ack", noSender, "--set", "contact=by phone")
        #expect(notAnAddress.status == 1)
        #expect(notAnAddress.stderr.contains("n'est pas une adresse électronique"))
        #expect(try shell.head() == before)

        let acknowledged = try shell.reclam("ack", noSender, "--set", "contact=paul.martin@example.net")
        #expect(acknowledged.status == 0, "\(acknowledged.stderr)")
        let outbox = try shell.read("outbox/\(noSender)-ack.eml")
        #expect(outbox.contains("\nTo: <paul.martin@example.net>\r\n"))
        #expect(try shell.read("cases/stg-2026-099/\(noSender).md").contains("\ncontact: paul.martin@example.net\n"))
        #expect(try shell.reclam("check").status == 0)

        // A case with a sender is acknowledged as before.
        let withSender = try shell.reclam("ack", ids[0])
        #expect(withSender.status == 0, "\(withSender.stderr)")
        #expect(try shell.read("outbox/\(ids[0])-ack.eml").contains("\nTo: <paul.martin@example.net>\r\n"))
    }

    @Test func messageWithoutSenderNamesTheCommandThatTakesItIn() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger()
        let before = try shell.head()
        let refused = try shell.reclam("intake", Self.message("handmade/no-from.eml"))
        #expect(refused.status == 1)
        #expect(refused.stdout == "")
        #expect(refused.stderr.contains("reclam intake --learner <learner-id> \(Self.message("handmade/no-from.eml"))"))
        #expect(try shell.head() == before)
        let taken = try shell.reclam("intake", "--learner", "stg-2026-099", Self.message("handmade/no-from.eml"))
        #expect(taken.status == 0, "\(taken.stderr)")
        #expect(taken.stderr.contains("avertissement : le message n'a pas d'expéditeur"))
    }
}
