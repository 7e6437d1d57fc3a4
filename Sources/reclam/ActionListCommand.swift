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

    enum Format: String, ExpressibleByArgument { case text, json, csv }

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Only actions not yet at a final stage.") var open = false
    @Option(help: "Output format: text, json or csv.") var format: Format = .text

    func run() throws {
        let ledger = try global.openLedger()
        let plan = ImprovementPlan.build(ledger: ledger, openOnly: open)
        switch format {
        case .text: print(plan.text(), terminator: "")
        case .json: print(JSON.encode(plan.json()))
        case .csv: print(plan.csv(), terminator: "")
        }
    }
}
