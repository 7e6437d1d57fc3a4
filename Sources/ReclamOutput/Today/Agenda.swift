import Foundation
import ReclamCore
import ReclamLedger
import ReclamRules

/// "What must I do today?": each open case's next deadline and the verb that meets it, for
/// `reclam agenda` and the deadline filters of `reclam list`.
public struct Agenda: Sendable {
    public struct Item: Sendable {
        public var caseID: String
        public var learner: String
        public var title: String
        public var owner: String?
        public var stage: String
        /// The clock that falls due first among the case's clocks still going (paused ones
        /// excepted: the complainant has the next move).
        public var clock: SLAResult
        /// The transition that stops that clock, or the first one open from the stage.
        public var verb: String?

        public var due: Date { clock.due }
        public var overdue: Bool { clock.state == .breached }
    }

    /// Open cases with a running clock, oldest deadline first.
    public var items: [Item]
    public var unreadable: [Diagnostic]
    /// What the SLA evaluation of the open cases found: an email refused by the server
    /// ("accusé de réception non délivré"), a clock that cannot be computed.
    public var warnings: [Diagnostic] = []

    /// The next deadline of every open case of the ledger at `asOf`, those of `owner` only
    /// when given.
    public static func build(_ ledger: Ledger, asOf: Date, owner: String? = nil) throws(ReclamError) -> Agenda {
        let config = ledger.config
        let procedure = config.procedure
        let terminal = Set(procedure.stages.filter(\.terminal).map(\.id))
        let (cases, unreadable) = LedgerReader.cases(try LedgerScan.scan(ledger).casePaths, in: ledger, text: false)
        let rules = SLARuleSet(config.slaRules)
        let mail = MailEvidence.read(ledger)
        let open = cases.filter { !terminal.contains($0.stage) && (owner == nil || $0.owner == owner) }
        let evaluated = Parallel.map(open) { item -> (item: Item?, warnings: [Diagnostic]) in
            let evaluation = SLAEvaluator.evaluate(
                item, procedure: procedure, calendar: config.calendar, rules: rules, asOf: asOf, mail: mail)
            let clocks = evaluation.results.filter { $0.isOpen && $0.state != .paused }
            guard let first = clocks.min(by: { ($0.due, $0.rule.name) < ($1.due, $1.rule.name) }) else {
                return (nil, evaluation.diagnostics)
            }
            let transitions = procedure.transitions(from: item.stage, fields: { item.field($0) }).filter { !$0.reopen }
            let verb = (transitions.first { first.rule.stop.contains($0.to) } ?? transitions.first)?.verb
            let agendaItem = Item(
                caseID: item.id, learner: item.learner, title: item.title, owner: item.owner, stage: item.stage, clock: first, verb: verb)
            return (agendaItem, evaluation.diagnostics)
        }
        let items = evaluated.compactMap(\.item)
        return Agenda(
            items: items.sorted { ($0.due, $0.caseID) < ($1.due, $1.caseID) }, unreadable: unreadable,
            warnings: evaluated.flatMap(\.warnings).sorted())
    }

    /// Items grouped by owner (the unassigned last), each group oldest deadline first.
    public var byOwner: [(owner: String?, items: [Item])] {
        let groups = Dictionary(grouping: items, by: \.owner)
        let owners = groups.keys.sorted { ($0 == nil ? 1 : 0, $0 ?? "") < ($1 == nil ? 1 : 0, $1 ?? "") }
        return owners.map { ($0, groups[$0] ?? []) }
    }

    /// `reclam VERB ID`, the command to run next.
    public static func command(_ item: Item) -> String? { item.verb.map { "reclam \($0) \(item.caseID)" } }

    public func text(procedure: Procedure, calendar: BusinessCalendar, language: Language) -> String {
        let m = Messages(language)
        guard !items.isEmpty else { return m[.agendaNothing] + "\n" }
        var out = ""
        for (index, group) in byOwner.enumerated() {
            if index > 0 { out += "\n" }
            out += m.format(.agendaOwner, group.owner.map(TextTable.sanitize) ?? m[.unassigned]) + "\n"
            let rows = group.items.map { item -> [String] in
                [
                    ISODateTime.format(item.due, in: calendar.timeZone), item.clock.state.label(m),
                    SLAFormatter.lateness(item.clock.remaining, item.clock.unit, m), item.caseID,
                    procedure.stage(item.stage)?.label(language) ?? item.stage, Agenda.command(item) ?? "—", item.title,
                ]
            }
            TextTable.render(
                header: [m[.columnDue], m[.columnState], m[.columnLeft], m[.columnCase], m[.columnStage], m[.columnNext], m[.columnTitle]],
                rows: rows, into: &out)
        }
        return out
    }

    public func json(calendar: BusinessCalendar) -> JSON.Value {
        .array(
            items.map { item in
                .object([
                    "case": .string(item.caseID), "learner": .string(item.learner), "title": .string(item.title),
                    "owner": item.owner.map(JSON.Value.string) ?? .null, "stage": .string(item.stage),
                    "rule": .string(item.clock.rule.name), "state": .string(item.clock.state.rawValue),
                    "due": .string(ISODateTime.format(item.due, in: calendar.timeZone)),
                    "remaining": .number(SLAFormatter.rounded(item.clock.remaining)), "unit": .string(item.clock.unit.rawValue),
                    "verb": item.verb.map(JSON.Value.string) ?? .null, "command": Agenda.command(item).map(JSON.Value.string) ?? .null,
                ])
            })
    }
}
