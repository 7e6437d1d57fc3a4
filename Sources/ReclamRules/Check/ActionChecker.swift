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
    /// The ledger's, for the words of the findings.
    var language: Language = .en

    package init(
        settings: ActionSettings, caseIDs: Set<String>, procedure: Procedure, now: Date, timeZone: TimeZone, language: Language = .en
    ) {
        self.language = language
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
        let m = Messages(language)
        for field in Action.fields where field.required && !present.contains(field.name) {
            findings.report(
                .fieldMissing,
                language == .en
                    ? "missing required field '\(field.name)' (\(field.summary))" : m.format(.checkMissingField, field.name, field.name),
                SourceLocation(line: 1, column: 1))
        }
        let declared = settings.procedure.declaredFields
        for pair in document.root?.pairs ?? [] {
            if let field = Action.field(pair.key) {
                let values = field.type == .stage ? settings.procedure.stages.map(\.id) : field.values
                if let problem = m.problem(field.type, pair.value, values: values) {
                    let rule: Rule =
                        field.type == .stage
                        ? .stageUnknown : (field.type == .enum ? .fieldEnum : (field.type == .id ? .idInvalid : .fieldType))
                    findings.report(rule, "\(pair.key): \(problem)", pair.value.start)
                } else if let problem = m.oneLineProblem(field: pair.key, type: field.type, node: pair.value) {
                    findings.report(.fieldOneLine, "\(pair.key): \(problem)", pair.value.start)
                }
            } else if let requirement = declared[pair.key] {
                if let problem = m.problem(requirement.type, pair.value, values: requirement.values) {
                    findings.report(.fieldType, "\(pair.key): \(problem)", pair.value.start)
                } else if let problem = m.oneLineProblem(field: pair.key, type: requirement.type, node: pair.value) {
                    findings.report(.fieldOneLine, "\(pair.key): \(problem)", pair.value.start)
                }
            } else {
                var message = m.format(.checkUnknownActionField, pair.key)
                if let s = Suggestion.closest(to: pair.key, in: Action.fields.map(\.name) + declared.keys.sorted()) {
                    message += m.format(.checkDidYouMean, s)
                }
                findings.report(.fieldUnknown, message, pair.keyStart)
            }
        }
        if let id = document.string("id"), Identifier.isValid(id), id != action.fileID {
            findings.report(.idMismatch, m.format(.checkActionIDMismatch, id, action.fileID), document["id"]?.start)
        }
        for node in document["cases"]?.items ?? [] {
            if let id = node.scalar, Identifier.isValid(id), !caseIDs.contains(id) {
                var message = m.format(.checkUnknownCase, id)
                if let s = Suggestion.closest(to: id, in: Array(caseIDs)) { message += m.format(.checkDidYouMean, s) }
                findings.report(.actionUnknownCase, message, node.start)
            }
        }
        let stage = settings.procedure.stage(action.stage)
        let today = CivilDate(date: now, timeZone: timeZone)
        if let due = action.due, due < today, stage.map({ !$0.terminal && $0.id != "done" }) ?? false {
            let label = language == .en ? action.stage : stage?.label(language) ?? action.stage
            findings.report(.actionOverdue, m.format(.checkActionOverdue, "\(due)", label), document["due"]?.start)
        }
        if action.stage == "done", let since = action.stageSince, now.timeIntervalSince(since) > Double(settings.reviewDelayDays) * 86400 {
            findings.report(
                .actionReviewMissing,
                m.format(
                    .checkActionReview, String(ISODateTime.format(since, in: timeZone).prefix(10)), String(settings.reviewDelayDays),
                    action.id),
                document["stage"]?.start)
        }
        return findings.all
    }

    /// Cases at a `requires_action` stage with neither a linked action nor a reason.
    func checkCases(_ cases: [CheckedCase.Summary], store: ActionStore) -> [Diagnostic] {
        let linked = Set(store.actions.flatMap(\.cases))
        return cases.compactMap { item -> Diagnostic? in
            guard procedure.stage(item.stage)?.requiresAction == true, !linked.contains(item.id), !item.hasNoActionReason
            else { return nil }
            let stage = language == .en ? item.stage : procedure.stage(item.stage)?.label(language) ?? item.stage
            return Diagnostic(
                .caseActionMissing, Messages(language).format(.checkCaseActionMissing, stage), file: item.path, at: item.stageLocation)
        }
    }
}
