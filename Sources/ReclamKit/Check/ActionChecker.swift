import Foundation

/// The rules about improvement actions and their links to cases.
struct ActionChecker {
    var settings: ActionSettings
    var caseIDs: Set<String>
    var procedure: Procedure
    var now: Date
    var timeZone: TimeZone

    static let rules: [Rule] = [
        Rule("action-unknown-case", .error, "An action links only to cases that exist.", bad: "cases: [20261005-zzzz]"),
        Rule("action-overdue", .warning, "An action not done by its due date.", bad: "due: 2026-10-01\nstage: in-progress"),
        Rule(
            "action-review-missing", .warning, "A done action gets its effectiveness review within actions.review_delay (default 30 days).",
            bad: "stage: done (for 45 days)"),
        Rule(
            "case-action-missing", .warning, "A case at a stage marked requires_action has a linked action or a no_action_reason.",
            bad: "stage: closed, no action, no no_action_reason"),
    ]

    func check(_ action: Action) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let path = action.path
        let document = action.document
        func report(_ severity: Severity, _ rule: String, _ message: String, _ location: SourceLocation?) {
            out.append(Diagnostic(severity, rule: rule, message, file: path, at: location))
        }
        let present = Set(document.root?.pairs?.map(\.key) ?? [])
        for field in Action.fields where field.required && !present.contains(field.name) {
            report(.error, "field-missing", "missing required field '\(field.name)' (\(field.summary))", SourceLocation(line: 1, column: 1))
        }
        let declared = settings.procedure.declaredFields
        for pair in document.root?.pairs ?? [] {
            if let field = Action.field(pair.key) {
                let values = field.type == .stage ? settings.procedure.stages.map(\.id) : field.values
                if let problem = field.type.problem(with: pair.value, values: values) {
                    let rule =
                        field.type == .stage
                        ? "stage-unknown" : (field.type == .enum ? "field-enum" : (field.type == .id ? "id-invalid" : "field-type"))
                    report(.error, rule, "\(pair.key): \(problem)", pair.value.start)
                } else if let problem = OneLineText.problem(field: pair.key, type: field.type, node: pair.value) {
                    report(.error, "field-one-line", "\(pair.key): \(problem)", pair.value.start)
                }
            } else if let requirement = declared[pair.key] {
                if let problem = requirement.type.problem(with: pair.value, values: requirement.values) {
                    report(.error, "field-type", "\(pair.key): \(problem)", pair.value.start)
                } else if let problem = OneLineText.problem(field: pair.key, type: requirement.type, node: pair.value) {
                    report(.error, "field-one-line", "\(pair.key): \(problem)", pair.value.start)
                }
            } else {
                var message = "unknown action field '\(pair.key)'"
                if let s = Suggestion.closest(to: pair.key, in: Action.fields.map(\.name) + declared.keys.sorted()) {
                    message += "; did you mean '\(s)'?"
                }
                report(.warning, "field-unknown", message, pair.keyStart)
            }
        }
        if let id = document.string("id"), Identifier.isValid(id), id != action.fileID {
            report(.error, "id-mismatch", "id '\(id)' does not match the file name '\(action.fileID).md'", document["id"]?.start)
        }
        for node in document["cases"]?.items ?? [] {
            if let id = node.scalar, Identifier.isValid(id), !caseIDs.contains(id) {
                var message = "links to unknown case '\(id)'"
                if let s = Suggestion.closest(to: id, in: Array(caseIDs)) { message += "; did you mean '\(s)'?" }
                report(.error, "action-unknown-case", message, node.start)
            }
        }
        let stage = settings.procedure.stage(action.stage)
        let today = CivilDate(date: now, timeZone: timeZone)
        if let due = action.due, due < today, stage.map({ !$0.terminal && $0.id != "done" }) ?? false {
            report(.warning, "action-overdue", "due \(due) and still '\(action.stage)'", document["due"]?.start)
        }
        if action.stage == "done", let since = action.stageSince, now.timeIntervalSince(since) > Double(settings.reviewDelayDays) * 86400 {
            report(
                .warning, "action-review-missing",
                "done since \(ISODateTime.format(since, in: timeZone).prefix(10)) with no effectiveness review (delay: \(settings.reviewDelayDays) days); run 'reclam action move \(action.id) effectiveness-checked --set verdict=… --set evidence=…'",
                document["stage"]?.start)
        }
        return out
    }

    /// Cases at a `requires_action` stage with neither a linked action nor a reason.
    func checkCases(_ cases: [CheckedCase.Summary], store: ActionStore) -> [Diagnostic] {
        let linked = Set(store.actions.flatMap(\.cases))
        return cases.compactMap { item in
            guard procedure.stage(item.stage)?.requiresAction == true, !linked.contains(item.id), !item.hasNoActionReason
            else { return nil }
            return Diagnostic(
                .warning, rule: "case-action-missing",
                "stage '\(item.stage)' calls for a linked improvement action or a 'no_action_reason'", file: item.path,
                at: item.stageLocation)
        }
    }
}
