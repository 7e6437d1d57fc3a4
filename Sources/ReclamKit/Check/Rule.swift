import Foundation

/// A rule of `reclam check`, describing itself so that `reclam rules`, the documentation and the
/// tests all come from one place.
public struct Rule: Sendable {
    public var id: String
    public var severity: Severity
    public var summary: String
    /// A short piece of a file that breaks the rule.
    public var badExample: String

    public init(_ id: String, _ severity: Severity, _ summary: String, bad badExample: String) {
        self.id = id
        self.severity = severity
        self.summary = summary
        self.badExample = badExample
    }
}

public enum RuleCatalogue {
    public static let all: [Rule] = [
        Rule(
            "frontmatter-missing", .error, "A case or learner file must start with YAML front-matter between '---' lines.",
            bad: "# Attestation non reçue\n(no '---' block)"),
        Rule(
            "frontmatter-unclosed", .error, "The front-matter must end with a '---' line.",
            bad: "---\nid: 20261005-k7p3\ntitle: …\n(no closing '---')"),
        Rule(
            "frontmatter-not-mapping", .error, "The front-matter must be 'field: value' lines, not a list or a bare value.",
            bad: "---\n- id\n- title\n---"),
        Rule("yaml-syntax", .error, "The front-matter must be valid YAML.", bad: "title: Retard: attestation"),
        Rule(
            "yaml-alias", .error, "YAML anchors and aliases are refused (they hide values and allow exponential documents).",
            bad: "owner: &o Claire\nreviewer: *o"),
        Rule("yaml-duplicate-key", .error, "A field may appear only once.", bad: "stage: received\nstage: closed"),
        Rule("yaml-tag", .error, "Explicit YAML tags are refused; fields are typed by the procedure.", bad: "score: !!int 4"),
        Rule(
            "yaml-depth", .error, "YAML nested more than 32 levels deep is refused.",
            bad: "tags: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[x]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"),
        Rule("yaml-complex-key", .error, "Field names must be plain text.", bad: "? [a, b]\n: value"),
        Rule("yaml-multiple-documents", .error, "The front-matter holds one YAML document.", bad: "id: x\n...\nid: y"),
        Rule("file-too-large", .error, "Ledger files are at most 1 MiB.", bad: "(a 2 MiB case file)"),
        Rule(
            "file-encoding", .error, "Ledger files are UTF-8 text without NUL bytes (a BOM is accepted).",
            bad: "(a file saved as Windows-1252: 'r\\xe9clamation')"),
        Rule("file-symlink", .error, "Symbolic links are not followed in a ledger.", bad: "cases/stg-1/20261005-k7p3.md -> /etc/passwd"),
        Rule(
            "file-misplaced", .error, "Cases live at cases/<learner-id>/<case-id>.md; learner files at cases/<learner-id>/learner.md.",
            bad: "cases/20261005-k7p3.md"),
        Rule("file-unreadable", .error, "A ledger file could not be read.", bad: "(a file without read permission)"),
        Rule(
            "field-missing", .error, "Every case has id, learner, title, received, channel, complainant and stage.",
            bad: "---\nid: 20261005-k7p3\ntitle: Attestation\n---"),
        Rule(
            "field-type", .error, "A field's value must fit its declared type (date-time with offset, number, list…).",
            bad: "received: 05/10/2026"),
        Rule(
            "field-one-line", .error,
            "One-line fields (title, owner and other people, category, session, tags and other lists of words, a step's 'by') hold no line break, tab or control character.",
            bad: "title: \"Attestation\\rRemboursée\""),
        Rule("field-enum", .error, "A field with fixed values takes one of them.", bad: "channel: mail"),
        Rule(
            "field-unknown", .warning, "A field that neither Reclam nor the procedure knows is probably a typo.", bad: "ower: Claire Martin"
        ),
        Rule(
            "id-invalid", .error, "Ids use lowercase letters, digits and hyphens (1–64, starting with a letter or digit).",
            bad: "id: ../etc"),
        Rule(
            "id-reserved", .error,
            "Ids, learner folders and template names are not device names reserved by Windows (con, prn, aux, nul, com0–com9, lpt0–lpt9, in any case): such a file cannot exist in a clone there.",
            bad: "id: con"),
        Rule("id-mismatch", .error, "A case's id is its file name.", bad: "cases/stg-1/20261005-k7p3.md with id: 20261005-aaaa"),
        Rule("learner-mismatch", .error, "A case's learner is the folder it sits in.", bad: "cases/stg-1/… with learner: stg-2"),
        Rule("id-duplicate", .error, "Two case files may not share an id.", bad: "cases/stg-1/x.md and cases/stg-2/x.md, both id: x"),
        Rule("stage-unknown", .error, "A case's stage is one of the procedure's stages.", bad: "stage: recieved"),
        Rule(
            "stage-field-missing", .error, "A case holds every field its current stage (and each stage it went through) requires.",
            bad: "stage: assigned\n(no owner)"),
        Rule(
            "steps-invalid", .error, "Each step records a known stage and an ISO 8601 date-time.",
            bad: "steps:\n  - {stage: acknowledged, at: hier}"),
        Rule(
            "steps-order", .error, "Steps are in time order, none before the complaint was received.",
            bad: "received: 2026-10-05T09:00:00+02:00\nsteps:\n  - {stage: acknowledged, at: 2026-10-04T09:00:00+02:00}"),
        Rule(
            "steps-stage-mismatch", .warning, "The last step records the case's current stage.",
            bad: "stage: closed\nsteps:\n  - {stage: acknowledged, at: …}"),
        Rule("date-future", .warning, "A date lies in the future (clock or typing error?).", bad: "received: 2036-10-05T09:00:00+02:00"),
        Rule("config-invalid", .error, "reclam.yml must hold valid settings.", bad: "timezone: Paris"),
        Rule("config-unknown-key", .warning, "A setting reclam.yml does not know is probably a typo.", bad: "organization: …"),
        Rule(
            "procedure-invalid", .error, "The procedure's stages and transitions must be well formed.",
            bad: "stages:\n  - {labels: {fr: Reçue}}"),
        Rule(
            "procedure-unknown-stage", .error, "Transitions name stages the procedure defines.",
            bad: "- {from: received, to: acknowleged, verb: ack}"),
        Rule(
            "procedure-unreachable-stage", .error, "Every stage but the initial one is reached by some transition.",
            bad: "- id: archived   # no transition leads here"),
        Rule(
            "procedure-terminal-exit", .error, "Only a transition marked 'reopen: true' leaves a terminal stage.",
            bad: "- {from: closed, to: investigating, verb: reopen}"),
        Rule(
            "procedure-field-type", .error, "Each required field has a known type (and values for an enum).",
            bad: "requires:\n  - {field: owner}"),
        Rule(
            "template-invalid", .error, "A letter template has front-matter with a 'subject' and valid mustache.",
            bad: "---\nsubject: Accusé de réception\n---\nBonjour {{#case.owner}}"),
        Rule(
            "template-unknown-variable", .error, "A letter template uses only the variables a letter has (see docs/PROCEDURES.md).",
            bad: "Sous {{promised_delai}}"),
        Rule(
            "calendar-invalid", .error, "The calendar (region, working days, business hours, closures) must be valid.",
            bad: "calendar:\n  business_hours: \"17:00-09:00\""),
        Rule(
            "sla-invalid", .error, "Each SLA rule has a name, a stop stage, a duration and an optional warning threshold, all valid.",
            bad: "sla:\n  - {name: answer, stop: responded, duration: 2 semaines}"),
    ]

    public static func rule(_ id: String) -> Rule? { all.first { $0.id == id } }
}
