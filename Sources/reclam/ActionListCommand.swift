import ArgumentParser
import Foundation
import ReclamKit

struct ActionListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List improvement actions.",
        discussion: """
            Examples:
              reclam action list --open
              reclam action list --format csv > actions.csv
            """
    )

    enum Format: String, OutputFormat { case text, json, csv }

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Only actions not yet at a final stage.") var open = false
    @Option(help: Format.help) var format: Format = .text
    @OptionGroup var out: OutputOptions

    func run() throws {
        let ledger = try global.openLedger()
        let plan = ImprovementPlan.build(ledger: ledger, openOnly: open)
        switch format {
        case .text: try out.write(plan.text())
        case .json: try out.write(JSON.encode(plan.json()) + "\n")
        case .csv: try out.write(plan.csv(separator: out.separator(for: plan.language)))
        }
    }
}
