import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger

/// Computes SLA clocks: a pure function of the cases, the procedure, the calendar, the rules
/// and the as-of instant. It reads only `received` and `steps[].at` of each case, so the same
/// repository always gives the same answer; the wall clock never enters except as `asOf`.
///
/// The rules it applies (documented in docs/SLA.md):
/// - Only what had happened at `asOf` counts: later steps, and cases received later, are ignored.
/// - The clock starts at `received`, or at the case's entry into the rule's start stage.
/// - The first entry into a stop stage after the start meets the rule. Entering a terminal stage
///   that is not a stop stage ends the clock without a result: the rule does not apply to a case
///   closed that way (a complaint rejected as out of scope is never "answered").
/// - While the case sits in a stage with `pauses_sla: true`, no time is used; the deadline moves
///   by the time the pause would have used, in the rule's unit. A deadline in days then ends
///   with the day on which the time runs out.
/// - A rule starting at a stage starts a new round when the case enters that stage again after
///   a round ended (a reopened case).
public enum SLAEvaluator {
    public static func evaluate(
        _ cases: [Case], procedure: Procedure, calendar: BusinessCalendar, rules: [SLARule], asOf: Date
    ) -> SLAReport {
        let ruleSet = SLARuleSet(rules)
        let perCase = LedgerReader.parallelMap(cases) { item in
            evaluate(item, procedure: procedure, calendar: calendar, rules: ruleSet, asOf: asOf)
        }
        // Sort keys computed once: `received` parses the date-time on every access.
        let ordered = zip(cases, perCase).map { (key: ($0.0.received ?? .distantPast, $0.0.id, $0.0.path), value: $0.1) }
            .sorted { $0.key < $1.key }
            .map { ($0.key, $0.value) }
        return SLAReport(
            asOf: asOf, results: ordered.flatMap { $0.1.results }, diagnostics: ordered.flatMap { $0.1.diagnostics }.sorted())
    }

    /// Reads and evaluates each case in one pass, keeping only its clocks: holding every case
    /// until the end cost ~3 KB per case. Returns the report and the files that could not be read.
    public static func evaluate(
        paths: [String], in ledger: Ledger, procedure: Procedure, calendar: BusinessCalendar, rules: [SLARule], asOf: Date
    ) -> (report: SLAReport, unreadable: [Diagnostic]) {
        let ruleSet = SLARuleSet(rules)
        let perCase = LedgerReader.parallelMap(paths) {
            path -> Result<(key: (Date, String, String), results: [SLAResult], diagnostics: [Diagnostic]), LedgerReader.LoadFailure> in
            LedgerReader.readDocument(path, in: ledger).map { document in
                let item = Case(path: path, document: document)
                let (results, diagnostics) = evaluate(item, procedure: procedure, calendar: calendar, rules: ruleSet, asOf: asOf)
                return ((item.received ?? .distantPast, item.id, item.path), results, diagnostics)
            }
        }
        var evaluated: [(key: (Date, String, String), results: [SLAResult], diagnostics: [Diagnostic])] = []
        var unreadable: [Diagnostic] = []
        for result in perCase {
            switch result {
            case .success(let clocks): evaluated.append(clocks)
            case .failure(let failure): unreadable.append(failure.diagnostic)
            }
        }
        evaluated.sort { $0.key < $1.key }
        // Each case's clocks are released as they are gathered, so that they are not held twice.
        var results: [SLAResult] = []
        results.reserveCapacity(evaluated.reduce(0) { $0 + $1.results.count })
        var diagnostics: [Diagnostic] = []
        for index in evaluated.indices {
            results += evaluated[index].results
            diagnostics += evaluated[index].diagnostics
            evaluated[index].results = []
        }
        return (SLAReport(asOf: asOf, results: results, diagnostics: diagnostics.sorted()), unreadable)
    }

    /// The clocks of one case, every rule and round, in the order of the rules.
    public static func evaluate(
        _ item: Case, procedure: Procedure, calendar: BusinessCalendar, rules: SLARuleSet, asOf: Date
    ) -> (results: [SLAResult], diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        guard let received = item.received else {
            let message = "no valid 'received' date-time: the SLA clocks of this case cannot be computed ('reclam check' says why)"
            return ([], [Diagnostic(.slaCaseData, message, file: item.path, at: item.document["received"]?.start)])
        }
        guard received <= asOf else { return ([], []) }
        let allSteps = item.steps
        let initial = procedure.initialStage?.id ?? ""
        if allSteps.isEmpty, !item.stage.isEmpty, item.stage != initial, procedure.stage(item.stage) != nil {
            let message =
                "the case is at '\(item.stage)' but no step records when it got there: its SLA clocks cannot be computed; "
                + "add the steps (stage, at, by)"
            return ([], [Diagnostic(.slaCaseData, message, file: item.path, at: item.document["stage"]?.start)])
        }
        var steps: [SLAEvent] = []
        for step in allSteps {
            guard let at = step.at else {
                diagnostics.append(
                    Diagnostic(
                        .slaCaseData, "step '\(step.stage)' has no valid 'at' date-time and is ignored by SLA clocks",
                        file: item.path, at: step.location))
                continue
            }
            if at <= asOf { steps.append(SLAEvent(stage: step.stage, at: at, location: step.location)) }
        }
        // Steps are in time order in a valid file; a stable sort keeps a broken one usable.
        steps = steps.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
        let start = SLAEvent(stage: nil, at: received, location: item.document["received"]?.start)
        let receivedDay = calendar.day(of: received)
        var results: [SLAResult] = []
        for name in rules.names {
            guard let rule = rules.version(of: name, on: receivedDay), rule.matches(item) else { continue }
            let rounds = Self.rounds(of: rule, received: start, steps: steps, initialStage: initial, procedure: procedure)
            for (index, round) in rounds.enumerated() {
                results.append(
                    measure(
                        round, number: index + 1, rule: rule, item: item, calendar: calendar, asOf: asOf))
            }
        }
        return (results, diagnostics)
    }

    // MARK: Rounds

    struct Round {
        var start: SLAEvent
        var stop: SLAEvent?
        var pauses: [SLAPause] = []

        mutating func enter(_ stage: String, at: Date, pauses pausing: Bool) {
            let inPause = pauses.last.map { $0.to == nil } ?? false
            if pausing && !inPause { pauses.append(SLAPause(stage: stage, from: at, to: nil)) }
            if !pausing && inPause { pauses[pauses.count - 1].to = at }
        }
    }

    /// The rounds of a rule over a case's history, met or still open; rounds ended by a
    /// terminal stage without a stop are dropped (the rule does not apply to them).
    static func rounds(
        of rule: SLARule, received: SLAEvent, steps: [SLAEvent], initialStage: String, procedure: Procedure
    ) -> [Round] {
        func pauses(_ stage: String) -> Bool { procedure.stage(stage)?.pausesSLA ?? false }
        var rounds: [Round] = []
        var open: Round?
        if rule.start == .received {
            var round = Round(start: received)
            round.enter(initialStage, at: received.at, pauses: pauses(initialStage))
            open = round
        }
        for step in steps {
            let stage = step.stage ?? ""
            if var round = open {
                if rule.stop.contains(stage) {
                    round.enter(stage, at: step.at, pauses: false)
                    round.stop = step
                    rounds.append(round)
                    open = nil
                } else if procedure.stage(stage)?.terminal == true {
                    open = nil
                } else {
                    round.enter(stage, at: step.at, pauses: pauses(stage))
                    open = round
                }
            } else if case .stage(let id) = rule.start, stage == id {
                var round = Round(start: step)
                round.enter(stage, at: step.at, pauses: pauses(stage))
                open = round
            }
        }
        if let open { rounds.append(open) }
        return rounds
    }

    // MARK: Measuring a round

    static func measure(
        _ round: Round, number: Int, rule: SLARule, item: Case, calendar: BusinessCalendar, asOf: Date
    ) -> SLAResult {
        let clock = PausedClock(start: round.start.at, pauses: round.pauses, duration: rule.duration, calendar: calendar, asOf: asOf)
        let end = round.stop?.at ?? asOf
        let (due, pausedBeforeDue, provisional) = clock.due()
        let paused = clock.paused(until: end)
        let elapsed = clock.cumulative(end) - paused
        let allowed = clock.cumulative(due) - pausedBeforeDue
        var warnAt: Date?
        switch rule.warn {
        case .none: warnAt = nil
        case .percent(let share)?:
            let reached = clock.reach(Double(rule.duration.amount) * share / 100).instant
            warnAt = min(max(reached, round.start.at), due)
        case .before(let duration)?:
            warnAt = calendar.warningInstant(.before(duration), start: round.start.at, due: due, unit: rule.duration.unit)
        }
        let state: SLAState
        if let stop = round.stop {
            state = stop.at <= due ? .met : .metLate
        } else if asOf > due {
            state = .breached
        } else if provisional {
            state = .paused
        } else if let warnAt, asOf >= warnAt {
            state = .atRisk
        } else {
            state = .running
        }
        return SLAResult(
            casePath: item.path, caseID: item.id, learner: item.learner, rule: rule, round: number, state: state, start: round.start,
            stop: round.stop, due: due, warnAt: warnAt, pauses: round.pauses, elapsed: elapsed, allowed: allowed, paused: paused)
    }
}

/// Time used by a clock that may stand still, measured with the calendar's counting rules.
///
/// `cumulative(t)` is the time of the unit between the start and `t`, pauses included; the
/// time used is that minus what elapsed inside pauses. Working on the cumulative count (rather
/// than restarting the count after each pause) keeps the day-unit rule "the day of the event
/// does not count" for the start only: a resumption does not lose the rest of its day.
struct PausedClock {
    let start: Date
    let pauses: [SLAPause]
    let duration: SLADuration
    let calendar: BusinessCalendar
    let asOf: Date

    var unit: SLAUnit { duration.unit }

    func cumulative(_ instant: Date) -> Double { calendar.elapsed(from: start, to: instant, unit: unit) }

    /// Time that passed inside pauses between the start and `end`.
    func paused(until end: Date) -> Double {
        var paused = 0.0
        for pause in pauses where pause.from < end {
            paused += cumulative(min(pause.to ?? end, end)) - cumulative(pause.from)
        }
        return paused
    }

    /// The instant the used time reaches `amount`, the paused time before it (in the unit),
    /// and whether it depends on an ongoing pause ending at `asOf` (then it is provisional).
    func reach(_ amount: Double) -> (instant: Date, pausedBefore: Double, provisional: Bool) {
        var pausedBefore = 0.0
        for pause in pauses {
            if cumulative(pause.from) - pausedBefore >= amount { break }
            guard let to = pause.to else {
                pausedBefore += cumulative(max(asOf, pause.from)) - cumulative(pause.from)
                return (calendar.instant(whenElapsed: amount + pausedBefore, unit: unit, from: start), pausedBefore, true)
            }
            pausedBefore += cumulative(to) - cumulative(pause.from)
        }
        return (calendar.instant(whenElapsed: amount + pausedBefore, unit: unit, from: start), pausedBefore, false)
    }

    /// The deadline, as `reach` returns it. Without a pause before it, exactly what
    /// `BusinessCalendar.due(from:duration:)` (and `reclam due`) says; after a pause, a
    /// deadline in days still ends with a day.
    func due() -> (due: Date, pausedBefore: Double, provisional: Bool) {
        let reached = reach(Double(duration.amount))
        if reached.pausedBefore == 0 && !reached.provisional {
            return (calendar.due(from: start, duration: duration).due, 0, false)
        }
        guard unit.countsDays else { return (reached.instant, reached.pausedBefore, reached.provisional) }
        // `reach` lands on the midnight that ends the last counted day when the amount is whole.
        let day = calendar.day(of: reached.instant.addingTimeInterval(-0.001))
        return (calendar.endOfDay(day), reached.pausedBefore, reached.provisional)
    }
}
