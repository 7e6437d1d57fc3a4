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
    /// The actions' procedure, for their stages' labels.
    public var actionProcedure: Procedure?

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
        sheet.actionProcedure = ActionSettings.read(ledger.config).procedure
        sheet.actions = ActionStore.load(ledger).actions.filter { !ids.isDisjoint(with: $0.cases) }
        return sheet
    }

    func actionSummaries(_ caseID: String) -> [String] {
        actions.filter { $0.cases.contains(caseID) }.map {
            "\($0.id) — \($0.title) (\(actionProcedure?.stage($0.stage)?.label(language) ?? $0.stage)\($0.verdict.map { ", \(m.value($0))" } ?? ""))"
        }
    }

    var m: Messages { Messages(language) }

    /// The fields of a case the sheet shows, with their headings.
    static let caseFields: [(String, Messages.Key)] = [
        ("findings", .findings), ("solution", .solution), ("solution_type", .solutionType), ("response_channel", .answeredBy),
        ("satisfaction", .satisfaction), ("containment", .containment), ("root_causes", .rootCauses), ("action_plan", .actionPlan),
        ("rejection_reason", .rejectionReason), ("reopen_reason", .reopenReason),
    ]

    /// Markdown; every piece of user text is escaped, except the case bodies' own Markdown.
    public func markdown() -> String {
        var out = "# \(m[.learnerSheet]) \(MarkdownText.escape(learnerID))\n\n"
        for field in ["training", "session", "funder"] {
            if let value = learner?.document.string(field) {
                let label =
                    ["training": m[.training], "session": "Session", "funder": m[.funder]][field] ?? field
                out += "- **\(label)** : \(MarkdownText.escape(value))\n"
            }
        }
        out += "\n\(m[.complaints]) : \(cases.count)\n"
        for item in cases {
            out += "\n## \(MarkdownText.escape(item.title)) (\(item.id))\n\n"
            out += "- **\(m[.receivedOn])** : \(item.receivedText ?? "")\n"
            out += "- **\(m[.channelHeading])** : \(MarkdownText.escape(m.value(item.channel ?? "")))\n"
            out += "- **\(m[.stage])** : \(MarkdownText.escape(procedure.stage(item.stage)?.label(language) ?? item.stage))\n"
            if let owner = item.owner { out += "- **\(m[.owner].capitalizedFirst)** : \(MarkdownText.escape(owner))\n" }
            for (field, key) in LearnerSheet.caseFields {
                if let value = item.field(field) { out += "- **\(m[key])** : \(MarkdownText.escape(m.value(value)))\n" }
            }
            for summary in actionSummaries(item.id) { out += "- **Action** : \(MarkdownText.escape(summary))\n" }
            if !item.steps.isEmpty {
                out += "\n| \(m[.date]) | \(m[.stage]) | \(m[.by]) | \(m[.note]) |\n|---|---|---|---|\n"
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
        var body = "<h1>\(HTML.escape(m[.learnerSheet])) \(HTML.escape(learnerID))</h1>\n<ul>\n"
        for (field, label) in [("training", m[.training]), ("session", "Session"), ("funder", m[.funder])] {
            if let value = learner?.document.string(field) {
                body += "<li><strong>\(HTML.escape(label))</strong> : \(HTML.escape(value))</li>\n"
            }
        }
        body += "</ul>\n"
        for item in cases {
            body += "<h2>\(HTML.escape(item.title)) (\(HTML.escape(item.id)))</h2>\n<table>\n"
            var rows: [(String, String)] = [
                (m[.receivedOn], item.receivedText ?? ""), (m[.channelHeading], m.value(item.channel ?? "")),
                (m[.stage], procedure.stage(item.stage)?.label(language) ?? item.stage),
            ]
            // The same rows as the Markdown sheet.
            if let owner = item.owner { rows.append((m[.owner].capitalizedFirst, owner)) }
            for (field, key) in LearnerSheet.caseFields {
                if let value = item.field(field) { rows.append((m[key], m.value(value))) }
            }
            for summary in actionSummaries(item.id) { rows.append(("Action", summary)) }
            body +=
                rows.map { "<tr><th>\(HTML.escape($0.0))</th><td>\(HTML.escape($0.1))</td></tr>" }.joined(separator: "\n") + "\n</table>\n"
            if !item.steps.isEmpty {
                body +=
                    "<table><thead><tr><th>\(HTML.escape(m[.date]))</th><th>\(HTML.escape(m[.stage]))</th><th>\(HTML.escape(m[.by]))</th><th>\(HTML.escape(m[.note]))</th></tr></thead><tbody>\n"
                for step in item.steps {
                    body +=
                        "<tr><td>\(HTML.escape(step.atText ?? ""))</td><td>\(HTML.escape(procedure.stage(step.stage)?.label(language) ?? step.stage))</td><td>\(HTML.escape(step.by ?? ""))</td><td>\(HTML.escape(step.note ?? ""))</td></tr>\n"
                }
                body += "</tbody></table>\n"
            }
        }
        return HTML.page(title: "\(m[.learnerSheet]) \(learnerID)", language: language, body: body)
    }
}
