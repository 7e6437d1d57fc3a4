import Foundation
import ReclamCore
import ReclamGit

/// Reads the `procedure` section of `reclam.yml` and checks that it makes sense as a procedure.
enum ProcedureReader {
    static func read(_ node: YAMLNode, reader: inout NodeReader) -> Procedure? {
        let m = Messages(reader.language)
        if let name = node.scalar {
            guard let preset = ProcedurePreset(rawValue: name) else {
                reader.error(.configInvalid, m.format(.procUnknownPreset, name), at: node.start)
                return nil
            }
            guard let procedure = preset.procedure else { return nil }
            return procedure
        }
        guard node.pairs != nil else {
            reader.error(.configInvalid, m[.procNotMapping], at: node.start)
            return nil
        }
        let name = reader.text(node, "name") ?? "custom"
        var stages: [Stage] = []
        guard let stageNodes = node["stages"]?.items, !stageNodes.isEmpty else {
            reader.error(.procedureInvalid, m[.procNoStages], at: node["stages"]?.start ?? node.start)
            return nil
        }
        var seen: [String: SourceLocation] = [:]
        for stageNode in stageNodes {
            guard stageNode.pairs != nil, let id = reader.text(stageNode, "id", required: true, rule: .procedureInvalid) else {
                if stageNode.pairs == nil {
                    reader.error(.procedureInvalid, m[.procStageNotMapping], at: stageNode.start)
                }
                continue
            }
            if let problem = m.idProblem(id) {
                reader.error(.procedureInvalid, m.format(.procStageID, problem), at: stageNode["id"]?.start)
            }
            if let first = seen[id] {
                reader.error(.procedureInvalid, m.format(.procStageTwice, id, String(first.line)), at: stageNode["id"]?.start)
                continue
            }
            seen[id] = stageNode["id"]?.start
            var labels: [String: String] = [:]
            if let labelNode = stageNode["labels"] {
                for pair in labelNode.pairs ?? [] {
                    if let text = pair.value.scalar { labels[pair.key] = text }
                }
                if labelNode.pairs == nil {
                    reader.error(.procedureInvalid, m.format(.procLabels, "{fr: Reçue, en: Received}"), at: labelNode.start)
                }
            }
            var requires: [FieldRequirement] = []
            for requirement in stageNode["requires"]?.items ?? [] {
                if let parsed = readRequirement(requirement, reader: &reader) { requires.append(parsed) }
            }
            var stage = Stage(
                id: id, labels: labels, initial: reader.bool(stageNode, "initial", rule: .procedureInvalid),
                terminal: reader.bool(stageNode, "terminal", rule: .procedureInvalid),
                pausesSLA: reader.bool(stageNode, "pauses_sla", rule: .procedureInvalid), requires: requires,
                location: stageNode.start)
            stage.requiresAction = reader.bool(stageNode, "requires_action", rule: .procedureInvalid)
            stages.append(stage)
        }
        var transitions: [Transition] = []
        for transitionNode in node["transitions"]?.items ?? [] {
            guard transitionNode.pairs != nil,
                let from = reader.texts(transitionNode, "from", rule: .procedureInvalid),
                let to = reader.text(transitionNode, "to", required: true, rule: .procedureInvalid)
            else {
                if transitionNode.pairs == nil || transitionNode["from"] == nil {
                    reader.error(.procedureInvalid, m[.procTransitionFields], at: transitionNode.start)
                }
                continue
            }
            let verb = reader.text(transitionNode, "verb", rule: .procedureInvalid) ?? "move"
            var when: [String: [String]] = [:]
            if let whenNode = transitionNode["when"] {
                for pair in whenNode.pairs ?? [] {
                    if let text = pair.value.scalar {
                        when[pair.key] = [text]
                    } else if let items = pair.value.items {
                        when[pair.key] = items.compactMap(\.scalar)
                    }
                }
            }
            var transition = Transition(
                from: from, to: to, verb: verb, reopen: reader.bool(transitionNode, "reopen", rule: .procedureInvalid),
                when: when, location: transitionNode.start)
            // `labels: {fr: Accuser réception, en: Acknowledge}`: the verb's words on the web's buttons.
            if let labelNode = transitionNode["labels"] {
                for pair in labelNode.pairs ?? [] { transition.labels[pair.key] = pair.value.scalar }
                if labelNode.pairs == nil {
                    reader.error(
                        .procedureInvalid, m.format(.procLabels, "{fr: Accuser réception, en: Acknowledge}"), at: labelNode.start)
                }
            }
            transitions.append(transition)
        }
        let procedure = Procedure(name: name, stages: stages, transitions: transitions)
        validate(procedure, reader: &reader)
        return procedure
    }

    static func readRequirement(_ node: YAMLNode, reader: inout NodeReader) -> FieldRequirement? {
        let m = Messages(reader.language)
        guard node.pairs != nil, let field = reader.text(node, "field", required: true, rule: .procedureFieldType) else {
            if node.pairs == nil {
                reader.error(.procedureFieldType, m[.procRequirementNotMapping], at: node.start)
            }
            return nil
        }
        guard let typeName = reader.text(node, "type", rule: .procedureFieldType) else {
            reader.error(.procedureFieldType, m.format(.procRequirementNoType, field), at: node.start)
            return nil
        }
        let allowed: [FieldType] = [.text, .date, .datetime, .person, .enum, .number, .caseList]
        guard let type = FieldType(rawValue: typeName), allowed.contains(type) else {
            var message = m.format(.procUnknownFieldType, typeName)
            if let s = Suggestion.closest(to: typeName, in: allowed.map(\.rawValue)) { message += m.format(.checkDidYouMean, s) }
            reader.error(.procedureFieldType, message, at: node["type"]?.start)
            return nil
        }
        let values = reader.texts(node, "values", rule: .procedureFieldType) ?? []
        if type == .enum && values.isEmpty {
            reader.error(.procedureFieldType, m.format(.procEnumNoValues, field), at: node.start)
        }
        return FieldRequirement(field: field, type: type, values: values, location: node.start)
    }

    /// The structural rules of a procedure: what a team can get wrong when editing it by hand.
    static func validate(_ procedure: Procedure, reader: inout NodeReader) {
        let m = Messages(reader.language)
        let ids = Set(procedure.stages.map(\.id))
        for transition in procedure.transitions {
            for stage in transition.from + [transition.to] where !ids.contains(stage) {
                var message = m.format(.procUnknownStage, stage)
                if let s = Suggestion.closest(to: stage, in: procedure.stages.map(\.id)) { message += m.format(.checkDidYouMean, s) }
                reader.error(.procedureUnknownStage, message, at: transition.location)
            }
            for stage in transition.from {
                if let s = procedure.stage(stage), s.terminal, !transition.reopen {
                    reader.error(
                        .procedureTerminalExit, m.format(.procTerminalExit, stage, transition.to), at: transition.location)
                }
            }
        }
        for transition in procedure.transitions
        where CommandNames.builtIn.contains(transition.verb) && !CommandNames.verbCommands.contains(transition.verb) {
            reader.error(
                .procedureVerbClash, m.format(.procVerbClash, transition.verb, transition.verb), at: transition.location)
        }
        let initials = procedure.stages.filter(\.initial)
        if initials.count > 1 {
            reader.error(
                .procedureInvalid, m.format(.procSeveralInitial, initials.map(\.id).joined(separator: ", ")), at: initials[1].location)
        }
        let initial = procedure.initialStage?.id
        let reached = Set(procedure.transitions.map(\.to))
        for stage in procedure.stages where stage.id != initial && !reached.contains(stage.id) {
            reader.error(.procedureUnreachableStage, m.format(.procUnreachable, stage.id), at: stage.location)
        }
        if !procedure.stages.contains(where: \.terminal) {
            reader.warning(.procedureNoTerminal, m[.procNoTerminal], at: procedure.stages.first?.location)
        }
    }
}
