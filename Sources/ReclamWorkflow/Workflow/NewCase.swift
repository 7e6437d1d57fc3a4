import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamOutput
import ReclamRules

/// What `reclam new` needs to write a case.
public struct NewCaseRequest: Sendable {
    public var learner: String
    public var title: String
    public var channel: String
    public var complainant: String
    public var received: Date?
    public var receivedText: String?
    public var id: String?
    public var owner: String?
    public var kind: String?
    public var category: String?
    public var body: String?
    /// Extra front-matter fields, in order (used by intake: message_id, sender…).
    public var extraFields: [(String, String)] = []

    /// `contact` is the complainant's email address (`reclam new --email`, the staff's new-case
    /// form), written as the `contact` field that the letters are sent to.
    public init(
        learner: String, title: String, channel: String, complainant: String, receivedText: String? = nil, id: String? = nil,
        owner: String? = nil, kind: String? = nil, category: String? = nil, contact: String? = nil
    ) {
        self.learner = learner
        self.title = title
        self.channel = channel
        self.complainant = complainant
        self.receivedText = receivedText
        self.id = id
        self.owner = owner
        self.kind = kind
        self.category = category
        if let contact { extraFields.append(("contact", contact)) }
    }
}

public enum NewCase {
    /// Validates the request and renders the case file; throws a refusal naming the problem.
    public static func render(_ request: NewCaseRequest, id: String, received: Date, context: WriteContext, template: String)
        throws(ReclamError) -> String
    {
        let procedure = context.ledger.config.procedure
        guard let initial = procedure.initialStage else {
            throw .refused(Messages(context.ledger.config.language)[.procedureNoStages])
        }
        let tz = context.ledger.config.timeZone
        // ISO 8601 as written (its offset kept); a local time is written with the zone's offset.
        let receivedText =
            request.receivedText.flatMap { ISODateTime.parse($0) != nil ? $0 : nil } ?? ISODateTime.format(received, in: tz)
        var lines: [(String, String)] = [
            ("id", id), ("learner", request.learner), ("title", request.title), ("received", receivedText),
            ("channel", request.channel), ("complainant", request.complainant),
        ]
        if let kind = request.kind { lines.append(("kind", kind)) }
        lines.append(("stage", initial.id))
        if let owner = request.owner { lines.append(("owner", owner)) }
        if let category = request.category { lines.append(("category", category)) }
        lines += request.extraFields
        var text = "---\n"
        for (key, value) in lines { text += "\(key): \(YAMLScalarWriter.block(value))\n" }
        text += "---\n"
        text += body(template: template, complaint: request.body)
        let journal = Journal.line(
            at: received, timeZone: tz, actor: context.actor.name,
            text: Messages(context.ledger.config.language).format(.caseReceived, initial.label(context.ledger.config.language)))
        var editor = FrontMatterEditor(try parse(text, language: context.ledger.config.language))
        do { try editor.appendToSection("Journal", line: journal) } catch { throw .refused("\(error)") }
        return editor.text
    }

    static func parse(_ text: String, language: Language = .en) throws(ReclamError) -> MarkdownDocument {
        do { return try MarkdownDocument.parse(TextFile(text: text)) } catch {
            throw .refused(Messages(language).format(.newCaseUnparsable, error.message))
        }
    }

    /// The template's body with the complaint text placed under its first section.
    static func body(template: String, complaint: String?) -> String {
        var body = template
        if body.hasPrefix("---") {
            // A template may carry its own front-matter for documentation; it is not copied.
            if let split = try? FrontMatter.split(body) { body = String(body[split.bodyRange]) }
        }
        guard let complaint = complaint?.trimmingCharacters(in: .whitespacesAndNewlines), !complaint.isEmpty else { return body }
        // The first section's heading: at the very start of the template, or on a later line.
        guard let headingRange = body.hasPrefix("## ") ? body.startIndex..<body.startIndex : body.range(of: "\n## ") else {
            return "\n" + complaint + "\n" + body
        }
        let lineEnd = body[headingRange.upperBound...].firstIndex(of: "\n") ?? body.endIndex
        var rest = body[lineEnd...].dropFirst()
        // Drop the template's hint comment under the heading: the real text replaces it.
        if rest.hasPrefix("<!--"), let close = rest.range(of: "-->\n") { rest = rest[close.upperBound...] }
        return String(body[..<lineEnd]) + "\n\n" + complaint + "\n\n" + rest.drop { $0 == "\n" }
    }
}

public enum Journal {
    /// The journal text of a move, with the stages' labels: `Reçue → Réception accusée`.
    public static func move(from: String, to: String, procedure: Procedure, language: Language) -> String {
        "\(procedure.stage(from)?.label(language) ?? from) → \(procedure.stage(to)?.label(language) ?? to)"
    }

    /// `- 2026-10-05 11:02 +02:00 — Claire Martin — received → acknowledged — note`
    public static func line(at date: Date, timeZone: TimeZone, actor: String, text: String) -> String {
        let iso = ISODateTime.format(date, in: timeZone)
        let chars = Array(iso)
        let day = String(chars[0..<10])
        let time = String(chars[11..<16])
        let offset = String(chars[19...])
        let safeActor = actor.replacingOccurrences(of: "\n", with: " ")
        let safeText = text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        return "- \(day) \(time) \(offset) — \(safeActor) — \(safeText)"
    }
}

extension NewCase {
    public struct Created: Sendable {
        public var id: String
        public var path: String
        public var commit: CommitResult
    }

    /// Writes and commits a new case (and the learner's `learner.md` when the folder is new).
    public static func create(_ request: NewCaseRequest, context: WriteContext) throws(ReclamError) -> Created {
        try context.retryingConflicts { () throws(ReclamError) -> Created in try attempt(request, context: context) }
    }

    static func attempt(_ request: NewCaseRequest, context: WriteContext) throws(ReclamError) -> Created {
        try validate(request, procedure: context.ledger.config.procedure)
        let received: Date
        if let text = request.receivedText {
            let timeZone = context.ledger.config.timeZone
            switch InstantText.parse(text, timeZone: timeZone) {
            case .success(let date): received = date
            case .failure(let problem):
                throw .usage(
                    InstantText.message(
                        problem, text: text, flag: "--received", timeZone: timeZone, language: context.ledger.config.language))
            }
        } else {
            received = request.received ?? context.now
        }
        let ledger = context.ledger
        let existing = try CaseLocator.allIDs(in: ledger)
        let id: String
        if let explicit = request.id {
            if let problem = Identifier.problem(explicit) { throw .usage("--id: \(problem)") }
            if let path = existing[explicit] {
                throw .refused(Messages(ledger.config.language).format(.caseExists, explicit, path))
            }
            id = explicit
        } else {
            id = CaseIDs.make(received: received, timeZone: ledger.config.timeZone) { existing[$0] != nil }
        }
        let path = Ledger.casePath(learner: request.learner, id: id)
        let template = Templates.caseBody(in: ledger)
        let text = try render(request, id: id, received: received, context: context, template: template)
        var writes: [(path: String, contents: Data)] = [(path, Data(text.utf8))]
        var expected: [String: ObjectID?] = [path: nil]
        let learnerPath = "\(Ledger.casesFolder)/\(request.learner)/\(Ledger.learnerFile)"
        if FileSystem.kind(of: ledger.url("\(Ledger.casesFolder)/\(request.learner)")) == nil {
            writes.append((learnerPath, Data("---\nid: \(request.learner)\n---\n".utf8)))
            expected[learnerPath] = .some(nil)
        }
        let change = Change(
            summary: "new(\(id)): \(CommitText.oneLine(request.title))",
            writes: writes, expectedBase: expected,
            trailers: context.trailers(case: id, stage: context.ledger.config.procedure.initialStage?.id ?? ""))
        let result = try context.commit(change)
        return Created(id: id, path: path, commit: result)
    }

    static func validate(_ request: NewCaseRequest, procedure: Procedure) throws(ReclamError) {
        if let problem = Identifier.problem(request.learner) { throw .usage("--learner: \(problem)") }
        if request.title.trimmingCharacters(in: .whitespaces).isEmpty { throw .usage("--title is empty") }
        if let problem = OneLineText.problem(request.title) { throw .usage("--title \(problem)") }
        for (flag, value, values) in [
            ("--channel", request.channel, FieldCatalogue.channels), ("--complainant", request.complainant, FieldCatalogue.complainants),
        ] where !values.contains(value) {
            var message = "\(flag) '\(value)' is not one of: \(values.joined(separator: ", "))"
            if let s = Suggestion.closest(to: value, in: values) { message += "; did you mean '\(s)'?" }
            throw .usage(message)
        }
        if let kind = request.kind, !FieldCatalogue.kinds.contains(kind) {
            throw .usage("--kind '\(kind)' is not one of: \(FieldCatalogue.kinds.joined(separator: ", "))")
        }
        if let owner = request.owner, owner.contains("\n") || owner.trimmingCharacters(in: .whitespaces).isEmpty {
            throw .usage("--owner must be a name on one line")
        }
        for (flag, value) in [("--owner", request.owner), ("--category", request.category)] {
            if let value, let problem = OneLineText.problem(value) { throw .usage("\(flag) \(problem)") }
        }
    }
}

/// Commit messages carry no line breaks or control characters from user text, and stay short.
enum CommitText {
    static func oneLine(_ text: String, limit: Int = 72) -> String {
        let flat = Escape.terminal(text.split(whereSeparator: { $0.isNewline }).joined(separator: " "))
        return flat.count > limit ? String(flat.prefix(limit - 1)) + "…" : flat
    }
}
