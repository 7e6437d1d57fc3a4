import Foundation
import Testing

/// The staff workspace of `reclam serve` (/equipe/) on the built binary, over HTTP with curl;
/// the git CLI is the witness of what it committed and who authored it.
@Suite struct StaffEndToEndTests {
    /// Opens the form of a move and submits it with `fields` (and the version the form carries,
    /// unless `version` overrides it).
    func act(
        _ browser: Browser, _ server: ServeProcess, id: String, to stage: String, fields: [(String, String)] = [],
        version: String? = nil
    ) throws -> HTTPExchange {
        let url = server.url + "/equipe/dossiers/\(id)/agir/\(stage)"
        let form = try browser.get(url)
        #expect(form.status == 200, "form for \(stage): \(form.status)")
        let csrf = try #require(StaffFixture.field("csrf", in: form.body))
        let current = try #require(StaffFixture.field("version", in: form.body))
        return try browser.post(url, fields: [("csrf", csrf), ("version", version ?? current)] + fields)
    }

    @Test func userCommandsKeepHashesOnlyAndRefuseBadInput() throws {
        let (shell, _) = try StaffFixture.ledger()
        defer { shell.remove() }
        let text = try shell.read("users.yml")
        #expect(text.contains("id: \"marie\"") && text.contains("role: staff") && text.contains("password: \"$2b$"))
        #expect(!text.contains(StaffFixture.staffPassword), "only the bcrypt hash is stored")
        let mode =
            try FileManager.default.attributesOfItem(atPath: shell.directory.appendingPathComponent("ledger/users.yml").path)[
                .posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try shell.status() == "", "users.yml is never committed by reclam: init lists it in .gitignore")
        #expect(try shell.git("check-ignore", "users.yml").stdout == "users.yml\n")
        #expect(try shell.git("ls-files", "users.yml").stdout == "")
        #expect(
            try shell.reclam(
                "user", "add", "marie", "--name", "M", "--email", "m@example.org", "--role", "staff", stdin: "long enough pw\n"
            ).status == 1)
        #expect(
            try shell.reclam("user", "add", "zoe", "--name", "Zoé", "--email", "z@example.org", "--role", "staff", stdin: "short\n").status
                == 2)
        #expect(
            try shell.reclam("user", "add", "zoe", "--name", "Zoé", "--email", "z@example.org", "--role", "boss", stdin: "long enough pw\n")
                .status != 0)
        let noSuchUser = try shell.reclam("user", "passwd", "nobody", stdin: "long enough pw\n")
        #expect(noSuchUser.status == 1)
        #expect(
            noSuchUser.stderr == "reclam: aucun utilisateur 'nobody' dans users.yml ; 'reclam user add nobody …' en ajoute un\n",
            "\(noSuchUser.stderr)")
        let noneToRemove = try shell.reclam("user", "remove", "nobody")
        #expect(noneToRemove.status == 1)
        #expect(noneToRemove.stderr == "reclam: aucun utilisateur 'nobody' dans users.yml\n", "\(noneToRemove.stderr)")
        let before = try shell.read("users.yml")
        #expect(try shell.reclam("user", "passwd", "marie", stdin: "another long password\n").status == 0)
        #expect(try shell.read("users.yml") != before)
        #expect(try shell.reclam("user", "remove", "rita").status == 0)
        #expect(!(try shell.read("users.yml")).contains("rita"))
    }

    @Test func signInWrongPasswordLockOutAndReviewerCannotAct() throws {
        let (shell, id) = try StaffFixture.ledger()
        defer { shell.remove() }
        let server = try ServeProcess(shell)
        defer { server.stop() }

        let anonymous = Browser(shell, name: "anonymous")
        let redirected = try anonymous.get(server.url + "/equipe")
        #expect(redirected.status == 303 && redirected.header("location") == "/equipe/connexion")
        #expect(try anonymous.get(server.url + "/equipe/dossiers/\(id)").status == 303, "no case without signing in")
        #expect(try anonymous.get(server.url + "/equipe/users.yml").status != 200)
        let page = try anonymous.get(server.url + "/equipe/connexion")
        #expect(page.body.contains("<label for=\"password\">") && !page.body.contains("<script"))
        #expect(page.header("content-security-policy")?.contains("default-src 'none'") == true)

        // A wrong password: 401, no session.
        let wrong = try StaffFixture.signIn(anonymous, server, user: "marie", password: "not the password")
        #expect(wrong.status == 401)
        #expect(wrong.header("set-cookie")?.contains("reclam_staff=") != true)
        #expect(try anonymous.get(server.url + "/equipe").status == 303)

        // Five failures lock the account: even the right password is refused for a while.
        for _ in 0..<4 { #expect(try StaffFixture.signIn(anonymous, server, user: "marie", password: "guess").status == 401) }
        let locked = try StaffFixture.signIn(anonymous, server, user: "marie", password: StaffFixture.staffPassword)
        #expect(locked.status == 429)
        #expect(locked.header("retry-after") != nil)
        #expect(!server.log.contains(StaffFixture.staffPassword) && !server.log.contains("$2b$"), "no password or hash in the log")

        // A reviewer reads every page but cannot act.
        let reviewer = Browser(shell, name: "reviewer")
        let signed = try StaffFixture.signIn(reviewer, server, user: "rita", password: StaffFixture.reviewerPassword)
        #expect(signed.status == 303)
        let cookie = signed.header("set-cookie") ?? ""
        #expect(cookie.contains("reclam_staff=") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
        #expect(cookie.contains("Path=/equipe") && !cookie.contains("Secure"))
        let today = try reviewer.get(server.url + "/equipe")
        #expect(today.status == 200 && today.body.contains(id))
        #expect(today.body.contains("&lt;script&gt;") && !today.body.contains("<script>alert"), "user text is escaped")
        let casePage = try reviewer.get(server.url + "/equipe/dossiers/\(id)")
        #expect(casePage.status == 200 && !casePage.body.contains("/agir/"))
        for path in [
            "/equipe/rapport", "/equipe/registre", "/equipe/plan", "/equipe/audit", "/equipe/apprenants/stg-1",
            "/equipe/dossiers?q=attestation",
        ] {
            let page = try reviewer.get(server.url + path)
            #expect(page.status == 200, "\(path): \(page.status)")
            #expect(page.header("x-frame-options") == "DENY")
        }
        let csv = try reviewer.get(server.url + "/equipe/registre.csv")
        #expect(csv.status == 200 && csv.header("content-type")?.hasPrefix("text/csv") == true && csv.body.contains(id))
        #expect(try reviewer.get(server.url + "/equipe/dossiers/\(id)/agir/acknowledged").status == 403)
        let head = try shell.head()
        let posted = try reviewer.post(
            server.url + "/equipe/dossiers/\(id)/agir/acknowledged", fields: [("csrf", StaffFixture.field("csrf", in: today.body) ?? "")])
        #expect(posted.status == 403)
        #expect(try shell.head() == head, "a reviewer's post commits nothing")
    }

    @Test func staffWalksACaseToClosedOneCommitPerStepAuthoredByThem() throws {
        let desk = try StaffFixture.desk()
        defer { desk.stop() }
        let (shell, id, server, browser) = (desk.shell, desk.id, desk.server, desk.marie)

        let casePage = try browser.get(server.url + "/equipe/dossiers/\(id)")
        #expect(casePage.body.contains("/equipe/dossiers/\(id)/agir/acknowledged"))
        let investigate = try browser.get(server.url + "/equipe/dossiers/\(id)/agir/solution-decided")
        #expect(investigate.status == 404, "only the moves allowed from the case's stage have a form")

        // The form of solution-decided is generated from the procedure (checked when we get there).
        let steps: [(String, [(String, String)])] = [
            ("acknowledged", []),
            ("assigned", [("f_owner", "marie")]),
            ("investigating", [("note", "Appel au service formation")]),
            (
                "solution-decided",
                [
                    ("f_findings", "Attestation jamais envoyée."), ("f_solution", "Envoi de l'attestation."),
                    ("f_solution_type", "corrective-action"),
                ]
            ),
            ("responded", [("f_response_channel", "email")]),
            ("follow-up", [("f_satisfaction", "satisfied")]),
            ("closed", [("f_no_action_reason", "Erreur ponctuelle, sans cause systémique.")]),
        ]
        var head = try shell.head()
        for (stage, fields) in steps {
            if stage == "solution-decided" {
                let form = try browser.get(server.url + "/equipe/dossiers/\(id)/agir/\(stage)")
                #expect(form.body.contains("<select id=\"f_solution_type\" name=\"f_solution_type\" required>"))
                #expect(form.body.contains("<textarea id=\"f_findings\" name=\"f_findings\" required>"))
                #expect(form.body.contains("<label for=\"f_findings\">"))
            }
            let sent = try act(browser, server, id: id, to: stage, fields: fields)
            #expect(sent.status == 303, "\(stage): \(sent.status) \(sent.body)")
            #expect(try shell.git("rev-list", "--count", "\(head)..HEAD").stdout == "1\n", "one commit for \(stage)")
            #expect(try shell.git("log", "-1", "--format=%an <%ae>").stdout == "Marie Dupont <marie.dupont@example.org>\n")
            #expect(try shell.git("log", "-1", "--format=%B").stdout.contains("Reclam-Case: \(id)"))
            head = try shell.head()
        }
        let text = try shell.read("cases/stg-1/\(id).md")
        #expect(text.contains("stage: closed") && text.contains("owner: marie") && text.contains("satisfaction: satisfied"))
        #expect(
            try shell.git("show", "--name-only", "--format=", "HEAD~6").stdout.contains("outbox/\(id)-ack.eml"), "ack writes the letter")
        #expect(try shell.reclam("check").status == 0)
        #expect(try shell.status() == "", "nothing left uncommitted (users.yml is ignored)")
        let closed = try browser.get(server.url + "/equipe/dossiers/\(id)")
        #expect(closed.body.contains("Marie Dupont") && !closed.body.contains("/agir/closed"))
    }

    @Test func staleFormIsRefusedAndCommandLineMovesShowAtOnce() throws {
        let desk = try StaffFixture.desk()
        defer { desk.stop() }
        let (shell, id, server, browser) = (desk.shell, desk.id, desk.server, desk.marie)

        // The form is opened, then the case is acknowledged at the terminal.
        let url = server.url + "/equipe/dossiers/\(id)/agir/rejected"
        let form = try browser.get(url)
        let csrf = try #require(StaffFixture.field("csrf", in: form.body))
        let version = try #require(StaffFixture.field("version", in: form.body))
        #expect(try shell.reclam("ack", id).status == 0)
        let page = try browser.get(server.url + "/equipe/dossiers/\(id)")
        #expect(page.body.contains("Réception accusée (acknowledged)"), "the move made on the command line shows at the next request")

        let head = try shell.head()
        let refused = try browser.post(
            url, fields: [("csrf", csrf), ("version", version), ("f_rejection_reason", "Demande d'information <b>seulement</b>")])
        #expect(refused.status == 409)
        #expect(refused.body.contains("Rechargez : quelqu&#39;un a modifié ce dossier"))
        #expect(refused.body.contains("Demande d&#39;information &lt;b&gt;seulement&lt;/b&gt;"), "the input is kept, escaped")
        #expect(try shell.head() == head, "nothing committed")

        // A forged post without the session's token is refused too.
        let forged = try browser.post(url, fields: [("csrf", "x"), ("version", version), ("f_rejection_reason", "x")])
        #expect(forged.status == 403)
        #expect(try shell.head() == head)
    }
}

extension StaffEndToEndTests {
    @Test func signOutNeedsTheSessionsTokenAndEndsTheSession() throws {
        let desk = try StaffFixture.desk()
        defer { desk.stop() }
        let (shell, server, browser) = (desk.shell, desk.server, desk.marie)
        let today = try browser.get(server.url + "/equipe/")
        #expect(today.status == 200, "the prefix answers with and without its slash")
        #expect(try browser.post(server.url + "/equipe/deconnexion", fields: [("csrf", "forged")]).status == 403)
        #expect(try browser.get(server.url + "/equipe").status == 200, "a forged sign-out leaves the session")
        let out = try browser.post(server.url + "/equipe/deconnexion", fields: [("csrf", StaffFixture.field("csrf", in: today.body) ?? "")])
        #expect(out.status == 303 && out.header("set-cookie")?.contains("Max-Age=0") == true)
        #expect(try browser.get(server.url + "/equipe").status == 303)

        // Removing a user ends their sessions at the next request.
        let again = Browser(shell, name: "again")
        #expect(try StaffFixture.signIn(again, server, user: "marie", password: StaffFixture.staffPassword).status == 303)
        #expect(try again.get(server.url + "/equipe").status == 200)
        #expect(try shell.reclam("user", "remove", "marie").status == 0)
        #expect(try again.get(server.url + "/equipe").status == 303)
    }
}

extension StaffEndToEndTests {
    @Test func attachmentsAreForSignedInUsersOnlyAndNothingElseIsServed() throws {
        let (shell, id) = try StaffFixture.ledger()
        defer { shell.remove() }
        try shell.write("cases/stg-1/\(id)/attestation signée.pdf", "%PDF-1.4\n%%EOF\n")
        try shell.commitAll("attachment")
        let server = try ServeProcess(shell)
        defer { server.stop() }
        let path = "/equipe/dossiers/\(id)/pieces/attestation%20sign%C3%A9e.pdf"
        let anonymous = Browser(shell, name: "anonymous")
        let refused = try anonymous.get(server.url + path)
        #expect(refused.status == 303 && !refused.body.contains("%PDF"))

        let browser = Browser(shell, name: "rita")
        #expect(try StaffFixture.signIn(browser, server, user: "rita", password: StaffFixture.reviewerPassword).status == 303)
        let page = try browser.get(server.url + "/equipe/dossiers/\(id)")
        #expect(page.body.contains("attestation signée.pdf"))
        let file = try browser.get(server.url + path)
        #expect(file.status == 200 && file.body == "%PDF-1.4\n%%EOF\n")
        #expect(file.header("content-disposition")?.hasPrefix("attachment;") == true)
        #expect(file.header("content-type") == "application/octet-stream")
        for forbidden in [
            "/equipe/dossiers/\(id)/pieces/..%2F..%2F..%2Fusers.yml", "/equipe/dossiers/\(id)/pieces/%2E%2E",
            "/equipe/dossiers/\(id)/pieces/..%2F\(id).md", "/equipe/dossiers/nope/pieces/x.pdf", "/users.yml", "/equipe/users.yml",
        ] {
            let answer = try browser.get(server.url + forbidden)
            #expect(answer.status == 404, "\(forbidden): \(answer.status)")
            #expect(!answer.body.contains("$2b$") && !answer.body.contains("stage:"))
        }
    }
}
