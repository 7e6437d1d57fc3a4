import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamRules

/// The improvement plan (PGAAC in procedure B): every action with its cases, owner, due date,
/// stage and effectiveness verdict.
public struct ImprovementPlan: Sendable {
    public var actions: [Action]
    public var procedure: Procedure
    public var language: Language
    public var organisation: String
    /// Action files that could not be read, left out of the plan.
    public var unreadable: [Diagnostic] = []

    public static func build(ledger: Ledger, openOnly: Bool = false) -> ImprovementPlan {
        let settings = ActionSettings.read(ledger.config)
        let store = ActionStore.load(ledger)
        var actions = store.actions.sorted { ($0.field("created") ?? "", $0.id) < ($1.field("created") ?? "", $1.id) }
        if openOnly { actions = actions.filter { settings.procedure.stage($0.stage)?.terminal != true } }
        return ImprovementPlan(
            actions: actions, procedure: settings.procedure, language: ledger.config.language, organisation: ledger.config.organisation,
            unreadable: store.unreadable)
    }

    var header: [String] {
        language == .fr
            ? ["Action", "Intitulé", "Type", "Réclamations", "Responsable", "Échéance", "Étape", "Efficacité", "Preuve"]
            : ["Action", "Title", "Kind", "Cases", "Owner", "Due", "Stage", "Effectiveness", "Evidence"]
    }

    func cells(_ action: Action) -> [String] {
        [
            action.id, action.title, action.kind, action.cases.joined(separator: ", "), action.owner ?? "", action.dueText ?? "",
            procedure.stage(action.stage)?.label(language) ?? action.stage, Messages(language).value(action.verdict ?? ""),
            action.field("evidence") ?? "",
        ]
    }

    public func text() -> String {
        let m = Messages(language)
        guard !actions.isEmpty else { return m[.noActions] + "\n" }
        return TextTable.render(
            header: ["ID", m[.columnStage], m[.columnDue], m[.columnOwner], m[.columnCases], m[.columnTitle]],
            rows: actions.map {
                [
                    $0.id, procedure.stage($0.stage)?.label(language) ?? $0.stage, $0.dueText ?? "", $0.owner ?? "",
                    $0.cases.joined(separator: ","), $0.title,
                ]
            })
    }

    public func json() -> JSON.Value {
        .array(
            actions.map { action in
                .object([
                    "id": .string(action.id), "title": .string(action.title), "kind": .string(action.kind),
                    "cases": .array(action.cases.map { .string($0) }),
                    "owner": action.owner.map(JSON.Value.string) ?? .null, "due": action.dueText.map(JSON.Value.string) ?? .null,
                    "stage": .string(action.stage),
                    "verdict": action.verdict.map(JSON.Value.string) ?? .null, "path": .string(action.path),
                ])
            })
    }

    var table: Table { Table(header: header, rows: actions.map(cells)) }

    public func csv(separator: CSV.Separator? = nil) -> String { table.csv(separator: separator ?? .default(for: language)) }

    var title: String { Messages(language)[.planTitle] + " — " + organisation }

    public func markdown() -> String {
        "# \(MarkdownText.escape(title))\n\n" + table.markdown()
    }

    public func html() -> String {
        HTML.page(title: title, language: language, body: "<h1>\(HTML.escape(title))</h1>\n" + htmlTable())
    }

    public func htmlTable() -> String {
        table.html()
    }
}
