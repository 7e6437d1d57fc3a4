import Foundation
import ReclamCore
import ReclamLedger
import ReclamRules

/// A case or an action: both have a stage, steps and a journal, and are moved by a procedure.
/// Hand edits of either are reviewed by the same steps (`HandEditRules`).
protocol TrackedRecord: Sendable {
    var path: String { get }
    var document: MarkdownDocument { get }
    var id: String { get }
    var fileID: String { get }
    var stage: String { get }
    var steps: [Step] { get }
    /// When the record last moved, and that instant as written.
    var lastEvent: Date? { get }
    var lastEventText: String? { get }
    func field(_ name: String) -> String?
    /// The fields that say which record this is and when it began: never rewritten.
    static var identityFields: [String] { get }
    func with(_ document: MarkdownDocument) -> Self
    static func procedure(in ledger: Ledger) -> Procedure
    func findings(_ environment: HandEditRules.Environment) -> [Diagnostic]
    /// The record as a case, for the rules only cases have (actions required, ids shared, backdating).
    var asCase: Case? { get }
}

extension Case: TrackedRecord {
    var lastEvent: Date? { lastEventTime }
    var lastEventText: String? { steps.last?.atText ?? receivedText }
    static var identityFields: [String] { ["id", "received"] }
    func with(_ document: MarkdownDocument) -> Case { Case(path: path, document: document) }
    static func procedure(in ledger: Ledger) -> Procedure { ledger.config.procedure }
    func findings(_ environment: HandEditRules.Environment) -> [Diagnostic] {
        CaseChecker(procedure: environment.ledger.config.procedure, now: environment.now, language: environment.ledger.config.language)
            .check(self)
    }
    var asCase: Case? { self }
}

extension Action: TrackedRecord {
    var lastEvent: Date? { stageSince }
    var lastEventText: String? { steps.last?.atText ?? field("created") }
    static var identityFields: [String] { ["id", "created"] }
    func with(_ document: MarkdownDocument) -> Action { Action(path: path, document: document) }
    static func procedure(in ledger: Ledger) -> Procedure { ActionSettings.read(ledger.config).procedure }
    func findings(_ environment: HandEditRules.Environment) -> [Diagnostic] {
        let config = environment.ledger.config
        let checker = ActionChecker(
            settings: ActionSettings.read(config), caseIDs: environment.caseIDs(), procedure: config.procedure, now: environment.now,
            timeZone: config.timeZone, language: config.language)
        return checker.check(self)
    }
    var asCase: Case? { nil }
}
