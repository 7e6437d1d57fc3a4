import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger

/// The rules about improvement actions and their links to cases.
package struct ActionChecker {
    var settings: ActionSettings
    var caseIDs: Set<String>
    var procedure: Procedure
    var now: Date
    var timeZone: TimeZone

    package init(settings: ActionSettings, caseIDs: Set<String>, procedure: Procedure, now: Date, timeZone: TimeZone) {
        self.settings = settings
        self.caseIDs = caseIDs
        self.procedure = procedure
        self.now = now
        self.timeZone = timeZone
    }

    package func check(_ action: Action) -> [Diagnostic] {
        var findings = FileFindings(file: action.path)
        let document = action.document
        let present = Set(document.root?.pairs?.map(\.key) ?? [])
        for field in Action.fields where field.required && !present.contains(field.name) {
            findings.report(.fieldMissing, "missing required field '\(field.name)' (\(field.summary))", SourceLocation(line: 1, column: 1))
        }
        let declared = settings.procedure.declaredFields
        for pair in document.root?.pairs ?? [] {
            if let field = Action.field(pair.key) {
                let values = field.type == .stage ? settings.procedure.stages.map(\.id) : field.values
                if let problem = field.type.problem(with: pair.value, values: values) {
                    let rule: Rule =
                        field.type == .stage
                        ? .stageUnknown : (field.type == .enum ? .fieldEnum : (field.type == .id ? .idInvalid : .fieldType))
                    findings.report(rule, "\(pair.key): \(problem)", pair.value.start)
                } else if let problem = OneLineText.problem(field: pair.key, type: field.type, node: pair.value) {
                    findings.report(.fieldOneLine, "\(pair.key): \(problem)", pair.value.start)
                }
            } else if let requirement = declared[pair.key] {
                if let problem = requirement.type.problem(with: pair.value, values: requirement.values) {
                    findings.report(.fieldType, "\(pair.key): \(problem)", pair.value.start)
                } else if let problem = OneLineText.problem(field: pair.key, type: requirement.type, node: pair.value) {
                    findings.report(.fieldOneLine, "\(pair.key): \(problem)", pair.value.start)
                }
            } else {
                var message = "unknown action field '\(pair.key)'"
                if let s = Suggestion.closest(to: pair.key, in: Action.fields.map(\.name) + declared.keys.sorted()) {
                    message += "; did you mean '\(s)'?"
                }
                findings.report(.fieldUnknown, message, pair.keyStart)
            }
        }
        if let id = document.string("id"), Identifier.isValid(id), id != action.fileID {
            findings.report(.idMismatch, "id '\(id)' does not match the file name '\(action.fileID).md'", document["id"]?.start)
        }
        for node in document["cases"]?.items ?? [] {
            if let id = node.scalar, Identifier.isValid(id), !caseIDs.contains(id) {
                var message = "links to unknown case '\(id)'"
                if let s = Suggestion.closest(to: id, in: Array(caseIDs)) { message += "; did you mean '\(s)'?" }
                findings.report(.actionUnknownCase, message, node.start)
            }
        }
        let stage = settings.procedure.stage(action.stage)
        let today = CivilDate(date: now, timeZone: timeZone)
        if let due = action.due, due < today, stage.map({ !$0.terminal && $0.id != "done" }) ?? false {
            findings.report(.actionOverdue, "due \(due) and still '\(action.stage)'", document["due"]?.start)
        }
        if action.stage == "done", let since = action.stageSince, now.timeIntervalSince(since) > Double(settings.reviewDelayDays) * 86400 {
            findings.report(
                .actionReviewMissing,
                "done since \(ISODateTime.format(since, in: timeZone).prefix(10)) with no effectiveness review (delay: \(settings.reviewDelayDays) days); run 'reclam action move \(action.id) effectiveness-checked --set verdict=… --set evidence=…'",
                document["stage"]?.start)
        }
        return findings.all
    }

    /// Cases at a `requires_action` stage with neither a linked action nor a reason.
    func checkCases(_ cases: [CheckedCase.Summary], store: ActionStore) -> [Diagnostic] {
        let linked = Set(store.actions.flatMap(\.cases))
        return cases.compactMap { item in
            guard procedure.stage(item.stage)?.requiresAction == true, !linked.contains(item.id), !item.hasNoActionReason
            else { return nil }
            return Diagnostic(
                .caseActionMissing,
                "stage '\(item.stage)' calls for a linked improvement action or a 'no_action_reason'", file: item.path,
                at: item.stageLocation)
        }
    }
}
