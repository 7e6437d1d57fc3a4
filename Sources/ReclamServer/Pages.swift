import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamOutput
import ReclamRules
import ReclamWorkflow

/// The pages of the front door, rendered from values: the form (empty or with errors), the
/// receipt, the status page and the short pages that say no.
struct Pages {
    var texts: WebFormTexts
    var organisation: String
    var timeZone: TimeZone
    var settings: ServeSettings

    init(ledger: Ledger, settings: ServeSettings) {
        texts = WebFormTexts(language: ledger.config.language, overrides: settings.texts)
        organisation = ledger.config.organisation
        timeZone = ledger.config.timeZone
        self.settings = settings
    }

    var language: String { texts.language.rawValue }

    func page(_ title: String, _ body: String) -> String {
        HTML.page(title: title, language: language, organisation: organisation, body: body)
    }

    // MARK: The form

    /// The form; `values` and `problems` re-show a refused submission with the sender's text.
    func form(
        csrf: String, values: WebSubmission = WebSubmission(), problems: [(field: String, problem: WebFieldProblem)] = [],
        filesDropped: Bool = false
    ) -> String {
        let errors = Dictionary(problems.map { ($0.field, message($0.problem)) }, uniquingKeysWith: { first, _ in first })
        var body = "<h1>\(HTML.escape(texts["form_title"]))</h1>\n"
        if !problems.isEmpty {
            body += "<div class=\"error-summary\" role=\"alert\" aria-labelledby=\"error-summary-title\" tabindex=\"-1\">\n"
            body += "<h2 id=\"error-summary-title\">\(HTML.escape(texts["errors_title"]))</h2>\n"
            body += "<p>\(HTML.escape(texts["errors_intro"]))</p>\n<ul>\n"
            for (field, problem) in problems {
                body += "<li><a href=\"#\(anchor(field))\">\(HTML.escape(message(problem)))</a></li>\n"
            }
            body += "</ul>\n</div>\n"
        }
        body += "<p>\(HTML.escape(texts["form_intro"]))</p>\n"
        body += "<p>\(HTML.escape(texts["required_note"]))</p>\n"
        body += "<form method=\"post\" action=\"/\" enctype=\"multipart/form-data\" novalidate>\n"
        body += "<input type=\"hidden\" name=\"csrf\" value=\"\(HTML.escape(csrf))\">\n"

        body += "<fieldset>\n<legend>\(HTML.escape(texts["fieldset_you"]))</legend>\n"
        body += radios(values.complainant.isEmpty ? "learner" : values.complainant, error: errors["complainant"])
        body += input("name", type: "text", value: values.name, required: true, autocomplete: "name", error: errors["name"])
        body += input(
            "email", type: "email", value: values.email, required: true, autocomplete: "email", help: texts["email_help"],
            error: errors["email"])
        body += input("phone", type: "tel", value: values.phone, required: false, autocomplete: "tel", error: errors["phone"])
        body += "</fieldset>\n"

        body += "<fieldset>\n<legend>\(HTML.escape(texts["fieldset_training"]))</legend>\n"
        body += input("training", type: "text", value: values.training, required: false, autocomplete: "off", error: errors["training"])
        body += input("session", type: "text", value: values.session, required: false, autocomplete: "off", error: errors["session"])
        body += "</fieldset>\n"

        body += "<fieldset>\n<legend>\(HTML.escape(texts["fieldset_complaint"]))</legend>\n"
        body += textarea("happened", value: values.happened, required: true, help: texts["happened_help"], error: errors["happened"])
        body += textarea("request", value: values.request, required: false, help: texts["request_help"], error: errors["request"])
        var filesError = errors["files"]
        if filesError == nil && filesDropped { filesError = texts["error_files_again"] }
        body += files(error: filesError)
        body += "</fieldset>\n"

        // The trap: hidden from people (and from screen readers), filled in by form robots.
        body += "<div class=\"trap\" aria-hidden=\"true\">\n"
        body += "<label for=\"website\">\(HTML.escape(texts["honeypot_label"]))</label>\n"
        body += "<input type=\"text\" id=\"website\" name=\"website\" tabindex=\"-1\" autocomplete=\"off\" value=\"\">\n</div>\n"

        body += consent(checked: values.consent, error: errors["consent"])
        body += "<p><button type=\"submit\">\(HTML.escape(texts["submit"]))</button></p>\n"
        body += "</form>\n"
        return page(texts["form_title"], body)
    }

    func message(_ problem: WebFieldProblem) -> String {
        switch problem {
        case .required: texts["error_required"]
        case .tooLong(let max): texts.text("error_too_long", ["max": "\(max)"])
        case .email: texts["error_email"]
        case .phone: texts["error_phone"]
        case .choice: texts["error_choice"]
        case .consent: texts["error_consent"]
        case .fileCount(let max): texts.text("error_file_count", ["max": "\(max)"])
        case .fileSize(let max): texts.text("error_file_size", ["max": size(max)])
        case .fileType(let name): texts.text("error_file_type", ["name": name])
        case .fileEmpty(let name): texts.text("error_file_empty", ["name": name])
        }
    }

    /// The id a field's error links to: the field itself, or the first radio button.
    func anchor(_ field: String) -> String {
        field == "complainant" ? "complainant-\(WebSubmission.complainants[0])" : field
    }

    func size(_ bytes: Int) -> String {
        let english = texts.language == .en
        if bytes >= 1 << 20 && bytes % (1 << 20) == 0 { return "\(bytes >> 20) \(english ? "MiB" : "Mio")" }
        if bytes >= 1 << 10 { return "\(bytes >> 10) \(english ? "KiB" : "Kio")" }
        return "\(bytes) \(english ? "bytes" : "octets")"
    }

    func labelText(_ field: String, required: Bool) -> String {
        var label = HTML.escape(texts["\(field)_label"])
        if required {
            label += " <span class=\"required\" aria-hidden=\"true\">*</span>"
        } else {
            label += " <span class=\"hint-inline\">(\(HTML.escape(texts["optional"])))</span>"
        }
        return label
    }

    /// The ids that describe a field: its help, then its error.
    func describedBy(_ field: String, help: Bool, error: Bool) -> String {
        let ids = (help ? ["\(field)-hint"] : []) + (error ? ["\(field)-error"] : [])
        return ids.isEmpty ? "" : " aria-describedby=\"\(ids.joined(separator: " "))\""
    }

    func helpAndError(_ field: String, help: String?, error: String?) -> String {
        var out = ""
        if let help { out += "<span class=\"hint\" id=\"\(field)-hint\">\(HTML.escape(help))</span>\n" }
        if let error { out += "<span class=\"error-message\" id=\"\(field)-error\">\(HTML.escape(error))</span>\n" }
        return out
    }

    func input(
        _ field: String, type: String, value: String, required: Bool, autocomplete: String, help: String? = nil, error: String?
    ) -> String {
        let limit = WebSubmission.limits[field] ?? 200
        var out = "<div class=\"field\(error == nil ? "" : " invalid")\">\n"
        out += "<label for=\"\(field)\">\(labelText(field, required: required))</label>\n"
        out += helpAndError(field, help: help, error: error)
        out += "<input type=\"\(type)\" id=\"\(field)\" name=\"\(field)\" value=\"\(HTML.escape(value))\" maxlength=\"\(limit)\""
        out += " autocomplete=\"\(autocomplete)\"\(required ? " required aria-required=\"true\"" : "")"
        out += error == nil ? "" : " aria-invalid=\"true\""
        out += describedBy(field, help: help != nil, error: error != nil) + ">\n</div>\n"
        return out
    }

    func textarea(_ field: String, value: String, required: Bool, help: String?, error: String?) -> String {
        let limit = WebSubmission.limits[field] ?? 5000
        var out = "<div class=\"field\(error == nil ? "" : " invalid")\">\n"
        out += "<label for=\"\(field)\">\(labelText(field, required: required))</label>\n"
        out += helpAndError(field, help: help, error: error)
        out += "<textarea id=\"\(field)\" name=\"\(field)\" rows=\"8\" maxlength=\"\(limit)\""
        out += required ? " required aria-required=\"true\"" : ""
        out += error == nil ? "" : " aria-invalid=\"true\""
        out += describedBy(field, help: help != nil, error: error != nil) + ">"
        out += HTML.escape(value) + "</textarea>\n</div>\n"
        return out
    }

    func radios(_ selected: String, error: String?) -> String {
        var out =
            "<fieldset class=\"field\(error == nil ? "" : " invalid")\"\(error == nil ? "" : " aria-describedby=\"complainant-error\"")>\n"
        out += "<legend>\(HTML.escape(texts["complainant_label"])) <span class=\"required\" aria-hidden=\"true\">*</span></legend>\n"
        if let error { out += "<span class=\"error-message\" id=\"complainant-error\">\(HTML.escape(error))</span>\n" }
        for value in WebSubmission.complainants {
            let id = "complainant-\(value)"
            out += "<div class=\"choice\"><input type=\"radio\" id=\"\(id)\" name=\"complainant\" value=\"\(value)\""
            out += value == selected ? " checked" : ""
            out += "><label for=\"\(id)\">\(HTML.escape(texts["complainant_\(value)"]))</label></div>\n"
        }
        return out + "</fieldset>\n"
    }

    func files(error: String?) -> String {
        guard settings.maximumFiles > 0 else { return "" }
        let help = texts.text("files_help", ["count": "\(settings.maximumFiles)", "size": size(settings.maximumUploadBytes)])
        var out = "<div class=\"field\(error == nil ? "" : " invalid")\">\n"
        out += "<label for=\"files\">\(labelText("files", required: false))</label>\n"
        out += helpAndError("files", help: help, error: error)
        out += "<input type=\"file\" id=\"files\" name=\"files\" multiple"
        out += " accept=\".pdf,.png,.jpg,.jpeg,.gif,.webp,.heic,.txt,.csv,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp\""
        out += error == nil ? "" : " aria-invalid=\"true\""
        out += describedBy("files", help: true, error: error != nil) + ">\n</div>\n"
        return out
    }

    func consent(checked: Bool, error: String?) -> String {
        var out = "<div class=\"field consent\(error == nil ? "" : " invalid")\">\n"
        if let error { out += "<span class=\"error-message\" id=\"consent-error\">\(HTML.escape(error))</span>\n" }
        out += "<input type=\"checkbox\" id=\"consent\" name=\"consent\" value=\"yes\" required aria-required=\"true\""
        out += checked ? " checked" : ""
        out += error == nil ? "" : " aria-invalid=\"true\" aria-describedby=\"consent-error\""
        out +=
            "><label for=\"consent\">\(HTML.escape(texts["consent_label"])) <span class=\"required\" aria-hidden=\"true\">*</span></label>\n"
        if let privacy = settings.privacyURL {
            out += "<p><a href=\"\(HTML.escape(privacy))\">\(HTML.escape(texts["privacy_link"]))</a></p>\n"
        }
        return out + "</div>\n"
    }

    // MARK: Receipt and status

    func date(_ date: Date, withTime: Bool) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: texts.language == .fr ? "fr_FR" : "en_GB")
        formatter.timeZone = timeZone
        formatter.dateFormat = withTime ? (texts.language == .fr ? "d MMMM yyyy 'à' HH:mm" : "d MMMM yyyy 'at' HH:mm") : "d MMMM yyyy"
        return formatter.string(from: date)
    }

    func receipt(id: String, received: Date, deadline: Date?, statusURL: String) -> String {
        var body = "<h1>\(HTML.escape(texts["receipt_title"]))</h1>\n"
        body += "<p>\(HTML.escape(texts["receipt_intro"]))</p>\n<dl class=\"facts\">\n"
        body += "<dt>\(HTML.escape(texts["receipt_reference"]))</dt><dd id=\"reference\">\(HTML.escape(id))</dd>\n"
        body += "<dt>\(HTML.escape(texts["receipt_date"]))</dt><dd>\(HTML.escape(date(received, withTime: true)))</dd>\n"
        if let deadline {
            body +=
                "<dt>\(HTML.escape(texts["receipt_deadline"]))</dt><dd id=\"deadline\">\(HTML.escape(date(deadline, withTime: true)))</dd>\n"
        }
        body += "</dl>\n"
        body += "<h2>\(HTML.escape(texts["receipt_status"]))</h2>\n"
        body += "<p><a class=\"status-link\" id=\"status-link\" href=\"\(HTML.escape(statusURL))\">\(HTML.escape(statusURL))</a></p>\n"
        body += "<p class=\"notice\">\(HTML.escape(texts["receipt_keep"]))</p>\n"
        return page(texts["receipt_title"], body)
    }

    func status(_ status: PublicStatus) -> String {
        var body = "<h1>\(HTML.escape(texts["status_title"]))</h1>\n<dl class=\"facts\">\n"
        body += "<dt>\(HTML.escape(texts["receipt_reference"]))</dt><dd>\(HTML.escape(status.id))</dd>\n"
        body += "<dt>\(HTML.escape(texts["status_stage"]))</dt><dd id=\"stage\">\(HTML.escape(status.stageLabel))</dd>\n"
        if let deadline = status.deadline {
            body +=
                "<dt>\(HTML.escape(texts["status_deadline"]))</dt><dd id=\"deadline\">\(HTML.escape(date(deadline, withTime: true)))</dd>\n"
        }
        body += "</dl>\n"
        if status.terminal { body += "<p class=\"notice\">\(HTML.escape(texts["status_closed"]))</p>\n" }
        body += "<h2>\(HTML.escape(texts["status_history"]))</h2>\n<ol class=\"steps\">\n"
        for step in status.steps {
            body += "<li><strong>\(HTML.escape(step.label))</strong> — \(HTML.escape(date(step.at, withTime: true)))</li>\n"
        }
        body += "</ol>\n<p>\(HTML.escape(texts["status_contact"]))</p>\n"
        return page(texts["status_title"], body)
    }

    /// A short page that says why nothing happened, with a way back to the form.
    func notice(_ titleKey: String, _ textKey: String, back: Bool = true) -> String {
        var body = "<h1>\(HTML.escape(texts[titleKey]))</h1>\n<p>\(HTML.escape(texts[textKey]))</p>\n"
        if back { body += "<p><a href=\"/\">\(HTML.escape(texts["back_to_form"]))</a></p>\n" }
        return page(texts[titleKey], body)
    }
}
