import ArgumentParser
import Foundation
import ReclamKit

struct ProcedureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "procedure",
        abstract: "Show the ledger's procedure: stages, transitions, required fields.",
        discussion: """
            Examples:
              reclam procedure
              reclam procedure --format dot | dot -Tsvg > procedure.svg
            """
    )

    enum Format: String, OutputFormat {
        case text, json, dot

        var note: String? { self == .dot ? "Graphviz" : nil }
    }

    @OptionGroup var global: GlobalOptions
    @Option(help: Format.help) var format: Format = .text
    @Option(help: "Language of the labels: fr or en (default: the ledger's).") var lang: Language?

    func run() throws {
        let ledger = try global.openLedger()
        let procedure = ledger.config.procedure
        let language = lang ?? ledger.config.language
        switch format {
        case .text: print(ProcedureRenderer.text(procedure, language: language), terminator: "")
        case .json: print(JSON.encode(ProcedureRenderer.json(procedure)))
        case .dot: print(ProcedureRenderer.dot(procedure, language: language), terminator: "")
        }
    }
}
