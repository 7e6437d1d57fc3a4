import Foundation

/// The organisation's complaint procedure: stages, the moves allowed between them, and what each
/// stage requires. It is data read from `reclam.yml`, so two organisations with different
/// procedures run the same code.
public struct Procedure: Sendable {
    public var name: String
    public var stages: [Stage]
    public var transitions: [Transition]

    public init(name: String, stages: [Stage], transitions: [Transition]) {
        self.name = name
        self.stages = stages
        self.transitions = transitions
    }

    public func stage(_ id: String) -> Stage? { stages.first { $0.id == id } }

    public var initialStage: Stage? { stages.first { $0.initial } ?? stages.first }

    /// Transitions leaving `stage` that apply to a case with these field values.
    public func transitions(from stage: String, fields: (String) -> String?) -> [Transition] {
        transitions.filter { $0.from.contains(stage) && $0.applies(fields) }
    }

    public func transition(from: String, to: String, fields: (String) -> String?) -> Transition? {
        transitions(from: from, fields: fields).first { $0.to == to }
    }

    /// Every field some stage requires, with its declared type (first declaration wins).
    public var declaredFields: [String: FieldRequirement] {
        var out: [String: FieldRequirement] = [:]
        for stage in stages {
            for requirement in stage.requires where out[requirement.field] == nil {
                out[requirement.field] = requirement
            }
        }
        return out
    }

    /// Fields required on entry to `stage` and to every stage a case must have passed through to
    /// get there are checked separately; this is only the stage's own list.
    public func requirements(of stage: String) -> [FieldRequirement] {
        self.stage(stage)?.requires ?? []
    }
}

public struct Stage: Sendable {
    public var id: String
    public var labels: [String: String]
    public var initial: Bool
    public var terminal: Bool
    public var pausesSLA: Bool
    public var requires: [FieldRequirement]
    /// Entering this stage needs a linked improvement action or a `no_action_reason`.
    public var requiresAction = false
    public var location: SourceLocation?

    public init(
        id: String, labels: [String: String] = [:], initial: Bool = false, terminal: Bool = false,
        pausesSLA: Bool = false, requires: [FieldRequirement] = [], location: SourceLocation? = nil
    ) {
        self.id = id
        self.labels = labels
        self.initial = initial
        self.terminal = terminal
        self.pausesSLA = pausesSLA
        self.requires = requires
        self.location = location
    }

    public func label(_ language: Language) -> String {
        labels[language.rawValue] ?? labels["en"] ?? labels["fr"] ?? id
    }
}

public struct Transition: Sendable {
    public var from: [String]
    public var to: String
    public var verb: String
    /// Only a reopening may leave a terminal stage.
    public var reopen: Bool
    /// Field values the case must have for this transition to apply (e.g. `kind: dysfunction`).
    public var when: [String: [String]]
    public var location: SourceLocation?
    /// The verb in words, per language (`labels: {fr: …, en: …}`), for buttons; the verb stays the id.
    public var labels: [String: String] = [:]

    /// The verb in the given language, or the verb itself when the procedure gives no label.
    public func label(_ language: Language) -> String { labels[language.rawValue] ?? verb }

    public init(
        from: [String], to: String, verb: String, reopen: Bool = false, when: [String: [String]] = [:],
        location: SourceLocation? = nil
    ) {
        self.from = from
        self.to = to
        self.verb = verb
        self.reopen = reopen
        self.when = when
        self.location = location
    }

    public func applies(_ fields: (String) -> String?) -> Bool {
        when.allSatisfy { field, values in
            let value = fields(field) ?? FieldCatalogue.defaultValue(of: field) ?? ""
            return values.contains(value)
        }
    }
}

public struct FieldRequirement: Sendable, Equatable {
    public var field: String
    public var type: FieldType
    public var values: [String]
    public var location: SourceLocation?

    public init(field: String, type: FieldType, values: [String] = [], location: SourceLocation? = nil) {
        self.field = field
        self.type = type
        self.values = values
        self.location = location
    }
}

public enum Language: String, Sendable, CaseIterable, Codable {
    case fr, en
}
