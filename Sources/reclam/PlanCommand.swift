import ArgumentParser
import Foundation
import ReclamKit

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "The improvement plan (PGAAC): every action with its cases, owner, due date, stage and verdict.",
        discussion: """
            Example:
              reclam plan --format html > plan-amelioration.html
            """
    )

    enum Format: String, OutputFormat { case md, html, csv }

    @OptionGroup var global: GlobalOptions
    @Option(help: Format.help) var format: Format = .md
    @OptionGroup var out: OutputOptions

    func run() throws {
        let plan = ImprovementPlan.build(ledger: try global.openLedger())
        switch format {
        case .md: try out.write(plan.markdown())
        case .html: try out.write(plan.html())
        case .csv: try out.write(plan.csv(separator: out.separator(for: plan.language)))
        }
        try UnreadableFiles.exitIfAny(plan.unreadable)
    }
}
