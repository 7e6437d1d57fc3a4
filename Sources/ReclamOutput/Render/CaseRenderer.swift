import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamRules

/// One case as JSON, Markdown or an HTML page.
public enum CaseRenderer {
    /// Front-matter fields as JSON values: scalars as text, lists and mappings as such.
    public static func json(_ item: Case) -> JSON.Value {
        var object: [String: JSON.Value] = [:]
        for pair in item.document.root?.pairs ?? [] { object[pair.key] = value(pair.value) }
        object["path"] = .string(item.path)
        object["body"] = .string(String(item.document.body))
        return .object(object)
    }

    static func value(_ node: YAMLNode) -> JSON.Value { JSON.value(of: node) }

    public static func html(_ item: Case, actions: [Action] = [], procedure: Procedure, language: Language) -> String {
        let m = Messages(language)
        let stageLabel = procedure.stage(item.stage)?.label(language) ?? item.stage
        var rows: [(String, String)] = [
            (m[.id], item.id), (m[.learner], item.learner), (m[.receivedOn], item.receivedText ?? ""),
            (m.word("channel").capitalizedFirst, m.value(item.channel ?? "")),
            (m.word("complainant").capitalizedFirst, m.value(item.complainant ?? "")),
            (m[.stage], stageLabel),
        ]
        if let owner = item.owner { rows.append((m[.owner].capitalizedFirst, owner)) }
        if let category = item.category { rows.append((m[.category].capitalizedFirst, category)) }
        for action in actions { rows.append(("Action", "\(action.id) — \(action.title) (\(action.stage))")) }
        var body = "<h1>\(HTML.escape(item.title))</h1>\n<table>\n"
        for (key, value) in rows { body += "<tr><th>\(HTML.escape(key))</th><td>\(HTML.escape(value))</td></tr>\n" }
        body += "</table>\n"
        body += MarkdownRenderer.html(String(item.document.body))
        return HTML.page(title: "\(item.id) — \(item.title)", language: language, body: body)
    }
}
