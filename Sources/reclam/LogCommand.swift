import ArgumentParser
import Foundation
import ReclamKit

struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Show a case's timeline from git: every commit that touched it, by reclam or by hand.",
        discussion: """
            Follows the case across renames (a case moved to another learner's folder keeps its
            history). Each entry shows the commit, date, author, stage change, the front-matter
            fields changed (old → new) and whether the body changed. JSON is oldest first.
            On large histories, 'git commit-graph write --reachable --changed-paths' makes it fast.

            Examples:
              reclam log 20261005-k7p3
              reclam log 20261005-k7p3 --format json
            """
    )

    enum Format: String, OutputFormat { case text, json }

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The case id.") var id: String
    @Option(help: Format.help) var format: Format = .text

    func run() throws {
        let ledger = try global.openLedger()
        let entries = try CaseLog.entries(for: id, in: ledger)
        switch format {
        case .text:
            let m = Messages(ledger.config.language)
            print(CaseLog.text(entries, procedure: ledger.config.procedure, language: ledger.config.language), terminator: "")
            let actions = ActionStore.load(ledger).actions(for: id)
            if !actions.isEmpty { print(m.format(.logActions, actions.map { "\($0.id) (\($0.stage))" }.joined(separator: ", "))) }
        case .json: print(JSON.encode(CaseLog.json(entries)))
        }
    }
}
