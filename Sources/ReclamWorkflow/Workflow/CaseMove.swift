import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamOutput
import ReclamRules

/// A request to move a case to another stage, as `reclam move` and the named verbs make it.
public struct MoveRequest: Sendable {
    public var id: String
    /// The stage to move to; nil when a verb names the transition instead.
    public var target: String?
    /// The transition's verb (ack, assign, close…), when the command was a named verb.
    public var verb: String?
    public var sets: [(field: String, value: String)]
    public var note: String?
    public var atText: String?
    /// How a step that would send an email was done instead (letter, phone, in-person):
    /// recorded as the step's `via`, and no email is written.
    public var via: String?

    public init(
        id: String, target: String? = nil, verb: String? = nil, sets: [(field: String, value: String)] = [], note: String? = nil,
        atText: String? = nil
    ) {
        self.id = id
        self.target = target
        self.verb = verb
        self.sets = sets
        self.note = note
        self.atText = atText
    }
}

/// What a move will do, decided before anything is written.
public struct MovePlan: Sendable {
    public var item: Case
    public var from: String
    public var to: String
    public var transition: Transition
    public var at: Date
    public var newText: String
    public var changedFields: [(field: String, old: String?, new: String)]
}

/// Moves a case through the procedure. Everything is checked first; the file is then edited
/// surgically (only the lines that must change) and committed through the one write path.
public enum CaseMove {
    /// Fields a move may never set: they identify the case or are written by the move itself.
    static let protectedFields: Set<String> = ["id", "learner", "stage", "steps", "received", "tags", "attachments"]

    public static func plan(_ request: MoveRequest, item: Case, context: WriteContext) throws(ReclamError) -> MovePlan {
        let procedure = context.ledger.config.procedure
        let language = context.ledger.config.language
        let existing = CaseChecker(procedure: procedure, now: context.now, language: language).check(item).filter {
            $0.severity == .error
        }
        if !existing.isEmpty {
            throw ReclamError(.refused, Messages(language).format(.refuseMoveErrors, item.id, item.path), diagnostics: existing)
        }
        let subject = MoveSubject(
            id: item.id, path: item.path, document: item.document, stage: item.stage, lastEvent: item.lastEventTime,
            lastEventText: item.steps.last?.atText ?? item.receivedText, field: { item.field($0) })
        let core = try planMove(request, subject: subject, procedure: procedure, catalogue: FieldCatalogue.caseField, context: context) {
            to, lookup throws(ReclamError) in
            try ActionRequirement.check(caseID: item.id, stage: to, procedure: procedure, lookup: lookup, ledger: context.ledger)
        }
        return MovePlan(
            item: item, from: core.from, to: core.to, transition: core.transition, at: core.at, newText: core.newText,
            changedFields: core.changedFields)
    }

    /// What a move needs to know about the document it edits: a case or an improvement action.
    struct MoveSubject {
        var id: String
        var path: String
        var document: MarkdownDocument
        var stage: String
        var lastEvent: Date?
        var lastEventText: String?
        var field: (String) -> String?
    }

    struct PlannedMove {
        var from: String
        var to: String
        var transition: Transition
        var at: Date
        var newText: String
        var changedFields: [(field: String, old: String?, new: String)]
    }

    /// The rules of a move, shared by cases and actions: an allowed transition, the target
    /// stage's required fields, a time not before the previous step; then the surgical edit.
    static func planMove(
        _ request: MoveRequest, subject: MoveSubject, procedure: Procedure, catalogue: (String) -> FieldCatalogue.Field?,
        context: WriteContext,
        extraCheck: (String, (String) -> String?) throws(ReclamError) -> Void = { _, _ in }
    ) throws(ReclamError) -> PlannedMove {
        var request = request
        request.sets = request.sets.map {
            (field: $0.field, value: enumID($0.value, field: $0.field, procedure: procedure, catalogue: catalogue))
        }
        var sets: [String: String] = [:]
        for (field, value) in request.sets {
            try validateSet(field: field, value: value, procedure: procedure, catalogue: catalogue)
            sets[field] = value
        }
        let lookup: (String) -> String? = { sets[$0] ?? subject.field($0) }
        let from = subject.stage
        let language = context.ledger.config.language
        let m = Messages(language)
        let transition = try chooseTransition(request, from: from, procedure: procedure, lookup: lookup, id: subject.id, language: language)
        let to = transition.to
        var missing: [String] = []
        for requirement in procedure.requirements(of: to) {
            let node =
                sets[requirement.field].map {
                    YAMLNode(content: .scalar($0), style: .plain, start: .init(line: 1, column: 1), end: .init(line: 1, column: 1))
                }
                ?? subject.document[requirement.field]
            guard let node else {
                var hint = "--set \(requirement.field)=…"
                if !requirement.values.isEmpty { hint += m.format(.moveOneOf, requirement.values.joined(separator: ", ")) }
                missing.append("'\(requirement.field)' (\(m.typeName(requirement.type)))\(m[.colon])\(hint)")
                continue
            }
            if let problem = m.problem(requirement.type, node, values: requirement.values) {
                missing.append("'\(requirement.field)'\(m[.colon])\(problem)")
            }
        }
        if !missing.isEmpty {
            let stage = language == .en ? "'\(to)'" : procedure.stage(to)?.label(language) ?? to
            throw .refused(
                m.format(missing.count == 1 ? .moveLacksField : .moveLacksFields, stage, subject.id) + "\n  "
                    + missing.joined(separator: "\n  "))
        }
        try extraCheck(to, lookup)
        let at = try time(
            request.atText, last: subject.lastEvent, lastText: subject.lastEventText, now: context.now,
            timeZone: context.ledger.config.timeZone, language: context.ledger.config.language)
        var editor = FrontMatterEditor(subject.document)
        var changed: [(field: String, old: String?, new: String)] = []
        do {
            for (field, value) in request.sets where subject.document.string(field) != value {
                changed.append((field, subject.document.string(field), value))
                try editor.set(field, to: value)
            }
            try editor.set("stage", to: to)
            let tz = context.ledger.config.timeZone
            var step: [(String, String)] = [("stage", to), ("at", ISODateTime.format(at, in: tz)), ("by", context.actor.name)]
            if let via = request.via { step.append(("via", via)) }
            if let note = request.note, !note.isEmpty { step.append(("note", note)) }
            try editor.append(to: "steps", flowItem: YAMLScalarWriter.flowMapping(step))
            var journal = Journal.move(from: from, to: to, procedure: procedure, language: context.ledger.config.language)
            if let via = request.via {
                let m = Messages(context.ledger.config.language)
                journal += " " + m.format(.via, m.value(via))
            }
            if let note = request.note, !note.isEmpty { journal += " — \(note)" }
            try editor.appendToSection("Journal", line: Journal.line(at: at, timeZone: tz, actor: context.actor.name, text: journal))
        } catch {
            throw .refused(Messages(context.ledger.config.language).format(.cannotEdit, subject.path, "\(error)"))
        }
        return PlannedMove(from: from, to: to, transition: transition, at: at, newText: editor.text, changedFields: changed)
    }

    /// The stored id of an enum value typed in either language (`élevé` → `high`); other
    /// values unchanged.
    static func enumID(_ value: String, field: String, procedure: Procedure, catalogue: (String) -> FieldCatalogue.Field?) -> String {
        let values = procedure.declaredFields[field]?.values ?? catalogue(field)?.values ?? []
        return values.isEmpty ? value : Messages.valueID(value, among: values) ?? value
    }

    static func validateSet(
        field: String, value: String, procedure: Procedure, catalogue: (String) -> FieldCatalogue.Field? = FieldCatalogue.caseField
    ) throws(ReclamError) {
        if protectedFields.contains(field) {
            throw .usage("--set \(field)=… is not allowed: '\(field)' is written by reclam itself or edited by hand")
        }
        let requirement: FieldRequirement
        if let declared = procedure.declaredFields[field] {
            requirement = declared
        } else if let builtIn = catalogue(field) {
            requirement = FieldRequirement(field: field, type: builtIn.type, values: builtIn.values)
        } else {
            let known = (FieldCatalogue.caseFields.map(\.name) + procedure.declaredFields.keys).filter { !protectedFields.contains($0) }
            var message = "--set: unknown field '\(field)'"
            if let s = Suggestion.closest(to: field, in: known) { message += "; did you mean '\(s)'?" }
            throw .usage(message)
        }
        let node = YAMLNode(content: .scalar(value), style: .plain, start: .init(line: 1, column: 1), end: .init(line: 1, column: 1))
        if let problem = requirement.type.problem(with: node, values: requirement.values)
            ?? OneLineText.problem(field: field, type: requirement.type, node: node)
        {
            throw .usage("--set \(field): \(problem)")
        }
    }

    static func chooseTransition(
        _ request: MoveRequest, from: String, procedure: Procedure, lookup: (String) -> String?, id: String, language: Language = .en
    ) throws(ReclamError) -> Transition {
        let m = Messages(language)
        // A stage as the sentence names it: its quoted id in English, its label in French.
        func named(_ stage: String) -> String { language == .en ? "'\(stage)'" : procedure.stage(stage)?.label(language) ?? stage }
        let allowed = procedure.transitions(from: from, fields: lookup)
        let allowedText =
            allowed.isEmpty
            ? m[.moveNoneAllowed]
            : allowed.map { "\(language == .en ? $0.to : named($0.to)) (reclam \($0.verb))" }.joined(separator: ", ")
        if let target = request.target {
            guard procedure.stage(target) != nil else {
                var message = "unknown stage '\(target)'"
                if let s = Suggestion.closest(to: target, in: procedure.stages.map(\.id)) { message += "; did you mean '\(s)'?" }
                throw .usage(message)
            }
            if let transition = allowed.first(where: { $0.to == target && (request.verb == nil || $0.verb == request.verb) }) {
                return transition
            }
            throw .refused(m.format(.moveNotAllowed, id, named(from), named(target), named(from), allowedText))
        }
        guard let verb = request.verb else { throw .usage("name the stage to move to") }
        let matching = allowed.filter { $0.verb == verb }
        if matching.count == 1 { return matching[0] }
        if matching.count > 1 {
            throw .usage(
                "'\(verb)' leads to several stages from '\(from)' (\(matching.map(\.to).joined(separator: ", "))); use reclam move \(id) STAGE"
            )
        }
        throw .refused(m.format(.moveVerbNotAllowed, id, verb, named(from), named(from), allowedText))
    }

    /// `--at` records a step that happened earlier, but never before the previous one.
    static func time(
        _ text: String?, last: Date?, lastText: String?, now: Date, timeZone: TimeZone, language: Language = .en
    ) throws(ReclamError) -> Date {
        let m = Messages(language)
        guard let text else {
            if let last, now < last {
                throw .refused(m.format(.clockBehind, ISODateTime.format(now, in: .current)))
            }
            return now
        }
        let parsed: Date
        switch InstantText.parse(text, timeZone: timeZone) {
        case .success(let date): parsed = date
        case .failure(let problem):
            throw .usage(InstantText.message(problem, text: text, flag: "--at", timeZone: timeZone, language: language))
        }
        if parsed > now.addingTimeInterval(300) { throw .usage(m.format(.atFuture, text)) }
        if let last, parsed < last {
            throw .refused(m.format(.atBeforePrevious, text, lastText ?? ""))
        }
        return parsed
    }

    /// Plans and commits a move; `extra` adds files to the same commit (the ack's email).
    @discardableResult
    public static func run(
        _ request: MoveRequest, context: WriteContext,
        extra: (MovePlan) throws(ReclamError) -> [(path: String, contents: Data)] = { _ in [] }
    ) throws(ReclamError) -> (plan: MovePlan, commit: CommitResult) {
        try context.retryingConflicts { () throws(ReclamError) -> (plan: MovePlan, commit: CommitResult) in
            let tip = try? context.repository.tipCommitID()
            let item = try CaseLocator.load(request.id, in: context.ledger, repository: context.repository)
            let base = tip.flatMap { try? context.repository.blobID(at: item.path, in: $0) }
            let plan = try plan(request, item: item, context: context)
            var extraWrites = try extra(plan)
            if extraWrites.isEmpty { extraWrites = try StageLetter.writes(plan, request: request, context: context) }
            var expected: [String: ObjectID?] = [item.path: base]
            for write in extraWrites { expected[write.path] = .some(nil) }
            let verb = plan.transition.verb
            var body = plan.changedFields.map { CommitText.fieldChange($0.field, old: $0.old, new: $0.new) }.joined(separator: "\n")
            if let note = request.note, !note.isEmpty {
                body += (body.isEmpty ? "" : "\n") + "Note: \(CommitText.oneLine(note, limit: 200))"
            }
            let change = Change(
                summary: "\(verb)(\(item.id)): \(plan.from) -> \(plan.to)",
                body: body.isEmpty ? nil : body,
                writes: [(item.path, TextFile(text: plan.newText, hasBOM: item.document.file.hasBOM).data)] + extraWrites,
                expectedBase: expected,
                trailers: context.trailers(case: item.id, stage: "\(plan.from) -> \(plan.to)"))
            return (plan, try context.commit(change))
        }
    }
}
