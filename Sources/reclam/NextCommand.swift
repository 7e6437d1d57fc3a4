import ArgumentParser
import Foundation
import ReclamKit

struct NextCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "next",
        abstract: "Show the moves allowed from a case's stage and the fields each still needs.",
        discussion: """
            Example:
              reclam next 20261005-k7p3
            """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The case id.") var id: String
    @Option(help: Format.help) var format: Format = .text

    enum Format: String, OutputFormat { case text, json }

    func run() throws {
        let ledger = try global.openLedger()
        let item = try CaseLocator.load(id, in: ledger)
        let steps = ProcedureRenderer.nextSteps(item, procedure: ledger.config.procedure)
        switch format {
        case .json:
            print(
                JSON.encode(
                    .array(
                        steps.map { step in
                            .object([
                                "to": .string(step.transition.to), "verb": .string(step.transition.verb),
                                "missing": .array(
                                    step.missing.map {
                                        .object([
                                            "field": .string($0.field), "type": .string($0.type.rawValue),
                                            "values": .array($0.values.map { .string($0) }),
                                        ])
                                    }),
                            ])
                        })))
        case .text:
            print("\(item.id) is at '\(item.stage)'")
            if steps.isEmpty { print("no move is allowed from here") }
            for step in steps {
                var line =
                    "  \(step.transition.to)  (reclam move \(item.id) \(step.transition.to), or reclam \(step.transition.verb) \(item.id))"
                if !step.missing.isEmpty {
                    line +=
                        "\n    needs: "
                        + step.missing.map {
                            $0.values.isEmpty
                                ? "--set \($0.field)=… (\($0.type.rawValue))" : "--set \($0.field)=\($0.values.joined(separator: "|"))"
                        }.joined(separator: ", ")
                }
                print(line)
            }
        }
    }
}
