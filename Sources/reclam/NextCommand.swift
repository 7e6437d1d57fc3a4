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
            // A French ledger names the stages by their labels; the commands keep the ids typed.
            let language = ledger.config.language
            let m = Messages(language)
            func stage(_ id: String) -> String {
                language == .fr ? Escape.terminal(ledger.config.procedure.stage(id)?.label(.fr) ?? id) : id
            }
            print(m.format(.caseAtStage, item.id, stage(item.stage)))
            if steps.isEmpty { print(m[.noMoveAllowed]) }
            for step in steps {
                let to = step.transition.to
                var line = "  " + m.format(.nextMove, stage(to), item.id, to, step.transition.verb, item.id)
                if !step.missing.isEmpty {
                    line +=
                        "\n    " + m[.needs]
                        + step.missing.map {
                            $0.values.isEmpty
                                ? "--set \($0.field)=… (\(m.typeName($0.type)))"
                                : "--set \($0.field)=\($0.values.map { Escape.terminal(m.value($0)) }.joined(separator: "|"))"
                        }.joined(separator: ", ")
                }
                print(line)
            }
        }
    }
}
