import Foundation
import ReclamCore
import ReclamGit

/// The `actions` section of `reclam.yml`: the actions' own procedure and the review delay.
public struct ActionSettings: Sendable {
    public var procedure: Procedure
    /// A done action must have its effectiveness reviewed within this many days.
    public var reviewDelayDays: Int
    public var diagnostics: [Diagnostic]

    static let defaultProcedureYAML = """
        stages:
          - {id: planned, labels: {fr: Planifiée, en: Planned}, initial: true}
          - {id: in-progress, labels: {fr: En cours, en: In progress}}
          - {id: done, labels: {fr: Réalisée, en: Done}}
          - id: effectiveness-checked
            labels: {fr: Efficacité vérifiée, en: Effectiveness checked}
            terminal: true
            requires:
              - {field: verdict, type: enum, values: [effective, not-effective]}
              - {field: evidence, type: text}
        transitions:
          - {from: planned, to: in-progress, verb: start}
          - {from: [planned, in-progress], to: done, verb: finish}
          - {from: done, to: effectiveness-checked, verb: review, when: {verdict: effective}}
          - {from: done, to: in-progress, verb: review, when: {verdict: not-effective}}
        """

    public static func read(_ config: LedgerConfig) -> ActionSettings {
        var reader = NodeReader(file: LedgerConfig.fileName, language: config.language)
        let section = config.root?["actions"]
        var procedure: Procedure?
        if let node = section?["procedure"] {
            procedure = ProcedureReader.read(node, reader: &reader)
        }
        if procedure == nil, let node = try? YAMLReader.read(defaultProcedureYAML) {
            var quiet = NodeReader(file: LedgerConfig.fileName)
            procedure = ProcedureReader.read(node, reader: &quiet)
        }
        var delay = 30
        if let text = section?["review_delay"]?.scalar {
            if let duration = try? SLADuration.parse(text), duration.unit.countsDays {
                delay = duration.amount
            } else {
                reader.error(
                    .configInvalid, Messages(config.language)[.actionsReviewDelay], at: section?["review_delay"]?.start)
            }
        }
        return ActionSettings(
            procedure: procedure ?? Procedure(name: "actions", stages: [], transitions: []), reviewDelayDays: delay,
            diagnostics: reader.diagnostics)
    }
}
