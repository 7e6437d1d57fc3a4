import ArgumentParser
import Foundation
import ReclamKit

struct TrendsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trends",
        abstract: "Counts per period, recurring and rising themes, and cases with no linked action.",
        discussion: """
            A value is recurring when it has at least trends.recurring_min cases in the window
            (reclam.yml, default 3); rising when its last period beats the average of the periods
            before. Every figure lists the case ids behind it.

            Examples:
              reclam trends
              reclam trends --by channel --period quarter --from 2026-01-01 --format md
            """
    )

    enum Format: String, OutputFormat { case text, md, html, json }

    @OptionGroup var global: GlobalOptions
    @Option(help: "category, channel, complainant, level, session or owner.") var by: Trends.Dimension = .category
    @Option(help: "month, quarter or year.") var period: Trends.Period = .month
    @Option(help: ArgumentHelp("First day, YYYY-MM-DD.", valueName: "date")) var from: String?
    @Option(help: ArgumentHelp("Last day, YYYY-MM-DD.", valueName: "date")) var to: String?
    @Option(help: Format.help) var format: Format = .text
    @Option(name: .short, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file")) var output: String?

    func run() throws {
        let ledger = try global.openLedger()
        let fromDate = try DateOption.parse(from, flag: "--from")
        let toDate = try DateOption.parse(to, flag: "--to")
        let (entries, unreadable) = Trends.read(try LedgerScan.scan(ledger).casePaths, in: ledger, dimension: by)
        let store = ActionStore.load(ledger)
        let trends = Trends.compute(
            entries: entries, actions: store.actions, dimension: by, period: period, from: fromDate, to: toDate,
            threshold: Trends.threshold(ledger.config), timeZone: ledger.config.timeZone)
        switch format {
        case .text: try OutputOptions.write(trends.text(language: ledger.config.language), to: output)
        case .md: try OutputOptions.write(trends.markdown(language: ledger.config.language), to: output)
        case .json: try OutputOptions.write(JSON.encode(trends.json()) + "\n", to: output)
        case .html:
            let title = Messages(ledger.config.language)[.trends]
            try OutputOptions.write(
                HTML.page(title: title, language: ledger.config.language, body: trends.html(language: ledger.config.language)), to: output)
        }
        try UnreadableFiles.exitIfAny(unreadable + store.unreadable)
    }
}

extension Trends.Dimension: ExpressibleByArgument {}
extension Trends.Period: ExpressibleByArgument {}
