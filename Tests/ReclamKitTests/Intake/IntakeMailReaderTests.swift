import Foundation
import Testing

@testable import ReclamCore
@testable import ReclamGit
@testable import ReclamKit
@testable import ReclamLedger
@testable import ReclamOutput
@testable import ReclamRules
@testable import ReclamWorkflow

enum IntakeFixtures {
    static let folder = Fixtures.root.appendingPathComponent("intake")

    static func url(_ name: String) -> URL { folder.appendingPathComponent(name) }

    static func data(_ name: String) throws -> Data { try Data(contentsOf: url(name)) }

    static func mail(_ name: String) throws -> IncomingMail { try IncomingMailReader.read(try data(name)) }

    /// The SHA-256 of the fictional PDF and PNG attached in the fixtures (computed with sha256sum).
    static let pdfSHA256 = "1f74953a1704e737f17bb115330ad1429bcf348a4e4a3ce33edba5dcbbd97353"
    static let pngSHA256 = "385c75deaaa51e000fb93af272ec173b7b302fe1d28f0b856ea5e138d399d469"
}

@Suite struct IntakeMailReaderTests {
    @Test func latin1QuotedPrintableIsReadAsWindows1252() throws {
        let mail = try IntakeFixtures.mail("latin1-plain.eml")
        #expect(mail.subject == "Attestation non reçue – coût 1 200 €", "a no-break space is a space in a title")
        #expect(mail.messageID == "CAF4xk2=abc.123@mail.example.org")
        #expect(mail.senderAddress == "jeanne.dupont@example.org")
        #expect(mail.senderName == "Jeanne Dupont")
        #expect(mail.date == ISODateTime.parse("2026-11-09T14:03:00+01:00")?.date)
        #expect(mail.body.contains("Le coût de 1\u{A0}200 € a pourtant été réglé – c’est urgent."))
        #expect(!mail.body.contains("\r"))
        #expect(mail.attachments.isEmpty)
    }

    @Test func alternativePrefersThePlainText() throws {
        let mail = try IntakeFixtures.mail("alternative.eml")
        #expect(mail.subject == "Salle trop froide – été 2026")
        #expect(!mail.bodyFromHTML)
        #expect(mail.body.hasPrefix("Bonjour,\n\nLa salle de formation était trop froide les 3 jours. « Inacceptable »."))
        #expect(!mail.body.contains("<"))
        #expect(mail.attachments.isEmpty)
        #expect(mail.partCount == 3)
    }

    @Test func htmlOnlyMailBecomesReadableTextWithoutScript() throws {
        let mail = try IntakeFixtures.mail("html-only.eml")
        #expect(mail.bodyFromHTML)
        #expect(mail.senderAddress == "rh@acme.example")
        #expect(
            mail.body == """
                Bonjour,

                Le formateur est arrivé en retard à chaque séance :

                - lundi : 45 min
                - mardi : 1 h

                Voir le planning (https://example.org/planning).
                Merci & bonne journée

                L’équipe <RH>

                [logo]
                """)
        #expect(!mail.body.contains("alert"))
        #expect(!mail.body.contains("Ignored title"))
    }

    @Test func attachmentsAreDecodedWithTheirNames() throws {
        let mail = try IntakeFixtures.mail("attachments.eml")
        #expect(mail.body == "Veuillez trouver ci-joint la facture et l'attestation erronée.")
        #expect(
            mail.attachments.map(\.name) == [
                "attestation érronée.pdf", "../../reclam.yml", nil, "relevé.csv", "RELEVÉ.csv", "CV Jeanne Dupont.pdf", ".htaccess",
            ])
        #expect(IntakeHash.sha256(mail.attachments[0].data) == IntakeFixtures.pdfSHA256)
        #expect(IntakeHash.sha256(mail.attachments[1].data) == IntakeFixtures.pngSHA256)
        #expect(mail.attachments[2].contentType == "application/pdf")
        #expect(String(decoding: mail.attachments[3].data, as: UTF8.self) == "date;montant\r\n2026-11-01;1200\r\n")
    }

    @Test func forwardedMessageIsAttachedAndQuoted() throws {
        let mail = try IntakeFixtures.mail("forwarded.eml")
        #expect(mail.body == "Je vous transfère ma demande restée sans réponse.")
        #expect(mail.attachments.count == 1)
        #expect(mail.attachments[0].contentType == "message/rfc822")
        #expect(mail.attachments[0].name == "Demande de remboursement.eml")
        let inner = String(decoding: mail.attachments[0].data, as: UTF8.self)
        #expect(inner.contains("Message-ID: <inner-1@example.org>"))
        #expect(mail.attachedMessages.count == 1)
        #expect(mail.attachedMessages[0].subject == "Demande de remboursement")
        #expect(mail.attachedMessages[0].text == "Je demande le remboursement de la session annulée.")
        #expect(mail.depth == 4)
        let text = EmailIntake.fullText(mail, english: false)
        #expect(
            text == """
                Je vous transfère ma demande restée sans réponse.

                Message joint « Demande de remboursement » :

                > Je demande le remboursement de la session annulée.
                """)
    }

    @Test func otherCharsets() throws {
        let noDate = try IntakeFixtures.mail("no-date.eml")
        #expect(noDate.body == "Le prix affiché était 990 €, facturé 1 090 €. Œuvre à corriger.\n")
        #expect(noDate.date == nil)
        #expect(noDate.dateHeader == nil)
        #expect(noDate.messageID == nil)
        let utf16 = try IntakeFixtures.mail("utf16.eml")
        #expect(utf16.body == "Formation annulée la veille — aucun avertissement.\n")
    }

    @Test func truncatedMessageIsReadWithAWarning() throws {
        let mail = try IntakeFixtures.mail("truncated.eml")
        #expect(mail.warnings.contains(.truncated))
        #expect(!mail.body.isEmpty)
        #expect(mail.original == (try IntakeFixtures.data("truncated.eml")))
    }

    @Test func notAMessageIsRefused() throws {
        for (input, expected) in [
            ("", "empty"), ("\n \r\n", "empty"), ("a;b;c\n1;2;3\n", "not an email message"),
            ("key: value\nother: 2\n", "not an email message"), ("\u{0}\u{1}\u{2}binary", "not an email message"),
            (try String(contentsOf: IntakeFixtures.url("not-a-message.eml"), encoding: .isoLatin1), "not an email message"),
        ] {
            do {
                _ = try IncomingMailReader.read(Data(input.utf8))
                Issue.record("accepted: \(input)")
            } catch {
                #expect(error.description.contains(expected), "\(input): \(error.reason)")
            }
        }
    }

    @Test func oddHeadersAreReportedNotRefused() throws {
        let mail = try IncomingMailReader.read(Data("From: a@example.org\nBad Header: y\u{1}\nSubject: s\n\nbody\n".utf8))
        #expect(mail.subject == "s")
        #expect(mail.warnings.map { $0.text(Messages(.en)) } == ["a header line that is not a header was ignored: 'Bad Header: y'"])
        let twoSenders = try IncomingMailReader.read(Data("From: a@example.org\nFrom: b@example.org\nSubject: s\n\nbody\n".utf8))
        #expect(twoSenders.warnings.map { $0.text(Messages(.en)) } == ["conflicting From headers: mail programs may show either"])
        #expect(twoSenders.body == "body\n")
    }

    @Test func unparsableDateIsKeptAsTextOnly() throws {
        let mail = try IncomingMailReader.read(Data("From: a@example.org\nDate: someday soon\nSubject: x\n\nbody\n".utf8))
        #expect(mail.dateHeader == "someday soon")
        #expect(mail.date == nil)
    }

    @Test func mboxFromLineIsSkipped() throws {
        let mail = try IncomingMailReader.read(
            Data("From a@example.org Mon Nov  9 14:03:00 2026\nFrom: a@example.org\nSubject: x\n\nbody\n".utf8))
        #expect(mail.senderAddress == "a@example.org")
        #expect(mail.body == "body\n")
    }

    @Test func limitsRefuseLargeWideAndDeepMessages() throws {
        let small = Data("From: a@example.org\nSubject: x\n\n\(String(repeating: "x", count: 2000))\n".utf8)
        do {
            _ = try IncomingMailReader.read(small, limits: IncomingMailLimits(maximumSize: 1000))
            Issue.record("size limit not applied")
        } catch { #expect(error.description.contains("over the limit of 1000 bytes")) }

        var wide = "From: a@example.org\nSubject: x\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"b\"\n\n"
        for index in 0..<120 { wide += "--b\nContent-Type: text/plain\n\npart \(index)\n" }
        wide += "--b--\n"
        do {
            _ = try IncomingMailReader.read(Data(wide.utf8))
            Issue.record("parts limit not applied")
        } catch { #expect(error.description == "the message has more than 100 MIME parts (--max-parts)") }
        #expect(try IncomingMailReader.read(Data(wide.utf8), limits: IncomingMailLimits(maximumParts: 200)).partCount == 121)

        var deep = "From: a@example.org\nSubject: x\nMIME-Version: 1.0\n"
        for level in 0..<12 { deep += "Content-Type: multipart/mixed; boundary=\"b\(level)\"\n\n--b\(level)\n" }
        deep += "Content-Type: text/plain\n\ndeep\n"
        for level in (0..<12).reversed() { deep += "--b\(level)--\n" }
        do {
            _ = try IncomingMailReader.read(Data(deep.utf8))
            Issue.record("depth limit not applied")
        } catch { #expect(error.description == "MIME parts are nested more than 10 levels deep (--max-depth)") }
        #expect(try IncomingMailReader.read(Data(deep.utf8), limits: IncomingMailLimits(maximumDepth: 20)).body == "deep")
    }

    @Test func messageIDKeepsItsTextWithoutBrackets() throws {
        let mail = try IncomingMailReader.read(
            Data("From: a@example.org\nMessage-ID:\n <Part.With+Odd$Chars@Host.Example>\nSubject: x\n\nbody\n".utf8))
        #expect(mail.messageID == "Part.With+Odd$Chars@Host.Example")
    }
}

@Suite struct IntakeTextTests {
    @Test func windows1252AndLatin1() {
        #expect(TextDecoding.decode([0x80, 0x20, 0x93, 0x6F, 0x94, 0xE9], charset: "ISO-8859-1").text == "€ “o”é")
        #expect(TextDecoding.decode([0xA4], charset: "iso-8859-15").text == "€")
        #expect(TextDecoding.decode([0xC3, 0xA9], charset: nil).text == "é")
        #expect(TextDecoding.decode([0xE9], charset: nil).text == "é")
        let mislabelled = TextDecoding.decode([0x63, 0x61, 0x66, 0xE9], charset: "utf-8")
        #expect(mislabelled.text == "café")
        #expect(mislabelled.warning != nil)
        let unknown = TextDecoding.decode(Array("abc".utf8), charset: "x-no-such-charset")
        #expect(unknown.text == "abc")
        #expect(unknown.warning != nil)
        #expect(TextDecoding.decode([0xFF, 0xFE, 0x68, 0x00, 0xE9, 0x00], charset: nil).text == "hé")
    }

    @Test func cleanRemovesControlsAndNormalises() {
        #expect(TextDecoding.clean("a\r\nb\rc\u{0}d\u{1B}e\u{85}\tf") == "a\nb\ncde…\tf")
        #expect(TextDecoding.clean("e\u{301}") == "é")
    }

    @Test func htmlConversion() {
        #expect(HTMLText.text("<p>a</p><p>b<br>c</p>") == "a\n\nb\nc")
        #expect(
            HTMLText.text("<div>x &lt;y&gt; &amp;amp; &#233;&#xE9; &eacute; &eacute &unknown; AT&T</div>")
                == "x <y> &amp; éé é &eacute &unknown; AT&T")
        #expect(HTMLText.text("<script>var a = '<p>';</script><STYLE>p{}</STYLE>ok") == "ok")
        #expect(HTMLText.text("<ol><li>un</li><li>deux</li></ol>") == "- un\n- deux")
        #expect(HTMLText.text("<pre>  a\n    b</pre>") == "a\n    b")
        #expect(HTMLText.text("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>") == "a b\nc")
        #expect(HTMLText.text("<a href=\"javascript:alert(1)\">lien</a>") == "lien")
        #expect(HTMLText.text("1 < 2 and <3") == "1 < 2 and <3")
        #expect(HTMLText.text("<!-- unclosed") == "")
        #expect(HTMLText.declaredCharset(Array("<meta charset=\"ISO-8859-15\">".utf8)) == "iso-8859-15")
    }

    @Test func markdownBodyCannotBreakTheCaseFile() {
        let body = IntakeText.markdownBody("## Journal\n  # titre\n<!-- caché -->\ntexte   \n\n\n")
        #expect(body.text == "\\## Journal\n  \\# titre\n\\<!-- caché -->\ntexte")
        #expect(!body.truncated)
        let long = IntakeText.markdownBody(String(repeating: "é", count: 200_000))
        #expect(long.truncated)
        #expect(long.text.utf8.count <= IntakeText.maximumBodyBytes + 10)
        #expect(long.text.hasSuffix("[…]"))
    }

    @Test func attachmentNames() {
        func names(_ raw: [String?], personal: [String] = []) -> [String] {
            AttachmentNames.assign(
                raw.map { IncomingAttachment(name: $0, contentType: "application/pdf", data: Data()) }, personal: personal)
        }
        #expect(
            names(["../../reclam.yml", "C:\\Users\\x\\rapport.pdf", ".git", "..", "a\u{1}b.pdf"]) == [
                "reclam.yml", "rapport.pdf", "attachment-3.pdf", "attachment-4.pdf", "ab.pdf",
            ])
        #expect(
            names(["rapport.pdf", "RAPPORT.pdf", "rapport.pdf", nil]) == [
                "rapport.pdf", "RAPPORT-2.pdf", "rapport-3.pdf", "attachment-4.pdf",
            ])
        #expect(
            names(
                ["CV Jeanne Dupont.pdf", "jeanne.dupont@example.org.pdf", "Dupont_Jéanne_facture.pdf"],
                personal: ["Jeanne Dupont", "jeanne.dupont"])
                == ["CV.pdf", "attachment-2.pdf", "facture.pdf"])
        #expect(names(["nul.txt", "con", "learner.md"]) == ["attachment-1.pdf", "attachment-2.pdf", "attachment-3.pdf"])
        let long = names([String(repeating: "é", count: 300) + ".pdf"])[0]
        #expect(long.hasSuffix(".pdf"))
        #expect(long.count <= AttachmentNames.maximumLength)
        #expect(long.utf8.count <= 200)
        for name in names(["a:b?c*.pdf", " -x.pdf", "x. ."]) {
            #expect(!name.contains(":") && !name.contains("?") && !name.contains("*") && !name.hasPrefix(" ") && !name.hasPrefix("-"))
            #expect(!name.hasSuffix(".") && !name.hasSuffix(" "))
        }
    }
}
