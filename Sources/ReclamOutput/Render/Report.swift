import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamRules

/// `reclam report`: the period's complaints as an auditor and a quality manager read them.
/// Figures are computed once here; Markdown and HTML are two renderings of the same values.
public struct Report: Sendable {
    public struct Count: Sendable {
        public var label: String
        public var count: Int
    }

    public struct Timing: Sendable {
        public var label: String
        public var samples: Int
        public var median: Double?
        public var p90: Double?
    }

    public struct Compliance: Sendable {
        public var rule: String
        public var states: [SLAState: Int]
        public var rate: Double?
    }

    public var title: String
    public var language: Language
    public var from: CivilDate?
    public var to: CivilDate?
    public var asOf: Date
    public var total: Int
    public var breakdowns: [(title: String, counts: [Count])]
    public var compliance: [Compliance]
    public var timings: [Timing]
    public var openByAge: [Count]
    public var months: [Count]
    public var trends: Trends
    public var satisfaction: [Count]
    public var plan: ImprovementPlan
    /// Case and action files that could not be read, left out of the figures.
    public var unreadable: [Diagnostic] = []
    /// Cases by site and by level, for a network (nil for a single organisation).
    public var siteLevel: SiteLevelTable?

    var m: Messages { Messages(language) }

    public static func build(ledger: Ledger, cases allCases: [Case], from: CivilDate?, to: CivilDate?, language: Language, asOf: Date)
        -> Report
    {
        let context = Row.Context(ledger.config, from: from, to: to, asOf: asOf)
        let rows = Parallel.map(allCases) { Row($0, context) }.compactMap { $0 }
        return build(ledger: ledger, rows: rows, from: from, to: to, language: language, asOf: asOf)
    }

    /// The report of the case files at `paths`, each read and reduced to its row as it is read,
    /// so that no case is held: a report of 100 000 cases would otherwise keep them all.
    /// Files that cannot be read are left out and listed in `unreadable`.
    public static func build(ledger: Ledger, paths: [String], from: CivilDate?, to: CivilDate?, language: Language, asOf: Date)
        -> Report
    {
        let context = Row.Context(ledger.config, from: from, to: to, asOf: asOf)
        let read = Parallel.map(paths) { path -> Result<Row?, LedgerReader.LoadFailure> in
            LedgerReader.readDocument(path, in: ledger).map { Row(Case(path: path, document: $0), context) }
        }
        let rows = read.compactMap { try? $0.get() }.compactMap { $0 }
        var report = build(ledger: ledger, rows: rows, from: from, to: to, language: language, asOf: asOf)
        report.unreadable =
            read.compactMap { if case .failure(let failure) = $0 { failure.diagnostic } else { nil } } + report.plan.unreadable
        return report
    }

    static func build(ledger: Ledger, rows: [Row], from: CivilDate?, to: CivilDate?, language: Language, asOf: Date) -> Report {
        let config = ledger.config
        let tz = config.timeZone
        let procedure = config.procedure
        let m = Messages(language)
        func counts(_ values: [String]) -> [Count] {
            Dictionary(grouping: values, by: { $0 }).map { Count(label: $0.key, count: $0.value.count) }.sorted {
                ($1.count, $0.label) < ($0.count, $1.label)
            }
        }
        let stageOrder = procedure.stages.map(\.id)
        let stageCounts = Dictionary(grouping: rows, by: \.stage).mapValues(\.count)
        let byStage = stageOrder.compactMap { stage -> Count? in
            let n = stageCounts[stage] ?? 0
            return n == 0 ? nil : Count(label: procedure.stage(stage)?.label(language) ?? stage, count: n)
        }
        let breakdowns: [(title: String, counts: [Count])] = [
            (m[.byStage], byStage),
            (m[.byChannel], counts(rows.map { $0.channel.map(m.value) ?? "—" })),
            (m[.byComplainant], counts(rows.map { $0.complainant.map(m.value) ?? "—" })),
            (m[.byCategory], counts(rows.map { $0.category ?? "—" })),
            (m[.byLevel], counts(rows.map { $0.level.map(m.value) ?? "—" })),
        ]
        let network = NetworkBreakdowns.tables(sites: config.sites, siteOfRows: rows.map(\.site), language: language).map {
            (title: $0.title, counts: counts($0.values))
        }
        let clocks = rows.flatMap(\.clocks)
        let compliance = Dictionary(grouping: clocks, by: \.rule).map { rule, results -> Compliance in
            let states = Dictionary(grouping: results, by: \.state).mapValues(\.count)
            let decided = (states[.met] ?? 0) + (states[.metLate] ?? 0) + (states[.breached] ?? 0)
            return Compliance(rule: rule, states: states, rate: decided == 0 ? nil : Double(states[.met] ?? 0) / Double(decided))
        }.sorted { $0.rule < $1.rule }
        func timing(_ label: String, _ value: (Row) -> Double?) -> Timing {
            let values = rows.compactMap(value).sorted()
            return Timing(label: label, samples: values.count, median: percentile(values, 0.5), p90: percentile(values, 0.9))
        }
        let timings = [
            timing(m[.acknowledgement], \.acknowledgement),
            timing(m[.response], \.response),
            timing(m[.closure], \.closure),
        ]
        var ages: [String: Int] = [:]
        let buckets = [(2.0, "0–2"), (5.0, "3–5"), (10.0, "6–10"), (Double.infinity, "> 10")]
        for age in rows.compactMap(\.openAge) {
            let label = buckets.first { age <= $0.0 }!.1
            ages[label, default: 0] += 1
        }
        let openByAge = buckets.map { Count(label: "\($0.1) \(m[.workingDays])", count: ages[$0.1] ?? 0) }
        let months = counts(rows.map(\.month)).sorted { $0.label < $1.label }
        let actions = ActionStore.load(ledger).actions
        let trends = Trends.compute(
            entries: rows.map(\.trend), actions: actions, dimension: .category, period: .month, from: from, to: to,
            threshold: Trends.threshold(config),
            timeZone: tz)
        let satisfaction = counts(rows.compactMap(\.satisfaction).map(m.value))
        var plan = ImprovementPlan.build(ledger: ledger)
        plan.language = language
        let title = m[.reportTitle] + " — " + config.organisation
        var report = Report(
            title: title, language: language, from: from, to: to, asOf: asOf, total: rows.count, breakdowns: breakdowns + network,
            compliance: compliance,
            timings: timings, openByAge: openByAge, months: months, trends: trends, satisfaction: satisfaction, plan: plan)
        report.siteLevel = SiteLevelTable.build(sites: config.sites, cases: rows.map { ($0.site, $0.level) }, language: language)
        return report
    }

    /// One case as the report counts it: what it shows of the case, computed where the case is
    /// read.
    struct Row: Sendable {
        struct Context: Sendable {
            var calendar: BusinessCalendar
            var timeZone: TimeZone
            var procedure: Procedure
            var rules: SLARuleSet
            var terminal: Set<String>
            var from: CivilDate?
            var to: CivilDate?
            var asOf: Date

            init(_ config: LedgerConfig, from: CivilDate?, to: CivilDate?, asOf: Date) {
                calendar = config.calendar
                timeZone = config.timeZone
                procedure = config.procedure
                rules = SLARuleSet(config.slaRules)
                terminal = Set(config.procedure.stages.filter(\.terminal).map(\.id))
                self.from = from
                self.to = to
                self.asOf = asOf
            }
        }

        var stage: String
        var channel: String?
        var complainant: String?
        var category: String?
        var level: String?
        var site: String?
        var satisfaction: String?
        var month: String
        /// Working days from receipt to each milestone, when reached by the report's date.
        var acknowledgement: Double?
        var response: Double?
        var closure: Double?
        /// Working days open, for a case not at a terminal stage.
        var openAge: Double?
        /// The case's SLA clocks: rule name and state.
        var clocks: [(rule: String, state: SLAState)]
        var trend: Trends.Entry

        /// Nil for a case outside the report: no valid `received`, received after the report's
        /// date or outside `from`...`to`.
        init?(_ item: Case, _ context: Context) {
            guard let received = item.received, received <= context.asOf else { return nil }
            let day = CivilDate(date: received, timeZone: context.timeZone)
            guard context.from.map({ $0 <= day }) ?? true, context.to.map({ day <= $0 }) ?? true else { return nil }
            let steps = item.steps
            func elapsed(_ reached: Step?) -> Double? {
                guard let at = reached?.at, at <= context.asOf else { return nil }
                return context.calendar.elapsed(from: received, to: at, unit: .workingDays)
            }
            stage = item.stage
            channel = item.channel
            complainant = item.complainant
            category = item.category
            level = item.level
            site = item.site
            satisfaction = item.field("satisfaction")
            month = Trends.label(day, .month)
            acknowledgement = elapsed(steps.first { $0.stage == "acknowledged" || $0.stage == "qualified" })
            response = elapsed(steps.first { $0.stage == "responded" })
            closure = elapsed(steps.first { context.terminal.contains($0.stage) })
            openAge =
                context.terminal.contains(item.stage) ? nil : context.calendar.elapsed(from: received, to: context.asOf, unit: .workingDays)
            clocks = SLAEvaluator.evaluate(
                item, procedure: context.procedure, calendar: context.calendar, rules: context.rules, asOf: context.asOf
            ).results.map { ($0.rule.name, $0.state) }
            trend = Trends.Entry(item, dimension: .category)
        }
    }

    /// Nearest-rank percentile: a value that occurred, which a reader can find in the cases.
    static func percentile(_ sorted: [Double], _ p: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((p * Double(sorted.count)).rounded(.up))
        return sorted[max(0, min(sorted.count - 1, rank - 1))]
    }

    var periodText: String {
        let start = from.map(\.description) ?? m[.reportStart]
        let end = to.map(\.description) ?? ISODateTime.format(asOf, in: .gmt).prefix(10).description
        return m.format(.periodRange, start, end)
    }

    func number(_ value: Double?) -> String {
        guard let value else { return "—" }
        return String(format: "%.1f", value).replacingOccurrences(of: ".", with: language == .fr ? "," : ".")
    }

    func percent(_ value: Double?) -> String {
        guard let value else { return "—" }
        return number(value * 100) + " %"
    }

    static let stateOrder: [SLAState] = [.met, .metLate, .running, .atRisk, .breached, .paused]

    public func markdown() -> String {
        var out = "# \(MarkdownText.escape(title))\n\n\(periodText)\n\n"
        out += "\(m[.complaintsReceived]) : **\(total)**\n\n"
        for (heading, counts) in breakdowns {
            out += "## \(heading)\n\n| | \(m[.count]) |\n|---|---|\n"
            for count in counts { out += "| \(MarkdownText.escape(count.label)) | \(count.count) |\n" }
            out += "\n"
        }
        if let siteLevel { out += "## \(siteLevel.title)\n\n" + siteLevel.markdown() + "\n" }
        out +=
            "## \(m[.slaCompliance])\n\n| \(m[.rule]) | "
            + Report.stateOrder.map { $0.label(m) }.joined(separator: " | ") + " | \(m[.rate]) |\n|---|"
            + String(repeating: "---|", count: Report.stateOrder.count + 1) + "\n"
        for item in compliance {
            out +=
                "| \(MarkdownText.escape(item.rule)) | " + Report.stateOrder.map { String(item.states[$0] ?? 0) }.joined(separator: " | ")
                + " | \(percent(item.rate)) |\n"
        }
        out +=
            "\n## \(m[.times])\n\n| | \(m[.cases]) | \(m[.median]) | P90 |\n|---|---|---|---|\n"
        for timing in timings { out += "| \(timing.label) | \(timing.samples) | \(number(timing.median)) | \(number(timing.p90)) |\n" }
        out += "\n## \(m[.openByAge])\n\n| | \(m[.count]) |\n|---|---|\n"
        for count in openByAge { out += "| \(count.label) | \(count.count) |\n" }
        out += "\n## \(m[.byMonth])\n\n| \(m[.monthHeading]) | \(m[.count]) |\n|---|---|\n"
        for month in months { out += "| \(month.label) | \(month.count) |\n" }
        out += "\n## \(m[.satisfactionAtFollowUp])\n\n"
        if satisfaction.isEmpty { out += m[.noFollowUp] + "\n" }
        for count in satisfaction { out += "- \(MarkdownText.escape(count.label)) : \(count.count)\n" }
        out += "\n" + trends.markdown(language: language).replacingOccurrences(of: "\n## ", with: "\n### ")
        out += "\n## \(m[.improvementActions])\n\n"
        out += plan.markdown().split(separator: "\n", omittingEmptySubsequences: false).dropFirst(2).joined(separator: "\n")
        return out
    }

    public func html() -> String {
        var body = "<h1>\(HTML.escape(title))</h1>\n<p>\(HTML.escape(periodText))</p>\n"
        body += "<p>\(HTML.escape(m[.complaintsReceived])) : <strong>\(total)</strong></p>\n"
        body += "<h2>\(HTML.escape(m[.byMonth]))</h2>\n" + MonthChart.svg(months, language: language)
        for (heading, counts) in breakdowns {
            body +=
                "<h2>\(HTML.escape(heading))</h2>\n"
                + table(header: ["", m[.count]], rows: counts.map { [$0.label, String($0.count)] })
        }
        if let siteLevel { body += "<h2>\(HTML.escape(siteLevel.title))</h2>\n" + siteLevel.html() }
        body += "<h2>\(HTML.escape(m[.slaCompliance]))</h2>\n"
        body += table(
            header: [m[.rule]] + Report.stateOrder.map { $0.label(m) } + [m[.rate]],
            rows: compliance.map { item in [item.rule] + Report.stateOrder.map { String(item.states[$0] ?? 0) } + [percent(item.rate)] })
        body += "<h2>\(HTML.escape(m[.times]))</h2>\n"
        body += table(
            header: ["", m[.cases], m[.median], "P90"],
            rows: timings.map { [$0.label, String($0.samples), number($0.median), number($0.p90)] })
        body += "<h2>\(HTML.escape(m[.openByAge]))</h2>\n"
        body += table(header: ["", m[.count]], rows: openByAge.map { [$0.label, String($0.count)] })
        body += "<h2>\(HTML.escape(m[.satisfactionAtFollowUp]))</h2>\n"
        body += table(header: ["", m[.count]], rows: satisfaction.map { [$0.label, String($0.count)] })
        body += trends.html(language: language)
        body += "<h2>\(HTML.escape(m[.improvementActions]))</h2>\n" + plan.htmlTable()
        return HTML.page(title: title, language: language, body: body)
    }

    func table(header: [String], rows: [[String]]) -> String { Table(header: header, rows: rows).html() }
}

/// A month-by-month bar chart as inline SVG: no script, no external resource, prints as is.
enum MonthChart {
    static func svg(_ months: [Report.Count], language: Language) -> String {
        guard !months.isEmpty else { return "<p>—</p>\n" }
        let barWidth = 36
        let gap = 12
        let height = 160
        let top = months.map(\.count).max() ?? 1
        let width = months.count * (barWidth + gap) + gap
        var out =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height + 40)\" role=\"img\" aria-label=\"\(HTML.escape(Messages(language)[.complaintsByMonth]))\">\n"
        for (index, month) in months.enumerated() {
            let barHeight = top == 0 ? 0 : Int(Double(month.count) / Double(top) * Double(height - 20))
            let x = gap + index * (barWidth + gap)
            let y = height - barHeight
            out += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(barWidth)\" height=\"\(barHeight)\" fill=\"#4a78b5\"/>\n"
            out += "<text x=\"\(x + barWidth / 2)\" y=\"\(y - 4)\" font-size=\"12\" text-anchor=\"middle\">\(month.count)</text>\n"
            out +=
                "<text x=\"\(x + barWidth / 2)\" y=\"\(height + 16)\" font-size=\"10\" text-anchor=\"middle\">\(HTML.escape(month.label))</text>\n"
        }
        return out + "</svg>\n"
    }
}
