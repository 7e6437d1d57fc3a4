import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamOutput
import ReclamRules

/// One front-matter field whose value a hand edit changed.
public struct HandEditFieldChange: Sendable, Equatable {
    public var field: String
    public var old: String?
    public var new: String?
}

/// What a hand edit of one ledger file does, decided before anything is written: the findings
/// that refuse it, or the bytes to commit (the user's, plus the step and the journal line a
/// stage change needs when the user did not write them).
public struct HandEditReview: Sendable {
    public enum Kind: Sendable, Equatable {
        case caseFile, learnerFile, actionFile
    }

    public var path: String
    public var kind: Kind
    /// The case, learner or action id.
    public var id: String
    /// Findings about the edited file; any error refuses the edit. Warnings are about the bytes
    /// that would be committed.
    public var diagnostics: [Diagnostic] = []
    /// The bytes to commit; nil when the edit is refused or deletes the file.
    public var final: Data?
    /// The stage in the branch before the edit (nil for a new file or a file without stages).
    public var stageBefore: String?
    /// The stage after the edit.
    public var stage: String?
    public var changedFields: [HandEditFieldChange] = []
    /// `## ` sections of the body whose text changed.
    public var changedSections: [String] = []
    /// Reclam wrote the `steps` entry of the stage change (the user had not).
    public var addedStep = false
    /// Reclam wrote the journal line of the stage change (the user had not).
    public var addedJournalLine = false
    public var isNew = false

    public var isRefused: Bool { diagnostics.hasErrors }

    public var stageChange: (from: String, to: String)? {
        guard let stageBefore, let stage, stageBefore != stage else { return nil }
        return (stageBefore, stage)
    }

    /// Which kind of ledger file a path is, or nil when hand edits of it are not reclam's business.
    public static func kind(of path: String) -> Kind? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count == 3, parts[0] == Substring(Ledger.casesFolder), parts[2].hasSuffix(".md"), !parts[2].hasPrefix(".") {
            return parts[2] == Substring(Ledger.learnerFile) ? .learnerFile : .caseFile
        }
        if parts.count == 2, parts[0] == Substring(Action.folder), parts[1].hasSuffix(".md"), !parts[1].hasPrefix(".") {
            return .actionFile
        }
        return nil
    }
}

/// The rules a hand edit must follow beyond `reclam check`: those that need the previous
/// version of the file, so that a commit by hand records what a `reclam` command would.
public enum HandEditRules {

    /// What the review needs to know beyond the two versions of the file.
    struct Environment {
        var ledger: Ledger
        var now: Date
        /// Who records the step and the journal line; nil when nothing may be added (the staged
        /// content of a `git commit` is checked as it is).
        var actor: String?
        /// Paths of every case file named `<id>.md`, to refuse a new case reusing an id.
        var casePaths: (String) -> [String]
        /// Every case id, for the links of actions.
        var caseIDs: () -> Set<String>
    }

    /// Reviews the edit of `path` from `base` (the branch's bytes, nil for a new file) to
    /// `edited` (nil when the file was deleted).
    static func review(path: String, kind: HandEditReview.Kind, edited: Data?, base: Data?, environment: Environment) -> HandEditReview {
        var review = HandEditReview(
            path: path, kind: kind, id: String((path as NSString).lastPathComponent.dropLast(3)), isNew: base == nil)
        if kind == .learnerFile { review.id = (path as NSString).deletingLastPathComponent.components(separatedBy: "/").last ?? "" }
        guard let edited else {
            let message =
                kind == .caseFile
                ? "the case file was deleted; cases are closed or rejected, never deleted (restore it with git restore \(path))"
                : "the file was deleted; reclam commits no deletion (restore it with git restore \(path), or use git rm and git commit)"
            review.diagnostics = [
                Diagnostic(kind == .caseFile ? .auditCaseDeleted : .editFileDeleted, message, file: path)
            ]
            return review
        }
        if let conflict = LedgerReader.conflictDiagnostic(edited, path: path, language: environment.ledger.config.language) {
            review.diagnostics = [conflict]
            return review
        }
        let document: MarkdownDocument
        do {
            document = try MarkdownDocument.parse(data: edited)
        } catch {
            review.diagnostics = [error.diagnostic(file: path, language: environment.ledger.config.language)]
            return review
        }
        let old = base.flatMap { try? MarkdownDocument.parse(data: $0) }
        review.changedFields = fieldChanges(from: old, to: document)
        review.changedSections = sectionChanges(from: old, to: document)
        switch kind {
        case .learnerFile:
            review.diagnostics = LearnerChecker.check(path: path, document: document, language: environment.ledger.config.language)
            review.final = edited
        case .caseFile:
            reviewTracked(&review, subject: Case(path: path, document: document), old: old, environment: environment)
        case .actionFile:
            reviewTracked(&review, subject: Action(path: path, document: document), old: old, environment: environment)
        }
        return review
    }

    /// The review of a case or an action, in steps that each return findings: what the edit
    /// may not change, whether its move is legal, what a new file must be, then what reclam
    /// adds to complete a move (its step and journal line).
    static func reviewTracked<Record: TrackedRecord>(
        _ review: inout HandEditReview, subject: Record, old oldDocument: MarkdownDocument?, environment: Environment
    ) {
        let procedure = Record.procedure(in: environment.ledger)
        var diagnostics = subject.findings(environment)
        review.id = subject.id
        review.stage = subject.stage
        let old = oldDocument.map { subject.with($0) }
        var stepNeeded = false
        if let old {
            review.stageBefore = old.stage
            diagnostics += rewrittenHistory(old: old, new: subject)
            let move = moveFindings(old: old, new: subject, procedure: procedure, environment: environment)
            if old.stage != subject.stage && subject.steps.count == old.steps.count {
                // A stage changed without a step: reclam adds it, or the move's finding says what is missing.
                diagnostics.removeAll { $0.rule == Rule.stepsStageMismatch.id }
            }
            diagnostics += move.findings
            stepNeeded = move.stepNeeded
            diagnostics += backdated(old: old, new: subject, environment: environment)
        } else if review.isNew {
            diagnostics += newFileFindings(subject, procedure: procedure, environment: environment)
            diagnostics += backdated(old: nil, new: subject, environment: environment)
        }
        guard !diagnostics.hasErrors else {
            review.diagnostics = diagnostics
            return
        }
        guard let old, old.stage != subject.stage, let actor = environment.actor else {
            review.diagnostics = diagnostics
            review.final = subject.document.file.data
            return
        }
        completeMove(
            &review, old: old, new: subject, stepNeeded: stepNeeded, actor: actor, diagnostics: diagnostics, environment: environment)
    }

    static func stageLocation(_ record: some TrackedRecord) -> SourceLocation {
        record.document["stage"]?.start ?? SourceLocation(line: 1, column: 1)
    }

    /// What an edit may never change: the record's identity and the steps already recorded.
    static func rewrittenHistory<Record: TrackedRecord>(old: Record, new: Record) -> [Diagnostic] {
        var findings = FileFindings(file: new.path)
        let document = new.document
        for field in Record.identityFields {
            guard let before = old.document.string(field), before != document.string(field) else { continue }
            findings.report(
                .auditIdentityRewritten,
                "'\(field)' was \(before) and would become \(document.string(field) ?? "(none)"); it is never rewritten once recorded",
                document[field]?.start ?? stageLocation(new))
        }
        let steps = new.steps
        let oldSteps = old.steps
        for (index, step) in zip(oldSteps, steps).enumerated() where step.0.stage != step.1.stage || step.0.atText != step.1.atText {
            findings.report(
                .editStepsRewritten,
                "step \(index + 1) was {stage: \(step.0.stage), at: \(step.0.atText ?? "")}; recorded steps are history, not edited",
                steps[index].location)
        }
        if steps.count < oldSteps.count {
            findings.report(
                .editStepsRewritten,
                "\(oldSteps.count - steps.count) recorded step(s) were removed; recorded steps are history, not edited",
                document["steps"]?.start ?? stageLocation(new))
        }
        return findings.all
    }

    /// Whether the stage change (if any) is a legal move recorded by exactly one new step; or,
    /// with `reclam commit` (an actor), a move whose step reclam will add.
    static func moveFindings<Record: TrackedRecord>(
        old: Record, new subject: Record, procedure: Procedure, environment: Environment
    ) -> (findings: [Diagnostic], stepNeeded: Bool) {
        var findings = FileFindings(file: subject.path)
        let location = stageLocation(subject)
        let added = Array(subject.steps.dropFirst(old.steps.count))
        let from = old.stage
        let to = subject.stage
        guard from != to else {
            // Recording the step of an earlier move made without one is a repair, not a move.
            let repairs = added.count == 1 && added[0].stage == to && old.steps.last?.stage != to
            if !added.isEmpty && !repairs {
                findings.report(
                    .editStepsAdded,
                    "steps gained \(added.count) entr\(added.count == 1 ? "y" : "ies") but the stage is still '\(to)'; change the stage to record a move",
                    added[0].location)
            }
            return (findings.all, false)
        }
        if procedure.stage(to) != nil {
            do {
                _ = try CaseMove.chooseTransition(
                    MoveRequest(id: subject.id, target: to), from: from, procedure: procedure, lookup: { subject.field($0) },
                    id: subject.id,
                    language: environment.ledger.config.language)
            } catch {
                findings.report(.auditIllegalTransition, error.message, location)
            }
            if let item = subject.asCase, procedure.stage(to)?.requiresAction == true,
                (item.field("no_action_reason") ?? "").trimmingCharacters(in: .whitespaces).isEmpty,
                ActionStore.load(environment.ledger).actions(for: item.id).isEmpty
            {
                findings.report(
                    .caseActionMissing,
                    "stage '\(to)' requires a linked improvement action or a reason why none is needed: add 'no_action_reason: …' to the front-matter, or link an action first ('reclam action new --cases \(item.id) …')",
                    location)
            }
        }
        if added.isEmpty {
            // Either reclam writes the step or the finding says what is missing.
            if environment.actor != nil { return (findings.all, true) }
            findings.report(
                .editStepsAdded,
                "the stage changed from '\(from)' to '\(to)' without a step; add '- {stage: \(to), at: …, by: …}' to steps, or commit with 'reclam commit', which adds it",
                location)
        } else if added.count > 1 || added[0].stage != to {
            findings.report(
                .editStepsAdded,
                "the stage changed from '\(from)' to '\(to)', so steps may gain one entry, {stage: \(to), …}; found \(added.map { "'\($0.stage)'" }.joined(separator: ", ")). Record one move at a time",
                added[0].location)
        }
        return (findings.all, false)
    }

    /// A new file starts at the initial stage and reaches its stage by legal steps; a new case
    /// takes an id no other case has.
    static func newFileFindings(_ subject: some TrackedRecord, procedure: Procedure, environment: Environment) -> [Diagnostic] {
        guard let initial = procedure.initialStage?.id else { return [] }
        var findings = FileFindings(file: subject.path)
        var previous = initial
        for step in subject.steps {
            if step.stage != previous, procedure.stage(step.stage) != nil,
                procedure.transition(from: previous, to: step.stage, fields: { subject.field($0) }) == nil
            {
                findings.report(
                    .auditIllegalTransition, "step '\(step.stage)' follows '\(previous)', a move the procedure does not allow",
                    step.location)
            }
            previous = step.stage
        }
        if previous != subject.stage && procedure.stage(subject.stage) != nil {
            findings.report(
                .auditIllegalTransition,
                "a new file starts at '\(initial)' and its steps end at '\(previous)', not at '\(subject.stage)'; record each move in steps",
                stageLocation(subject))
        }
        if subject.asCase != nil {
            let others = environment.casePaths(subject.fileID).filter { $0 != subject.path }
            if !others.isEmpty {
                findings.report(
                    .idDuplicate, "id '\(subject.fileID)' is also used by \(others.joined(separator: ", ")); give this case a new id",
                    subject.document["id"]?.start)
            }
        }
        return findings.all
    }

    /// The user's bytes, plus what a move writes and the user did not: its step and journal line.
    static func completeMove<Record: TrackedRecord>(
        _ review: inout HandEditReview, old: Record, new subject: Record, stepNeeded: Bool, actor: String, diagnostics: [Diagnostic],
        environment: Environment
    ) {
        let document = subject.document
        let to = subject.stage
        let timeZone = environment.ledger.config.timeZone
        var editor = FrontMatterEditor(document)
        do {
            let at = try CaseMove.time(
                nil, last: subject.lastEvent, lastText: subject.lastEventText, now: environment.now, timeZone: timeZone,
                language: environment.ledger.config.language)
            if stepNeeded {
                try editor.append(
                    to: "steps",
                    flowItem: YAMLScalarWriter.flowMapping([("stage", to), ("at", ISODateTime.format(at, in: timeZone)), ("by", actor)]))
                review.addedStep = true
            }
            let journal = Journal.move(
                from: old.stage, to: to, procedure: Record.procedure(in: environment.ledger), language: environment.ledger.config.language)
            // The user may have written the line with the labels or with the stage ids.
            let written = ["— \(journal)", "— \(old.stage) → \(to)"].contains {
                occurrences(of: $0, in: document.body) > occurrences(of: $0, in: old.document.body)
            }
            if !written {
                try editor.appendToSection("Journal", line: Journal.line(at: at, timeZone: timeZone, actor: actor, text: journal))
                review.addedJournalLine = true
            }
        } catch let failure as ReclamError {
            review.diagnostics = diagnostics + [Diagnostic(.stepsOrder, failure.message, file: subject.path, at: stageLocation(subject))]
            return
        } catch {
            review.diagnostics =
                diagnostics + [
                    Diagnostic(
                        .editStepsAdded,
                        "cannot add the step of the move: \(error); add '- {stage: \(to), at: …, by: …}' to steps by hand",
                        file: subject.path,
                        at: document["steps"]?.start ?? stageLocation(subject))
                ]
            return
        }
        let finalDocument = editor.document
        review.changedFields = fieldChanges(from: old.document, to: finalDocument)
        review.diagnostics = subject.with(finalDocument).findings(environment)
        if !review.diagnostics.hasErrors {
            review.final = TextFile(text: finalDocument.text, hasBOM: document.file.hasBOM, lineEnding: document.file.lineEnding).data
        }
    }

    /// A step typed by hand dated long before it is committed reads as backdating to an auditor:
    /// the same tolerance as `reclam audit`.
    static func backdated<Record: TrackedRecord>(old: Record?, new: Record, environment: Environment) -> [Diagnostic] {
        guard let item = new.asCase else { return [] }
        let oldCase = old?.asCase
        let audit = Audit(ledger: environment.ledger)
        return audit.checkSteps(old: oldCase, new: item, committedAt: environment.now, label: "this edit", path: item.path).filter {
            $0.rule == Rule.auditBackdated.id
        }
    }

    static func occurrences(of needle: String, in text: Substring) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    // MARK: What changed

    static func fieldChanges(from old: MarkdownDocument?, to new: MarkdownDocument) -> [HandEditFieldChange] {
        let oldPairs = old?.root?.pairs ?? []
        let newPairs = new.root?.pairs ?? []
        var out: [HandEditFieldChange] = []
        for pair in newPairs {
            let before = oldPairs.first { $0.key == pair.key }.map { render($0.value, field: $0.key) }
            let after = render(pair.value, field: pair.key)
            if before != after { out.append(HandEditFieldChange(field: pair.key, old: before, new: after)) }
        }
        for pair in oldPairs where !newPairs.contains(where: { $0.key == pair.key }) {
            out.append(HandEditFieldChange(field: pair.key, old: render(pair.value, field: pair.key), new: nil))
        }
        return out
    }

    /// One line per value, for a commit message: lists in flow style, steps as a count.
    static func render(_ node: YAMLNode, field: String? = nil) -> String {
        switch node.content {
        case .scalar(let text): return text
        case .sequence(let items):
            if field == "steps" { return "\(items.count) entr\(items.count == 1 ? "y" : "ies")" }
            return "[" + items.map { item in item.scalar.map(YAMLScalarWriter.flow) ?? render(item) }.joined(separator: ", ") + "]"
        case .mapping(let pairs):
            return "{"
                + pairs.map { "\($0.key): \($0.value.scalar.map(YAMLScalarWriter.flow) ?? render($0.value))" }.joined(separator: ", ")
                + "}"
        }
    }

    static func sectionChanges(from old: MarkdownDocument?, to new: MarkdownDocument) -> [String] {
        let before = sections(old.map { $0.body } ?? "")
        let after = sections(new.body)
        var names: [String] = []
        for (name, text) in after where before.first(where: { $0.name == name })?.text != text {
            names.append(name)
        }
        for (name, _) in before where !after.contains(where: { $0.name == name }) {
            names.append(name)
        }
        return names
    }

    /// The body cut at its `## ` headings; the text before the first one is "body".
    static func sections(_ body: Substring) -> [(name: String, text: String)] {
        var out: [(name: String, text: String)] = []
        var name = "body"
        var lines: [Substring] = []
        func flush() {
            let text = lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
            if !(name == "body" && text.isEmpty) { out.append((name, text)) }
        }
        for line in body.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            if line.hasPrefix("## ") {
                flush()
                name = line.dropFirst(3).trimmingCharacters(in: .whitespaces)
                lines = []
            } else {
                lines.append(line)
            }
        }
        flush()
        return out
    }
}
