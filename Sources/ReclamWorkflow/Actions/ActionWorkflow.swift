import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamOutput
import ReclamRules

/// Writing actions: create, link to cases, move through the actions' procedure. Each is one
/// commit through the same write path as cases.
public enum ActionWorkflow {
    public struct NewAction: Sendable {
        public var title: String
        public var kind: String
        public var cases: [String]
        public var owner: String?
        public var due: String?

        public init(title: String, kind: String, cases: [String] = [], owner: String? = nil, due: String? = nil) {
            self.title = title
            self.kind = kind
            self.cases = cases
            self.owner = owner
            self.due = due
        }
    }

    public static func create(_ request: NewAction, context: WriteContext) throws(ReclamError) -> (id: String, commit: CommitResult) {
        let settings = ActionSettings.read(context.ledger.config)
        guard let initial = settings.procedure.initialStage else {
            throw .refused(Messages(context.ledger.config.language)[.actionNoStages])
        }
        if request.title.trimmingCharacters(in: .whitespaces).isEmpty || request.title.contains("\n") {
            throw .usage("--title must be one non-empty line")
        }
        for (flag, value) in [("--title", request.title), ("--owner", request.owner)] {
            if let value, let problem = OneLineText.problem(value) { throw .usage("\(flag) \(problem)") }
        }
        guard Action.kinds.contains(request.kind) else {
            var message = "--kind '\(request.kind)' is not one of: \(Action.kinds.joined(separator: ", "))"
            if let s = Suggestion.closest(to: request.kind, in: Action.kinds) { message += "; did you mean '\(s)'?" }
            throw .usage(message)
        }
        if let due = request.due, CivilDate(due) == nil { throw .usage("--due '\(due)' is not a date; write YYYY-MM-DD") }
        try requireCases(request.cases, ledger: context.ledger)
        return try context.retryingConflicts { () throws(ReclamError) -> (id: String, commit: CommitResult) in
            let existing = Set(ActionStore.load(context.ledger).actions.map(\.id))
            let id =
                "act-" + CaseIDs.make(received: context.now, timeZone: context.ledger.config.timeZone) { existing.contains("act-" + $0) }
            let tz = context.ledger.config.timeZone
            var text = "---\nid: \(id)\ntitle: \(YAMLScalarWriter.block(request.title))\nkind: \(request.kind)\n"
            text += "cases: [\(request.cases.joined(separator: ", "))]\n"
            if let owner = request.owner { text += "owner: \(YAMLScalarWriter.block(owner))\n" }
            if let due = request.due { text += "due: \(due)\n" }
            text += "stage: \(initial.id)\ncreated: \(ISODateTime.format(context.now, in: tz))\n---\n"
            text += "## Description\n\n## Mise en œuvre\n\n## Vérification de l'efficacité\n\n## Journal\n\n"
            text +=
                Journal.line(
                    at: context.now, timeZone: tz, actor: context.actor.name,
                    text: Messages(context.ledger.config.language).format(.actionCreated, initial.label(context.ledger.config.language)))
                + "\n"
            let path = Action.path(id)
            let change = Change(
                summary: "action(\(id)): \(CommitText.oneLine(request.title))", writes: [(path, Data(text.utf8))],
                expectedBase: [path: nil],
                trailers: [("Reclam-Action", id)] + request.cases.map { ("Reclam-Case", $0) } + [("Reclam-Actor", context.actor.name)])
            return (id, try context.commit(change))
        }
    }

    static func requireCases(_ ids: [String], ledger: Ledger) throws(ReclamError) {
        for id in ids {
            _ = try CaseLocator.path(of: id, in: ledger)
        }
    }

    static func load(_ id: String, ledger: Ledger) throws(ReclamError) -> Action {
        if let problem = Identifier.problem(id) { throw .usage(problem) }
        let path = Action.path(id)
        guard FileSystem.kind(of: ledger.url(path)) != nil else { throw ReclamError(.usage, .noActionWithID, id) }
        switch LedgerReader.readDocument(path, in: ledger) {
        case .success(let document): return Action(path: path, document: document)
        case .failure(let failure):
            throw ReclamError(
                .refused, Messages(ledger.config.language).format(.ledgerActionUnreadable, id), diagnostics: [failure.diagnostic])
        }
    }

    public static func link(_ actionID: String, cases: [String], context: WriteContext) throws(ReclamError) -> CommitResult {
        try requireCases(cases, ledger: context.ledger)
        return try context.retryingConflicts { () throws(ReclamError) -> CommitResult in
            let action = try load(actionID, ledger: context.ledger)
            let base = try? context.repository.tipCommitID().flatMap { try context.repository.blobID(at: action.path, in: $0) }
            var editor = FrontMatterEditor(action.document)
            let added = cases.filter { !action.cases.contains($0) }
            guard !added.isEmpty else {
                throw .refused(
                    Messages(context.ledger.config.language).format(.actionAlreadyLinked, actionID, cases.joined(separator: ", ")))
            }
            do {
                for id in added { try editor.addToList("cases", value: id) }
                try editor.appendToSection(
                    "Journal",
                    line: Journal.line(
                        at: context.now, timeZone: context.ledger.config.timeZone, actor: context.actor.name,
                        text: Messages(context.ledger.config.language).format(.linkedTo, added.joined(separator: ", "))))
            } catch {
                throw .refused(Messages(context.ledger.config.language).format(.cannotEdit, action.path, "\(error)"))
            }
            let change = Change(
                summary: "link(\(actionID)): \(added.joined(separator: ", "))",
                writes: [(action.path, TextFile(text: editor.text, hasBOM: action.document.file.hasBOM).data)],
                expectedBase: [action.path: base ?? nil],
                trailers: [("Reclam-Action", actionID)] + added.map { ("Reclam-Case", $0) } + [("Reclam-Actor", context.actor.name)])
            return try context.commit(change)
        }
    }

    public static func move(_ request: MoveRequest, context: WriteContext) throws(ReclamError) -> (
        from: String, to: String, commit: CommitResult
    ) {
        let settings = ActionSettings.read(context.ledger.config)
        return try context.retryingConflicts { () throws(ReclamError) -> (from: String, to: String, commit: CommitResult) in
            let action = try load(request.id, ledger: context.ledger)
            let base = try? context.repository.tipCommitID().flatMap { try context.repository.blobID(at: action.path, in: $0) }
            let caseIDs = Set(try CaseLocator.allIDs(in: context.ledger).keys)
            let checker = ActionChecker(
                settings: settings, caseIDs: caseIDs, procedure: context.ledger.config.procedure, now: context.now,
                timeZone: context.ledger.config.timeZone, language: context.ledger.config.language)
            let errors = checker.check(action).filter { $0.severity == .error }
            if !errors.isEmpty {
                throw ReclamError(
                    .refused, Messages(context.ledger.config.language).format(.refuseActionErrors, action.id), diagnostics: errors)
            }
            let subject = CaseMove.MoveSubject(
                id: action.id, path: action.path, document: action.document, stage: action.stage, lastEvent: action.stageSince,
                lastEventText: action.steps.last?.atText ?? action.field("created"), field: { action.field($0) })
            let planned = try CaseMove.planMove(
                request, subject: subject, procedure: settings.procedure, catalogue: Action.field, context: context)
            let body = planned.changedFields.map { CommitText.fieldChange($0.field, old: $0.old, new: $0.new) }.joined(separator: "\n")
            let change = Change(
                summary: "action-\(planned.transition.verb)(\(action.id)): \(planned.from) -> \(planned.to)",
                body: body.isEmpty ? nil : body,
                writes: [(action.path, TextFile(text: planned.newText, hasBOM: action.document.file.hasBOM).data)],
                expectedBase: [action.path: base ?? nil],
                trailers: [
                    ("Reclam-Action", action.id), ("Reclam-Stage", "\(planned.from) -> \(planned.to)"),
                    ("Reclam-Actor", context.actor.name),
                ])
            return (planned.from, planned.to, try context.commit(change))
        }
    }
}
