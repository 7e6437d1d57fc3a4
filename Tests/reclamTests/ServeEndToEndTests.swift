import Foundation
import Testing

/// `reclam serve` on the built binary, driven over HTTP on loopback with curl; the git CLI and
/// `reclam check` are the witnesses of what it wrote.
@Suite struct ServeEndToEndTests {
    static let actor = "Formulaire web <reclamations@example.org>"

    /// A training ledger with a learner who writes from jeanne.dupont@example.org.
    func ledger(serve: String = "") throws -> Shell {
        let shell = try Shell()
        try shell.initLedger()
        try shell.write("cases/stg-2026-014/learner.md", "---\nid: stg-2026-014\nemails: [jeanne.dupont@example.org]\n---\n")
        try shell.commitAll("learner file")
        try shell.configureServe("  actor: \"\(Self.actor)\"\n  privacy_url: https://example.org/confidentialite\n" + serve)
        return shell
    }

    static func fields(
        csrf: String, email: String = "jeanne.dupont@example.org", name: String = "Jeanne Dupont",
        happened: String = "La salle B12 n'était pas chauffée lundi matin.\nNous avions froid toute la journée.",
        extra: [(String, String)] = []
    ) -> [(String, String)] {
        [
            ("csrf", csrf), ("complainant", "learner"), ("name", name), ("email", email), ("phone", "06 12 34 56 78"),
            ("training", "Bureautique"), ("session", "Novembre 2026, Lyon"), ("happened", happened),
            ("request", "Un rattrapage de la journée."), ("consent", "yes"),
        ] + extra
    }

    func file(_ shell: Shell, _ name: String, _ data: Data) throws -> String {
        let path = shell.directory.appendingPathComponent(name).path
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func formReceiptAndStatusPageMakeOneAcknowledgedCase() throws {
        let shell = try ledger()
        defer { shell.remove() }
        let server = try ServeProcess(shell)
        defer { server.stop() }
        let browser = Browser(shell)

        let form = try browser.get(server.url + "/")
        #expect(form.status == 200)
        #expect(form.body.contains("<html lang=\"fr\">"))
        #expect(form.body.contains("Déposer une réclamation"))
        #expect(form.body.contains("<label for=\"email\">") && form.body.contains("id=\"email\" name=\"email\""))
        #expect(form.body.contains("href=\"https://example.org/confidentialite\""))
        #expect(!form.body.contains("<script"), "the form works without JavaScript")
        #expect(form.header("set-cookie")?.contains("reclam_csrf=") == true)
        #expect(form.header("set-cookie")?.contains("HttpOnly; SameSite=Strict") == true)
        for page in [form, try browser.get(server.url + "/style.css"), try browser.get(server.url + "/nowhere")] {
            let policy = page.header("content-security-policy") ?? ""
            #expect(policy.contains("frame-ancestors 'none'") && policy.contains("default-src 'none'"))
            #expect(!policy.contains("unsafe-inline"))
            #expect(page.header("x-content-type-options") == "nosniff")
            #expect(page.header("referrer-policy") == "no-referrer")
        }

        let before = try shell.head()
        let pdf = try file(shell, "attestation.pdf", Data("%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n".utf8))
        let csrf = try browser.formToken(server.url)
        let sent = try browser.post(
            server.url + "/", fields: Self.fields(csrf: csrf), files: [(pdf, "../../Attestation Jeanne Dupont.html")])
        #expect(sent.status == 303, "\(sent.body)")
        let location = try #require(sent.header("location"))
        #expect(location.hasPrefix("/merci/20261116-"))
        let id = String(location.dropFirst("/merci/".count))

        // One commit, by the server's identity, holding the case, its attachment and the acknowledgement.
        #expect(try shell.git("rev-list", "--count", "\(before)..HEAD").stdout == "1\n")
        #expect(try shell.git("log", "-1", "--format=%an <%ae>").stdout == Self.actor + "\n")
        let message = try shell.git("log", "-1", "--format=%B").stdout
        #expect(message.contains("Reclam-Case: \(id)") && message.contains("Reclam-Stage: received -> acknowledged"))
        #expect(!message.contains("@") && !message.contains("Dupont") && !message.contains("chauffée"))
        let paths = try shell.git("show", "--name-only", "--format=", "HEAD").stdout.split(separator: "\n").map(String.init)
        #expect(
            Set(paths) == [
                "cases/stg-2026-014/\(id).md", "cases/stg-2026-014/\(id)/Attestation.pdf", "outbox/\(id)-ack.eml",
            ], "the known sender's learner folder, the file renamed after its content and without the sender's name")
        #expect(try shell.status() == "")
        let text = try shell.read("cases/stg-2026-014/\(id).md")
        #expect(text.contains("channel: web\n") && text.contains("complainant: learner\n") && text.contains("stage: acknowledged\n"))
        #expect(text.contains("session: \"Novembre 2026, Lyon\"\n") || text.contains("session: Novembre 2026, Lyon\n"))
        #expect(text.contains("La salle B12 n'était pas chauffée lundi matin."))
        #expect(text.contains("- Téléphone : 06 12 34 56 78"))
        let sha = try shell.run("/usr/bin/sha256sum", ["cases/stg-2026-014/\(id)/Attestation.pdf"], in: "ledger").stdout.prefix(64)
        #expect(text.contains("{file: Attestation.pdf, size: 35, sha256: \(sha)}"))
        let mail = try shell.read("outbox/\(id)-ack.eml")
        #expect(
            mail.contains("To: <jeanne.dupont@example.org>")
                && mail.contains("From: \"Organisme de formation Exemple\" <reclamations@example.org>"))

        // The receipt: reference, date, the promised deadline (48 hours), the private link.
        let receipt = try browser.get(server.url + location)
        #expect(receipt.status == 200)
        #expect(receipt.body.contains("<dd id=\"reference\">\(id)</dd>"))
        #expect(receipt.body.contains("Réponse au plus tard le</dt><dd id=\"deadline\">18 novembre 2026 à 10:00</dd>"))
        let linkRange = try #require(receipt.body.range(of: #"/suivi/[A-Za-z0-9_-]{43}"#, options: .regularExpression))
        let statusPath = String(receipt.body[linkRange])
        let token = String(statusPath.dropFirst("/suivi/".count))
        #expect(receipt.body.contains("href=\"\(server.url)\(statusPath)\""))
        #expect(try Browser(shell).get(server.url + location).status == 404, "another browser has no receipt cookie")

        // Only the token's hash is in the ledger, nowhere the token itself.
        let hash = try shell.run("/bin/sh", ["-c", "printf %s '\(token)' | sha256sum"], in: nil).stdout.prefix(64)
        #expect(text.contains("status_token_sha256: \(hash)\n"))
        #expect(try shell.run("/usr/bin/git", ["grep", "-q", "-e", token, "HEAD"], in: "ledger").status == 1)

        // The status page, in plain words, read afresh after a move at the terminal.
        let status = try Browser(shell).get(server.url + statusPath)
        #expect(status.status == 200)
        #expect(status.body.contains("<dd id=\"stage\">Réception accusée</dd>"))
        #expect(status.header("cache-control") == "no-store")
        let assign = try shell.reclam("assign", id, "--to", "Karim Benali")
        #expect(assign.status == 0, "\(assign.stderr)")
        let moved = try Browser(shell).get(server.url + statusPath)
        #expect(moved.body.contains("<dd id=\"stage\">Attribuée</dd>"))
        #expect(!moved.body.contains("Karim"), "no owner on the public page")
        #expect(moved.body.contains("18 novembre 2026 à 10:00"))

        // A wrong token, one character off or of another shape, is a plain 404.
        let last = token.last == "A" ? "B" : "A"
        for wrong in [String(token.dropLast()) + last, "abc", String(repeating: "x", count: 43)] {
            let refused = try Browser(shell).get(server.url + "/suivi/" + wrong)
            #expect(refused.status == 404)
            #expect(refused.body.contains("Page introuvable"))
        }

        #expect(try shell.git("fsck", "--strict").status == 0)
        let check = try shell.reclam("check")
        #expect(check.status == 0 && check.stderr.contains("0 erreur, 0 avertissement"), "\(check.stdout)\(check.stderr)")
        let audit = try shell.reclam("audit")
        #expect(audit.status == 0, "\(audit.stdout)\(audit.stderr)")

        #expect(server.stop() == 0, "SIGTERM stops the server cleanly")
        let log = server.log
        #expect(log.contains(" GET / 200 ") && log.contains(" POST / 303 ") && log.contains(" GET /suivi/… 404 "))
        #expect(!log.contains(token) && !log.contains("Jeanne") && !log.contains("@example.org") && !log.contains("chauffée"))
    }

    @Test func unknownSenderGetsAPseudonymousLearnerAndEnglishPages() throws {
        let shell = try ledger()
        defer { shell.remove() }
        try shell.write("reclam.yml", try shell.read("reclam.yml").replacingOccurrences(of: "language: fr", with: "language: en"))
        try shell.commitAll("english")
        let server = try ServeProcess(shell)
        defer { server.stop() }
        let browser = Browser(shell)
        let form = try browser.get(server.url + "/")
        #expect(form.body.contains("<html lang=\"en\">") && form.body.contains("Make a complaint"))
        let csrf = try browser.formToken(server.url)
        let sent = try browser.post(
            server.url + "/", fields: Self.fields(csrf: csrf, email: "Paul.Martin@Example.com", name: "Paul Martin"))
        #expect(sent.status == 303)
        let paths = try shell.git("show", "--name-only", "--format=", "HEAD").stdout.split(separator: "\n").map(String.init)
        let learnerFile = try #require(paths.first { $0.hasSuffix("/learner.md") })
        #expect(learnerFile.hasPrefix("cases/web-"))
        #expect(!learnerFile.contains("paul") && !learnerFile.contains("martin"))
        #expect(try shell.read(learnerFile).contains("emails: [paul.martin@example.com]"))
        let receipt = try browser.get(server.url + (sent.header("location") ?? ""))
        #expect(receipt.body.contains("Answer by</dt><dd id=\"deadline\">18 November 2026 at 10:00</dd>"))
        #expect(try shell.reclam("check").status == 0)
    }

    @Test func refusalsWriteNothing() throws {
        let shell = try ledger(serve: "  max_files: 2\n  max_upload: 64 KiB\n  rate_limit: 2/hour\n")
        defer { shell.remove() }
        let server = try ServeProcess(shell)
        defer { server.stop() }
        let browser = Browser(shell)
        var csrf = try browser.formToken(server.url)
        let before = try shell.head()
        func nothingWritten(_ what: String) throws {
            #expect(try shell.head() == before, "\(what): no commit")
            #expect(try shell.status() == "", "\(what): no file")
        }

        // No CSRF cookie (another site's form): the form comes back with the text kept.
        let forged = try Browser(shell).post(server.url + "/", fields: Self.fields(csrf: csrf))
        #expect(forged.status == 403)
        #expect(forged.body.contains("Le formulaire a expiré"))
        #expect(forged.body.contains("value=\"Jeanne Dupont\""))
        try nothingWritten("csrf")
        let badToken = try browser.post(server.url + "/", fields: Self.fields(csrf: String(csrf.dropLast()) + "x"))
        #expect(badToken.status == 403)
        try nothingWritten("csrf token altered")
        // The page that says the form expired gives a new token (and its cookie).
        let renewed = try browser.formToken(server.url)
        #expect(renewed != csrf)
        csrf = renewed

        // The honeypot.
        let robot = try browser.post(server.url + "/", fields: Self.fields(csrf: csrf, extra: [("website", "http://spam.example")]))
        #expect(robot.status == 400)
        try nothingWritten("honeypot")

        // Validation: each error next to its field, the text kept and escaped, control characters gone.
        let invalid = try browser.post(
            server.url + "/",
            fields: [
                ("csrf", csrf), ("complainant", "learner"), ("name", String(repeating: "a", count: 201)), ("email", "jeanne.dupont"),
                ("phone", "call me"), ("happened", "<script>alert(1)</script>\u{7} froid"), ("request", ""),
            ])
        #expect(invalid.status == 422)
        #expect(invalid.body.contains("<span class=\"error-message\" id=\"name-error\">200 caractères au plus.</span>"))
        #expect(invalid.body.contains("id=\"email-error\">Écrivez une adresse électronique complète"))
        #expect(invalid.body.contains("id=\"phone-error\">"))
        #expect(invalid.body.contains("id=\"consent-error\">Cochez cette case"))
        #expect(invalid.body.contains("aria-describedby=\"email-hint email-error\"") && invalid.body.contains("aria-invalid=\"true\""))
        #expect(invalid.body.contains("<a href=\"#email\">"), "the summary links to the field")
        #expect(invalid.body.contains("&lt;script&gt;alert(1)&lt;/script&gt; froid</textarea>"))
        #expect(invalid.body.contains("value=\"jeanne.dupont\""))
        let missing = try browser.post(server.url + "/", fields: [("csrf", csrf), ("complainant", "boss")])
        #expect(missing.status == 422)
        #expect(missing.body.contains("id=\"happened-error\">Ce champ est obligatoire."))
        #expect(missing.body.contains("id=\"complainant-error\">Choisissez"))
        try nothingWritten("validation")

        // Attachments: type by content (an executable named .pdf), count, total size, body limit.
        let elf = try file(shell, "x.pdf", Data([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00]))
        let typed = try browser.post(server.url + "/", fields: Self.fields(csrf: csrf), files: [(elf, "facture.pdf")])
        #expect(typed.status == 422)
        #expect(typed.body.contains("Le fichier « facture.pdf » n&#39;est pas d&#39;un type accepté"))
        let zip = try file(shell, "a.zip", Data([0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 0, count: 60)))
        #expect(try browser.post(server.url + "/", fields: Self.fields(csrf: csrf), files: [(zip, "a.docx")]).status == 422)
        let small = try file(shell, "a.txt", Data("texte\n".utf8))
        let many = try browser.post(server.url + "/", fields: Self.fields(csrf: csrf), files: Array(repeating: (small, "a.txt"), count: 3))
        #expect(many.status == 422 && many.body.contains("2 fichiers au plus."))
        let big = try file(shell, "big.txt", Data(repeating: 0x61, count: 40 << 10))
        let heavy = try browser.post(server.url + "/", fields: Self.fields(csrf: csrf), files: [(big, "a.txt"), (big, "b.txt")])
        #expect(heavy.status == 422 && heavy.body.contains("dépassent 64 Kio au total"))
        let huge = try file(shell, "huge.txt", Data(repeating: 0x61, count: 2 << 20))
        let tooLarge = try browser.post(server.url + "/", fields: Self.fields(csrf: csrf), files: [(huge, "a.txt")])
        #expect(tooLarge.status == 413)
        #expect(tooLarge.body.contains("Envoi trop volumineux"))
        try nothingWritten("attachments")

        // The rate limit: two submissions an hour from one address, the third refused.
        #expect(try browser.post(server.url + "/", fields: Self.fields(csrf: csrf)).status == 303)
        #expect(try browser.post(server.url + "/", fields: Self.fields(csrf: csrf)).status == 303)
        let third = try browser.post(server.url + "/", fields: Self.fields(csrf: csrf))
        #expect(third.status == 429)
        #expect(third.header("retry-after") == "3600")
        #expect(try shell.git("rev-list", "--count", "\(before)..HEAD").stdout == "2\n")
        #expect(try shell.status() == "")
        #expect(try shell.reclam("check").status == 0)
    }

    @Test func aFailedCommitLeavesNoFileAndNoCommit() throws {
        let shell = try ledger()
        defer { shell.remove() }
        // A file named `outbox` where the acknowledgement's folder should be: the write must fail.
        try shell.write("outbox", "not a folder\n")
        try shell.commitAll("outbox is a file")
        let server = try ServeProcess(shell)
        defer { server.stop() }
        let browser = Browser(shell)
        let before = try shell.head()
        let sent = try browser.post(server.url + "/", fields: Self.fields(csrf: try browser.formToken(server.url)))
        #expect(sent.status == 503)
        #expect(sent.body.contains("rien n&#39;a été conservé"))
        #expect(try shell.head() == before)
        #expect(try shell.status() == "")
        #expect(try shell.git("ls-files", "--others", "cases").stdout == "")
        #expect(server.log.contains("submission not recorded"))
    }

    @Test func fiftySubmissionsAtOnceAllLand() throws {
        let shell = try ledger(serve: "  rate_limit: 1000/hour\n")
        defer { shell.remove() }
        let server = try ServeProcess(shell)
        defer { server.stop() }
        let browser = Browser(shell)
        let csrf = try browser.formToken(server.url)
        let before = try shell.commitCount()
        var processes: [(Process, Pipe)] = []
        for index in 0..<50 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
            var arguments = ["-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "120", "-b", browser.jar]
            for (name, value) in Self.fields(csrf: csrf, email: "sender\(index)@example.org", happened: "Plainte numéro \(index)") {
                arguments += ["--form-string", "\(name)=\(value)"]
            }
            process.arguments = arguments + [server.url + "/"]
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            processes.append((process, out))
        }
        var codes: [String] = []
        for (process, out) in processes {
            let data = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            codes.append(String(decoding: data, as: UTF8.self))
        }
        #expect(codes == Array(repeating: "303", count: 50), "\(codes)")
        #expect(try shell.commitCount() == before + 50)
        let cases = try shell.git("ls-files", "cases/*/2*.md").stdout.split(separator: "\n")
        #expect(cases.count == 50)
        let outbox = try shell.git("ls-files", "outbox").stdout.split(separator: "\n")
        #expect(outbox.count == 50)
        // Committed together or not, each submission is a commit of its own: one case, its message.
        let log = try shell.git("log", "-50", "--name-only", "--format=@%s").stdout
        for commit in log.split(separator: "@").map({ $0.split(separator: "\n") }) {
            let files = commit.dropFirst()
            #expect(files.filter { $0.hasPrefix("cases/") && !$0.hasSuffix("/learner.md") }.count == 1, "\(commit)")
            #expect(files.filter { $0.hasPrefix("outbox/") }.count == 1, "\(commit)")
            #expect(commit.first?.hasPrefix("web(") == true, "\(commit)")
        }
        #expect(try shell.status() == "")
        #expect(try shell.git("fsck", "--strict").status == 0)
        let check = try shell.reclam("check")
        #expect(check.status == 0 && check.stderr.contains("0 erreur, 0 avertissement"), "\(check.stdout)")
    }

    @Test func checkValidatesTheServeSectionAndServeRefusesABadOne() throws {
        let shell = try ledger(serve: "  rate_limit: often\n  max_uplod: 1 MiB\n  texts: {form_title: Nous écrire, intro: x}\n")
        defer { shell.remove() }
        let check = try shell.reclam("check")
        #expect(check.status == 1)
        #expect(check.stdout.contains("serve.rate_limit 'often' doit être un nombre par période"))
        #expect(check.stdout.contains("réglage inconnu 'serve.max_uplod' ; vouliez-vous dire 'max_upload' ?"))
        #expect(check.stdout.contains("texte inconnu 'serve.texts.intro'"))
        // Bounded by timeout(1): a server that started anyway would otherwise never return.
        let serve = try shell.run("/usr/bin/timeout", ["30", Shell.reclam, "serve", "--listen", "127.0.0.1:0"], in: "ledger")
        #expect(serve.status == 1)
        #expect(serve.stderr.contains("la section 'serve' de reclam.yml n'est pas valide"))
        let usage = try shell.reclam("serve", "--listen", "nowhere")
        #expect(usage.status == 2)
    }
}
