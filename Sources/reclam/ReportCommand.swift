import ArgumentParser
import Foundation
import ReclamKit

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The period's complaints: counts, SLA compliance, times, open cases by age, trends, satisfaction, actions.",
        discussion: """
            Markdown, or one self-contained, print-friendly HTML page with a month-by-month chart
            in inline SVG (no script, no external resource). User text is always escaped.
            Times are in working days, median and 90th percentile.

            Examples:
              reclam report --from 2026-01-01 --to 2026-12-31 --format html -o rapport-2026.html
              reclam report --lang en
            """
    )

    enum Format: String, OutputFormat { case md, html }

    @OptionGroup var global: GlobalOptions
    @OptionGroup var network: NetworkOptions
    @Option(help: ArgumentHelp("First day received, YYYY-MM-DD.", valueName: "date")) var from: String?
    @Option(help: ArgumentHelp("Last day received, YYYY-MM-DD.", valueName: "date")) var to: String?
    @Option(help: Format.help) var format: Format = .md
    @Option(help: "Language: fr or en (default: the ledger's).") var lang: Language?
    @Option(name: .short, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file")) var output: String?

    func run() throws {
        let ledger = try global.openLedger()
        if !ledger.config.deadlineErrors.isEmpty {
            throw ReclamError(
                .refused, Messages(ledger.config.language)[.reportDeadlineSettings], diagnostics: ledger.config.deadlineErrors)
        }
        let fromDate = try DateOption.parse(from, flag: "--from")
        let toDate = try DateOption.parse(to, flag: "--to")
        let report = Report.build(
            ledger: ledger, paths: try network.paths(ledger), from: fromDate, to: toDate,
            language: lang ?? ledger.config.language, asOf: try global.now())
        let text = format == .md ? report.markdown() : report.html()
        if let output {
            do { try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic) } catch {
                throw ReclamError.io(Messages(ledger.config.language).format(.cannotWrite, output, error.localizedDescription))
            }
        } else {
            print(text, terminator: "")
        }
        try UnreadableFiles.exitIfAny(report.unreadable)
    }
}
