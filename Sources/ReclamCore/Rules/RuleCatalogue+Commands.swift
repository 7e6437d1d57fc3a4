import Foundation

/// The rules of commands other than `reclam check`, in the same catalogue so that `reclam rules`
/// lists every id any command can emit.
extension RuleCatalogue {
    /// Improvement actions (`reclam check`, `reclam action`).
    public static let actions: [Rule] = [
        Rule("action-unknown-case", .error, "An action links only to cases that exist.", bad: "cases: [20261005-zzzz]"),
        Rule("action-overdue", .warning, "An action not done by its due date.", bad: "due: 2026-10-01\nstage: in-progress"),
        Rule(
            "action-review-missing", .warning, "A done action gets its effectiveness review within actions.review_delay (default 30 days).",
            bad: "stage: done (for 45 days)"),
        Rule(
            "case-action-missing", .warning, "A case at a stage marked requires_action has a linked action or a no_action_reason.",
            bad: "stage: closed, no action, no no_action_reason"),
    ]

    /// The history (`reclam audit`).
    public static let audit: [Rule] = [
        Rule(
            "audit-illegal-transition", .error, "A commit changed a case's stage in a way the procedure does not allow.",
            bad: "stage: received → closed in one commit"),
        Rule(
            "audit-missing-field", .error, "A commit moved a case to a stage without the fields that stage requires.",
            bad: "stage: assigned, no owner"),
        Rule("audit-case-deleted", .error, "A case file was deleted.", bad: "git rm cases/stg-1/20261005-k7p3.md"),
        Rule(
            "audit-identity-rewritten", .error, "A case's id or received date was rewritten after creation.",
            bad: "received: 2026-10-05… → 2026-10-07…"),
        Rule("audit-step-order", .error, "A new step is dated before the previous step.", bad: "steps: … 2026-10-06, then 2026-10-05"),
        Rule(
            "audit-backdated", .error, "A new step is dated far before the commit that records it (beyond audit.backdating_tolerance).",
            bad: "commit of 2026-11-20 adding a step at 2026-10-01"),
        Rule("audit-no-identity", .error, "A commit has no usable author identity.", bad: "Author: <>"),
        Rule("audit-uncommitted", .warning, "Case files have changes that are not committed.", bad: " M cases/stg-1/20261005-k7p3.md"),
    ]

    /// Hand edits (`reclam commit`, `reclam edit`, the pre-commit hook).
    public static let handEdit: [Rule] = [
        Rule(
            "edit-steps-rewritten", .error, "A hand edit removed or rewrote a recorded step (its stage or its time).",
            bad: "steps:\n  - {stage: acknowledged, at: 2026-10-05T11:02:00+02:00} → at: 2026-10-04T11:02:00+02:00"),
        Rule(
            "edit-steps-added", .error,
            "A hand edit changed the stage without exactly one matching step, or added steps without changing the stage.",
            bad: "stage: acknowledged → assigned, with two new steps"),
        Rule(
            "edit-file-deleted", .error, "A hand commit through reclam deletes no ledger file.",
            bad: "rm actions/act-20261005-k7p3.md; reclam commit"),
    ]
}
