import ArgumentParser
import ReclamKit

struct CloseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "close",
        abstract: "Close a case (the 'close' transition).",
        discussion: """
            Example:
              reclam close 20261005-k7p3 --note "Stagiaire satisfaite"
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var write: WriteOptions
    @Argument(help: "The case id.") var id: String
    @OptionGroup var move: MoveOptions

    func run() throws {
        MoveOutput.print(try CaseMove.run(try move.request(id: id, verb: "close"), context: try write.context(global)))
    }
}
