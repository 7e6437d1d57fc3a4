import ArgumentParser
import Foundation
import ReclamKit

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one case.",
        discussion: """
            md prints the file as it is; json prints its fields; html renders a self-contained page
            (user text escaped, Markdown rendered by cmark in safe mode).

            Example:
              reclam show 20261005-k7p3 --format html > case.html
            """
    )

    enum Format: String, OutputFormat { case md, html, json }

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The case id.") var id: String
    @Option(help: Format.help) var format: Format = .md
    @Option(help: "Language of the HTML labels: fr or en (default: the ledger's).") var lang: Language?

    func run() throws {
        let ledger = try global.openLedger()
        let item = try CaseLocator.load(id, in: ledger)
        switch format {
        case .md:
            print(item.document.text, terminator: "")
            let actions = ActionStore.load(ledger).actions(for: item.id)
            if !actions.isEmpty {
                let list = actions.map { "\($0.id) (\($0.stage))" }.joined(separator: ", ")
                FileHandle.standardError.write(Messages(ledger.config.language).format(.linkedActions, list) + "\n")
            }
        case .json:
            var object = CaseRenderer.json(item)
            if case .object(var fields) = object {
                fields["linked_actions"] = .array(ActionStore.load(ledger).actions(for: item.id).map { .string($0.id) })
                object = .object(fields)
            }
            print(JSON.encode(object))
        case .html:
            print(CaseRenderer.html(item, procedure: ledger.config.procedure, language: lang ?? ledger.config.language), terminator: "")
        }
    }
}

extension Language: ExpressibleByArgument {}
