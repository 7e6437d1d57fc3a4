import Foundation

// Every rule any command reports, as a value. A `Diagnostic` is made from one of these, so a
// finding cannot carry an id or a severity that `reclam rules` does not list.
extension Rule {
    public static let frontmatterMissing = Rule(
        "frontmatter-missing", .error, "A case or learner file must start with YAML front-matter between '---' lines.",
        bad: "# Attestation non reçue\n(no '---' block)")
    public static let frontmatterUnclosed = Rule(
        "frontmatter-unclosed", .error, "The front-matter must end with a '---' line.",
        bad: "---\nid: 20261005-k7p3\ntitle: …\n(no closing '---')")
    public static let frontmatterNotMapping = Rule(
        "frontmatter-not-mapping", .error, "The front-matter must be 'field: value' lines, not a list or a bare value.",
        bad: "---\n- id\n- title\n---")
    public static let yamlSyntax = Rule("yaml-syntax", .error, "The front-matter must be valid YAML.", bad: "title: Retard: attestation")
    public static let yamlAlias = Rule(
        "yaml-alias", .error, "YAML anchors and aliases are refused (they hide values and allow exponential documents).",
        bad: "owner: &o Claire\nreviewer: *o")
    public static let yamlDuplicateKey = Rule(
        "yaml-duplicate-key", .error, "A field may appear only once.", bad: "stage: received\nstage: closed")
    public static let yamlTag = Rule(
        "yaml-tag", .error, "Explicit YAML tags are refused; fields are typed by the procedure.", bad: "score: !!int 4")
    public static let yamlDepth = Rule(
        "yaml-depth", .error, "YAML nested more than 32 levels deep is refused.",
        bad: "tags: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[x]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]")
    public static let yamlComplexKey = Rule("yaml-complex-key", .error, "Field names must be plain text.", bad: "? [a, b]\n: value")
    public static let yamlMultipleDocuments = Rule(
        "yaml-multiple-documents", .error, "The front-matter holds one YAML document.", bad: "id: x\n...\nid: y")
    public static let fileTooLarge = Rule("file-too-large", .error, "Ledger files are at most 1 MiB.", bad: "(a 2 MiB case file)")
    public static let fileEncoding = Rule(
        "file-encoding", .error, "Ledger files are UTF-8 text without NUL bytes (a BOM is accepted).",
        bad: "(a file saved as Windows-1252: 'r\\xe9clamation')")
    public static let fileSymlink = Rule(
        "file-symlink", .error, "Symbolic links are not followed in a ledger.", bad: "cases/stg-1/20261005-k7p3.md -> /etc/passwd")
    public static let fileMisplaced = Rule(
        "file-misplaced", .error, "Cases live at cases/<learner-id>/<case-id>.md; learner files at cases/<learner-id>/learner.md.",
        bad: "cases/20261005-k7p3.md")
    public static let fileUnreadable = Rule(
        "file-unreadable", .error, "A ledger file could not be read.", bad: "(a file without read permission)")
    public static let mergeConflict = Rule(
        "merge-conflict", .error, "A file holds conflict markers left by a merge (git pull, reclam sync); resolve them first.",
        bad: "<<<<<<< ours\nowner: Karim Benali\n=======\nowner: Sophie Lefèvre\n>>>>>>> theirs")
    public static let fieldMissing = Rule(
        "field-missing", .error, "Every case has id, learner, title, received, channel, complainant and stage.",
        bad: "---\nid: 20261005-k7p3\ntitle: Attestation\n---")
    public static let fieldType = Rule(
        "field-type", .error, "A field's value must fit its declared type (date-time with offset, number, list…).",
        bad: "received: 05/10/2026")
    public static let fieldEnum = Rule("field-enum", .error, "A field with fixed values takes one of them.", bad: "channel: mail")
    public static let fieldUnknown = Rule(
        "field-unknown", .warning, "A field that neither Reclam nor the procedure knows is probably a typo.", bad: "ower: Claire Martin"
    )
    public static let idInvalid = Rule(
        "id-invalid", .error, "Ids use lowercase letters, digits and hyphens (1–64, starting with a letter or digit).",
        bad: "id: ../etc")
    public static let idMismatch = Rule(
        "id-mismatch", .error, "A case's id is its file name.", bad: "cases/stg-1/20261005-k7p3.md with id: 20261005-aaaa")
    public static let learnerMismatch = Rule(
        "learner-mismatch", .error, "A case's learner is the folder it sits in.", bad: "cases/stg-1/… with learner: stg-2")
    public static let idDuplicate = Rule(
        "id-duplicate", .error, "Two case files may not share an id.", bad: "cases/stg-1/x.md and cases/stg-2/x.md, both id: x")
    public static let stageUnknown = Rule(
        "stage-unknown", .error, "A case's stage is one of the procedure's stages.", bad: "stage: recieved")
    public static let stageFieldMissing = Rule(
        "stage-field-missing", .error, "A case holds every field its current stage (and each stage it went through) requires.",
        bad: "stage: assigned\n(no owner)")
    public static let stepsInvalid = Rule(
        "steps-invalid", .error, "Each step records a known stage and an ISO 8601 date-time.",
        bad: "steps:\n  - {stage: acknowledged, at: hier}")
    public static let stepsOrder = Rule(
        "steps-order", .error, "Steps are in time order, none before the complaint was received.",
        bad: "received: 2026-10-05T09:00:00+02:00\nsteps:\n  - {stage: acknowledged, at: 2026-10-04T09:00:00+02:00}")
    public static let stepsStageMismatch = Rule(
        "steps-stage-mismatch", .error,
        "The last step records the case's current stage: a stage changed without its step is a move the history cannot vouch for.",
        bad: "stage: closed\nsteps:\n  - {stage: acknowledged, at: …}")
    public static let dateFuture = Rule(
        "date-future", .warning, "A date lies in the future (clock or typing error?).", bad: "received: 2036-10-05T09:00:00+02:00")
    public static let configInvalid = Rule("config-invalid", .error, "reclam.yml must hold valid settings.", bad: "timezone: Paris")
    public static let configUnknownKey = Rule(
        "config-unknown-key", .warning, "A setting reclam.yml does not know is probably a typo.", bad: "organization: …")
    public static let usersFileTracked = Rule(
        "users-file-tracked", .warning,
        "users.yml holds the staff's password hashes: it stays out of git (listed in .gitignore, never committed).",
        bad: "git add users.yml")
    public static let procedureInvalid = Rule(
        "procedure-invalid", .error, "The procedure's stages and transitions must be well formed.",
        bad: "stages:\n  - {labels: {fr: Reçue}}")
    public static let procedureUnknownStage = Rule(
        "procedure-unknown-stage", .error, "Transitions name stages the procedure defines.",
        bad: "- {from: received, to: acknowleged, verb: ack}")
    public static let procedureUnreachableStage = Rule(
        "procedure-unreachable-stage", .error, "Every stage but the initial one is reached by some transition.",
        bad: "- id: archived   # no transition leads here")
    public static let procedureTerminalExit = Rule(
        "procedure-terminal-exit", .error, "Only a transition marked 'reopen: true' leaves a terminal stage.",
        bad: "- {from: closed, to: investigating, verb: reopen}")
    public static let procedureFieldType = Rule(
        "procedure-field-type", .error, "Each required field has a known type (and values for an enum).",
        bad: "requires:\n  - {field: owner}")
    public static let templateInvalid = Rule(
        "template-invalid", .error, "A letter template has front-matter with a 'subject' and valid mustache.",
        bad: "---\nsubject: Accusé de réception\n---\nBonjour {{#case.owner}}")
    public static let templateUnknownVariable = Rule(
        "template-unknown-variable", .error, "A letter template uses only the variables a letter has (see docs/PROCEDURES.md).",
        bad: "Sous {{promised_delai}}")
    public static let calendarInvalid = Rule(
        "calendar-invalid", .error, "The calendar (region, working days, business hours, closures) must be valid.",
        bad: "calendar:\n  business_hours: \"17:00-09:00\"")
    public static let slaInvalid = Rule(
        "sla-invalid", .error, "Each SLA rule has a name, a stop stage, a duration and an optional warning threshold, all valid.",
        bad: "sla:\n  - {name: answer, stop: responded, duration: 2 semaines}")
    public static let actionUnknownCase = Rule(
        "action-unknown-case", .error, "An action links only to cases that exist.", bad: "cases: [20261005-zzzz]")
    public static let actionOverdue = Rule(
        "action-overdue", .warning, "An action not done by its due date.", bad: "due: 2026-10-01\nstage: in-progress")
    public static let actionReviewMissing = Rule(
        "action-review-missing", .warning, "A done action gets its effectiveness review within actions.review_delay (default 30 days).",
        bad: "stage: done (for 45 days)")
    public static let caseActionMissing = Rule(
        "case-action-missing", .warning, "A case at a stage marked requires_action has a linked action or a no_action_reason.",
        bad: "stage: closed, no action, no no_action_reason")
    public static let auditIllegalTransition = Rule(
        "audit-illegal-transition", .error, "A commit changed a case's stage in a way the procedure does not allow.",
        bad: "stage: received → closed in one commit")
    public static let auditMissingField = Rule(
        "audit-missing-field", .error, "A commit moved a case to a stage without the fields that stage requires.",
        bad: "stage: assigned, no owner")
    public static let auditCaseDeleted = Rule(
        "audit-case-deleted", .error, "A case file was deleted.", bad: "git rm cases/stg-1/20261005-k7p3.md")
    public static let siteUnknown = Rule(
        "site-unknown", .error, "A case's site is one of the codes listed under sites: in reclam.yml.", bad: "site: lyn (sites: lyon, gre)")
    public static let sitesInvalid = Rule(
        "sites-invalid", .error, "Each entry of sites: in reclam.yml has a code, a name and a region, and no code twice.",
        bad: "sites:\n  - {code: lyon, name: Lyon}")
    public static let auditStepLost = Rule(
        "audit-step-lost", .error, "A merge left out a step that one of the merged branches had recorded.",
        bad: "git merge -s ours, or a conflict resolved by keeping one side's steps only")
    public static let auditIdentityRewritten = Rule(
        "audit-identity-rewritten", .error, "A case's id or received date was rewritten after creation.",
        bad: "received: 2026-10-05… → 2026-10-07…")
    public static let auditStepOrder = Rule(
        "audit-step-order", .error, "A new step is dated before the previous step.", bad: "steps: … 2026-10-06, then 2026-10-05")
    public static let auditBackdated = Rule(
        "audit-backdated", .error, "A new step is dated far before the commit that records it (beyond audit.backdating_tolerance).",
        bad: "commit of 2026-11-20 adding a step at 2026-10-01")
    public static let auditNoIdentity = Rule("audit-no-identity", .error, "A commit has no usable author identity.", bad: "Author: <>")
    public static let auditAccepted = Rule(
        "audit-accepted", .note,
        "A commit's findings were reviewed and accepted with 'reclam audit accept' (listed with who, when and why).",
        bad: "reclam audit accept 5d2c8e1 --reason \"Clôture validée par la direction\"")
    public static let auditUncommitted = Rule(
        "audit-uncommitted", .warning, "Case files have changes that are not committed.", bad: " M cases/stg-1/20261005-k7p3.md")
    public static let editStepsRewritten = Rule(
        "edit-steps-rewritten", .error, "A hand edit removed or rewrote a recorded step (its stage or its time).",
        bad: "steps:\n  - {stage: acknowledged, at: 2026-10-05T11:02:00+02:00} → at: 2026-10-04T11:02:00+02:00")
    public static let editStepsAdded = Rule(
        "edit-steps-added", .error,
        "A hand edit changed the stage without exactly one matching step, or added steps without changing the stage.",
        bad: "stage: acknowledged → assigned, with two new steps")
    public static let editFileDeleted = Rule(
        "edit-file-deleted", .error, "A hand commit through reclam deletes no ledger file.",
        bad: "rm actions/act-20261005-k7p3.md; reclam commit")

    public static let fileStray = Rule(
        "file-stray", .warning, "Inside a learner folder, only case files, learner.md and attachment folders named after a case belong.",
        bad: "cases/stg-1/notes.txt")
    public static let slaCaseData = Rule(
        "sla-case-data", .warning, "A case whose received date, stage or step dates cannot be read gets no SLA clock.",
        bad: "steps:\n  - {stage: acknowledged, at: hier}")
    public static let slaBreached = Rule(
        "sla-breached", .error, "An open case is past an SLA deadline (reclam sla).",
        bad: "received 2026-10-05, answer due in 48 h, still open on 2026-10-09")
    public static let slaLate = Rule(
        "sla-late", .error, "A clock stopped after its deadline (reported by reclam sla --since).",
        bad: "answer due 2026-10-07, answered 2026-10-09")
    public static let slaAtRisk = Rule(
        "sla-at-risk", .warning, "An open case is within the SLA rule's warning threshold of its deadline (an error with --strict).",
        bad: "answer due in 3 hours, warn: 25%")
    public static let slaActionBreached = Rule(
        "sla-action-breached", .error, "An improvement action is past its due date (actions.sla: true).",
        bad: "due: 2026-10-01\nstage: in-progress")
    public static let slaActionAtRisk = Rule(
        "sla-action-at-risk", .warning, "An improvement action is close to its due date (actions.sla: true).",
        bad: "due: tomorrow\nstage: planned")
    public static let surveyCSV = Rule(
        "survey-csv", .error, "A survey export must be readable as CSV: text, a header line, every quoted field closed.",
        bad: "learner;date;score\nstg-1;2026-10-05;\"4   (the quote is never closed)")
    public static let surveyRow = Rule(
        "survey-row", .error, "Each survey row has a known learner, a valid date and a numeric score.", bad: "stg-1;2026-13-45;sept")
    public static let surveyRowSkipped = Rule(
        "survey-row-skipped", .warning, "A bad survey row left out by --skip-bad-rows (fix it and import again).",
        bad: "stg-1;2026-13-45;sept (with --skip-bad-rows)")
    public static let procedureNoTerminal = Rule(
        "procedure-no-terminal", .warning, "A procedure has at least one terminal stage, or cases can never be closed.",
        bad: "stages:\n  - {id: received}\n  - {id: acknowledged}   # none terminal: true")
    public static let slaWarnTooLong = Rule(
        "sla-warn-too-long", .warning,
        "An SLA rule's warning threshold is shorter than its duration, or the clock is at risk from the start.",
        bad: "- {name: quick, stop: responded, duration: 1 working day, warn: 2 working days before}")
    public static let procedureVerbClash = Rule(
        "procedure-verb-clash", .error, "Each verb is also a command (reclam VERB ID), so it may not be the name of a built-in command.",
        bad: "- {from: received, to: closed, verb: list}")
    public static let mailInvalid = Rule(
        "mail-invalid", .error, "The mail settings and people of reclam.yml are complete, and no password is written there.",
        bad: "mail:\n  from: reclamations@example.org\n  host: smtp.example.org\n  password: secret")
    public static let mailUndelivered = Rule(
        "mail-undelivered", .warning, "An email of the case (an acknowledgement, a response) was refused by the mail server (reclam sla).",
        bad: "outbox/failed/20261005-k7p3-ack.eml (550 no such user)")
    public static let fieldOneLine = Rule(
        "field-one-line", .error,
        "One-line fields (title, owner and other people, category, session, tags and other lists of words, a step's 'by') hold no line break, tab or control character.",
        bad: "title: \"Attestation\\rRemboursée\"")
    public static let idReserved = Rule(
        "id-reserved", .error,
        "Ids, learner folders and template names are not device names reserved by Windows (con, prn, aux, nul, com0–com9, lpt0–lpt9, in any case): such a file cannot exist in a clone there.",
        bad: "id: con")

    // `reclam doctor`: the repository's health, not the ledger's content.
    public static let doctorInterruptedWrite = Rule(
        "doctor-interrupted-write", .error,
        "A reclam write was killed before it finished (.git/reclam/journal); reclam doctor --fix finishes or undoes it.",
        bad: "kill -9 during 'reclam ack', then a commit made with git")
    public static let doctorStaleLock = Rule(
        "doctor-stale-lock", .error, "A lock file left by a git or reclam command that did not finish blocks every write.",
        bad: ".git/index.lock, 3 days old, no process has it open")
    public static let doctorLockHeld = Rule(
        "doctor-lock-held", .note, "A git or reclam command is running and holds a lock of the repository.",
        bad: ".git/index.lock held by git (pid 4242)")
    public static let doctorTemporaryFile = Rule(
        "doctor-temporary-file", .warning, "A temporary file left by a write that was killed.",
        bad: "cases/stg-1/.20261005-k7p3.md.reclam-1upsr8vt11m4a.tmp")
    public static let doctorIndexBehind = Rule(
        "doctor-index-behind", .error,
        "The index holds an older version of a ledger file than the branch: a plain 'git commit' would undo a step.",
        bad: "git status: MM cases/stg-1/20261005-k7p3.md right after a reclam commit")
    public static let doctorWorkTreeBehind = Rule(
        "doctor-work-tree-behind", .error, "A ledger file in the work tree is the version before the branch's last change to it.",
        bad: "stage: received in the file, stage: acknowledged in HEAD")
    public static let doctorUncommitted = Rule(
        "doctor-uncommitted", .warning, "A ledger file is changed but not committed.", bad: " M cases/stg-1/20261005-k7p3.md")
}
