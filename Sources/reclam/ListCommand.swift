import ArgumentParser
import Foundation
import ReclamKit

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List cases, oldest first.",
        discussion: """
            Examples:
              reclam list --stage investigating
              reclam list --learner stg-2026-014 --format csv > cases.csv
            """
    )

    enum Format: String, ExpressibleByArgument { case text, json, csv }

    @OptionGroup var global: GlobalOptions
    @Option(help: "Only cases at this stage.") var stage: String?
    @Option(help: "Only this learner's cases.") var learner: String?
    @Option(help: "Output format: text, json or csv.") var format: Format = .text
    @OptionGroup var network: NetworkOptions

    func run() throws {
        let ledger = try global.openLedger()
        if let stage, ledger.config.procedure.stage(stage) == nil {
            throw ValidationError("unknown stage '\(stage)'; stages: \(ledger.config.procedure.stages.map(\.id).joined(separator: ", "))")
        }
        var listing = try CaseListing.load(
            ledger, stage: stage, learner: learner, fields: CaseListing.listedFields.union(NetworkScope.fields))
        let scope = try network.scope(ledger)
        listing.cases = listing.cases.filter { scope.includes($0, sites: ledger.config.sites) }
        switch format {
        case .text: print(listing.text(procedure: ledger.config.procedure), terminator: "")
        case .json: print(JSON.encode(.array(listing.cases.map(CaseListing.summary))))
        case .csv: print(listing.csv(), terminator: "")
        }
        try UnreadableFiles.exitIfAny(listing.unreadable)
    }
}
