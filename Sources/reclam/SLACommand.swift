import ArgumentParser
import Foundation
import ReclamKit

struct SLACommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sla",
        abstract: "Show the SLA clock of every case and rule: met, met-late, running, at-risk, breached or paused.",
        discussion: """
            Reads only the cases' received and steps[].at times, so the answer
            depends on the repository and the as-of instant alone. For each case
            and rule: the state, the deadline (for a paused clock, the deadline if
            the case resumed now), the time used and the time left, in the rule's
            unit. docs/SLA.md explains the rules.

            Exit status: 1 when an open case has breached a rule, when (with
            --since DATE) a rule that fell due on or after DATE was met late, or
            (with --strict) when a clock is at risk; otherwise 0, clocks at risk
            printing a warning. 2 for a usage or I/O error.

            --as-of answers as Reclam would have answered at that instant: later
            steps and later cases are ignored. junit writes one testsuite per rule
            and one testcase per case; github writes ::error and ::warning
            annotations on the case files.

            Examples:
              reclam sla
              reclam sla --as-of 2026-11-02T09:00:00+01:00 --rule answer
              reclam sla --since 2026-11-01 --format junit > sla.xml
              reclam sla --state breached,at-risk
              reclam sla --open
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var network: NetworkOptions
    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp(
            "Answer as of this instant: 2026-10-05 09:12, 2026-10-05 (ledger's time zone) or ISO 8601 with offset (default: now, or RECLAM_NOW).",
            valueName: "datetime"))
    var asOf: String?
    @Option(help: ArgumentHelp("Also fail for clocks met late that fell due on or after this day.", valueName: "YYYY-MM-DD"))
    var since: String?
    @Flag(help: "Fail (exit 1) for clocks at risk too.") var strict = false
    @Option(help: SLAFormat.help) var format: SLAFormat = .text
    @Option(help: ArgumentHelp("Only this rule.", valueName: "name")) var rule: String?
    @Option(help: ArgumentHelp("Only this learner's cases.", valueName: "learner-id")) var learner: String?
    @Option(
        help: ArgumentHelp(
            "Only clocks in these states (comma-separated): met, met-late, running, at-risk, breached, paused, or their French labels.",
            valueName: "state[,state]"))
    var state: String?
    @Flag(help: "Only clocks still going (running, at-risk, breached or paused).") var open = false
    @Flag(help: "Also check improvement actions' due dates (default when reclam.yml has actions: {sla: true}).") var actions = false

    func run() throws {
        let ledger = try global.openLedger()
        let config = ledger.config
        try config.requireDeadlines()
        let instant = try global.instant(asOf, flag: "--as-of", timeZone: config.timeZone)
        var sinceDay: CivilDate?
        if let since {
            // A day, or any instant (local or with an offset): its day in the ledger's time zone.
            sinceDay =
                try CivilDate.parse(since)
                ?? CivilDate.parse(
                    String(
                        ISODateTime.format(global.instant(since, flag: "--since", timeZone: config.timeZone), in: config.timeZone).prefix(
                            10)))
        }
        var rules = config.slaRules
        if let rule {
            let names = SLARuleSet(rules).names
            guard names.contains(rule) else {
                var message = "no SLA rule '\(rule)' in reclam.yml"
                if let s = Suggestion.closest(to: rule, in: names) { message += "; did you mean '\(s)'?" }
                message += names.isEmpty ? "; reclam.yml has no SLA rule" : "; rules: \(names.joined(separator: ", "))"
                throw ReclamError.usage(message)
            }
            rules = rules.filter { $0.name == rule }
        }
        if let learner, let problem = Identifier.problem(learner) { throw ReclamError.usage("--learner: \(problem)") }

        var paths = try LedgerScan.scan(ledger).casePaths
        if let learner { paths = paths.filter { $0.hasPrefix("\(Ledger.casesFolder)/\(learner)/") } }
        paths = try network.scope(ledger).filter(paths, in: ledger)
        let states = try state.map { text throws(ReclamError) in try SLAStateFilter.parse(text) }
        var (report, unreadable) = SLAEvaluator.evaluate(
            paths: paths, in: ledger, procedure: config.procedure, calendar: config.calendar, rules: rules, asOf: instant)
        report.results = SLAStateFilter.apply(report.results, states: states, openOnly: open)
        var findings = SLAFormatter.findings(
            report, since: sinceDay, strict: strict, calendar: config.calendar, language: config.language, procedure: config.procedure)
        if (actions || ActionDeadlines.enabled(config)) && rule == nil && learner == nil {
            let settings = ActionSettings.read(config)
            let clocks = ActionDeadlines.evaluate(
                ActionStore.load(ledger).actions, settings: settings, calendar: config.calendar, asOf: instant)
            var actionFindings = ActionDeadlines.findings(
                clocks, timeZone: config.timeZone, language: config.language, procedure: settings.procedure)
            if strict {
                actionFindings = actionFindings.map { $0.escalated() }
            }
            findings += actionFindings
            if format == .github { print(DiagnosticFormatter.render(actionFindings, as: .github), terminator: "") }
        }

        print(
            SLAFormatter.render(
                report, as: format, since: sinceDay, strict: strict, calendar: config.calendar, language: config.language,
                procedure: config.procedure),
            terminator: "")
        let notes = (unreadable + report.diagnostics).sorted()
        switch format {
        case .text:
            FileHandle.standardError.write(RunLanguage.render(findings + notes))
        case .github:
            print(DiagnosticFormatter.render(notes, as: .github), terminator: "")
        case .json, .junit:
            FileHandle.standardError.write(RunLanguage.render(notes))
        }
        if rules.isEmpty { FileHandle.standardError.write("reclam: \(Messages(config.language)[.slaNoRules])\n") }
        if format == .text || format == .github {
            FileHandle.standardError.write(SLAFormatter.summary(report, language: config.language) + "\n")
        }
        try UnreadableFiles.exitIfAny(unreadable, alreadyShown: true)
        if findings.hasErrors { throw ExitCode(1) }
    }
}
