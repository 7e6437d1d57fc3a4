import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamRules

/// The output formats of `reclam sla`.
public enum SLAFormat: String, Sendable, CaseIterable {
    case text, json, junit, github
}

/// What in an SLA report fails a build, as findings; and the report written out.
public enum SLAFormatter {
    /// Findings of a report: each breached clock (error), each clock met late and due on or
    /// after `since` (error), each clock at risk (warning, or error when `strict`).
    /// `reclam sla` fails exactly when there is an error among them.
    public static func findings(
        _ report: SLAReport, since: CivilDate?, strict: Bool, calendar: BusinessCalendar, language: Language = .en,
        procedure: Procedure? = nil
    ) -> [Diagnostic] {
        // Thousands of clocks on a large ledger: their texts are made on every core.
        Parallel.map(report.results) {
            finding($0, since: since, strict: strict, calendar: calendar, language: language, procedure: procedure)
        }.compactMap { $0 }
    }

    /// The finding about one clock, if it is one; placed on the line of the event that matters:
    /// the start (`received` or the step) for an open clock, the stop step for a late one.
    /// In a French ledger the sentence is French, with the stages' labels and amounts the
    /// French way (`en retard de 97 h`).
    public static func finding(
        _ result: SLAResult, since: CivilDate?, strict: Bool, calendar: BusinessCalendar, language: Language = .en,
        procedure: Procedure? = nil
    ) -> Diagnostic? {
        let m = Messages(language)
        func stage(_ id: String) -> String { language == .fr ? procedure?.stage(id)?.label(.fr) ?? id : id }
        let duration = language == .fr ? result.rule.duration.frenchDescription : result.rule.duration.description
        let start: String
        switch result.rule.start {
        case .received: start = m[.fromReception]
        case .stage(let id): start = m.format(.fromStage, stage(id))
        }
        let what = m.format(.slaWhat, result.rule.name, duration, start)
        let due = time(result.due, calendar)
        switch result.state {
        case .breached:
            return Diagnostic(
                .slaBreached, m.format(.slaFindingBreached, what, due, amount(-result.remaining, result.unit, m)),
                file: result.casePath, at: result.start.location)
        case .metLate:
            guard let since, result.due >= calendar.startOfDay(since), let stop = result.stop else { return nil }
            return Diagnostic(
                .slaLate,
                m.format(
                    .slaFindingMetLate, what, due, stage(stop.stage ?? ""), time(stop.at, calendar),
                    amount(-result.remaining, result.unit, m)),
                file: result.casePath, at: stop.location)
        case .atRisk:
            let finding = Diagnostic(
                .slaAtRisk, m.format(.slaFindingAtRisk, what, due, amount(result.remaining, result.unit, m)),
                file: result.casePath, at: result.start.location)
            return strict ? finding.escalated() : finding
        case .met, .running, .paused:
            return nil
        }
    }

    public static func render(
        _ report: SLAReport, as format: SLAFormat, since: CivilDate? = nil, strict: Bool = false, calendar: BusinessCalendar,
        language: Language = .en, procedure: Procedure? = nil
    ) -> String {
        switch format {
        case .text: return text(report, calendar: calendar, language: language)
        case .json: return JSON.encode(json(report, calendar: calendar)) + "\n"
        case .junit: return junit(report, since: since, strict: strict, calendar: calendar)
        case .github:
            let lines = findings(report, since: since, strict: strict, calendar: calendar, language: language, procedure: procedure)
                .map(DiagnosticFormatter.githubLine)
            return lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")
        }
    }

    /// "12 clocks: 8 met, 1 met late, 2 breached, 1 running".
    public static func summary(_ report: SLAReport, language: Language = .en) -> String {
        let total = report.results.count
        if language == .fr {
            let m = Messages(language)
            let parts = SLAState.allCases.compactMap { state -> String? in
                let count = report.count(state)
                return count == 0 ? nil : "\(state.label(m)) \(count)"
            }
            return m.count(total, one: .slaClock, many: .slaClockCount) + (parts.isEmpty ? "" : " : " + parts.joined(separator: ", "))
        }
        let parts = SLAState.allCases.compactMap { state -> String? in
            let count = report.count(state)
            return count == 0 ? nil : "\(count) \(state.rawValue.replacingOccurrences(of: "-", with: " "))"
        }
        return "\(total) SLA clock\(total == 1 ? "" : "s")" + (parts.isEmpty ? "" : ": " + parts.joined(separator: ", "))
    }

    // MARK: Text

    /// One aligned line per clock; the paused clocks show the deadline they would have if the
    /// case resumed at the as-of instant.
    static func text(_ report: SLAReport, calendar: BusinessCalendar, language: Language = .en) -> String {
        let m = Messages(language)
        let header = [m[.columnCase], m[.columnLearner], m[.columnRule], m[.columnState], m[.columnDue], m[.columnUsed], m[.columnLeft]]
        let rows = Parallel.map(report.results) { result -> [String] in
            let rule = result.round > 1 ? "\(result.rule.name) #\(result.round)" : result.rule.name
            let left = lateness(result.remaining, result.unit, m)
            let allowed = language == .fr ? result.rule.duration.frenchDescription : result.rule.duration.description
            return [
                result.caseID, result.learner, rule, result.state.label(m), time(result.due, calendar),
                m.format(.of, amount(result.elapsed, result.unit, m), allowed), left,
            ]
        }
        var out = m.format(.slaAsOf, time(report.asOf, calendar)) + "\n"
        if rows.isEmpty { return out + m[.noClock] + "\n" }
        TextTable.render(header: header, rows: rows, into: &out)
        return out
    }

    // MARK: JSON

    static func json(_ report: SLAReport, calendar: BusinessCalendar) -> JSON.Value {
        var summary: [String: JSON.Value] = [:]
        for state in SLAState.allCases { summary[state.rawValue] = .number(Double(report.count(state))) }
        return .object([
            "as_of": .string(time(report.asOf, calendar)),
            "results": .array(report.results.map { .object(json($0, calendar: calendar)) }),
            "summary": .object(summary),
        ])
    }

    public static func json(_ result: SLAResult, calendar: BusinessCalendar) -> [String: JSON.Value] {
        func optional(_ date: Date?) -> JSON.Value { date.map { .string(time($0, calendar)) } ?? .null }
        return [
            "case": .string(result.caseID),
            "learner": .string(result.learner),
            "file": .string(result.casePath),
            "rule": .string(result.rule.name),
            "since": result.rule.since.map { .string($0.description) } ?? .null,
            "round": .number(Double(result.round)),
            "state": .string(result.state.rawValue),
            "start": .string(time(result.start.at, calendar)),
            "start_event": .string(result.start.stage ?? "received"),
            "stop": optional(result.stop?.at),
            "stop_stage": result.stop?.stage.map { .string($0) } ?? .null,
            "due": .string(time(result.due, calendar)),
            "due_provisional": .bool(result.state == .paused),
            "warn_at": optional(result.warnAt),
            "duration": .string(result.rule.duration.description),
            "unit": .string(result.unit.rawValue),
            "allowed": .number(rounded(result.allowed)),
            "elapsed": .number(rounded(result.elapsed)),
            "remaining": .number(rounded(result.remaining)),
            "paused": .number(rounded(result.paused)),
            "pauses": .array(
                result.pauses.map {
                    .object(["stage": .string($0.stage), "from": .string(time($0.from, calendar)), "to": optional($0.to)])
                }),
        ]
    }

    // MARK: JUnit

    /// One `testsuite` per rule and one `testcase` per clock; breached clocks (and the other
    /// error findings) are failures. The format read by GitLab, Jenkins and most CI dashboards.
    static func junit(_ report: SLAReport, since: CivilDate?, strict: Bool, calendar: BusinessCalendar) -> String {
        var names: [String] = []
        for result in report.results where !names.contains(result.rule.name) { names.append(result.rule.name) }
        func failure(_ result: SLAResult) -> Diagnostic? {
            finding(result, since: since, strict: strict, calendar: calendar).flatMap { $0.severity == .error ? $0 : nil }
        }
        var suites: [String] = []
        var totalFailures = 0
        for name in names {
            let results = report.results.filter { $0.rule.name == name }
            var cases: [String] = []
            var failures = 0
            for result in results {
                let caseName = result.round > 1 ? "\(result.caseID) (round \(result.round))" : result.caseID
                var element =
                    "    <testcase classname=\"sla.\(xml(name))\" name=\"\(xml(caseName))\" file=\"\(xml(result.casePath))\" time=\"0\">\n"
                if let finding = failure(result) {
                    failures += 1
                    element +=
                        "      <failure type=\"\(xml(finding.rule))\" message=\"\(xml(finding.message))\">\(xml(DiagnosticFormatter.line(finding)))</failure>\n"
                }
                element += "      <system-out>\(xml(status(result, calendar: calendar)))</system-out>\n"
                element += "    </testcase>\n"
                cases.append(element)
            }
            totalFailures += failures
            suites.append(
                "  <testsuite name=\"\(xml(name))\" tests=\"\(results.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\" "
                    + "timestamp=\"\(xml(time(report.asOf, calendar)))\" time=\"0\">\n" + cases.joined() + "  </testsuite>\n")
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<testsuites name=\"reclam sla\" tests=\"\(report.results.count)\" failures=\"\(totalFailures)\" errors=\"0\" time=\"0\">\n"
            + suites.joined() + "</testsuites>\n"
    }

    /// "met-late: due …; stopped … (responded); used 72.25 hours of 48 hours".
    static func status(_ result: SLAResult, calendar: BusinessCalendar) -> String {
        var text = "\(result.state.rawValue): due \(time(result.due, calendar))"
        if let stop = result.stop { text += "; \(stop.stage ?? "") \(time(stop.at, calendar))" }
        text += "; used \(amount(result.elapsed, result.unit)) of \(result.rule.duration)"
        return text
    }

    static func xml(_ text: String) -> String { Escape.xml(text) }

    // MARK: Values

    static func time(_ date: Date, _ calendar: BusinessCalendar) -> String { ISODateTime.format(date, in: calendar.timeZone) }

    /// Four decimals are enough for any unit (a ten-thousandth of a day is under 9 s) and keep
    /// floating-point noise out of the output.
    static func rounded(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }

    /// The time left, or "late 3 working days" / "en retard de 3 jours ouvrés".
    public static func lateness(_ remaining: Double, _ unit: SLAUnit, _ m: Messages) -> String {
        remaining < 0 ? m.format(.late, amount(-remaining, unit, m)) : amount(remaining, unit, m)
    }

    /// An amount in the language of `m`: "25.38 hours" or "25 h 23".
    public static func amount(_ value: Double, _ unit: SLAUnit, _ m: Messages) -> String {
        m.language == .fr ? m.frenchAmount(value, unit) : amount(value, unit)
    }

    /// "25.38 hours", "1 working day", "0.5 working days".
    public static func amount(_ value: Double, _ unit: SLAUnit) -> String {
        let hundredths = Int((value * 100).rounded())
        var text = String(hundredths / 100)
        if hundredths < 0 && hundredths > -100 { text = "-0" }
        let fraction = abs(hundredths) % 100
        if fraction != 0 {
            text += "." + (fraction < 10 ? "0" : "") + String(fraction)
            while text.hasSuffix("0") { text.removeLast() }
        }
        return text + " " + unit.english(hundredths == 100 ? 1 : 2)
    }
}

extension SLAState {
    /// The state as a person reads it: `dépassé` in French, `breached` in English.
    public func label(_ m: Messages) -> String {
        switch self {
        case .met: return m[.slaMet]
        case .metLate: return m[.slaMetLate]
        case .running: return m[.slaRunning]
        case .atRisk: return m[.slaAtRisk]
        case .breached: return m[.slaBreached]
        case .paused: return m[.slaPaused]
        }
    }
}
