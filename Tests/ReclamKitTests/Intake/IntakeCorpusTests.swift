import Foundation
import Testing

@testable import ReclamCore
@testable import ReclamGit
@testable import ReclamKit
@testable import ReclamLedger
@testable import ReclamOutput
@testable import ReclamRules
@testable import ReclamWorkflow

/// Every message a mail program would show becomes a case: GMime's own test messages and one
/// hand-made message per malformation (Fixtures/intake/corpus).
@Suite struct IntakeCorpusTests {
    static let corpus = IntakeFixtures.folder.appendingPathComponent("corpus")

    static func messages(_ folder: String) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: corpus.appendingPathComponent(folder), includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "eml" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// Hand-made messages whose oddity is read without a warning (bare CRs are line breaks).
    static let handmadeWithoutWarning: Set<String> = ["mixed-line-endings.eml"]

    @Test func everyMessageOfTheCorpusBecomesACaseAndCheckIsClean() throws {
        let ledger = try IntakeLedger()
        let gmime = try Self.messages("gmime")
        let handmade = try Self.messages("handmade")
        #expect(gmime.count == 9)
        #expect(handmade.count == 22)
        let inputs = (gmime + handmade).map { EmailIntake.Input(label: $0.lastPathComponent, url: $0) }
        let report = try EmailIntake.run(inputs, options: .init(learner: "stg-2026-099"), context: try ledger.context())
        var texts: [String: String] = [:]
        for (item, url) in zip(report.items, gmime + handmade) {
            guard let id = item.outcome.caseID else {
                Issue.record("\(item.input.label): \(item.outcome)")
                continue
            }
            let path = try ledger.casePath(id)
            let text = try ledger.read(path)
            texts[item.input.label] = text
            guard handmade.contains(url), !Self.handmadeWithoutWarning.contains(url.lastPathComponent) else { continue }
            // What was wrong is listed, and the message is kept as it came, with its hash.
            #expect(text.contains("\nintake_warnings:\n  - "), "\(item.input.label)")
            let original = try Data(contentsOf: url)
            let stored = try ledger.data(String(path.dropLast(3)) + "/original.eml")
            #expect(stored == original, "\(item.input.label)")
            #expect(
                text.contains("{file: original.eml, size: \(original.count), sha256: \(IntakeHash.sha256(original))}"),
                "\(item.input.label)")
        }
        // GMime's three copies of one message (same Message-ID) are one case.
        #expect(report.created == gmime.count + handmade.count - 2)
        #expect(report.refused == 0 && report.rejected == 0)
        let diagnostics = try ledger.check()
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")

        // Nothing of the complaint is lost, whatever the malformation.
        let expected: [(String, String)] = [
            ("part-without-headers.eml", "le repas n'était pas prévu"),
            ("multipart-without-boundary.eml", "Le certificat porte une faute dans mon nom."),
            ("empty-multipart.eml", "aucune convocation reçue"),
            ("invalid-content-type.eml", "Le questionnaire ne s'ouvre pas."),
            ("truncated-multipart.eml", "La plateforme en ligne était inaccessible"),
            ("nested-truncated.eml", "> Votre session est annul"),
            ("wrong-charset.eml", "La convention était fausse, le coût aussi."),
            ("substring-3.eml", "Hello world."),
            ("rfc2060.eml", "This part specifier should be: 1"),
        ]
        for (file, sentence) in expected { #expect(texts[file]?.contains(sentence) == true, "\(file)") }
        let warnings: [(String, String)] = [
            ("duplicated-cc.eml", "en-têtes Cc contradictoires"),
            ("duplicated-subject.eml", "en-tête en double 'Subject'"),
            ("two-from.eml", "en-têtes From contradictoires"),
            ("truncated-multipart.eml", "le message est tronqué"),
            ("part-without-headers.eml", "une partie MIME n'a ni en-têtes ni contenu"),
            ("multipart-without-boundary.eml", "une section multipart n'a pas de limite (boundary)"),
            ("unknown-transfer-encoding.eml", "Content-Transfer-Encoding inconnu 'x-uuencode-maybe'"),
            ("unknown-charset.eml", "le texte est déclaré en 'x-klingon-1'"),
            ("bad-encoded-words.eml", "mots encodés (RFC 2047) qui ne peuvent être décodés"),
            ("bad-header-line.eml", "une ligne d'en-tête qui n'est pas un en-tête a été ignorée"),
            ("bad-date.eml", "l'en-tête Date 'le 9 novembre vers midi' est illisible"),
            ("missing-headers.eml", "le message n'a pas d'en-tête Date"),
            ("no-from.eml", "le message n'a pas d'expéditeur"),
        ]
        for (file, warning) in warnings { #expect(texts[file]?.contains(warning) == true, "\(file)") }
    }

    @Test func messageWithoutSenderHasAnEmptyContact() throws {
        let ledger = try IntakeLedger()
        let url = Self.corpus.appendingPathComponent("handmade/no-from.eml")
        let input = EmailIntake.Input(label: "new/no-from", url: url)
        let refused = try EmailIntake.run([input], options: .init(), context: try ledger.context())
        guard case .refused(let reason) = refused.items[0].outcome else {
            Issue.record("\(refused.items[0].outcome)")
            return
        }
        #expect(reason.contains("n'a pas d'expéditeur (From)"))
        #expect(reason.contains("reclam intake --learner <learner-id> new/no-from"))
        #expect(refused.commit == nil)

        let report = try EmailIntake.run([input], options: .init(learner: "stg-2026-099"), context: try ledger.context())
        let id = try #require(report.items[0].outcome.caseID)
        let text = try ledger.read(try ledger.casePath(id))
        #expect(text.contains("\ncontact: \"\"\n"))
        #expect(!text.contains("\nsender:"))
        #expect(try ledger.check().isEmpty)
    }

    @Test func onlyNotMessagesLimitsAndBombsAreRejected() throws {
        let ledger = try IntakeLedger()
        let folder = ledger.root.appendingPathComponent("incoming")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var deep = "From: a@example.org\nSubject: x\nMIME-Version: 1.0\n"
        for level in 0..<12 { deep += "Content-Type: multipart/mixed; boundary=\"b\(level)\"\n\n--b\(level)\n" }
        deep += "Content-Type: text/plain\n\ndeep\n"
        let files: [(String, Data)] = [
            ("empty.eml", Data()), ("csv.eml", Data("a;b;c\n1;2;3\n".utf8)),
            ("pdf.eml", try IntakeFixtures.data("not-a-message.eml")), ("deep.eml", Data(deep.utf8)),
            ("big.eml", Data(("From: a@example.org\nSubject: x\n\n" + String(repeating: "x", count: 4000)).utf8)),
        ]
        var inputs: [EmailIntake.Input] = []
        for (name, data) in files {
            try data.write(to: folder.appendingPathComponent(name))
            inputs.append(EmailIntake.Input(label: name, url: folder.appendingPathComponent(name)))
        }
        let limits = IncomingMailLimits(maximumSize: 2000)
        let report = try EmailIntake.run(inputs, options: .init(learner: "stg-2026-099", limits: limits), context: try ledger.context())
        let reasons = report.items.map { item -> String in
            if case .rejected(let reason) = item.outcome { return reason }
            return "not rejected: \(item.outcome)"
        }
        #expect(reasons[0].contains("le fichier est vide"))
        #expect(reasons[1].contains("ce n'est pas un courriel"))
        #expect(reasons[2].contains("ce n'est pas un courriel"))
        #expect(reasons[3].contains("imbriquées sur plus de 10 niveaux (--max-depth)"))
        #expect(reasons[4].contains("--max-size"))
        #expect(report.commit == nil)
    }

    /// `reclam schema` agrees with `reclam check`: an empty contact is valid, a second line is not.
    @Test func theSchemaAcceptsAnEmptyContact() throws {
        let ledger = try TemporaryLedger(config: ProcedurePreset.training.configText)
        let text = JSON.encode(JSONSchema.caseFrontMatter(config: try ledger.ledger().config))
        let root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let properties = try #require(root["properties"] as? [String: [String: Any]])
        let pattern = try #require(properties["contact"]?["pattern"] as? String)
        let regex = try NSRegularExpression(pattern: pattern)
        func matches(_ value: String) -> Bool {
            regex.firstMatch(in: value, range: NSRange(value.startIndex..., in: value)) != nil
        }
        #expect(matches("") && matches("paul.martin@example.net"))
        #expect(!matches("a\nb"))
        #expect(properties["intake_warnings"]?["type"] as? String == "array")
    }

    @Test func noSenderIsAWarningNotARefusal() throws {
        let mail = try IncomingMailReader.read(Data("Subject: hello\n\nno sender\n".utf8))
        #expect(mail.senderAddress == nil)
        #expect(mail.warnings == [IncomingMailReader.noSender])
        let named = try IncomingMailReader.read(Data("From: nobody\nSubject: x\n\ntext\n".utf8))
        #expect(named.senderAddress == nil)
        #expect(named.warnings.contains(IncomingMailReader.noSender))
    }
}
