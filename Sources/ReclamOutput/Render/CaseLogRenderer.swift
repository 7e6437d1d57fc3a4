import Foundation
import ReclamCore
import ReclamLedger

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

    public static func text(_ entries: [CaseLogEntry]) -> String {
        var out = ""
        for entry in entries {
            out += "\(entry.commit.prefix(10))  \(entry.date)  \(entry.author)\(entry.byReclam ? "" : "  (by hand)")\n"
            out += "    \(TextTable.sanitize(entry.summary))\n"
            if entry.created { out += "    created \(entry.path)\n" }
            if let previous = entry.previousPath { out += "    moved \(previous) → \(entry.path)\n" }
            if entry.deleted { out += "    deleted \(entry.path)\n" }
            if let to = entry.stageTo { out += "    stage: \(entry.stageFrom ?? "(none)") → \(to)\n" }
            for field in entry.fields where field.field != "stage" && !entry.created {
                out += "    \(field.field): \(TextTable.sanitize(field.old ?? "(none)")) → \(TextTable.sanitize(field.new ?? "(none)"))\n"
            }
            if entry.bodyChanged { out += "    body changed\n" }
        }
        return out
    }
}
