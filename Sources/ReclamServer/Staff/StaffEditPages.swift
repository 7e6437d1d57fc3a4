import Foundation
import ReclamCore
import ReclamLedger
import ReclamWorkflow

/// The edit forms' HTML: a label per field, its error next to it (announced, and named by
/// `aria-describedby`), the user's text kept and escaped, a CSRF token and the version of the
/// case's file in every form. No script.
extension StaffPages {
    /// The links of a case's page to its edit forms.
    func editLinks(_ view: CaseView) -> String {
        let id = view.item.id
        return "<section aria-labelledby=\"edit\"><h2 id=\"edit\">\(e(texts["edit"]))</h2><ul class=\"verbs\">"
            // Reassigning is for a case that has an owner; the first owner comes with the move.
            + CaseEdit.allCases.filter { $0 != .assign || !(view.item.owner ?? "").isEmpty }.map { edit in
                "<li><a class=\"button\" href=\"\(url("/dossiers/\(id)/\(edit.rawValue)"))\">\(e(texts[edit.titleKey]))</a></li>"
            }.joined() + "</ul></section>\n"
    }

    func field(_ name: String, _ label: String, _ form: EditForm, required: Bool = false, hint: String? = nil, control: (String) -> String)
        -> String
    {
        let error = form.errors[name]
        var described: [String] = []
        var html = "<div class=\"field\(error == nil ? "" : " invalid")\"><label for=\"\(e(name))\">\(e(label))"
        html += required ? " <span class=\"required\">(\(e(texts["required"])))</span>" : ""
        html += "</label>"
        if let hint {
            html += "<span class=\"hint\" id=\"\(e(name))-hint\">\(e(hint))</span>"
            described.append(name + "-hint")
        }
        if let error {
            html += "<span class=\"error-message\" id=\"\(e(name))-error\">\(e(error))</span>"
            described.append(name + "-error")
        }
        var attributes = "id=\"\(e(name))\" name=\"\(e(name))\"" + (required ? " required" : "")
        if !described.isEmpty { attributes += " aria-describedby=\"\(e(described.joined(separator: " ")))\"" }
        if error != nil { attributes += " aria-invalid=\"true\"" }
        return html + control(attributes) + "</div>\n"
    }

    func textInput(_ name: String, _ label: String, _ form: EditForm, required: Bool = false, hint: String? = nil, type: String = "text")
        -> String
    {
        field(name, label, form, required: required, hint: hint) { "<input type=\"\(type)\" \($0) value=\"\(e(form.value(name)))\">" }
    }

    /// A textarea; the line break after its tag keeps a text that starts with a blank line intact.
    func textArea(_ name: String, _ label: String, _ form: EditForm, required: Bool = false, hint: String? = nil) -> String {
        field(name, label, form, required: required, hint: hint) { "<textarea \($0)>\n\(e(form.value(name)))</textarea>" }
    }

    func choice(_ name: String, _ label: String, _ options: [(String, String)], _ form: EditForm, required: Bool = false) -> String {
        let selected = form.value(name)
        return field(name, label, form, required: required) { attributes in
            "<select \(attributes)>"
                + options.map { "<option value=\"\(e($0.0))\"\($0.0 == selected ? " selected" : "")>\(e($0.1))</option>" }.joined()
                + "</select>"
        }
    }

    func problems(_ form: EditForm) -> String {
        var html = ""
        if form.stale { html += "<div class=\"error-summary\" role=\"alert\"><p>\(e(texts["stale"]))</p></div>\n" }
        let all = form.general + form.errors.keys.sorted().compactMap { form.errors[$0] }
        if !form.stale && !all.isEmpty {
            html +=
                "<div class=\"error-summary\" role=\"alert\"><h2>\(e(texts["refused"]))</h2><ul>"
                + form.general.map { "<li>\(e($0))</li>" }.joined()
                + form.errors.keys.sorted().map { "<li><a href=\"#\(e($0))\">\(e(form.errors[$0] ?? ""))</a></li>" }.joined()
                + "</ul></div>\n"
        }
        return html
    }

    func hidden(_ form: EditForm) -> String {
        "<input type=\"hidden\" name=\"csrf\" value=\"\(e(signed?.csrf ?? ""))\">\n"
            + "<input type=\"hidden\" name=\"version\" value=\"\(e(form.version))\">\n"
    }

    func editForm(_ edit: CaseEdit, _ view: CaseView, _ form: EditForm) -> String {
        let item = view.item
        let title = texts[edit.titleKey]
        var body = "<h1>\(e(title)) — \(e(item.id))</h1>\n<p>\(e(item.title)) — \(e(stageLabel(item.stage)))</p>\n" + problems(form)
        let action = url("/dossiers/\(item.id)/\(edit.rawValue)")
        let open = "<form method=\"post\" action=\"\(action)\">\n" + hidden(form)
        switch edit {
        case .assign:
            body += open + textInput("owner", texts["new_owner"], form, required: true, hint: texts["assign_help"])
            body += textArea("note", texts["note"], form)
            body += "<button type=\"submit\">\(e(texts["submit_edit"]))</button>\n</form>\n"
        case .set:
            let names = CaseFields.settable(procedure)
            body += open + choice("field", texts["field"], [("", "—")] + names.map { ($0, $0) }, form, required: true)
            body += textInput("value", texts["value"], form, hint: texts["value_help"])
            body += textArea("note", texts["note"], form)
            body += "<button type=\"submit\">\(e(texts["submit_edit"]))</button>\n</form>\n"
        case .note:
            body += open + textArea("text", texts["journal_line"], form, required: true)
            body += "<button type=\"submit\">\(e(texts["submit_edit"]))</button>\n</form>\n"
        case .sections:
            body += "<p class=\"hint\">\(e(texts["sections_help"]))</p>\n" + open
            for (index, section) in CaseSections.editable(item) {
                body += textArea("s_\(index)", section.heading, form)
            }
            body += "<button type=\"submit\">\(e(texts["submit_edit"]))</button>\n</form>\n"
        case .action:
            let kinds = Action.kinds.map { ($0, texts["k_" + $0]) }
            body += "<h2>\(e(texts["new_action"]))</h2>\n" + open + "<input type=\"hidden\" name=\"mode\" value=\"new\">\n"
            let creating = form.value("mode") != "link"
            var shown = form
            if !creating { shown.errors = [:] }
            body += textInput("title", texts["title"], shown, required: true)
            body += choice("kind", texts["kind"], kinds, shown, required: true)
            body += textInput("owner", texts["owner"] + " (" + texts["optional"] + ")", shown)
            body += textInput("due", texts["due"], shown, type: "date")
            body += "<button type=\"submit\">\(e(texts["submit_action"]))</button>\n</form>\n"
            body += "<h2>\(e(texts["link_action"]))</h2>\n"
            if form.actions.isEmpty {
                body += "<p>\(e(texts["no_other_action"]))</p>\n"
            } else {
                var linking = form
                if creating { linking.errors = [:] }
                body += open + "<input type=\"hidden\" name=\"mode\" value=\"link\">\n"
                body += choice(
                    "action", texts["action"], [("", "—")] + form.actions.map { ($0.id, "\($0.id) — \($0.title)") }, linking, required: true
                )
                body += "<button type=\"submit\">\(e(texts["submit_link"]))</button>\n</form>\n"
            }
        }
        body += "<p><a href=\"\(url("/dossiers/" + item.id))\">\(e(texts["cancel"]))</a></p>\n"
        return frame(title: "\(title) — \(item.id)", body: body)
    }

    func newCaseForm(_ form: EditForm) -> String {
        var body = "<h1>\(e(texts["new_case"]))</h1>\n" + problems(form)
        body += "<form method=\"post\" action=\"\(url("/nouveau"))\">\n"
        body += "<input type=\"hidden\" name=\"csrf\" value=\"\(e(signed?.csrf ?? ""))\">\n"
        body += textInput("learner", texts["learner"], form, required: true, hint: texts["learner_help"])
        body += textInput("title", texts["title"], form, required: true)
        body += choice("channel", texts["channel"], [("", "—")] + FieldCatalogue.channels.map { ($0, $0) }, form, required: true)
        body += choice(
            "complainant", texts["complainant"], [("", "—")] + FieldCatalogue.complainants.map { ($0, $0) }, form, required: true)
        body += choice("kind", texts["kind"], FieldCatalogue.kinds.map { ($0, $0) }, form)
        body += textInput("received", texts["received"], form, hint: texts["received_help"])
        body += textInput("owner", texts["owner"] + " (" + texts["optional"] + ")", form)
        body += textInput("email", texts["email"] + " (" + texts["optional"] + ")", form, type: "email")
        body += textInput("category", texts["category"] + " (" + texts["optional"] + ")", form)
        body += textArea("body", texts["complaint_text"], form)
        body += "<button type=\"submit\">\(e(texts["submit_new"]))</button>\n</form>\n"
        return frame(title: texts["new_case"], body: body)
    }
}
