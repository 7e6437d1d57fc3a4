import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamRules

/// The procedure as a table, as JSON, or as a Graphviz diagram.
public enum ProcedureRenderer {
    public static func json(_ procedure: Procedure) -> JSON.Value {
        let stages: [JSON.Value] = procedure.stages.map { stage in
            .object([
                "id": .string(stage.id), "labels": .object(stage.labels.mapValues { .string($0) }), "terminal": .bool(stage.terminal),
                "initial": .bool(stage.id == procedure.initialStage?.id), "pauses_sla": .bool(stage.pausesSLA),
                "requires_action": .bool(stage.requiresAction),
                "requires": .array(
                    stage.requires.map {
                        .object([
                            "field": .string($0.field), "type": .string($0.type.rawValue), "values": .array($0.values.map { .string($0) }),
                        ])
                    }),
            ])
        }
        let transitions: [JSON.Value] = procedure.transitions.flatMap { transition in
            transition.from.map { from in
                // Every field, defaults included: a program reading this need not know them.
                .object([
                    "from": .string(from), "to": .string(transition.to), "verb": .string(transition.verb),
                    "reopen": .bool(transition.reopen), "when": .object(transition.when.mapValues { .array($0.map { .string($0) }) }),
                    "labels": .object(transition.labels.mapValues { .string($0) }),
                ])
            }
        }
        return .object(["name": .string(procedure.name), "stages": .array(stages), "transitions": .array(transitions)])
    }

    public static func text(_ procedure: Procedure, language: Language) -> String {
        let m = Messages(language)
        var rows: [[String]] = []
        for stage in procedure.stages {
            var flags: [String] = []
            if stage.id == procedure.initialStage?.id { flags.append(m[.initialStage]) }
            if stage.terminal { flags.append(m[.terminalStage]) }
            if stage.pausesSLA { flags.append(m[.pausesSLA]) }
            if stage.requiresAction { flags.append(m[.needsAction]) }
            let requires = stage.requires.map {
                $0.values.isEmpty
                    ? "\($0.field) (\(m.typeName($0.type)))" : "\($0.field) (\($0.values.map(m.value).joined(separator: "|")))"
            }
            let next = procedure.transitions.filter { $0.from.contains(stage.id) }.map { t in
                var text = "\(t.verb) → \(t.to)"
                if !t.when.isEmpty { text += " [\(guardText(t))]" }
                if t.reopen { text += " " + m[.reopening] }
                return text
            }
            rows.append([
                stage.id, stage.label(language), flags.joined(separator: ", "), requires.joined(separator: ", "),
                next.joined(separator: "; "),
            ])
        }
        let header = [m[.columnStage], m[.columnLabel], "", m[.columnRequires], m[.columnThen]]
        return m.format(.procedureName, procedure.name) + "\n" + TextTable.render(header: header, rows: rows)
    }

    /// `kind=dysfunction, risk=high|medium`: the field values a guarded transition needs.
    static func guardText(_ transition: Transition) -> String {
        transition.when.map { "\($0.key)=\($0.value.joined(separator: "|"))" }.sorted().joined(separator: ", ")
    }

    public static func dot(_ procedure: Procedure, language: Language) -> String {
        func quote(_ s: String) -> String { Escape.dot(s) }
        /// A label of several lines: each line quoted, joined by dot's own line break escape.
        func quote(lines: [String]) -> String {
            "\"" + lines.map { String(quote($0).dropFirst().dropLast()) }.joined(separator: "\\n") + "\""
        }
        var out = "digraph procedure {\n  rankdir=LR;\n  node [shape=box, style=rounded];\n"
        for stage in procedure.stages {
            var lines = [stage.label(language)]
            var needs = stage.requires.map(\.field)
            if stage.requiresAction { needs.append(language == .fr ? "action ou no_action_reason" : "action or no_action_reason") }
            if !needs.isEmpty { lines.append("(" + needs.joined(separator: ", ") + ")") }
            var attributes = ["label=\(quote(lines: lines))"]
            if stage.terminal { attributes.append("peripheries=2") }
            if stage.pausesSLA { attributes.append("style=\"rounded,dashed\"") }
            out += "  \(quote(stage.id)) [\(attributes.joined(separator: ", "))];\n"
        }
        for transition in procedure.transitions {
            for from in transition.from {
                var label = [transition.verb]
                if !transition.when.isEmpty { label.append(guardText(transition)) }
                out +=
                    "  \(quote(from)) -> \(quote(transition.to)) [label=\(quote(lines: label))\(transition.reopen ? ", style=dashed" : "")];\n"
            }
        }
        return out + "}\n"
    }

    /// For `reclam next`: each allowed move and the fields it still needs.
    public static func nextSteps(_ item: Case, procedure: Procedure) -> [(transition: Transition, missing: [FieldRequirement])] {
        procedure.transitions(from: item.stage, fields: { item.field($0) }).map { transition in
            (transition, procedure.requirements(of: transition.to).filter { item.document[$0.field] == nil })
        }
    }
}
