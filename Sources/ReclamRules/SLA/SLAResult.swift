import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger

/// Where an SLA clock stands for one case and one rule.
public enum SLAState: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    /// The stop stage was entered by the deadline.
    case met
    /// The stop stage was entered after the deadline.
    case metLate = "met-late"
    /// The clock runs and the warning threshold is not reached.
    case running
    /// The clock runs past its warning threshold.
    case atRisk = "at-risk"
    /// The deadline has passed and the stop stage was not entered.
    case breached
    /// The case sits in a stage that stops the clock (`pauses_sla: true`).
    case paused

    /// Whether the clock is still going (not met in either way).
    public var isOpen: Bool { self != .met && self != .metLate }

    public var description: String { rawValue }
}

/// An event of a case's history: its reception or its entry into a stage.
public struct SLAEvent: Sendable, Hashable {
    /// Nil for the reception (`received`); otherwise the stage entered.
    public var stage: String?
    public var at: Date
    /// Where the event is written in the case file (the `received` value, or the step).
    public var location: SourceLocation?

    public init(stage: String?, at: Date, location: SourceLocation?) {
        self.stage = stage
        self.at = at
        self.location = location
    }
}

/// A stretch of time the clock stood still; `to` is nil while the case still sits in the
/// pausing stage.
public struct SLAPause: Sendable, Hashable {
    public var stage: String
    public var from: Date
    public var to: Date?
}

/// One SLA clock: one rule (the version in force for the case) applied to one case, for one
/// round (a rule starting at a stage starts again each time the case re-enters that stage
/// after the rule was met).
///
/// Times used (`elapsed`, `remaining`, `paused`) are in the unit of the rule's duration
/// (hours, business hours, working days...), paused time excluded.
public struct SLAResult: Sendable {
    public var casePath: String
    public var caseID: String
    public var learner: String
    /// The version of the rule that applies to the case.
    public var rule: SLARule
    /// 1 for the first round.
    public var round: Int
    public var state: SLAState
    public var start: SLAEvent
    /// The entry into a stop stage, when the rule was met (late or not).
    public var stop: SLAEvent?
    /// The deadline. For a paused clock, the deadline if the case resumed at the as-of instant.
    public var due: Date
    /// When the clock turns at risk; nil when the rule has no `warn`.
    public var warnAt: Date?
    public var pauses: [SLAPause]
    /// Time used from the start to the stop (or to the as-of instant), pauses excluded.
    public var elapsed: Double
    /// Time the case had from the start to the deadline, pauses excluded: the rule's duration,
    /// or a little more when a pause moved a deadline in days to the end of a day.
    public var allowed: Double
    /// Paused time, up to the stop or the as-of instant.
    public var paused: Double

    public var unit: SLAUnit { rule.duration.unit }

    /// Time left before the deadline (at the stop for a met rule); negative when late.
    public var remaining: Double { allowed - elapsed }

    /// Whether the clock was open at the as-of instant (not met, late or not).
    public var isOpen: Bool { state.isOpen }
}

/// The SLA clocks of a set of cases at one instant.
public struct SLAReport: Sendable {
    public var asOf: Date
    public var results: [SLAResult]
    /// Cases or steps that could not be used (no valid `received`, a step without a time...).
    public var diagnostics: [Diagnostic]

    public func count(_ state: SLAState) -> Int { results.reduce(0) { $0 + ($1.state == state ? 1 : 0) } }
}
