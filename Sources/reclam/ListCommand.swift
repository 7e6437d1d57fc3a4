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
              reclam list --learner stg-2026-014 --format csv -o cases.csv
              reclam list --open --owner "Claire Martin"
              reclam list --overdue
              reclam list --due-before 2026-12-01
            """
    )

    enum Format: String, OutputFormat { case text, json, csv }

    @OptionGroup var global: GlobalOptions
    @Option(help: "Only cases at this stage.") var stage: String?
    @Option(help: "Only this learner's cases.") var learner: String?
    @Option(help: Format.help) var format: Format = .text
    @OptionGroup var network: NetworkOptions
    @Flag(help: "Only open cases (not at a final stage).") var open = false
    @Option(help: ArgumentHelp("Only the cases of this owner.", valueName: "person")) var owner: String?
    @Flag(help: "Only open cases whose next SLA deadline has passed.") var overdue = false
    @Option(
        name: .customLong("due-before"),
        help: ArgumentHelp(
            "Only open cases whose next SLA deadline falls before this day (in the ledger's time zone).", valueName: "YYYY-MM-DD"))
    var dueBefore: String?
    @OptionGroup var out: OutputOptions

    func run() throws {
        let ledger = try global.openLedger()
        if let stage, ledger.config.procedure.stage(stage) == nil {
            throw ReclamError.usage("unknown stage '\(stage)'; stages: \(ledger.config.procedure.stages.map(\.id).joined(separator: ", "))")
        }
        let config = ledger.config
        let before = try DateOption.parse(dueBefore, flag: "--due-before").map { config.calendar.startOfDay($0) }
        var listing = try CaseListing.load(
            ledger, stage: stage, learner: learner, fields: CaseListing.listedFields.union(NetworkScope.fields))
        let scope = try network.scope(ledger)
        listing.cases = listing.cases.filter { scope.includes($0, sites: ledger.config.sites) }
        listing.keep(openOnly: open || overdue || before != nil, owner: owner, procedure: config.procedure)
        if overdue || before != nil {
            try config.requireDeadlines()
            listing.keep(dueIn: try Agenda.build(ledger, asOf: try global.now(), owner: owner), overdue: overdue, before: before)
        }
        switch format {
        case .text: try out.write(listing.text(procedure: config.procedure, language: config.language))
        case .json: try out.write(JSON.encode(.array(listing.cases.map(CaseListing.summary))) + "\n")
        case .csv:
            try out.write(
                listing.csv(separator: out.separator(for: config.language), procedure: config.procedure, language: config.language))
        }
        try UnreadableFiles.exitIfAny(listing.unreadable)
    }
}
