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
                var object: [String: JSON.Value] = ["from": .string(from), "to": .string(transition.to), "verb": .string(transition.verb)]
                if transition.reopen { object["reopen"] = .bool(true) }
                if !transition.when.isEmpty { object["when"] = .object(transition.when.mapValues { .array($0.map { .string($0) }) }) }
                return .object(object)
            }
        }
        return .object(["name": .string(procedure.name), "stages": .array(stages), "transitions": .array(transitions)])
    }

    public static func text(_ procedure: Procedure, language: Language) -> String {
        var rows: [[String]] = []
        for stage in procedure.stages {
            var flags: [String] = []
            if stage.id == procedure.initialStage?.id { flags.append("initial") }
            if stage.terminal { flags.append("terminal") }
            if stage.pausesSLA { flags.append("pauses SLA") }
            let requires = stage.requires.map {
                $0.values.isEmpty ? "\($0.field) (\($0.type.rawValue))" : "\($0.field) (\($0.values.joined(separator: "|")))"
            }
            let next = procedure.transitions.filter { $0.from.contains(stage.id) }.map { t in
                t.when.isEmpty
                    ? "\(t.verb) → \(t.to)"
                    : "\(t.verb) → \(t.to) [\(t.when.map { "\($0.key)=\($0.value.joined(separator: "|"))" }.sorted().joined(separator: ", "))]"
            }
            rows.append([
                stage.id, stage.label(language), flags.joined(separator: ", "), requires.joined(separator: ", "),
                next.joined(separator: "; "),
            ])
        }
        return "procedure: \(procedure.name)\n" + TextTable.render(header: ["STAGE", "LABEL", "", "REQUIRES", "NEXT"], rows: rows)
    }

    public static func dot(_ procedure: Procedure, language: Language) -> String {
        func quote(_ s: String) -> String { Escape.dot(s) }
        var out = "digraph procedure {\n  rankdir=LR;\n  node [shape=box, style=rounded];\n"
        for stage in procedure.stages {
            var attributes = ["label=\(quote(stage.label(language)))"]
            if stage.terminal { attributes.append("peripheries=2") }
            if stage.pausesSLA { attributes.append("style=\"rounded,dashed\"") }
            out += "  \(quote(stage.id)) [\(attributes.joined(separator: ", "))];\n"
        }
        for transition in procedure.transitions {
            for from in transition.from {
                var label = transition.verb
                if !transition.when.isEmpty {
                    label += "\\n" + transition.when.map { "\($0.key)=\($0.value.joined(separator: "|"))" }.sorted().joined(separator: ", ")
                }
                out += "  \(quote(from)) -> \(quote(transition.to)) [label=\(quote(label))\(transition.reopen ? ", style=dashed" : "")];\n"
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
