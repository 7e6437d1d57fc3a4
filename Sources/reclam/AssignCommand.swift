import ArgumentParser
import ReclamKit

struct AssignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign",
        abstract: "Assign a case to the person who will handle it (the 'assign' transition).",
        discussion: """
            Example:
              reclam assign 20261005-k7p3 --to "Karim Benali"
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var write: WriteOptions
    @Argument(help: "The case id.") var id: String
    @Option(help: "Who handles the case (sets 'owner').") var to: String
    @OptionGroup var move: MoveOptions

    func run() throws {
        let request = try move.request(id: id, verb: "assign", extra: [("owner", to)])
        MoveOutput.print(try CaseMove.run(request, context: try write.context(global)))
    }
}
