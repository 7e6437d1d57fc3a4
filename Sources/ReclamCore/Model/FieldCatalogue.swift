import Foundation

/// The fields every case has, whatever the procedure; the procedure adds its own (`requires`).
public enum FieldCatalogue {
    public struct Field: Sendable {
        public var name: String
        public var type: FieldType
        public var values: [String]
        public var required: Bool
        public var summary: String

        package init(name: String, type: FieldType, values: [String], required: Bool, summary: String) {
            self.name = name
            self.type = type
            self.values = values
            self.required = required
            self.summary = summary
        }
    }

    public static let channels = ["email", "letter", "phone", "mediation", "survey", "web", "in-person", "internal"]
    public static let complainants = ["learner", "funder", "prescriber", "partner", "company", "internal"]
    public static let kinds = ["complaint", "dysfunction"]
    public static let levels = ["local", "regional", "national"]

    public static let caseFields: [Field] = [
        Field(name: "id", type: .id, values: [], required: true, summary: "the case id, equal to the file name"),
        Field(name: "learner", type: .id, values: [], required: true, summary: "the learner's pseudonymous id, equal to the folder name"),
        Field(name: "title", type: .text, values: [], required: true, summary: "a one-line summary"),
        Field(
            name: "received", type: .datetime, values: [], required: true, summary: "when the complaint was received (ISO 8601 with offset)"
        ),
        Field(name: "channel", type: .enum, values: channels, required: true, summary: "how it was received"),
        Field(name: "complainant", type: .enum, values: complainants, required: true, summary: "who complains"),
        Field(name: "stage", type: .stage, values: [], required: true, summary: "the current stage of the procedure"),
        Field(name: "kind", type: .enum, values: kinds, required: false, summary: "complaint (default) or internal dysfunction"),
        Field(name: "owner", type: .person, values: [], required: false, summary: "who handles the case"),
        Field(name: "category", type: .text, values: [], required: false, summary: "the organisation's own classification"),
        Field(name: "level", type: .enum, values: levels, required: false, summary: "handling level"),
        Field(
            name: "site", type: .text, values: [], required: false, summary: "the centre handling the case, a code of sites: in reclam.yml"),
        Field(name: "tags", type: .textList, values: [], required: false, summary: "free keywords"),
        Field(name: "steps", type: .steps, values: [], required: false, summary: "one entry per transition, oldest first"),
        Field(name: "message_id", type: .text, values: [], required: false, summary: "Message-ID of the email the case came from"),
        Field(name: "sender", type: .text, values: [], required: false, summary: "the sender of that email"),
        Field(
            name: "contact", type: .text, values: [], required: false,
            summary:
                "the complainant's address (reclam new --email); empty (\"\") for an email without sender until set, which blocks ack"),
        Field(
            name: "intake_warnings", type: .textList, values: [], required: false,
            summary: "what was wrong with the email the case came from (its original is kept as original.eml)"),
        Field(
            name: "content_sha256", type: .text, values: [], required: false,
            summary: "SHA-256 of an email without Message-ID, so that intake takes it in only once"),
        Field(name: "survey_key", type: .text, values: [], required: false, summary: "stable key of the survey response"),
        Field(name: "score", type: .number, values: [], required: false, summary: "the survey score"),
        Field(name: "session", type: .text, values: [], required: false, summary: "the training session"),
        Field(name: "attachments", type: .attachments, values: [], required: false, summary: "files stored beside the case"),
        Field(name: "actions", type: .textList, values: [], required: false, summary: "ids of linked improvement actions"),
        Field(name: "no_action_reason", type: .text, values: [], required: false, summary: "why no improvement action is needed"),
        Field(
            name: "status_token_sha256", type: .text, values: [], required: false,
            summary: "SHA-256 of the complainant's private status link (reclam serve)"),
    ]

    public static let learnerFields: [Field] = [
        Field(name: "id", type: .id, values: [], required: true, summary: "the learner's pseudonymous id, equal to the folder name"),
        Field(name: "name", type: .text, values: [], required: false, summary: "the learner's name, for letters"),
        Field(name: "training", type: .text, values: [], required: false, summary: "the training followed"),
        Field(name: "session", type: .text, values: [], required: false, summary: "the session"),
        Field(name: "funder", type: .text, values: [], required: false, summary: "who funds the training"),
        Field(name: "emails", type: .textList, values: [], required: false, summary: "addresses used to match incoming email"),
    ]

    /// The fields of a step entry in `steps`.
    public static let stepFields = ["stage", "at", "by", "note", "from", "via"]

    /// How an acknowledgement or an answer was given when not by email (a step's `via`).
    public static let otherMeans = ["letter", "phone", "in-person"]

    /// Fields whose empty value means "not known yet" rather than a mistake.
    public static let mayBeEmpty: Set<String> = ["contact"]

    public static func defaultValue(of field: String) -> String? {
        field == "kind" ? "complaint" : nil
    }

    static let caseFieldsByName: [String: Field] = Dictionary(uniqueKeysWithValues: caseFields.map { ($0.name, $0) })

    public static func caseField(_ name: String) -> Field? { caseFieldsByName[name] }
}
