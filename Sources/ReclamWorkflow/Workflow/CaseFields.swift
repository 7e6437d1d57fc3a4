import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamOutput
import ReclamRules

/// Changes to a case outside a move: `reclam set ID F=V…` and the reassignment of an assigned
/// case (`reclam assign ID --to P` once the case is past its assignment). One commit each,
/// a journal line naming the fields (and, for a reassignment, the old and new owner).
public enum CaseFields {
    public struct Result: Sendable {
        public var id: String
        public var changed: [(field: String, old: String?, new: String)]
        public var commit: CommitResult
    }

    /// Sets fields (an empty value removes an optional field: `status_token_sha256=` revokes
    /// the status link). Same validation as `--set`; protected fields are refused.
    @discardableResult
    public static func set(
        _ id: String, _ sets: [(field: String, value: String)], note: String?, expecting version: String? = nil,
        context: WriteContext
    ) throws(ReclamError) -> Result {
        if sets.isEmpty { throw .usage("nothing to set: give FIELD=VALUE") }
        return try change(id, sets, note: note, atText: nil, step: false, verb: "set", version: version, context: context)
    }

    /// A new owner for a case that already has one; the step repeats the current stage.
    @discardableResult
    public static func reassign(
        _ id: String, to owner: String, note: String?, atText: String?, expecting version: String? = nil, context: WriteContext
    ) throws(ReclamError) -> Result {
        try change(id, [("owner", owner)], note: note, atText: atText, step: true, verb: "assign", version: version, context: context)
    }

    /// Whether `verb --to P` on this case is a reassignment: the verb leads to a stage that
    /// requires an owner, the case has an owner, and the verb does not apply at its stage.
    public static func isReassignment(verb: String, id: String, context: WriteContext) -> Bool {
        let procedure = context.ledger.config.procedure
        let targets = Set(procedure.transitions.filter { $0.verb == verb }.map(\.to))
        guard targets.contains(where: { procedure.requirements(of: $0).contains { $0.field == "owner" } }),
            let item = try? CaseLocator.load(id, in: context.ledger, repository: context.repository),
            let owner = item.field("owner"), !owner.isEmpty
        else { return false }
        return !procedure.transitions(from: item.stage, fields: { item.field($0) }).contains { $0.verb == verb }
    }

    static func change(
        _ id: String, _ sets: [(field: String, value: String)], note: String?, atText: String?, step: Bool, verb: String,
        version: String? = nil, context: WriteContext
    ) throws(ReclamError) -> Result {
        let procedure = context.ledger.config.procedure
        return try context.retryingConflicts { () throws(ReclamError) -> Result in
            let tip = try? context.repository.tipCommitID()
            let item = try CaseLocator.load(id, in: context.ledger, repository: context.repository)
            // A form's change is refused when the file is no longer the one it was made from.
            try CaseVersion.require(version, path: item.path, ledger: context.ledger)
            let base = tip.flatMap { try? context.repository.blobID(at: item.path, in: $0) }
            let language = context.ledger.config.language
            let existing = CaseChecker(procedure: procedure, now: context.now, language: language).check(item).filter {
                $0.severity == .error
            }
            if !existing.isEmpty {
                throw ReclamError(.refused, Messages(language).format(.refuseSetErrors, item.id, item.path), diagnostics: existing)
            }
            // Fields the case's stage (or an earlier one) required stay set.
            let required = Set(procedure.requirements(of: item.stage).map(\.field))
            for (field, value) in sets {
                if value.isEmpty {
                    if CaseMove.protectedFields.contains(field) || FieldCatalogue.caseField(field)?.required == true
                        || required.contains(field)
                    {
                        throw .usage("\(field) cannot be emptied: the case (or its stage '\(item.stage)') needs it")
                    }
                    if FieldCatalogue.caseField(field) == nil && procedure.declaredFields[field] == nil {
                        try CaseMove.validateSet(field: field, value: "x", procedure: procedure)
                    }
                } else {
                    try CaseMove.validateSet(field: field, value: value, procedure: procedure)
                }
            }
            let at = try CaseMove.time(
                atText, last: item.lastEventTime, lastText: item.steps.last?.atText ?? item.receivedText, now: context.now,
                timeZone: context.ledger.config.timeZone, language: context.ledger.config.language)
            var editor = FrontMatterEditor(item.document)
            var changed: [(field: String, old: String?, new: String)] = []
            let tz = context.ledger.config.timeZone
            do {
                for (field, value) in sets where item.document.string(field) != value {
                    if value.isEmpty && item.document[field] == nil { continue }
                    changed.append((field, item.document.string(field), value))
                    if value.isEmpty { try editor.remove(field) } else { try editor.set(field, to: value) }
                }
                if changed.isEmpty { throw ReclamError.refused(Messages(context.ledger.config.language).format(.fieldsUnchanged, id)) }
                var journal: String
                let language = context.ledger.config.language
                let m = Messages(language)
                if step {
                    let old = changed.first?.old ?? ""
                    let change = m.format(.ownerChange, old, changed.first?.new ?? "")
                    // A French journal names the stage by its label; an English one keeps the id.
                    let stage = context.ledger.config.procedure.stage(item.stage)?.label(.fr) ?? item.stage
                    journal = language == .fr ? "\(stage) : \(change)" : "\(item.stage) → \(item.stage): \(change)"
                    var entry: [(String, String)] = [
                        ("stage", item.stage), ("at", ISODateTime.format(at, in: tz)), ("by", context.actor.name),
                    ]
                    entry.append(
                        (
                            "note",
                            note.map { "\(change); \($0)" } ?? change
                        ))
                    try editor.append(to: "steps", flowItem: YAMLScalarWriter.flowMapping(entry))
                } else {
                    journal = m.format(
                        .fieldsChanged,
                        changed.map { $0.new.isEmpty ? m.format(.fieldRemoved, $0.field) : $0.field }.joined(separator: ", "))
                }
                if let note, !note.isEmpty { journal += " — \(note)" }
                try editor.appendToSection("Journal", line: Journal.line(at: at, timeZone: tz, actor: context.actor.name, text: journal))
            } catch let error as ReclamError {
                throw error
            } catch {
                throw .refused(Messages(language).format(.cannotEdit, item.path, "\(error)"))
            }
            var body = changed.map { CommitText.fieldChange($0.field, old: $0.old, new: $0.new.isEmpty ? nil : $0.new) }.joined(
                separator: "\n")
            if let note, !note.isEmpty { body += "\nNote: \(CommitText.oneLine(note, limit: 200))" }
            let summary =
                step ? "\(verb)(\(item.id)): owner changed" : "\(verb)(\(item.id)): " + changed.map(\.field).joined(separator: ", ")
            let change = Change(
                summary: CommitText.oneLine(summary), body: body.isEmpty ? nil : body,
                writes: [(item.path, TextFile(text: editor.text, hasBOM: item.document.file.hasBOM).data)],
                expectedBase: [item.path: base],
                trailers: context.trailers(case: item.id, stage: step ? "\(item.stage) -> \(item.stage)" : item.stage))
            return Result(id: item.id, changed: changed, commit: try context.commit(change))
        }
    }
}
