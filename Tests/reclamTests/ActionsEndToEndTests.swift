import Foundation
import Testing

/// Improvement actions linked to cases, driven through the built binary.
@Suite struct ActionsEndToEndTests {
    func closeReady(_ shell: Shell, _ id: String) throws {
        for arguments in [
            ["ack", id], ["assign", id, "--to", "Karim Benali"], ["move", id, "investigating"],
            ["move", id, "solution-decided", "--set", "findings=F", "--set", "solution=S", "--set", "solution_type=compensation"],
            ["move", id, "responded", "--set", "response_channel=email"], ["move", id, "follow-up", "--set", "satisfaction=satisfied"],
        ] {
            let result = try shell.run(Shell.reclam, arguments, in: "ledger")
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
    }

    @Test func closingNeedsAnActionOrAReason() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger()
        let first = try shell.newCase(learner: "stg-1")
        let second = try shell.newCase(learner: "stg-2")
        let third = try shell.newCase(learner: "stg-3")
        for id in [first, second, third] { try closeReady(shell, id) }
        let head = try shell.head()
        let refused = try shell.reclam("close", first)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("no_action_reason"))
        #expect(try shell.head() == head)

        // One action for several cases.
        let created = try shell.reclam(
            "action", "new", "--title", "Contrôle des envois", "--kind", "corrective", "--cases", "\(first),\(second)", "--due",
            "2026-12-15")
        #expect(created.status == 0, "\(created.stderr)")
        let action = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(action.hasPrefix("act-20261116-"))
        #expect(try shell.reclam("close", first).status == 0)
        #expect(try shell.reclam("close", second).status == 0)
        // Several actions for one case.
        let other = try shell.reclam("action", "new", "--title", "Formation des équipes", "--kind", "preventive").stdout.trimmingCharacters(
            in: .whitespacesAndNewlines)
        #expect(try shell.reclam("action", "link", other, first, third).status == 0)
        let linked = try shell.read("actions/\(other).md")
        #expect(linked.contains("cases: [\(first), \(third)]\n"), "\(linked)")
        let plan = try shell.reclam("plan", "--format", "csv").stdout
        #expect(plan.contains("\"\(first), \(second)\""))
        #expect(try shell.reclam("close", third, "--set", "no_action_reason=Cas isolé").status == 0)
        let unknown = try shell.reclam("action", "link", other, "20990101-zzzz")
        #expect(unknown.status == 2)
        #expect(try shell.reclam("check").status == 0)
        #expect(try shell.status() == "")
    }

    /// Case ids drawn with digits only (or an `e` between digits) look like numbers but are not:
    /// `action new` and `action link` write them plain alike, and every reader finds them.
    @Test func numericLookingIdsAreWrittenPlainAndFound() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger()
        let ids = ["20261113-7925", "20261113-2e45", "20261113-2345"]
        for (index, id) in ids.enumerated() {
            let created = try shell.reclam(
                "new", "--id", id, "--learner", "stg-\(index)", "--title", "T", "--channel", "email", "--complainant", "learner",
                "--received", "2026-11-13T18:00:00+01:00", "--email", "stagiaire@example.org")
            #expect(created.status == 0, "\(created.stderr)")
            try closeReady(shell, id)
        }
        let action = try shell.reclam("action", "new", "--title", "Contrôle", "--kind", "corrective", "--cases", "\(ids[0]),\(ids[1])")
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try shell.read("actions/\(action).md").contains("cases: [\(ids[0]), \(ids[1])]\n"))
        let other = try shell.reclam("action", "new", "--title", "Formation", "--kind", "preventive").stdout.trimmingCharacters(
            in: .whitespacesAndNewlines)
        #expect(try shell.reclam("action", "link", other, ids[0], ids[2]).status == 0)
        #expect(try shell.read("actions/\(other).md").contains("cases: [\(ids[0]), \(ids[2])]\n"))
        for id in ids { #expect(try shell.reclam("close", id).status == 0, "\(id)") }
        let plan = try shell.reclam("plan", "--format", "csv").stdout
        #expect(plan.contains("\"\(ids[0]), \(ids[1])\""), "\(plan)")
        #expect(try shell.reclam("check").status == 0)
        #expect(try shell.status() == "")
    }

    @Test func reviewNotEffectiveSendsTheActionBack() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger()
        let id = try shell.newCase()
        let action = try shell.reclam("action", "new", "--title", "Vivier de remplaçants", "--kind", "preventive", "--cases", id).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try shell.reclam("action", "move", action, "in-progress").status == 0)
        #expect(try shell.reclam("action", "move", action, "done").status == 0)
        let noVerdict = try shell.reclam("action", "move", action, "effectiveness-checked")
        #expect(noVerdict.status == 1)
        let malformed = try shell.reclam("action", "move", action, "effectiveness-checked", "--set", "verdict")
        #expect(malformed.status == 2)
        #expect(malformed.stderr == "reclam: --set expects FIELD=VALUE, got 'verdict'\n", "\(malformed.stderr)")
        let back = try shell.reclam(
            "action", "move", action, "in-progress", "--set", "verdict=not-effective", "--set", "evidence=Deux absences non remplacées")
        #expect(back.status == 0, "\(back.stderr)")
        let refusedCheck = try shell.reclam("action", "move", action, "effectiveness-checked", "--set", "evidence=x")
        #expect(refusedCheck.status == 1)
        #expect(try shell.reclam("action", "move", action, "done").status == 0)
        let effective = try shell.reclam(
            "action", "move", action, "effectiveness-checked", "--set", "verdict=effective", "--set",
            "evidence=Aucune absence non remplacée en décembre")
        #expect(effective.status == 0, "\(effective.stderr)")
        let open = try shell.reclam("action", "list", "--open", "--format", "json").stdout
        #expect(open.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
        let stages = try shell.git("log", "--reverse", "--format=%(trailers:key=Reclam-Stage,valueonly)", "--", "actions").stdout.split(
            separator: "\n")
        #expect(
            stages == [
                "planned -> in-progress", "in-progress -> done", "done -> in-progress", "in-progress -> done",
                "done -> effectiveness-checked",
            ])
    }

    @Test func checkReportsOverdueActionsUnknownCasesAndMissingReviews() throws {
        var shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger()
        let id = try shell.newCase()
        let action = try shell.reclam("action", "new", "--title", "Relance", "--kind", "corrective", "--cases", id, "--due", "2026-11-20")
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let done = try shell.reclam("action", "new", "--title", "Affichage", "--kind", "improvement").stdout.trimmingCharacters(
            in: .whitespacesAndNewlines)
        #expect(try shell.reclam("action", "move", done, "done").status == 0)
        try shell.write(
            "actions/\(action).md",
            try shell.read("actions/\(action).md").replacingOccurrences(of: "cases: [\(id)]", with: "cases: [\(id), 20990101-zzzz]"))
        shell.environment["RECLAM_NOW"] = "2027-01-05T10:00:00+01:00"
        let check = try shell.reclam("check")
        #expect(check.status == 1)
        #expect(check.stdout.contains("actions/\(action).md:5:"))
        #expect(check.stdout.contains("renvoie à une réclamation inconnue '20990101-zzzz'"))
        #expect(check.stdout.contains("avertissement : échéance le 2026-11-20 et toujours à l'étape Planifiée [action-overdue]"))
        #expect(check.stdout.contains("[action-review-missing]"))
    }

    @Test func slaIncludesActionDueDates() throws {
        var shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger()
        let id = try shell.newCase()
        #expect(try shell.reclam("ack", id).status == 0)
        // The acknowledgement counts for the SLA once its email left (docs/MAIL.md).
        #expect(try shell.reclam("send", "--mark-sent", id).status == 0)
        let late = try shell.reclam("action", "new", "--title", "Relance", "--kind", "corrective", "--cases", id, "--due", "2026-11-20")
            .stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let onTime = try shell.reclam("action", "new", "--title", "Affichage", "--kind", "improvement", "--due", "2026-12-20").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try shell.reclam("action", "move", onTime, "done").status == 0)
        shell.environment["RECLAM_NOW"] = "2026-11-19T10:00:00+01:00"
        let atRisk = try shell.reclam("sla", "--actions")
        #expect(
            atRisk.stderr.contains(
                "avertissement : l'action \(late) doit être terminée le 2026-11-20T23:59:59+01:00 et en est encore à l'étape Planifiée "
                    + "[sla-action-at-risk]"))
        shell.environment["RECLAM_NOW"] = "2026-11-23T10:00:00+01:00"
        let breached = try shell.reclam("sla", "--actions", "--rule", "acknowledgement")
        #expect(breached.status == 0, "a rule filter leaves actions out")
        let all = try shell.reclam("sla", "--actions")
        #expect(all.status == 1)
        #expect(
            all.stderr.contains(
                "actions/\(late).md:6:6 : erreur : l'action \(late) devait être terminée le 2026-11-20T23:59:59+01:00 et en est encore "
                    + "à l'étape Planifiée [sla-action-breached]"
            ))
        #expect(!all.stderr.contains(onTime))
    }

    @Test func trendsFindTheRecurringCategoryOfAGeneratedLedger() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger()
        let categories = ["administratif", "pédagogie", "logistique", "logistique", "administratif", "administratif", "administratif"]
        var administrative: [String] = []
        for (index, category) in categories.enumerated() {
            let day = String(format: "%02d", index * 4 + 1)
            let month = index < 4 ? "09" : "10"
            let result = try shell.reclam(
                "new", "--learner", "stg-\(index)", "--title", "Cas \(index)", "--channel", "email", "--complainant", "learner",
                "--category", category, "--email", "stagiaire@example.org",
                "--received", "2026-\(month)-\(day)T10:00:00+02:00")
            #expect(result.status == 0, "\(result.stderr)")
            if category == "administratif" { administrative.append(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
        let action = try shell.reclam("action", "new", "--title", "Relecture", "--kind", "corrective", "--cases", administrative[0])
        #expect(action.status == 0)
        let json = try shell.reclam("trends", "--format", "json").stdout
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let recurring = object?["recurring"] as? [[String: Any]] ?? []
        #expect(recurring.map { $0["value"] as? String } == ["administratif"])
        #expect(Set(recurring.first?["cases"] as? [String] ?? []) == Set(administrative))
        #expect(Set(recurring.first?["without_action"] as? [String] ?? []) == Set(administrative.dropFirst()))
        #expect(object?["rising"] as? [String] == ["administratif"])
        let html = try shell.reclam("trends", "--format", "html").stdout
        #expect(html.contains("<table>"))
    }
}
