import ArgumentParser
import ReclamKit

struct ReopenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reopen",
        abstract: "Reopen a closed case, with the reason (the 'reopen' transition).",
        discussion: """
            Example:
              reclam reopen 20261005-k7p3 --reason "Le problème de chauffage est revenu"
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var write: WriteOptions
    @Argument(help: "The case id.") var id: String
    @Option(help: "Why the case is reopened (sets 'reopen_reason').") var reason: String
    @OptionGroup var move: MoveOptions

    func run() throws {
        let request = try move.request(id: id, verb: "reopen", extra: [("reopen_reason", reason)])
        MoveOutput.print(try CaseMove.run(request, context: try write.context(global)))
    }
}
