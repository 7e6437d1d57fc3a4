import Foundation

/// A rule of `reclam check`, describing itself so that `reclam rules`, the documentation and the
/// tests all come from one place.
public struct Rule: Sendable, Hashable {
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
        .frontmatterMissing,
        .frontmatterUnclosed,
        .frontmatterNotMapping,
        .yamlSyntax,
        .yamlAlias,
        .yamlDuplicateKey,
        .yamlTag,
        .yamlDepth,
        .yamlComplexKey,
        .yamlMultipleDocuments,
        .fileTooLarge,
        .fileEncoding,
        .fileSymlink,
        .fileMisplaced,
        .fileStray,
        .fileUnreadable,
        .mergeConflict,
        .fieldMissing,
        .fieldType,
        .fieldOneLine,
        .fieldEnum,
        .fieldUnknown,
        .idInvalid,
        .idReserved,
        .idMismatch,
        .learnerMismatch,
        .idDuplicate,
        .stageUnknown,
        .stageFieldMissing,
        .stepsInvalid,
        .stepsOrder,
        .stepsStageMismatch,
        .dateFuture,
        .configInvalid,
        .configUnknownKey,
        .usersFileTracked,
        .mailInvalid,
        .sitesInvalid,
        .siteUnknown,
        .procedureInvalid,
        .procedureUnknownStage,
        .procedureUnreachableStage,
        .procedureTerminalExit,
        .procedureFieldType,
        .procedureNoTerminal,
        .procedureVerbClash,
        .templateInvalid,
        .templateUnknownVariable,
        .calendarInvalid,
        .slaInvalid,
        .slaWarnTooLong,
    ]

    public static func rule(_ id: String) -> Rule? { all.first { $0.id == id } }
}
