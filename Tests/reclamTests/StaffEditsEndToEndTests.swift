import Foundation
import Testing

/// The workspace's changes outside a move (reassign, set a field, a note, the body's sections,
/// a new case, an improvement action), on the built binary over HTTP with curl; the git CLI
/// is the witness of each commit and its author.
@Suite struct StaffEditsEndToEndTests {
    static let author = "Marie Dupont <marie.dupont@example.org>\n"

    typealias Desk = StaffFixture.Desk

    /// A ledger with one case, the server, Marie (staff) and Rita (reviewer) signed in.
    func desk(_ prepare: (Shell, String) throws -> Void = { _, _ in }) throws -> Desk {
        try StaffFixture.desk(reviewer: true, prepare)
    }

    /// Opens the form at `path` and posts `fields` with its CSRF token and version (unless
    /// overridden).
    func submit(
        _ desk: Desk, _ path: String, _ fields: [(String, String)], version: String? = nil, csrf: String? = nil
    ) throws -> HTTPExchange {
        let form = try desk.marie.get(desk.url(path))
        #expect(form.status == 200, "\(path): \(form.status)")
        var sent = [("csrf", csrf ?? StaffFixture.field("csrf", in: form.body) ?? "")]
        if let current = StaffFixture.field("version", in: form.body) { sent.append(("version", version ?? current)) }
        return try desk.marie.post(desk.url(path), fields: sent + fields)
    }

    /// One commit since `head`, authored by Marie, about the case.
    func expectOneCommitByMarie(_ desk: Desk, since head: String, _ what: String) throws {
        #expect(try desk.shell.git("rev-list", "--count", "\(head)..HEAD").stdout == "1\n", "one commit for \(what)")
        #expect(try desk.shell.git("log", "-1", "--format=%an <%ae>").stdout == Self.author, "\(what) authored by Marie")
    }

    /// What every edit refuses: a reviewer (form and post), a post without the session's
    /// token, and a post made from a stale page, which keeps the input. Nothing is committed.
    func expectRefusals(_ desk: Desk, _ path: String, _ fields: [(String, String)], kept: String) throws {
        let head = try desk.shell.head()
        #expect(try desk.rita.get(desk.url(path)).status == 403, "\(path): a reviewer gets no form")
        let ritaToken = StaffFixture.field("csrf", in: try desk.rita.get(desk.url("")).body) ?? ""
        let byReviewer = try desk.rita.post(desk.url(path), fields: [("csrf", ritaToken)] + fields)
        #expect(byReviewer.status == 403, "\(path): a reviewer cannot post")
        let form = try desk.marie.get(desk.url(path))
        let version = StaffFixture.field("version", in: form.body) ?? ""
        let noToken = try desk.marie.post(desk.url(path), fields: [("version", version)] + fields)
        #expect(noToken.status == 403, "\(path): no CSRF token, \(noToken.status)")
        let forged = try desk.marie.post(desk.url(path), fields: [("csrf", "forged"), ("version", version)] + fields)
        #expect(forged.status == 403, "\(path): a forged CSRF token, \(forged.status)")
        let stale = try submit(desk, path, fields, version: String(repeating: "0", count: 64))
        #expect(stale.status == 409, "\(path): stale, \(stale.status)")
        #expect(stale.body.contains("Rechargez : quelqu&#39;un a modifié ce dossier"), "\(path): the stale message")
        #expect(stale.body.contains(kept), "\(path): the input is kept, escaped")
        #expect(try desk.shell.head() == head, "\(path): nothing committed by a refusal")
    }

    @Test func reassignRunsReclamAssignsCodeAndRefusesWhatItMust() throws {
        let desk = try desk { (shell: Shell, id: String) throws in
            #expect(try shell.reclam("ack", id).status == 0)
            #expect(try shell.reclam("assign", id, "--to", "marie").status == 0)
        }
        defer { desk.stop() }
        let page = try desk.marie.get(desk.url("/dossiers/\(desk.id)"))
        #expect(page.body.contains("href=\"/equipe/dossiers/\(desk.id)/attribuer\""), "the case page links the form")
        try expectRefusals(desk, "/dossiers/\(desk.id)/attribuer", [("owner", "<i>paul</i>")], kept: "&lt;i&gt;paul&lt;/i&gt;")

        let empty = try submit(desk, "/dossiers/\(desk.id)/attribuer", [("owner", " "), ("note", "Congé <long>")])
        #expect(empty.status == 422)
        #expect(empty.body.contains("<span class=\"error-message\" id=\"owner-error\">obligatoire</span>"), "the error by its field")
        #expect(empty.body.contains("aria-describedby=\"owner-hint owner-error\" aria-invalid=\"true\""))
        #expect(empty.body.contains("Congé &lt;long&gt;</textarea>"), "the note is kept")

        let head = try desk.shell.head()
        let done = try submit(desk, "/dossiers/\(desk.id)/attribuer", [("owner", "paul"), ("note", "Congé de Marie")])
        #expect(done.status == 303 && done.header("location") == "/equipe/dossiers/\(desk.id)")
        try expectOneCommitByMarie(desk, since: head, "reassign")
        #expect(try desk.shell.git("log", "-1", "--format=%s").stdout == "assign(\(desk.id)): owner changed\n", "the CLI's commit")
        let text = try desk.shell.read("cases/stg-1/\(desk.id).md")
        #expect(text.contains("owner: paul") && text.contains("responsable marie → paul; Congé de Marie"))
        #expect(try desk.shell.reclam("check").status == 0)
    }

    @Test func reassignWithoutAnOwnerPointsToTheMove() throws {
        let desk = try desk()
        defer { desk.stop() }
        let page = try desk.marie.get(desk.url("/dossiers/\(desk.id)"))
        #expect(!page.body.contains("/attribuer\"") && page.body.contains("/champs\""), "no reassign link without an owner")
        let head = try desk.shell.head()
        let refused = try submit(desk, "/dossiers/\(desk.id)/attribuer", [("owner", "paul")])
        #expect(refused.status == 422 && refused.body.contains("pas encore de responsable"))
        #expect(try desk.shell.head() == head)
    }

    @Test func setAFieldAsReclamSetDoes() throws {
        let desk = try desk()
        defer { desk.stop() }
        let path = "/dossiers/\(desk.id)/champs"
        try expectRefusals(desk, path, [("field", "category"), ("value", "a \"b\" <c>")], kept: "a &quot;b&quot; &lt;c&gt;")

        let bad = try submit(desk, path, [("field", "kind"), ("value", "grumble"), ("note", "essai")])
        #expect(bad.status == 422)
        #expect(bad.body.contains("<span class=\"error-message\" id=\"value-error\">"), "the library's refusal next to the value")
        #expect(bad.body.contains("grumble") && bad.body.contains("<option value=\"kind\" selected>"), "the input is kept")
        let protected = try submit(desk, path, [("field", "stage"), ("value", "closed")])
        #expect(protected.status == 422, "fields reclam writes itself are refused")

        let head = try desk.shell.head()
        let done = try submit(desk, path, [("field", "category"), ("value", "pédagogie"), ("note", "Requalifiée")])
        #expect(done.status == 303)
        try expectOneCommitByMarie(desk, since: head, "set")
        #expect(try desk.shell.git("log", "-1", "--format=%s").stdout == "set(\(desk.id)): category\n")
        #expect(try desk.shell.read("cases/stg-1/\(desk.id).md").contains("category: pédagogie"))
    }

    @Test func aNoteGoesToTheJournalAloneFromTheWebAndTheCommandLine() throws {
        let desk = try desk()
        defer { desk.stop() }
        let path = "/dossiers/\(desk.id)/note"
        try expectRefusals(desk, path, [("text", "Appel <b>manqué</b>")], kept: "Appel &lt;b&gt;manqué&lt;/b&gt;")
        let empty = try submit(desk, path, [("text", "  \n ")])
        #expect(empty.status == 422 && empty.body.contains("id=\"text-error\""))

        let file = "cases/stg-1/\(desk.id).md"
        let before = try desk.shell.read(file)
        let head = try desk.shell.head()
        let done = try submit(desk, path, [("text", "Appel <b>manqué</b>,\r\nrappeler demain")])
        #expect(done.status == 303)
        try expectOneCommitByMarie(desk, since: head, "note")
        let after = try desk.shell.read(file)
        let added = after.split(separator: "\n").filter { !before.split(separator: "\n").contains($0) }
        #expect(added.count == 1 && added[0].hasSuffix(" — Marie Dupont — Appel <b>manqué</b>, rappeler demain"), "\(added)")
        #expect(after.hasPrefix(before.hasSuffix("\n") ? String(before.dropLast()) : before), "only a line appended at the end")
        let page = try desk.marie.get(desk.url("/dossiers/\(desk.id)"))
        #expect(page.body.contains(", rappeler demain") && !page.body.contains("<b>manqué"), "no user HTML on the page")

        // The command line runs the same code.
        let cli = try desk.shell.reclam("note", desk.id, "Relance envoyée", "--actor", "Paul Martin <paul@example.org>")
        #expect(cli.status == 0, "\(cli.stderr)")
        #expect(try desk.shell.git("log", "-1", "--format=%an|%s").stdout == "Paul Martin|note(\(desk.id)): journal\n")
        #expect(try desk.shell.read(file).contains(" — Paul Martin — Relance envoyée\n"))
        #expect(try desk.shell.reclam("note", desk.id, " ").status == 2, "an empty note is a usage error")
        #expect(try desk.shell.reclam("note", "nope-1234", "x").status != 0)
        #expect(try desk.shell.reclam("check").status == 0)
    }

    @Test func sectionsAreEditedWithTheRestOfTheFileByteForByte() throws {
        let desk = try desk()
        defer { desk.stop() }
        let path = "/dossiers/\(desk.id)/texte"
        let form = try desk.marie.get(desk.url(path))
        #expect(form.body.contains("<label for=\"s_1\">Analyse</label>"))
        #expect(!form.body.contains(">Journal</label>"), "the journal is not edited here")
        // The form posts every section; the others come back as shown.
        func sections(_ page: String) -> [(String, String)] {
            var out: [(String, String)] = []
            for index in 0..<5 {
                let open = "name=\"s_\(index)\">\n"
                guard let start = page.range(of: open), let end = page.range(of: "</textarea>", range: start.upperBound..<page.endIndex)
                else { continue }
                out.append(("s_\(index)", htmlUnescaped(String(page[start.upperBound..<end.lowerBound]))))
            }
            return out
        }
        let shown = sections(form.body)
        #expect(shown.count == 5)
        let edited = shown.map { $0.0 == "s_1" ? ($0.0, "Attestation jamais envoyée.\r\n\r\n- cause : <adresse> périmée\r\n") : $0 }
        try expectRefusals(desk, path, edited, kept: "- cause : &lt;adresse&gt; périmée")
        let unchanged = try submit(desk, path, shown)
        #expect(unchanged.status == 422 && unchanged.body.contains("rien ne change"))

        let file = "cases/stg-1/\(desk.id).md"
        let before = try desk.shell.read(file)
        let head = try desk.shell.head()
        let done = try submit(desk, path, edited)
        #expect(done.status == 303, "\(done.status) \(done.body)")
        try expectOneCommitByMarie(desk, since: head, "sections")
        #expect(try desk.shell.git("log", "-1", "--format=%s").stdout == "edit(\(desk.id)): Analyse\n")
        let comment = "<!-- Constats de l'enquête : faits vérifiés, personnes consultées, causes identifiées. -->"
        let expected = before.replacingOccurrences(of: comment, with: "Attestation jamais envoyée.\n\n- cause : <adresse> périmée")
        #expect(try desk.shell.read(file) == expected, "only the section's text changed")
        #expect(try desk.shell.reclam("check").status == 0)
    }

    @Test func aNewCaseByHandAsReclamNewMakesIt() throws {
        let desk = try desk()
        defer { desk.stop() }
        let head = try desk.shell.head()
        #expect(try desk.rita.get(desk.url("/nouveau")).status == 403)
        let ritaToken = StaffFixture.field("csrf", in: try desk.rita.get(desk.url("")).body) ?? ""
        let fields = [
            ("learner", "stg-2"), ("title", "Salle <froide>"), ("channel", "phone"), ("complainant", "learner"), ("kind", "complaint"),
            ("received", "2026-11-20 10:15"), ("email", "apprenant@example.org"), ("body", "Appel du stagiaire.\r\nSalle à 15 °C."),
        ]
        #expect(try desk.rita.post(desk.url("/nouveau"), fields: [("csrf", ritaToken)] + fields).status == 403)
        #expect(try desk.marie.post(desk.url("/nouveau"), fields: fields).status == 403, "no CSRF token")
        #expect(try desk.shell.head() == head)
        let today = try desk.marie.get(desk.url(""))
        #expect(today.body.contains("href=\"/equipe/nouveau\""), "the staff's menu links the form")

        let bad = try submit(desk, "/nouveau", fields.map { $0.0 == "channel" ? ("channel", "pigeon") : $0 })
        #expect(bad.status == 422 && bad.body.contains("<span class=\"error-message\" id=\"channel-error\">--channel"), "next to its field")
        let badTitle = try submit(desk, "/nouveau", fields.filter { $0.0 != "title" })
        #expect(badTitle.status == 422 && badTitle.body.contains("<span class=\"error-message\" id=\"title-error\">obligatoire</span>"))
        #expect(badTitle.body.contains("Salle à 15 °C.</textarea>"), "the text is kept")
        let badLearner = try submit(desk, "/nouveau", fields.map { $0.0 == "learner" ? ("learner", "../x") : $0 })
        #expect(badLearner.status == 422 && badLearner.body.contains("id=\"learner-error\""), "the library's refusal by its field")
        #expect(try desk.shell.head() == head, "nothing committed by a refusal")

        let done = try submit(desk, "/nouveau", fields)
        #expect(done.status == 303, "\(done.status) \(done.body)")
        let location = done.header("location") ?? ""
        #expect(location.hasPrefix("/equipe/dossiers/"))
        let id = String(location.dropFirst("/equipe/dossiers/".count))
        try expectOneCommitByMarie(desk, since: head, "new case")
        let text = try desk.shell.read("cases/stg-2/\(id).md")
        #expect(
            text.contains("title: Salle <froide>") && text.contains("channel: phone") && text.contains("contact: apprenant@example.org"))
        #expect(text.contains("Appel du stagiaire.\nSalle à 15 °C.") && !text.contains("\r"))
        let page = try desk.marie.get(desk.url(location.dropFirst("/equipe".count).description))
        #expect(page.status == 200 && page.body.contains("Salle &lt;froide&gt;"))
        #expect(try desk.shell.reclam("check").status == 0)
    }

    @Test func anImprovementActionIsCreatedOrLinkedFromTheCase() throws {
        let desk = try desk { (shell: Shell, _: String) throws in
            let other = try shell.reclam("action", "new", "--title", "Contrôle des envois", "--kind", "preventive")
            #expect(other.status == 0, "\(other.stderr)")
        }
        defer { desk.stop() }
        let path = "/dossiers/\(desk.id)/action"
        try expectRefusals(
            desk, path, [("mode", "new"), ("title", "Relance <auto>"), ("kind", "corrective")], kept: "Relance &lt;auto&gt;")
        let bad = try submit(desk, path, [("mode", "new"), ("title", "Relance"), ("kind", "corrective"), ("due", "demain")])
        #expect(bad.status == 422 && bad.body.contains("<span class=\"error-message\" id=\"due-error\">"))

        var head = try desk.shell.head()
        let created = try submit(
            desk, path, [("mode", "new"), ("title", "Relance automatique"), ("kind", "corrective"), ("due", "2026-12-31")])
        #expect(created.status == 303, "\(created.status) \(created.body)")
        try expectOneCommitByMarie(desk, since: head, "action new")
        let files = try desk.shell.git("show", "--name-only", "--format=", "HEAD").stdout
        #expect(files.hasPrefix("actions/act-"))
        let action = try desk.shell.read(files.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(action.contains("cases: [\(desk.id)]") && action.contains("due: 2026-12-31"))

        // Linking the other action: its id is offered, the link is `reclam action link`'s.
        let form = try desk.marie.get(desk.url(path))
        let listed = try #require(
            form.body.range(of: #"<option value="act-[0-9a-z-]+">act-[^<]* — Contrôle des envois"#, options: .regularExpression))
        let other = String(form.body[listed].dropFirst("<option value=\"".count).prefix { $0 != "\"" })
        let unknown = try submit(desk, path, [("mode", "link"), ("action", "act-20990101-zzzz")])
        #expect(unknown.status == 422 && unknown.body.contains("id=\"action-error\""))
        head = try desk.shell.head()
        let linked = try submit(desk, path, [("mode", "link"), ("action", other)])
        #expect(linked.status == 303)
        try expectOneCommitByMarie(desk, since: head, "action link")
        #expect(try desk.shell.read("actions/\(other).md").contains(desk.id))
        #expect(try desk.shell.reclam("check").status == 0)
    }
}

/// Undoes `Escape.html` on a textarea's content, as a browser does.
func htmlUnescaped(_ text: String) -> String {
    text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
        .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
        .replacingOccurrences(of: "&amp;", with: "&")
}

extension StaffEditsEndToEndTests {
    @Test func movesAreShownInTheLedgersLanguageWithTheVerbAsTheValue() throws {
        let desk = try desk()
        defer { desk.stop() }
        let page = try desk.marie.get(desk.url("/dossiers/\(desk.id)"))
        #expect(page.body.contains("name=\"verb\" value=\"ack\">Accuser réception → Réception accusée</button>"))
        #expect(page.body.contains("value=\"reject\">Rejeter → Rejetée</button>"))
        let form = try desk.marie.get(desk.url("/dossiers/\(desk.id)/agir/acknowledged"))
        #expect(form.body.contains("<h1>Accuser réception — \(desk.id)</h1>"))

        let config = try desk.shell.read("reclam.yml")
        try desk.shell.write("reclam.yml", config.replacingOccurrences(of: "language: fr", with: "language: en"))
        try desk.shell.commitAll("English")
        let english = try desk.marie.get(desk.url("/dossiers/\(desk.id)"))
        #expect(english.body.contains("value=\"ack\">Acknowledge → Acknowledged</button>"))
        #expect(english.body.contains(">Set a field</a>") && english.body.contains(">Add a note to the journal</a>"))
        let note = try submit(desk, "/dossiers/\(desk.id)/note", [("text", "")])
        #expect(note.status == 422 && note.body.contains("id=\"text-error\">required</span>"), "the edit forms in English")
    }
}

extension StaffEditsEndToEndTests {
    /// A reverse proxy on the same machine names the user in `serve.trusted_user_header`.
    @Test func aTrustedProxysHeaderSignsInAKnownUserFromLoopback() throws {
        let (shell, id) = try StaffFixture.ledger()
        defer { shell.remove() }
        try shell.configureServe("  trusted_user_header: X-Remote-User\n")
        #expect(try shell.reclam("check").status == 0)
        let server = try ServeProcess(shell)
        defer { server.stop() }
        let proxy = Browser(shell, name: "proxy")
        let url = server.url + "/equipe"
        let signed = try proxy.curl(["-H", "X-Remote-User: marie", url])
        #expect(signed.status == 200 && signed.body.contains("Marie Dupont (staff)"))
        #expect(signed.header("set-cookie")?.contains("reclam_staff=") != true, "no session cookie: the proxy vouches each time")
        #expect(try proxy.curl(["-H", "X-Remote-User: nobody", url]).status == 303, "an unknown id is not signed in")
        #expect(try proxy.get(url).status == 303, "no header, no session")
        let reviewer = try proxy.curl(["-H", "X-Remote-User: rita", url + "/dossiers/\(id)/note"])
        #expect(reviewer.status == 403, "the named user's role applies")

        // Acting through the proxy: the form's token holds from one request to the next.
        let form = try proxy.curl(["-H", "X-Remote-User: marie", url + "/dossiers/\(id)/note"])
        let csrf = try #require(StaffFixture.field("csrf", in: form.body))
        let version = try #require(StaffFixture.field("version", in: form.body))
        let head = try shell.head()
        let posted = try proxy.curl([
            "-H", "X-Remote-User: marie", "--form-string", "csrf=\(csrf)", "--form-string", "version=\(version)",
            "--form-string", "text=Vu par le proxy", url + "/dossiers/\(id)/note",
        ])
        #expect(posted.status == 303, "\(posted.status) \(posted.body)")
        #expect(try shell.git("rev-list", "--count", "\(head)..HEAD").stdout == "1\n")
        #expect(try shell.git("log", "-1", "--format=%an <%ae>").stdout == Self.author)
    }

    @Test func checkRefusesABadTrustedUserSetting() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger()
        try shell.configureServe("  trusted_user_header: Authorization\n  trusted_proxies: [proxy.local]\n")
        let check = try shell.reclam("check")
        #expect(check.status == 1)
        #expect(check.stdout.contains("serve.trusted_user_header 'Authorization' est un en-tête standard"), "\(check.stdout)")
        #expect(check.stdout.contains("'proxy.local' n'est pas une adresse IP"))
    }
}

extension StaffEditsEndToEndTests {
    @Test func initIgnoresUsersFileAndCheckWarnsWhenItIsTracked() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger()
        #expect(try shell.git("show", "HEAD:.gitignore").stdout.contains("\n/users.yml\n"), "init commits the .gitignore line")
        try shell.addUser("marie", name: "Marie", email: "m@example.org", role: "staff", password: "long enough pw")
        #expect(try shell.status() == "")
        #expect(try shell.reclam("check").stdout.contains("users-file-tracked") == false)

        #expect(try shell.git("add", "-f", "users.yml").status == 0)
        let staged = try shell.reclam("check")
        #expect(staged.status == 0, "a warning: \(staged.stdout)")
        #expect(
            staged.stdout.contains("users.yml : avertissement : users.yml is tracked by git")
                && staged.stdout.contains("[users-file-tracked]"))
        #expect(!staged.stdout.contains("$2b$"), "the finding never shows a hash")
    }
}
