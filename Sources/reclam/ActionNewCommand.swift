import ArgumentParser
import ReclamKit

struct ActionNewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create an improvement action, commit it, and print its id.",
        discussion: """
            Example:
              reclam action new --title "Contrôle des envois d'attestations" --kind corrective \\
                --cases 20260914-asd3,20261112-ub9b --owner "Claire Martin" --due 2026-12-15
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var write: WriteOptions
    @Option(help: "What is done.") var title: String
    @Option(help: "corrective, preventive or improvement.") var kind: String
    @Option(help: ArgumentHelp("The cases it answers, comma-separated.", valueName: "id,id")) var cases: String?
    @Option(help: "Who carries it out.") var owner: String?
    @Option(help: ArgumentHelp("When it must be done, YYYY-MM-DD.", valueName: "date")) var due: String?

    func run() throws {
        let ids = (cases ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let request = ActionWorkflow.NewAction(title: title, kind: kind, cases: ids, owner: owner, due: due)
        print(try ActionWorkflow.create(request, context: try write.context(global)).id)
    }
}
