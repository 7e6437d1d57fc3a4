import ArgumentParser
import ReclamKit

struct RejectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reject",
        abstract: "Reject a case that is not a complaint, with the reason (the 'reject' transition).",
        discussion: """
            The reason's form comes from the procedure: free text in the training preset, one of
            information-request, general-opinion or other in the network preset.

            Examples:
              reclam reject 20261013-2rtq --reason "Demande d'information sur les dates de session"
              reclam reject 20261013-2rtq --reason information-request
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var write: WriteOptions
    @Argument(help: "The case id.") var id: String
    @Option(help: "Why it is rejected (sets 'rejection_reason').") var reason: String
    @OptionGroup var move: MoveOptions

    func run() throws {
        let request = try move.request(id: id, verb: "reject", extra: [("rejection_reason", reason)])
        MoveOutput.print(try CaseMove.run(request, context: try write.context(global)))
    }
}
