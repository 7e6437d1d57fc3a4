import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamOutput
import ReclamRules
import ReclamWorkflow

/// What a move's form holds: the file's version it was made from, the fields, note and time.
struct MoveInput: Sendable {
    /// Written when a stage needs a linked improvement action and there is none.
    static let noActionReason = "no_action_reason"
    var version = ""
    var note = ""
    var at = ""
    var values: [String: String] = [:]

    init(view: CaseView) {
        version = view.version
        for transition in view.transitions {
            for requirement in view.requirements(of: transition) {
                values[requirement.field] = view.item.field(requirement.field) ?? ""
            }
        }
    }

    init(form: [String: String], requirements: [FieldRequirement]) {
        version = form["version"] ?? ""
        note = String((form["note"] ?? "").prefix(5_000))
        at = String((form["at"] ?? "").trimmingCharacters(in: .whitespaces).prefix(40))
        for (key, value) in form where key.hasPrefix("f_") { values[String(key.dropFirst(2))] = String(value.prefix(5_000)) }
    }

    /// The same request `reclam move ID STAGE --set … --note … --at …` makes: only the fields
    /// given and changed are set.
    func request(id: String, target: String, view: CaseView) -> MoveRequest {
        var sets: [(field: String, value: String)] = []
        for requirement in view.procedure.requirements(of: target) {
            let value = (values[requirement.field] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if !value.isEmpty && value != view.item.field(requirement.field) { sets.append((requirement.field, value)) }
        }
        let reason = (values[Self.noActionReason] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if view.procedure.stage(target)?.requiresAction == true, !reason.isEmpty, reason != view.item.field(Self.noActionReason) {
            sets.append((Self.noActionReason, reason))
        }
        let trimmedNote = note.trimmingCharacters(in: .whitespacesAndNewlines)
        return MoveRequest(
            id: id, target: target, sets: sets, note: trimmedNote.isEmpty ? nil : trimmedNote, atText: at.isEmpty ? nil : at)
    }
}

/// The staff workspace's HTML. Every piece of user text goes through `Escape.html`; no script,
/// no inline style; every form has a label per field and a CSRF token.
struct StaffPages {
    let prefix: String
    let texts: StaffTexts
    let loaded: FrontDoor.Loaded
    let signed: StaffDesk.Signed?

    var language: Language { loaded.ledger.config.language }
    var procedure: Procedure { loaded.ledger.config.procedure }
    func e(_ text: String) -> String { Escape.html(text) }
    func url(_ path: String) -> String { e(prefix + path) }

    func stageLabel(_ id: String) -> String { procedure.stage(id)?.label(language) ?? id }

    func frame(title: String, body: String) -> String {
        var nav = ""
        if let signed {
            var links = [
                ("", "today"), ("/dossiers", "cases"), ("/rapport", "report"), ("/registre", "register"), ("/plan", "plan"),
                ("/audit", "audit"),
            ]
            if signed.session.user.role.mayAct { links.insert(("/nouveau", "new_case"), at: 2) }
            nav =
                "<nav aria-label=\"\(e(texts["workspace"]))\"><ul>"
                + links.map { "<li><a href=\"\(url($0.0.isEmpty ? "" : $0.0))\">\(e(texts[$0.1]))</a></li>" }.joined()
                + "</ul><form method=\"post\" action=\"\(url("/deconnexion"))\" class=\"signout\">"
                + "<input type=\"hidden\" name=\"csrf\" value=\"\(e(signed.csrf))\">"
                + "<span>\(e(texts["signed_in_as"]))\(e(signed.session.user.name)) (\(e(signed.session.user.role.rawValue)))</span> "
                + "<button type=\"submit\">\(e(texts["sign_out"]))</button></form></nav>"
        }
        let organisation = loaded.ledger.config.organisation
        return HTML.shell(
            title: title, language: language.rawValue, organisation: organisation,
            head: "<link rel=\"stylesheet\" href=\"\(url("/staff.css"))\">\n", bodyClass: "staff",
            top: """
                <a class="skip" href="#main">\(language == .en ? "Skip to content" : "Aller au contenu")</a>
                <header><p class="organisation">\(e(organisation)) — \(e(texts["workspace"]))</p>\(nav)</header>

                """, body: body)
    }

    func signIn(csrf: String, userID: String, problem: String?) -> String {
        var body = "<h1>\(e(texts["sign_in"]))</h1>\n"
        if let problem { body += "<p class=\"error-summary\" role=\"alert\">\(e(problem))</p>\n" }
        body += """
            <form method="post" action="\(url("/connexion"))">
            <input type="hidden" name="csrf" value="\(e(csrf))">
            <div class="field"><label for="user">\(e(texts["user_id"]))</label>
            <input type="text" id="user" name="user" autocomplete="username" required value="\(e(userID))"></div>
            <div class="field"><label for="password">\(e(texts["password"]))</label>
            <input type="password" id="password" name="password" autocomplete="current-password" required></div>
            <button type="submit">\(e(texts["sign_in_button"]))</button>
            </form>
            """
        return frame(title: texts["sign_in"], body: body)
    }

    func message(_ text: String, caseID: String? = nil, kept: MoveInput? = nil) -> String {
        var body = "<p class=\"error-summary\" role=\"alert\">\(e(text))</p>\n"
        if let kept, !kept.note.isEmpty { body += "<h2>\(e(texts["note"]))</h2>\n<pre class=\"kept\">\(e(kept.note))</pre>\n" }
        if let caseID { body += "<p><a href=\"\(url("/dossiers/" + caseID))\">\(e(texts["cancel"]))</a></p>\n" }
        return frame(title: texts["workspace"], body: body)
    }

    func caseLink(_ item: Case) -> String { "<a href=\"\(url("/dossiers/" + item.id))\">\(e(item.id))</a>" }

    func day(_ date: Date?) -> String {
        guard let date else { return "" }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = loaded.ledger.config.timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0)
    }

    func table(_ header: [String], _ rows: [[String]], caption: String? = nil) -> String {
        var html = "<div class=\"table\"><table>\n"
        if let caption { html += "<caption>\(e(caption))</caption>\n" }
        html += "<thead><tr>" + header.map { "<th scope=\"col\">\(e($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in rows { html += "<tr>" + row.map { "<td>\($0)</td>" }.joined() + "</tr>\n" }
        return html + "</tbody></table></div>\n"
    }

    // MARK: Today

    func today(_ board: CaseBoard) -> String {
        var body =
            "<h1>\(e(texts["today"]))</h1>\n<section aria-labelledby=\"sla\"><h2 id=\"sla\">\(e(texts["sla_board"]))</h2>\n<ul class=\"board\">"
        let counts = board.slaCounts()
        for state in [SLAState.breached, .atRisk, .running, .paused] {
            body +=
                "<li class=\"\(state.rawValue)\"><a href=\"\(url("/dossiers?sla=" + state.rawValue))\"><strong>\(counts[state] ?? 0)</strong> \(e(texts[state.rawValue]))</a></li>"
        }
        body += "</ul></section>\n<section aria-labelledby=\"agenda\"><h2 id=\"agenda\">\(e(texts["agenda"]))</h2>\n"
        let agenda = board.agenda()
        if agenda.isEmpty { body += "<p>\(e(texts["nothing"]))</p>\n" }
        for group in agenda {
            let owner = group.owner.isEmpty ? texts["unassigned"] : group.owner
            let rows = group.cases.map { item in
                [caseLink(item), e(day(board.nextDeadline(item))), e(stageLabel(item.stage)), e(item.title)]
            }
            body += "<h3>\(e(owner)) (\(group.cases.count))</h3>\n"
            body += table([texts["id"], texts["deadline"], texts["stage"], texts["title"]], rows)
        }
        body += "</section>\n<section aria-labelledby=\"newest\"><h2 id=\"newest\">\(e(texts["newest"]))</h2>\n"
        let newest = board.newestIntakes()
        if newest.isEmpty {
            body += "<p>\(e(texts["nothing"]))</p>\n"
        } else {
            body += table(
                [texts["id"], texts["received"], texts["channel"], texts["stage"], texts["title"]],
                newest.map {
                    [
                        caseLink($0), e(String(($0.receivedText ?? "").prefix(16))), e($0.channel ?? ""), e(stageLabel($0.stage)),
                        e($0.title),
                    ]
                })
        }
        body += "</section>\n"
        return frame(title: texts["today"], body: body)
    }

    // MARK: Cases

    func caseList(
        _ board: CaseBoard, _ cases: [Case], filter: CaseBoard.Filter, sort: CaseBoard.SortKey, descending: Bool, page: Int,
        owners: [String]? = nil
    ) -> String {
        var body = "<h1>\(e(texts["cases"]))</h1>\n<form method=\"get\" action=\"\(url("/dossiers"))\" class=\"filters\">\n"
        let stages = [("", texts["any"])] + procedure.stages.map { ($0.id, $0.label(language)) }
        body += select("stage", texts["stage"], stages, selected: filter.stage ?? "")
        let owners = owners ?? Set(board.cases.compactMap(\.owner)).sorted()
        body += select("owner", texts["owner"], [("", texts["any"])] + owners.map { ($0, $0) }, selected: filter.owner ?? "")
        body +=
            "<div class=\"field\"><label for=\"learner\">\(e(texts["learner"]))</label><input type=\"text\" id=\"learner\" name=\"learner\" value=\"\(e(filter.learner ?? ""))\"></div>\n"
        body +=
            "<div class=\"field\"><label for=\"q\">\(e(texts["text"]))</label><input type=\"search\" id=\"q\" name=\"q\" value=\"\(e(filter.text ?? ""))\"></div>\n"
        body += checkbox("open", texts["open_only"], filter.openOnly) + checkbox("overdue", texts["overdue"], filter.overdue)
        if let sla = filter.sla { body += "<input type=\"hidden\" name=\"sla\" value=\"\(e(sla.rawValue))\">" }
        body += select(
            "sort", texts["sort"], CaseBoard.SortKey.allCases.map { ($0.rawValue, texts[$0.rawValue == "id" ? "id" : $0.rawValue]) },
            selected: sort.rawValue)
        body += checkbox("desc", texts["descending"], descending)
        body += "<button type=\"submit\">\(e(texts["filter"]))</button>\n</form>\n"
        let pages = max(1, (cases.count + StaffDesk.pageSize - 1) / StaffDesk.pageSize)
        let current = min(page, pages)
        let slice = cases.dropFirst((current - 1) * StaffDesk.pageSize).prefix(StaffDesk.pageSize)
        body +=
            "<p role=\"status\">"
            + e(
                texts["page_of"].replacingOccurrences(of: "%1", with: "\(current)").replacingOccurrences(of: "%2", with: "\(pages)")
                    .replacingOccurrences(of: "%3", with: "\(cases.count)")) + "</p>\n"
        body += table(
            [texts["id"], texts["received"], texts["stage"], texts["owner"], texts["learner"], texts["deadline"], texts["title"]],
            slice.map { item in
                [
                    caseLink(item), e(String((item.receivedText ?? "").prefix(10))), e(stageLabel(item.stage)), e(item.owner ?? ""),
                    "<a href=\"\(url("/apprenants/" + item.learner))\">\(e(item.learner))</a>", e(day(board.nextDeadline(item))),
                    e(item.title),
                ]
            })
        var query: [(String, String)] = []
        if let v = filter.stage { query.append(("stage", v)) }
        if let v = filter.owner { query.append(("owner", v)) }
        if let v = filter.learner { query.append(("learner", v)) }
        if let v = filter.text { query.append(("q", v)) }
        if filter.openOnly { query.append(("open", "1")) }
        if filter.overdue { query.append(("overdue", "1")) }
        if let v = filter.sla { query.append(("sla", v.rawValue)) }
        query.append(("sort", sort.rawValue))
        if descending { query.append(("desc", "1")) }
        func link(_ page: Int) -> String {
            let all = query + [("page", "\(page)")]
            return url(
                "/dossiers?"
                    + all.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(
                        separator: "&"))
        }
        body += "<nav class=\"pager\" aria-label=\"pages\">"
        if current > 1 { body += "<a href=\"\(link(current - 1))\" rel=\"prev\">\(e(texts["previous"]))</a> " }
        if current < pages { body += "<a href=\"\(link(current + 1))\" rel=\"next\">\(e(texts["next"]))</a>" }
        body += "</nav>\n"
        return frame(title: texts["cases"], body: body)
    }

    func select(_ name: String, _ label: String, _ options: [(String, String)], selected: String) -> String {
        "<div class=\"field\"><label for=\"\(e(name))\">\(e(label))</label><select id=\"\(e(name))\" name=\"\(e(name))\">"
            + options.map { "<option value=\"\(e($0.0))\"\($0.0 == selected ? " selected" : "")>\(e($0.1))</option>" }.joined()
            + "</select></div>\n"
    }

    func checkbox(_ name: String, _ label: String, _ checked: Bool) -> String {
        "<div class=\"field choice\"><input type=\"checkbox\" id=\"\(e(name))\" name=\"\(e(name))\" value=\"1\"\(checked ? " checked" : "")>"
            + "<label for=\"\(e(name))\">\(e(label))</label></div>\n"
    }

    // MARK: A case

    func casePage(_ view: CaseView) -> String {
        let item = view.item
        var body = "<h1>\(e(item.id)) — \(e(item.title))</h1>\n"
        if let signed, signed.session.user.role.mayAct {
            if !view.transitions.isEmpty {
                body += "<section aria-labelledby=\"act\"><h2 id=\"act\">\(e(texts["act"]))</h2><ul class=\"verbs\">"
                for transition in view.transitions {
                    body +=
                        "<li><form method=\"get\" action=\"\(url("/dossiers/\(item.id)/agir/\(transition.to)"))\">"
                        + "<button type=\"submit\" name=\"verb\" value=\"\(e(transition.verb))\">\(e(transition.label(language))) → "
                        + "\(e(stageLabel(transition.to)))</button></form></li>"
                }
                body += "</ul></section>\n"
            }
            body += editLinks(view)
        } else {
            body += "<p class=\"notice\">\(e(texts["reviewer_note"]))</p>\n"
        }
        var rows: [[String]] = []
        for pair in item.document.root?.pairs ?? [] where pair.key != "steps" && pair.key != "attachments" {
            let value: String
            if let scalar = pair.value.scalar {
                value = pair.key == "stage" ? "\(stageLabel(scalar)) (\(scalar))" : scalar
            } else {
                value = JSON.encode(JSON.value(of: pair.value))
            }
            rows.append(["<code>\(e(pair.key))</code>", e(value)])
        }
        body +=
            "<section aria-labelledby=\"fields\"><h2 id=\"fields\">\(e(texts["fields"]))</h2>\n"
            + table(["", ""], rows).replacingOccurrences(
                of: "<thead><tr><th scope=\"col\"></th><th scope=\"col\"></th></tr></thead>\n", with: "")
            + "</section>\n"
        if !view.clocks.isEmpty {
            body +=
                "<section aria-labelledby=\"clocks\"><h2 id=\"clocks\">\(e(texts["clocks"]))</h2>\n"
                + table(
                    [texts["rule"], texts["state"], texts["deadline"]],
                    view.clocks.map {
                        [
                            e($0.rule.name), "<span class=\"state \(e($0.state.rawValue))\">\(e(texts["s_" + $0.state.rawValue]))</span>",
                            e(day($0.due)),
                        ]
                    })
                + "</section>\n"
        }
        body +=
            "<section aria-labelledby=\"body\"><h2 id=\"body\">\(e(texts["body"]))</h2>\n<div class=\"case-body\">"
            + MarkdownRenderer.html(String(item.document.body)) + "</div></section>\n"
        if !view.attachments.isEmpty {
            body += "<section aria-labelledby=\"files\"><h2 id=\"files\">\(e(texts["attachments"]))</h2><ul>"
            for name in view.attachments {
                let encoded =
                    name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? name
                body += "<li><a href=\"\(e(prefix))/dossiers/\(e(item.id))/pieces/\(e(encoded))\" download>\(e(name))</a></li>"
            }
            body += "</ul></section>\n"
        }
        if !view.actions.isEmpty {
            body +=
                "<section aria-labelledby=\"actions\"><h2 id=\"actions\">\(e(texts["actions"]))</h2><ul>"
                + view.actions.map { "<li>\(e($0.id)) — \(e($0.title)) (\(e($0.stage)))</li>" }.joined() + "</ul></section>\n"
        }
        body += "<section aria-labelledby=\"timeline\"><h2 id=\"timeline\">\(e(texts["timeline"]))</h2>\n"
        body += table(
            [texts["date"], texts["author"], texts["change"]],
            view.log.reversed().map { entry in
                var change = entry.summary
                if let from = entry.stageFrom, let to = entry.stageTo, from != to { change = "\(from) → \(to) — " + change }
                return [e(entry.date), e(entry.author), e(change)]
            })
        body += "</section>\n"
        return frame(title: "\(item.id) — \(item.title)", body: body)
    }

    // MARK: A move's form

    func moveForm(_ view: CaseView, transition: Transition, input: MoveInput, problems: [String], stale: Bool = false) -> String {
        let item = view.item
        var body = "<h1>\(e(transition.label(language))) — \(e(item.id))</h1>\n"
        body += "<p>\(e(stageLabel(item.stage))) → \(e(stageLabel(transition.to)))</p>\n"
        if stale { body += "<div class=\"error-summary\" role=\"alert\"><p>\(e(texts["stale"]))</p></div>\n" }
        if !problems.isEmpty {
            body +=
                "<div class=\"error-summary\" role=\"alert\"><h2>\(e(texts["refused"]))</h2><ul>"
                + problems.map { "<li>\(e($0))</li>" }.joined() + "</ul></div>\n"
        }
        body += "<form method=\"post\" action=\"\(url("/dossiers/\(item.id)/agir/\(transition.to)"))\">\n"
        body += "<input type=\"hidden\" name=\"csrf\" value=\"\(e(signed?.csrf ?? ""))\">\n"
        body += "<input type=\"hidden\" name=\"version\" value=\"\(e(input.version))\">\n"
        for requirement in view.requirements(of: transition) {
            let name = "f_" + requirement.field
            let value = input.values[requirement.field] ?? ""
            let label =
                "<label for=\"\(e(name))\">\(e(requirement.field)) <span class=\"required\">(\(e(texts["required"])))</span></label>"
            switch requirement.type {
            case .enum:
                let options = [("", "—")] + requirement.values.map { ($0, $0) }
                body +=
                    "<div class=\"field\">\(label)<select id=\"\(e(name))\" name=\"\(e(name))\" required>"
                    + options.map { "<option value=\"\(e($0.0))\"\($0.0 == value ? " selected" : "")>\(e($0.1))</option>" }.joined()
                    + "</select></div>\n"
            case .date:
                body +=
                    "<div class=\"field\">\(label)<input type=\"date\" id=\"\(e(name))\" name=\"\(e(name))\" required value=\"\(e(value))\"></div>\n"
            case .text:
                body +=
                    "<div class=\"field\">\(label)<textarea id=\"\(e(name))\" name=\"\(e(name))\" required>\(e(value))</textarea></div>\n"
            default:
                body +=
                    "<div class=\"field\">\(label)<input type=\"text\" id=\"\(e(name))\" name=\"\(e(name))\" required value=\"\(e(value))\"></div>\n"
            }
        }
        if procedure.stage(transition.to)?.requiresAction == true && view.actions.isEmpty {
            let name = "f_" + MoveInput.noActionReason
            body +=
                "<div class=\"field\"><label for=\"\(name)\">\(e(texts["no_action_reason"]))</label>"
                + "<span class=\"hint\" id=\"\(name)-hint\">\(e(texts["no_action_help"]))</span>"
                + "<textarea id=\"\(name)\" name=\"\(name)\" aria-describedby=\"\(name)-hint\">\(e(input.values[MoveInput.noActionReason] ?? ""))</textarea></div>\n"
        }
        body +=
            "<div class=\"field\"><label for=\"note\">\(e(texts["note"]))</label><textarea id=\"note\" name=\"note\">\(e(input.note))</textarea></div>\n"
        body +=
            "<div class=\"field\"><label for=\"at\">\(e(texts["at"]))</label><span class=\"hint\" id=\"at-hint\">\(e(texts["at_help"]))</span>"
            + "<input type=\"text\" id=\"at\" name=\"at\" aria-describedby=\"at-hint\" value=\"\(e(input.at))\"></div>\n"
        body += "<button type=\"submit\">\(e(texts["submit_move"]))</button>\n</form>\n"
        body += "<p><a href=\"\(url("/dossiers/" + item.id))\">\(e(texts["cancel"]))</a></p>\n"
        return frame(title: "\(transition.label(language)) — \(item.id)", body: body)
    }

    // MARK: Reviewers

    /// A document of the CLI (`reclam report --format html`…) inside the workspace's frame:
    /// its body as the CLI renders it, its own stylesheet left out (no inline style here).
    func embed(_ document: String, csvLink: String? = nil) -> String {
        var inner = document
        if let start = document.range(of: "<body"), let open = document[start.upperBound...].firstIndex(of: ">"),
            let end = document.range(of: "</body>", options: .backwards)
        {
            inner = String(document[document.index(after: open)..<end.lowerBound])
        }
        let title = document.range(of: "<title>").flatMap { start in
            document.range(of: "</title>").map { String(document[start.upperBound..<$0.lowerBound]) }
        }
        let extra = csvLink.map { "<p><a href=\"\(url($0))\" download>\(e(texts["download_csv"]))</a></p>\n" } ?? ""
        return frame(title: title.map(Self.unescape) ?? texts["workspace"], body: extra + "<div class=\"document\">" + inner + "</div>")
    }

    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    func audit(_ findings: [Diagnostic]) -> String {
        var body = "<h1>\(e(texts["audit"]))</h1>\n"
        if findings.isEmpty {
            body += "<p>\(e(texts["no_findings"]))</p>\n"
        } else {
            body += "<pre class=\"findings\">\(e(DiagnosticFormatter.render(findings, as: .text, language: language)))</pre>\n"
        }
        return frame(title: texts["audit"], body: body)
    }

    static let stylesheet = """
        body.staff main{max-width:72rem}
        .skip{position:absolute;left:-10000px}
        .skip:focus{left:1rem;top:1rem;background:#fff;color:#1d3557;padding:.5rem;z-index:10}
        header nav{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1rem;margin-top:.5rem}
        header nav ul{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;margin:0;padding:0}
        header nav a{color:#fff}
        header .signout{margin-left:auto;display:flex;align-items:center;gap:.5rem}
        header .signout button{background:#fff;color:#1d3557;padding:.25rem .75rem}
        .table{overflow-x:auto}
        table{border-collapse:collapse;width:100%;margin:0 0 1.25rem}
        th,td{border-bottom:1px solid #6b6b6b;padding:.35rem .5rem;text-align:left;vertical-align:top}
        caption{text-align:left;font-weight:700}
        ul.board{display:flex;flex-wrap:wrap;gap:.75rem;list-style:none;padding:0}
        ul.board li a{display:block;border:2px solid #1d3557;border-radius:.25rem;padding:.5rem 1rem;text-decoration:none;color:#1a1a1a}
        ul.board li.breached a{border-color:#a4161a}
        ul.board strong{font-size:1.5rem;display:block}
        form.filters{display:flex;flex-wrap:wrap;gap:0 1rem;align-items:flex-end}
        select,input[type=search],input[type=password],input[type=date]{font:inherit;padding:.4rem;border:2px solid #4a4a4a;border-radius:.25rem;background:#fff;color:#1a1a1a}
        ul.verbs{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0}
        a.button{display:inline-block;border:2px solid #1d3557;border-radius:.25rem;padding:.5rem 1rem;text-decoration:none;font-weight:700}
        .state.breached{color:#a4161a;font-weight:700}
        .state.at-risk{color:#8a4b00;font-weight:700}
        .pager a{margin-right:1rem}
        .case-body{border-left:4px solid #1d3557;padding-left:1rem}
        .case-body h2{font-size:1.15rem;margin:1rem 0 .25rem}
        pre{white-space:pre-wrap;background:#f1f3f5;padding:.5rem}

        """
}
