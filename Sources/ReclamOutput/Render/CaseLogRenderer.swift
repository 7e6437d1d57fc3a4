import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamRules

/// `reclam log` as JSON or text.
extension CaseLog {
    public static func json(_ entries: [CaseLogEntry]) -> JSON.Value {
        .array(
            entries.map { entry in
                var object: [String: JSON.Value] = [
                    "commit": .string(entry.commit), "date": .string(entry.date), "author": .string(entry.author),
                    "summary": .string(entry.summary),
                    "by_reclam": .bool(entry.byReclam), "path": .string(entry.path), "body_changed": .bool(entry.bodyChanged),
                    "created": .bool(entry.created), "deleted": .bool(entry.deleted),
                    "fields": .array(
                        entry.fields.map {
                            .object([
                                "field": .string($0.field), "old": $0.old.map(JSON.Value.string) ?? .null,
                                "new": $0.new.map(JSON.Value.string) ?? .null,
                            ])
                        }),
                ]
                object["stage"] =
                    entry.stageTo.map { .object(["from": entry.stageFrom.map(JSON.Value.string) ?? .null, "to": .string($0)]) } ?? .null
                if let previous = entry.previousPath { object["previous_path"] = .string(previous) }
                return .object(object)
            })
    }

    /// The timeline as text. In a French ledger the words are French, stages are shown by
    /// their labels and enum values by theirs (`courriel`); field ids and the commits' own
    /// summaries stay as they are.
    public static func text(_ entries: [CaseLogEntry], procedure: Procedure? = nil, language: Language = .en) -> String {
        let m = Messages(language)
        func stage(_ id: String) -> String {
            language == .fr ? TextTable.sanitize(procedure?.stage(id)?.label(.fr) ?? id) : id
        }
        func value(_ text: String?) -> String { text.map { TextTable.sanitize(m.value($0)) } ?? m[.none] }
        var out = ""
        for entry in entries {
            out += "\(entry.commit.prefix(10))  \(entry.date)  \(entry.author)\(entry.byReclam ? "" : "  " + m[.logByHand])\n"
            out += "    \(TextTable.sanitize(entry.summary))\n"
            if entry.created { out += "    " + m.format(.logCreated, entry.path) + "\n" }
            if let previous = entry.previousPath { out += "    " + m.format(.logMoved, previous, entry.path) + "\n" }
            if entry.deleted { out += "    " + m.format(.logDeleted, entry.path) + "\n" }
            if let to = entry.stageTo { out += "    " + m.format(.logStage, entry.stageFrom.map(stage) ?? m[.none], stage(to)) + "\n" }
            for field in entry.fields where field.field != "stage" && !entry.created {
                out += "    \(field.field)\(m[.colon])\(value(field.old)) → \(value(field.new))\n"
            }
            if entry.bodyChanged { out += "    " + m[.logBodyChanged] + "\n" }
        }
        return out
    }
}
