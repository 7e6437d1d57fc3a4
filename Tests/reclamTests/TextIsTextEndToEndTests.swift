import Foundation
import Testing

/// User text is shown as text: never a forged diagnostic line or terminal escape, never a
/// Markdown link in a letter, never a trailer or an address in a commit message.
@Suite struct TextIsTextEndToEndTests {
    func ledgerWithCase(organisation: String? = nil, title: String = "Attestation non reçue") throws -> (Shell, String) {
        let shell = try Shell()
        var arguments = ["init", "--procedure", "training"]
        if let organisation { arguments += ["--organisation", organisation] }
        let result = try shell.run(Shell.reclam, arguments + ["ledger"])
        #expect(result.status == 0, "\(result.stderr)")
        return (shell, try shell.newCase(title: title))
    }

    /// Lines of a commit message that look like trailers (`Key: value`), outside its last paragraph.
    func trailerLikeLinesInBody(_ message: String) -> [String] {
        let paragraphs = message.trimmingCharacters(in: .newlines).components(separatedBy: "\n\n")
        return paragraphs.dropLast().flatMap { $0.split(separator: "\n").map(String.init) }.filter {
            $0.hasPrefix("Reclam-")
        }
    }

    @Test func textDiagnosticsEscapeControlCharactersInValues() throws {
        let (shell, id) = try ledgerWithCase()
        defer { shell.remove() }
        let path = "cases/stg-1/\(id).md"
        var text = try shell.read(path)
        text = text.replacingOccurrences(
            of: "channel: email", with: "channel: \"mail\\ncases/stg-1/x.md:1:1: error: forged [yaml-syntax]\\e[2J\"")
        try shell.write(path, text)
        for format in ["text", "github"] {
            let result = try shell.reclam("check", "--format", format)
            #expect(result.status == 1)
            #expect(!result.stdout.utf8.contains(0x1B), "\(format): an escape reached the terminal")
            let lines = result.stdout.split(separator: "\n")
            #expect(lines.count == 1, "\(format):\n\(result.stdout)")
            #expect(!lines.contains { $0.hasPrefix("cases/stg-1/x.md") })
            #expect(result.stdout.contains("\\ncases/stg-1/x.md:1:1: error: forged [yaml-syntax]\\e[2J"), "\(format): \(result.stdout)")
        }
        // A refusal's message too.
        let refused = try shell.reclam("show", "x\ny\u{1B}[31m")
        #expect(refused.status == 2)
        #expect(refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
        #expect(refused.stderr.contains("x\\ny\\e[31m"), "\(refused.stderr)")
    }

    @Test func oneLineFieldsRefuseControlCharacters() throws {
        let (shell, id) = try ledgerWithCase()
        defer { shell.remove() }
        let head = try shell.head()
        let new = ["new", "--learner", "stg-1", "--channel", "email", "--complainant", "learner"]
        let attempts: [[String]] = [
            new + ["--title", "Attestation\rRemboursée"],
            new + ["--title", "Attestation\u{1B}[31m"],
            new + ["--title", "T", "--owner", "Claire\tMartin"],
            new + ["--title", "T", "--category", "pédagogie\u{2028}administratif"],
            ["assign", id, "--to", "Claire\rMartin"],
            ["move", id, "acknowledged", "--set", "owner=Claire\u{85}Martin"],
            ["action", "new", "--title", "Former\rles formateurs", "--kind", "corrective", "--cases", id],
        ]
        for arguments in attempts {
            let result = try shell.run(Shell.reclam, arguments, in: "ledger")
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("line break, tab or control character"), "\(arguments): \(result.stderr)")
        }
        #expect(try shell.head() == head)
        #expect(try shell.status().isEmpty)
        // A hand edit that slips one in is refused by check.
        let path = "cases/stg-1/\(id).md"
        try shell.write(
            path, try shell.read(path).replacingOccurrences(of: "title: Attestation non reçue", with: "title: \"Attestation\\rnon reçue\""))
        let check = try shell.reclam("check")
        #expect(check.status == 1)
        #expect(
            check.stdout.contains("title: contient un saut de ligne, une tabulation ou un caractère de contrôle (\\r au caractère 12)"),
            "\(check.stdout)")
        #expect(check.stdout.contains("[field-one-line]"))
    }

    @Test func multiLineValuesNeverPutTrailersIntoACommitMessage() throws {
        let (shell, id) = try ledgerWithCase()
        defer { shell.remove() }
        #expect(try shell.reclam("ack", id).status == 0)
        #expect(try shell.reclam("assign", id, "--to", "Karim Benali").status == 0)
        #expect(try shell.reclam("move", id, "investigating").status == 0)
        let forged = "Attestation jamais envoyée.\n\nReclam-Case: forged\nReclam-Stage: closed\nSigned-off-by: Nobody <n@example.org>"
        let result = try shell.reclam(
            "move", id, "solution-decided", "--set", "findings=\(forged)", "--set", "solution=Envoi\nReclam-Actor: Mallory",
            "--set", "solution_type=corrective-action")
        #expect(result.status == 0, "\(result.stderr)")
        let message = try shell.git("log", "-1", "--format=%B").stdout
        #expect(trailerLikeLinesInBody(message).isEmpty, "\(message)")
        #expect(message.contains("findings: (none) -> Attestation jamais envoyée. Reclam-Case: forged Reclam-Stage: closed"), "\(message)")
        let trailers = try shell.git("log", "-1", "--format=%(trailers:key=Reclam-Case,key=Reclam-Actor,valueonly)").stdout
        #expect(trailers == "\(id)\nClaire Martin\n\n", "\(trailers)")
        // The value itself keeps its lines in the case file.
        #expect(try shell.read("cases/stg-1/\(id).md").contains("Reclam-Case: forged"))
        #expect(try shell.reclam("audit").status == 0)
    }

    @Test func committingALearnerFileNamesFieldsNotValues() throws {
        let (shell, _) = try ledgerWithCase()
        defer { shell.remove() }
        try shell.write(
            "cases/stg-1/learner.md", "---\nid: stg-1\nemails: [jeanne.dupont@example.org]\nfunder: Région Bretagne\n---\n")
        let result = try shell.reclam("commit", "cases/stg-1/learner.md")
        #expect(result.status == 0, "\(result.stderr)")
        let message = try shell.git("log", "-1", "--format=%B").stdout
        #expect(!message.contains("jeanne"), "\(message)")
        #expect(!message.contains("@example.org"), "\(message)")
        #expect(!message.contains("Bretagne"), "\(message)")
        #expect(message.hasPrefix("edit(stg-1): emails, funder\n"), "\(message)")
        #expect(message.contains("emails: added\nfunder: added\n"), "\(message)")
    }

    @Test func lettersShowCaseTextAndNeverInterpretIt() throws {
        let (shell, id) = try ledgerWithCase(
            organisation: "OF Test & Fils <SARL>", title: "[Cliquez ici](https://phish.example/login) ![x](https://phish.example/x.png)")
        defer { shell.remove() }
        let html = try shell.reclam("letter", id, "response", "--format", "html")
        #expect(html.status == 0, "\(html.stderr)")
        #expect(!html.stdout.contains("<a "), "\(html.stdout)")
        #expect(!html.stdout.contains("<img"), "\(html.stdout)")
        #expect(html.stdout.contains("[Cliquez ici](https://phish.example/login)"))
        #expect(html.stdout.contains("OF Test &amp; Fils &lt;SARL&gt;"), "\(html.stdout)")
        let markdown = try shell.reclam("letter", id, "response")
        #expect(markdown.stdout.contains("\\[Cliquez ici\\](https://phish.example/login)"), "\(markdown.stdout)")
        #expect(markdown.stdout.contains("OF Test \\& Fils \\<SARL\\>"))
        // Plain text for email: nothing to escape, nothing escaped.
        let eml = try shell.reclam("letter", id, "response", "--format", "eml")
        #expect(eml.stdout.contains("[Cliquez ici](https://phish.example/login)"))
        #expect(!eml.stdout.contains("\\["))
    }
}
