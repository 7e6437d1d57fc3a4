import Foundation
import Testing

@testable import ReclamCore
@testable import ReclamKit
@testable import ReclamLedger
@testable import ReclamWorkflow

/// The library side of `reclam serve`: settings, tokens, validation, attachment types.
@Suite struct WebSubmissionTests {
    func config(_ serve: String) throws -> LedgerConfig {
        let (config, diagnostics) = LedgerConfig.read(Data("organisation: X\nprocedure: training\n\(serve)".utf8))
        #expect(!diagnostics.hasErrors, "\(diagnostics)")
        return try #require(config)
    }

    @Test func serveSettingsDefaultsAndValues() throws {
        let defaults = ServeSettings.read(try config(""))
        #expect(defaults.rateLimit == 5 && defaults.ratePeriod == 3600)
        #expect(defaults.maximumFiles == 5 && defaults.maximumUploadBytes == 10 << 20)
        #expect(defaults.listen == "127.0.0.1:8080" && defaults.diagnostics.isEmpty)
        let set = ServeSettings.read(
            try config(
                "serve:\n  rate_limit: 20/day\n  max_upload: 500 KiB\n  max_files: 0\n  listen: \"[::1]:9000\"\n"
                    + "  texts: {form_title: Nous écrire}\n"))
        #expect(set.rateLimit == 20 && set.ratePeriod == 86_400)
        #expect(set.maximumUploadBytes == 500 << 10 && set.maximumFiles == 0)
        #expect(ListenAddress(set.listen) == ListenAddress("[::1]:9000") && ListenAddress("[::1]:9000")?.host == "::1")
        #expect(WebFormTexts(language: .fr, overrides: set.texts)["form_title"] == "Nous écrire")
    }

    @Test func serveSettingsFindingsNameTheLine() throws {
        let settings = ServeSettings.read(
            try config(
                "serve:\n  rate_limit: 0/hour\n  base_url: ftp://x\n  actor: nobody\n  deadline_rule: nope\n  colour: red\n"))
        let messages = settings.diagnostics.map(\.message)
        #expect(settings.diagnostics.filter { $0.severity == .error }.count == 4, "\(messages)")
        #expect(messages.contains { $0.contains("serve.rate_limit '0/hour'") })
        #expect(messages.contains { $0.contains("serve.base_url 'ftp://x' n'est pas une adresse http:// ou https://") })
        #expect(messages.contains { $0.contains("serve.deadline_rule 'nope' n'est pas une règle de délai de ce registre") })
        #expect(messages.contains { $0.contains("réglage inconnu 'serve.colour'") })
        #expect(settings.diagnostics.first { $0.message.contains("rate_limit") }?.line == 4)
    }

    @Test func promisedRuleIsTheOneTheLetterQuotes() throws {
        let config = try config(
            "sla:\n  - {name: ack, stop: acknowledged, duration: 1 working day}\n  - {name: answer, stop: responded, duration: 48 hours}\n")
        #expect(ServeSettings.read(config).promisedRule(in: config) == "answer")
    }

    @Test func tokensAreRandomHashedAndComparedWhole() {
        let a = StatusToken.make()
        let b = StatusToken.make()
        #expect(a != b && a.count == 43 && StatusToken.isWellFormed(a))
        #expect(!StatusToken.isWellFormed(a + "x") && !StatusToken.isWellFormed(String(a.dropLast()) + "/"))
        #expect(StatusToken.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(StatusToken.equal(StatusToken.hash(a), StatusToken.hash(a)))
        #expect(!StatusToken.equal(StatusToken.hash(a), StatusToken.hash(b)))
        #expect(!StatusToken.equal("abc", "abcd"))
    }

    @Test func cleaningAndValidation() {
        var raw = WebSubmission()
        raw.complainant = "learner"
        raw.name = "  Jeanne\u{7}\nDupont "
        raw.email = "jeanne@example.org"
        raw.happened = "Ligne 1\r\nLigne\u{0} 2\u{1B}"
        raw.consent = true
        let clean = raw.cleaned()
        #expect(clean.name == "Jeanne Dupont")
        #expect(clean.happened == "Ligne 1\nLigne 2")
        #expect(clean.problems(settings: ServeSettings()).isEmpty)

        var bad = clean
        bad.email = "jeanne@@example.org"
        bad.phone = "appelez-moi"
        bad.complainant = "internal"
        bad.consent = false
        bad.request = String(repeating: "x", count: 5001)
        let problems = bad.problems(settings: ServeSettings())
        #expect(problems.map(\.field) == ["complainant", "email", "phone", "request", "consent"])
        #expect(problems.first { $0.field == "request" }?.problem == .tooLong(5000))
    }

    @Test func attachmentTypesComeFromTheContent() {
        #expect(AttachmentType.detect(Data("%PDF-1.7\n".utf8)) == .pdf)
        #expect(AttachmentType.detect(Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0])) == .png)
        #expect(AttachmentType.detect(Data([0xFF, 0xD8, 0xFF, 0xE0])) == .jpeg)
        #expect(AttachmentType.detect(Data("Bonjour,\nvoici ma facture.\n".utf8)) == .text)
        var odt = Data([0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 0, count: 26))
        odt.append(Data("mimetypeapplication/vnd.oasis.opendocument.text".utf8))
        #expect(AttachmentType.detect(odt) == .odf)
        #expect(AttachmentType.detect(Data([0x50, 0x4B, 0x03, 0x04]) + Data("word/[Content_Types].xml".utf8)) == .ooxml)
        #expect(AttachmentType.detect(Data([0x50, 0x4B, 0x03, 0x04, 0, 0, 0])) == nil, "a plain zip")
        #expect(AttachmentType.detect(Data([0x7F, 0x45, 0x4C, 0x46])) == nil, "an executable")
        #expect(AttachmentType.detect(Data("texte\u{0}binaire".utf8)) == nil)
        let names = WebSubmission.attachmentNames(
            [
                WebUpload(name: "../../Facture Jeanne.html", data: Data("%PDF-1.4".utf8)),
                WebUpload(name: "facture.pdf", data: Data("%PDF-1.4".utf8)),
            ],
            personal: ["Jeanne Dupont"])
        #expect(names.map(\.name) == ["Facture.pdf", "facture-2.pdf"])
    }
}
