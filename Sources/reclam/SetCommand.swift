import ArgumentParser
import Foundation
import ReclamKit

struct SetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Change fields of a case outside a move, in one commit.",
        discussion: """
            Each FIELD=VALUE is checked like 'reclam move --set': the field must be known (built in
            or declared by the procedure) and the value of its type. The fields reclam writes
            itself (id, learner, stage, steps, received, tags, attachments) are refused. An empty
            value removes an optional field: 'status_token_sha256=' revokes the complainant's
            status link. A journal line names the fields changed.

            Examples:
              reclam set 20261005-k7p3 category=pedagogie risk=high --note "Requalifiée après appel"
              reclam set 20261005-k7p3 status_token_sha256=
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var write: WriteOptions
    @Argument(help: "The case id.") var id: String
    @Argument(help: ArgumentHelp("The fields to change, FIELD=VALUE.", valueName: "field=value")) var assignments: [String]
    @Option(help: "A note for the journal.") var note: String?

    func run() throws {
        let sets = try FieldAssignments.parse(assignments, flag: nil)
        let context = try write.context(global)
        let result = try CaseFields.set(id, sets, note: note, context: context)
        let colon = Messages(context.ledger.config.language)[.colon]
        print("\(result.id)\(colon)\(result.changed.map(\.field).joined(separator: ", ")) (\(result.commit.commit.short))")
    }
}
