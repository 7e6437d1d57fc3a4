import ArgumentParser
import ReclamKit

struct ActionLinkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "link",
        abstract: "Link an action to more cases.",
        discussion: """
            Example:
              reclam action link act-20261120-k7p3 20261112-ub9b 20261103-pmgg
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var write: WriteOptions
    @Argument(help: "The action id.") var action: String
    @Argument(help: "The case ids.") var cases: [String]

    func run() throws {
        let context = try write.context(global)
        let result = try ActionWorkflow.link(action, cases: cases, context: context)
        let m = Messages(context.ledger.config.language)
        print("\(action)\(m[.colon])\(m.format(.linkedTo, cases.joined(separator: ", "))) (\(result.commit.short))")
    }
}
