import Foundation

/// The rules of commands other than `reclam check`, in the same catalogue so that `reclam rules`
/// lists every id any command can emit.
extension RuleCatalogue {
    /// Improvement actions (`reclam check`, `reclam action`).
    public static let actions: [Rule] = [
        .actionUnknownCase,
        .actionOverdue,
        .actionReviewMissing,
        .caseActionMissing,
    ]

    /// The history (`reclam audit`).
    public static let audit: [Rule] = [
        .auditIllegalTransition,
        .auditMissingField,
        .auditCaseDeleted,
        .auditStepLost,
        .auditIdentityRewritten,
        .auditStepOrder,
        .auditBackdated,
        .auditNoIdentity,
        .auditUncommitted,
        .auditAccepted,
    ]

    /// Hand edits (`reclam commit`, `reclam edit`, the pre-commit hook).
    public static let handEdit: [Rule] = [
        .editStepsRewritten,
        .editStepsAdded,
        .editFileDeleted,
    ]
    /// Deadlines (`reclam sla`, `reclam check` for actions).
    public static let sla: [Rule] = [
        .mailUndelivered, .slaCaseData, .slaBreached, .slaLate, .slaAtRisk, .slaActionBreached, .slaActionAtRisk,
    ]
    /// Intake of survey exports (`reclam intake-survey`).
    public static let intake: [Rule] = [.surveyCSV, .surveyRow, .surveyRowSkipped]
    /// The repository's health (`reclam doctor`).
    public static let doctor: [Rule] = [
        .doctorInterruptedWrite, .doctorStaleLock, .doctorLockHeld, .doctorTemporaryFile, .doctorIndexBehind, .doctorWorkTreeBehind,
        .doctorUncommitted,
    ]
}
