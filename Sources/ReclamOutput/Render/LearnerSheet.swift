import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamRules

/// The learner's follow-up sheet (fiche stagiaire): their cases, steps, solutions and actions,
/// as procedure A asks ("identifier dans la fiche stagiaire les actions menées").
public struct LearnerSheet: Sendable {
    public var learnerID: String
    public var learner: Learner?
    public var cases: [Case]
    public var procedure: Procedure
    public var language: Language
    public var timeZone: TimeZone
    /// Improvement actions answering any of the learner's cases.
    public var actions: [Action] = []

    public static func load(_ id: String, ledger: Ledger) throws(ReclamError) -> LearnerSheet {
        if let problem = Identifier.problem(id) { throw .usage(problem) }
        let folder = "\(Ledger.casesFolder)/\(id)"
        guard FileSystem.kind(of: ledger.url(folder)) == .directory else { throw .usage("no learner \(id) (no folder \(folder))") }
        let scan = try LedgerScan.scan(ledger)
        let paths = scan.casePaths.filter { $0.hasPrefix(folder + "/") }
        let (cases, _) = LedgerReader.cases(paths, in: ledger)
        var learner: Learner?
        if case .success(let document) = LedgerReader.readDocument("\(folder)/\(Ledger.learnerFile)", in: ledger) {
            learner = Learner(path: "\(folder)/\(Ledger.learnerFile)", document: document)
        }
        var sheet = LearnerSheet(
            learnerID: id, learner: learner, cases: cases.sorted { ($0.receivedText ?? "") < ($1.receivedText ?? "") },
            procedure: ledger.config.procedure, language: ledger.config.language, timeZone: ledger.config.timeZone)
        let ids = Set(cases.map(\.id))
        sheet.actions = ActionStore.load(ledger).actions.filter { !ids.isDisjoint(with: $0.cases) }
        return sheet
    }

    func actionSummaries(_ caseID: String) -> [String] {
        actions.filter { $0.cases.contains(caseID) }.map { "\($0.id) — \($0.title) (\($0.stage)\($0.verdict.map { ", \($0)" } ?? ""))" }
    }

    func t(_ fr: String, _ en: String) -> String { language == .fr ? fr : en }

    /// Markdown; every piece of user text is escaped, except the case bodies' own Markdown.
    public func markdown() -> String {
        var out = "# \(t("Fiche stagiaire", "Learner sheet")) \(MarkdownText.escape(learnerID))\n\n"
        for field in ["training", "session", "funder"] {
            if let value = learner?.document.string(field) {
                let label =
                    ["training": t("Formation", "Training"), "session": "Session", "funder": t("Financeur", "Funder")][field] ?? field
                out += "- **\(label)** : \(MarkdownText.escape(value))\n"
            }
        }
        out += "\n\(t("Réclamations", "Complaints")) : \(cases.count)\n"
        for item in cases {
            out += "\n## \(MarkdownText.escape(item.title)) (\(item.id))\n\n"
            out += "- **\(t("Reçue le", "Received"))** : \(item.receivedText ?? "")\n"
            out += "- **\(t("Canal", "Channel"))** : \(MarkdownText.escape(item.channel ?? ""))\n"
            out += "- **\(t("Étape", "Stage"))** : \(MarkdownText.escape(procedure.stage(item.stage)?.label(language) ?? item.stage))\n"
            if let owner = item.owner { out += "- **\(t("Responsable", "Owner"))** : \(MarkdownText.escape(owner))\n" }
            for (field, fr, en) in [
                ("findings", "Constats", "Findings"), ("solution", "Solution", "Solution"),
                ("solution_type", "Type de solution", "Kind of solution"),
                ("response_channel", "Réponse par", "Answered by"), ("satisfaction", "Satisfaction", "Satisfaction"),
                ("containment", "Mesure conservatoire", "Containment"), ("root_causes", "Causes", "Root causes"),
                ("action_plan", "Plan d'actions", "Action plan"),
                ("rejection_reason", "Motif de rejet", "Rejection reason"), ("reopen_reason", "Motif de réouverture", "Reopening reason"),
            ] {
                if let value = item.field(field) { out += "- **\(t(fr, en))** : \(MarkdownText.escape(value))\n" }
            }
            for summary in actionSummaries(item.id) { out += "- **Action** : \(MarkdownText.escape(summary))\n" }
            if !item.steps.isEmpty {
                out += "\n| \(t("Date", "Date")) | \(t("Étape", "Stage")) | \(t("Par", "By")) | \(t("Note", "Note")) |\n|---|---|---|---|\n"
                for step in item.steps {
                    let label = procedure.stage(step.stage)?.label(language) ?? step.stage
                    out +=
                        "| \(step.atText ?? "") | \(MarkdownText.escape(label)) | \(MarkdownText.escape(step.by ?? "")) | \(MarkdownText.escape(step.note ?? "")) |\n"
                }
            }
        }
        return out
    }

    /// HTML built directly (cmark has no tables), user text escaped.
    public func html() -> String {
        var body = "<h1>\(HTML.escape(t("Fiche stagiaire", "Learner sheet"))) \(HTML.escape(learnerID))</h1>\n<ul>\n"
        for (field, label) in [("training", t("Formation", "Training")), ("session", "Session"), ("funder", t("Financeur", "Funder"))] {
            if let value = learner?.document.string(field) {
                body += "<li><strong>\(HTML.escape(label))</strong> : \(HTML.escape(value))</li>\n"
            }
        }
        body += "</ul>\n"
        for item in cases {
            body += "<h2>\(HTML.escape(item.title)) (\(HTML.escape(item.id)))</h2>\n<table>\n"
            var rows: [(String, String)] = [
                (t("Reçue le", "Received"), item.receivedText ?? ""), (t("Canal", "Channel"), item.channel ?? ""),
                (t("Étape", "Stage"), procedure.stage(item.stage)?.label(language) ?? item.stage),
            ]
            for (field, label) in [
                ("owner", t("Responsable", "Owner")), ("findings", t("Constats", "Findings")), ("solution", "Solution"),
                ("satisfaction", "Satisfaction"), ("action_plan", t("Plan d'actions", "Action plan")),
            ] {
                if let value = item.field(field) { rows.append((label, value)) }
            }
            body +=
                rows.map { "<tr><th>\(HTML.escape($0.0))</th><td>\(HTML.escape($0.1))</td></tr>" }.joined(separator: "\n") + "\n</table>\n"
            if !item.steps.isEmpty {
                body +=
                    "<table><thead><tr><th>Date</th><th>\(HTML.escape(t("Étape", "Stage")))</th><th>\(HTML.escape(t("Par", "By")))</th><th>Note</th></tr></thead><tbody>\n"
                for step in item.steps {
                    body +=
                        "<tr><td>\(HTML.escape(step.atText ?? ""))</td><td>\(HTML.escape(procedure.stage(step.stage)?.label(language) ?? step.stage))</td><td>\(HTML.escape(step.by ?? ""))</td><td>\(HTML.escape(step.note ?? ""))</td></tr>\n"
                }
                body += "</tbody></table>\n"
            }
        }
        return HTML.page(title: "\(t("Fiche stagiaire", "Learner sheet")) \(learnerID)", language: language, body: body)
    }
}
