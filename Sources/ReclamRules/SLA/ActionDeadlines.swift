import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger

/// Due dates of improvement actions as SLA clocks: an action is due at the end of its `due`
/// day (ledger time zone) and meets it by reaching `done` or a final stage before then.
public enum ActionDeadlines {
    public struct Clock: Sendable {
        public var action: Action
        public var due: Date
        public var state: SLAState
        public var metAt: Date?
    }

    /// Days before the due date from which an open action is at risk.
    public static let warningDays = 2

    public static func evaluate(_ actions: [Action], settings: ActionSettings, calendar: BusinessCalendar, asOf: Date) -> [Clock] {
        actions.compactMap { action -> Clock? in
            guard let dueDay = action.due, let created = action.created, created <= asOf else { return nil }
            let due = calendar.endOfDay(dueDay)
            let finished = Set(settings.procedure.stages.filter { $0.terminal || $0.id == "done" }.map(\.id))
            let metAt = action.steps.first { finished.contains($0.stage) && ($0.at.map { $0 <= asOf } ?? false) }?.at
            let state: SLAState
            if let metAt {
                state = metAt <= due ? .met : .metLate
            } else if asOf > due {
                state = .breached
            } else if calendar.endOfDay(dueDay.adding(days: -warningDays)) < asOf {
                state = .atRisk
            } else {
                state = .running
            }
            return Clock(action: action, due: due, state: state, metAt: metAt)
        }
    }

    /// Findings for `reclam sla`: breached actions are errors, actions at risk warnings.
    /// In a French ledger the sentence is French and names the action's stage by its label.
    public static func findings(
        _ clocks: [Clock], timeZone: TimeZone, language: Language = .en, procedure: Procedure? = nil
    ) -> [Diagnostic] {
        let m = Messages(language)
        func stage(_ id: String) -> String { language == .fr ? procedure?.stage(id)?.label(.fr) ?? id : id }
        return clocks.compactMap { clock in
            let due = ISODateTime.format(clock.due, in: timeZone)
            let location = clock.action.document["due"]?.start
            switch clock.state {
            case .breached:
                return Diagnostic(
                    .slaActionBreached, m.format(.actionBreached, clock.action.id, due, stage(clock.action.stage)),
                    file: clock.action.path, at: location)
            case .atRisk:
                return Diagnostic(
                    .slaActionAtRisk, m.format(.actionAtRisk, clock.action.id, due, stage(clock.action.stage)),
                    file: clock.action.path, at: location)
            default:
                return nil
            }
        }
    }

    /// Whether `reclam.yml` asks `reclam sla` to include action due dates (`actions: {sla: true}`).
    public static func enabled(_ config: LedgerConfig) -> Bool {
        config.root?["actions"]?["sla"]?.scalar == "true"
    }
}
