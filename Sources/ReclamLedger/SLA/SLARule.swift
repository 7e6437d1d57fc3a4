import Foundation
import ReclamCore
import ReclamGit

/// One deadline rule of `reclam.yml` (`sla:`): from which event, until which stage, how long.
///
/// Several rules may share a name when a commitment changes: each carries the day it took
/// effect (`since`), and a case is held to the version in force on the day it was received
/// (see `SLARuleSet`).
public struct SLARule: Sendable, Hashable {
    /// When the clock starts.
    public enum Start: Sendable, Hashable, CustomStringConvertible {
        /// The case's `received` date-time.
        case received
        /// The case's entry into this stage (a step with this stage).
        case stage(String)

        public var description: String {
            switch self {
            case .received: return "received"
            case .stage(let id): return id
            }
        }
    }

    public var name: String
    public var start: Start
    /// Entering any of these stages meets the rule.
    public var stop: [String]
    public var duration: SLADuration
    public var warn: WarningThreshold?
    /// Field values a case must have for the rule to apply (`when: {kind: complaint}`); each
    /// field lists the values accepted.
    public var when: [String: [String]]
    /// The first day (in the ledger's time zone) of received cases this version applies to;
    /// nil for the oldest version.
    public var since: CivilDate?
    /// Where the rule is written in `reclam.yml`.
    public var location: SourceLocation?

    public init(
        name: String, start: Start = .received, stop: [String], duration: SLADuration, warn: WarningThreshold? = nil,
        when: [String: [String]] = [:], since: CivilDate? = nil, location: SourceLocation? = nil
    ) {
        self.name = name
        self.start = start
        self.stop = stop
        self.duration = duration
        self.warn = warn
        self.when = when
        self.since = since
        self.location = location
    }

    /// Whether the case's fields satisfy `when`. Fields are read as they are in the file now:
    /// the history of a field's value is not recorded, only the history of stages.
    public func matches(_ item: Case) -> Bool {
        when.allSatisfy { field, values in values.contains(item.field(field) ?? "") }
    }
}

/// The rules of a ledger grouped by name, with the version of each that applies to a case.
public struct SLARuleSet: Sendable {
    public let rules: [SLARule]

    public init(_ rules: [SLARule]) { self.rules = rules }

    /// Rule names in the order of their first appearance in `reclam.yml`.
    public var names: [String] {
        var seen = Set<String>()
        return rules.map(\.name).filter { seen.insert($0).inserted }
    }

    /// The versions of a rule, oldest first (the one without `since` first).
    public func versions(of name: String) -> [SLARule] {
        rules.filter { $0.name == name }.sorted { ($0.since?.dayNumber ?? Int.min) < ($1.since?.dayNumber ?? Int.min) }
    }

    /// The version of `name` in force on `day`: the latest whose `since` is not after it; nil
    /// when every version started later (the rule did not exist yet).
    public func version(of name: String, on day: CivilDate) -> SLARule? {
        versions(of: name).last { ($0.since ?? day) <= day }
    }
}
