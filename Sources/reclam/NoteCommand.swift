import ArgumentParser
import Foundation
import ReclamKit

struct NoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "note",
        abstract: "Write a line in a case's journal, and nothing else, in one commit.",
        discussion: """
            The line is dated now and signed with the author of the commit; line
            breaks in TEXT become spaces. The front-matter and the other sections
            of the case are left as they were. The staff workspace's note form
            runs the same code.

            Example:
              reclam note 20261005-k7p3 "Rappelé le stagiaire : attend la réponse du financeur"
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var write: WriteOptions
    @Argument(help: "The case id.") var id: String
    @Argument(help: "The text of the journal line.") var text: String

    func run() throws {
        let context = try write.context(global)
        let result = try CaseNote.add(id, text: text, context: context)
        print("\(result.id)\(Messages(context.ledger.config.language)[.colon])journal (\(result.commit.commit.short))")
    }
}
