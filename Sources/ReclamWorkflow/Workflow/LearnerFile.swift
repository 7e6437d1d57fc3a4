import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger

/// `reclam learner add` and `reclam learner edit`: the learner's file
/// (`cases/<learner>/learner.md`), where letters find their recipient. One commit each; the
/// commit message names the learner's id only, never a name or an address.
public enum LearnerFile {
    public struct Edit: Sendable {
        public var addEmails: [String] = []
        public var removeEmails: [String] = []
        public var sets: [(field: String, value: String)] = []

        public init(addEmails: [String] = [], removeEmails: [String] = [], sets: [(field: String, value: String)] = []) {
            self.addEmails = addEmails
            self.removeEmails = removeEmails
            self.sets = sets
        }
    }

    /// Fields `--set` may change: every learner field but the id and the address list.
    static var settable: [String] { FieldCatalogue.learnerFields.map(\.name).filter { $0 != "id" && $0 != "emails" } }

    public static func path(_ id: String) -> String { "\(Ledger.casesFolder)/\(id)/\(Ledger.learnerFile)" }

    /// Creates the learner's folder and file; refused when the learner already has a file.
    @discardableResult
    public static func add(_ id: String, emails: [String], sets: [(field: String, value: String)], context: WriteContext)
        throws(ReclamError) -> CommitResult
    {
        if let problem = Identifier.problem(id) { throw .usage("learner id: \(problem)") }
        try validate(Edit(addEmails: emails, sets: sets))
        let path = path(id)
        if FileSystem.kind(of: context.ledger.url(path)) != nil {
            throw .refused(Messages(context.ledger.config.language).format(.learnerExists, id, path, id))
        }
        var text = "---\nid: \(id)\n"
        for (field, value) in sets { text += "\(field): \(YAMLScalarWriter.block(value))\n" }
        if !emails.isEmpty { text += "emails:\n" + emails.map { "  - \(YAMLScalarWriter.block($0))\n" }.joined() }
        text += "---\n"
        var expected: [String: ObjectID?] = [:]
        expected[path] = .some(nil)
        let change = Change(
            summary: "learner(\(id)): new learner", writes: [(path, Data(text.utf8))], expectedBase: expected,
            trailers: [("Reclam-Learner", id), ("Reclam-Actor", context.actor.name)])
        return try context.commit(change)
    }

    /// Adds or removes addresses, sets fields; the other lines of the file are kept as they are.
    @discardableResult
    public static func edit(_ id: String, _ edit: Edit, context: WriteContext) throws(ReclamError) -> CommitResult {
        try validate(edit)
        if edit.addEmails.isEmpty && edit.removeEmails.isEmpty && edit.sets.isEmpty {
            throw .usage("nothing to change: give --add-email, --remove-email or --set FIELD=VALUE")
        }
        let path = path(id)
        let m = Messages(context.ledger.config.language)
        return try context.retryingConflicts { () throws(ReclamError) -> CommitResult in
            guard FileSystem.kind(of: context.ledger.url(path)) != nil else {
                throw .refused(m.format(.learnerNoFile, id, path, id))
            }
            let tip = try? context.repository.tipCommitID()
            let base = tip.flatMap { try? context.repository.blobID(at: path, in: $0) }
            let document: MarkdownDocument
            switch LedgerReader.readDocument(path, in: context.ledger) {
            case .success(let read): document = read
            case .failure(let error): throw ReclamError(.refused, m.format(.fileUnreadableFixFirst, path), diagnostics: [error.diagnostic])
            }
            let current = Learner(path: path, document: document).emails
            for email in edit.removeEmails where !current.contains(where: { $0.caseInsensitiveCompare(email) == .orderedSame }) {
                throw .refused(m.format(.learnerNoAddress, id, email, current.joined(separator: ", ")))
            }
            var editor = FrontMatterEditor(document)
            do {
                for (field, value) in edit.sets { try editor.set(field, to: value) }
                if !edit.removeEmails.isEmpty {
                    let kept = current.filter { email in
                        !edit.removeEmails.contains { $0.caseInsensitiveCompare(email) == .orderedSame }
                    }
                    try editor.setFlowList("emails", values: kept)
                }
                for email in edit.addEmails where !current.contains(where: { $0.caseInsensitiveCompare(email) == .orderedSame }) {
                    try editor.addToList("emails", value: email)
                }
            } catch {
                throw .refused(m.format(.cannotEdit, path, "\(error)"))
            }
            if editor.text == document.text { throw .refused(m.format(.learnerUnchanged, id)) }
            let change = Change(
                summary: "learner(\(id)): \(summary(edit))",
                writes: [(path, TextFile(text: editor.text, hasBOM: document.file.hasBOM).data)], expectedBase: [path: base],
                trailers: [("Reclam-Learner", id), ("Reclam-Actor", context.actor.name)])
            return try context.commit(change)
        }
    }

    /// Says what changed without saying to what: addresses and names stay out of commit messages.
    static func summary(_ edit: Edit) -> String {
        var parts: [String] = []
        if !edit.addEmails.isEmpty { parts.append("address added") }
        if !edit.removeEmails.isEmpty { parts.append("address removed") }
        if !edit.sets.isEmpty { parts.append("set " + edit.sets.map(\.field).joined(separator: ", ")) }
        return parts.joined(separator: ", ")
    }

    static func validate(_ edit: Edit) throws(ReclamError) {
        for email in edit.addEmails + edit.removeEmails {
            if let problem = EmailText.problem(email) { throw .usage("--email \(problem)") }
        }
        for (field, value) in edit.sets {
            guard settable.contains(field) else {
                var message = "learner field '\(field)' cannot be set; fields: \(settable.joined(separator: ", "))"
                if field == "emails" { message = "use --add-email and --remove-email for 'emails'" }
                if field == "id" { message = "a learner's id is its folder name; it cannot be changed" }
                throw .usage(message)
            }
            if let problem = OneLineText.problem(value) { throw .usage("\(field) \(problem)") }
        }
    }
}

/// A bare email address, as stored in learner.md: one `@`, no spaces, no angle brackets.
public enum EmailText {
    public static func problem(_ text: String) -> String? {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        let bad = text.contains { $0.isWhitespace || "<>,;\"()[]\\".contains($0) || $0.asciiValue.map { $0 < 32 || $0 == 127 } ?? false }
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."), !bad
        else { return "'\(Escape.terminal(text))' is not an email address (name@example.org)" }
        return nil
    }
}
