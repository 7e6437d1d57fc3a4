import Foundation
import HTTPTypes
import Hummingbird
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamOutput
import ReclamWorkflow

/// The changes to a case outside a move, each a form under `/dossiers/ID/<path>`, each running
/// the library code of its command: `reclam assign ID --to P` on an assigned case
/// (`CaseFields.reassign`), `reclam set` (`CaseFields.set`), `reclam note` (`CaseNote`), the
/// body's sections (`CaseSections`, what `reclam edit` would change by hand), and
/// `reclam action new --cases ID` / `reclam action link` (`ActionWorkflow`).
enum CaseEdit: String, CaseIterable, Sendable {
    case assign = "attribuer"
    case set = "champs"
    case note = "note"
    case sections = "texte"
    case action = "action"

    /// The key of the form's title in `StaffTexts`.
    var titleKey: String {
        switch self {
        case .assign: "e_assign"
        case .set: "e_set"
        case .note: "e_note"
        case .sections: "e_sections"
        case .action: "e_action"
        }
    }

    /// Which form field a library message is about, from the option it names; other
    /// messages go to the top of the form.
    func fieldOfMessage(_ values: [String: String]) -> [(String, String)] {
        switch self {
        case .assign: [("", "owner")]
        case .set: [("", "value")]
        case .note: [("", "text")]
        case .sections: []
        case .action:
            values["mode"] == "link"
                ? [("", "action")] : [("--title", "title"), ("--kind", "kind"), ("--owner", "owner"), ("--due", "due")]
        }
    }
}

/// What an edit form holds: the version of the case's file it was made from, the values as
/// typed (kept when the change is refused), and the problems to show next to each field.
struct EditForm: Sendable {
    var version = ""
    var values: [String: String] = [:]
    var errors: [String: String] = [:]
    var general: [String] = []
    var stale = false
    /// The actions a case can be linked to (the action form).
    var actions: [ActionChoice] = []

    struct ActionChoice: Sendable {
        var id: String
        var title: String
    }

    func value(_ name: String) -> String { values[name] ?? "" }

    /// Puts each message of a refusal next to the field it is about.
    mutating func place(_ error: ReclamError, fields: [(String, String)]) {
        for message in [error.message] + error.diagnostics.map(\.message) {
            if let field = fields.first(where: { $0.0.isEmpty || message.contains($0.0) })?.1 {
                errors[field] = errors[field].map { $0 + " " + message } ?? message
            } else {
                general.append(message)
            }
        }
    }
}

extension StaffDesk {
    func registerEdits(on router: Router<FrontDoorContext>) {
        let p = prefix
        for edit in CaseEdit.allCases {
            router.get("\(p)/dossiers/:id/\(edit.rawValue)") { request, context in
                let id = context.parameters.get("id") ?? ""
                return try await self.withSession(request) { try await self.editForm(edit, id: id, $0) }
            }
            router.post("\(p)/dossiers/:id/\(edit.rawValue)") { request, context in
                let id = context.parameters.get("id") ?? ""
                return try await self.withSession(request) { try await self.edit(request, edit, id: id, $0) }
            }
        }
        router.get("\(p)/nouveau") { request, _ in
            try await self.withSession(request) { signed in
                guard signed.session.user.role.mayAct else { return self.forbidden(signed) }
                return FrontDoor.html(.ok, self.pages(signed).newCaseForm(EditForm()))
            }
        }
        router.post("\(p)/nouveau") { request, _ in try await self.withSession(request) { try await self.newCase(request, $0) } }
    }

    func forbidden(_ signed: Signed) -> Response { FrontDoor.html(.forbidden, pages(signed).message(signed.texts["forbidden"])) }

    func editForm(_ edit: CaseEdit, id: String, _ signed: Signed) async throws -> Response {
        guard signed.session.user.role.mayAct else { return forbidden(signed) }
        guard Identifier.problem(id) == nil else { throw HTTPError(.notFound) }
        let now = try door.now()
        let ledger = signed.loaded.ledger
        let (view, actions) = try await door.blocking {
            let view = try Self.found { try CaseView.load(id, ledger: ledger, asOf: now, board: self.boards, timeline: false) }
            return (view, edit == .action ? Self.actionChoices(ledger, excluding: id) : [])
        }
        var form = EditForm(version: view.version, actions: actions)
        switch edit {
        case .assign: form.values["owner"] = view.item.owner ?? ""
        case .sections:
            for (index, section) in CaseSections.editable(view.item) { form.values["s_\(index)"] = section.text }
        case .action: form.values["kind"] = "corrective"
        case .set, .note: break
        }
        return FrontDoor.html(.ok, pages(signed).editForm(edit, view, form))
    }

    func edit(_ request: Request, _ edit: CaseEdit, id: String, _ signed: Signed) async throws -> Response {
        guard signed.session.user.role.mayAct else { return forbidden(signed) }
        guard Identifier.problem(id) == nil else { throw HTTPError(.notFound) }
        guard let body = try? await Self.form(request) else { throw HTTPError(.badRequest) }
        guard sessions.verifyCSRF(body.fields[CSRFGuard.field], session: signed.session) else {
            return FrontDoor.html(.forbidden, pages(signed).message(signed.texts["expired"]))
        }
        let values = body.fields.filter { $0.key != CSRFGuard.field }.mapValues { String($0.prefix(20_000)) }
        let version = values["version"] ?? ""
        let now = try door.now()
        let ledger = signed.loaded.ledger
        let actor = signed.session.user.actor
        let texts = signed.texts
        let (status, view, form): (HTTPResponse.Status, CaseView, EditForm) = try await door.blocking {
            let view = try Self.found { try CaseView.load(id, ledger: ledger, asOf: now, board: self.boards, timeline: false) }
            var form = EditForm(version: version, values: values)
            if edit == .action { form.actions = Self.actionChoices(ledger, excluding: id) }
            if version != view.version {
                form.stale = true
                form.version = view.version
                return (.conflict, view, form)
            }
            if let problem = Self.missing(edit, values: values, view: view, texts: texts) {
                form.errors[problem.0] = problem.1
                return (.unprocessableContent, view, form)
            }
            do {
                let context = try door.writeContext(ledger: ledger, actor: actor, now: now)
                try Self.run(edit, id: view.item.id, path: view.item.path, values: values, version: version, context: context)
                return (.seeOther, view, form)
            } catch let error as ReclamError {
                let fresh = (try? CaseView.load(id, ledger: ledger, asOf: now, board: self.boards, timeline: false)) ?? view
                if fresh.version != version {
                    form.stale = true
                    form.version = fresh.version
                    return (.conflict, fresh, form)
                }
                form.place(error, fields: edit.fieldOfMessage(values))
                return (.unprocessableContent, view, form)
            }
        }
        if status == .seeOther { return Self.redirect("\(prefix)/dossiers/\(view.item.id)") }
        return FrontDoor.html(status, pages(signed).editForm(edit, view, form))
    }

    /// A field the form needs and that was left empty (the library would take an empty owner
    /// or value as a removal), or a reassignment of a case that has no owner yet.
    static func missing(_ edit: CaseEdit, values: [String: String], view: CaseView, texts: StaffTexts) -> (String, String)? {
        func empty(_ name: String) -> Bool { (values[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        switch edit {
        case .assign:
            if (view.item.owner ?? "").isEmpty { return ("owner", texts["no_owner"]) }
            return empty("owner") ? ("owner", texts["required"]) : nil
        case .set: return empty("field") ? ("field", texts["required"]) : nil
        case .note: return empty("text") ? ("text", texts["required"]) : nil
        case .sections: return nil
        case .action:
            if values["mode"] == "link" { return empty("action") ? ("action", texts["required"]) : nil }
            return empty("title") ? ("title", texts["required"]) : nil
        }
    }

    /// The library call of each edit: the same as its command's.
    static func run(
        _ edit: CaseEdit, id: String, path: String, values: [String: String], version: String, context: WriteContext
    ) throws(ReclamError) {
        func text(_ name: String) -> String { (values[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        func optional(_ name: String) -> String? { text(name).isEmpty ? nil : text(name) }
        switch edit {
        case .assign:
            try CaseFields.reassign(id, to: text("owner"), note: optional("note"), atText: nil, expecting: version, context: context)
        case .set:
            try CaseFields.set(id, [(text("field"), text("value"))], note: optional("note"), expecting: version, context: context)
        case .note:
            try CaseNote.add(id, text: text("text"), expecting: version, context: context)
        case .sections:
            var texts: [Int: String] = [:]
            for (key, value) in values where key.hasPrefix("s_") {
                if let index = Int(key.dropFirst(2)) { texts[index] = value }
            }
            try CaseSections.edit(id, texts: texts, expecting: version, context: context)
        case .action:
            // Actions are files of their own: the case's version is checked before, as the form was made from it.
            try CaseVersion.require(version, path: path, ledger: context.ledger)
            if values["mode"] == "link" {
                _ = try ActionWorkflow.link(text("action"), cases: [id], context: context)
            } else {
                let request = ActionWorkflow.NewAction(
                    title: text("title"), kind: text("kind"), cases: [id], owner: optional("owner"), due: optional("due"))
                _ = try ActionWorkflow.create(request, context: context)
            }
        }
    }

    static func actionChoices(_ ledger: Ledger, excluding id: String) -> [EditForm.ActionChoice] {
        ActionStore.load(ledger).actions.filter { !$0.cases.contains(id) }.map { EditForm.ActionChoice(id: $0.id, title: $0.title) }
    }

    // MARK: A new case

    static let newCaseFields = [
        ("--learner", "learner"), ("--title", "title"), ("--channel", "channel"), ("--complainant", "complainant"),
        ("--received", "received"), ("--owner", "owner"), ("--email", "email"), ("--kind", "kind"), ("--category", "category"),
    ]

    /// `reclam new` from a form: the same request, the same `NewCase.create`.
    func newCase(_ request: Request, _ signed: Signed) async throws -> Response {
        guard signed.session.user.role.mayAct else { return forbidden(signed) }
        guard let body = try? await Self.form(request) else { throw HTTPError(.badRequest) }
        guard sessions.verifyCSRF(body.fields[CSRFGuard.field], session: signed.session) else {
            return FrontDoor.html(.forbidden, pages(signed).message(signed.texts["expired"]))
        }
        let values = body.fields.filter { $0.key != CSRFGuard.field }.mapValues { String($0.prefix(20_000)) }
        func text(_ name: String) -> String { (values[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        func optional(_ name: String) -> String? { text(name).isEmpty ? nil : text(name) }
        var form = EditForm(values: values)
        for name in ["learner", "title", "channel", "complainant"] where text(name).isEmpty {
            form.errors[name] = signed.texts["required"]
        }
        if let email = optional("email"), let problem = EmailText.problem(email) { form.errors["email"] = "--email \(problem)" }
        if !form.errors.isEmpty { return FrontDoor.html(.unprocessableContent, pages(signed).newCaseForm(form)) }
        var newCase = NewCaseRequest(
            learner: text("learner"), title: text("title"), channel: text("channel"), complainant: text("complainant"),
            receivedText: optional("received"), owner: optional("owner"), kind: optional("kind"), category: optional("category"),
            contact: optional("email"))
        if let text = optional("body") { newCase.body = text.replacingOccurrences(of: "\r\n", with: "\n") + "\n" }
        let now = try door.now()
        let ledger = signed.loaded.ledger
        let actor = signed.session.user.actor
        let request = newCase
        let outcome: Result<String, ReclamError> = try await door.blocking {
            do {
                let context = try door.writeContext(ledger: ledger, actor: actor, now: now)
                return .success(try NewCase.create(request, context: context).id)
            } catch let error as ReclamError {
                return .failure(error)
            }
        }
        switch outcome {
        case .success(let id): return Self.redirect("\(prefix)/dossiers/\(id)")
        case .failure(let error):
            form.place(error, fields: Self.newCaseFields)
            return FrontDoor.html(.unprocessableContent, pages(signed).newCaseForm(form))
        }
    }
}
