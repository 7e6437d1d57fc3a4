import ArgumentParser
import Foundation
import ReclamKit

struct LearnerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "learner",
        abstract: "Learners: the follow-up sheet (reclam learner ID), add a learner, edit their addresses.",
        discussion: """
            Examples:
              \(LearnerShowCommand.example)
              reclam learner add stg-2026-014 --email camille.durand@example.org
              reclam learner edit stg-2026-014 --add-email c.durand@example.net
            """,
        subcommands: [LearnerShowCommand.self, LearnerAddCommand.self, LearnerEditCommand.self],
        defaultSubcommand: LearnerShowCommand.self
    )
}

struct LearnerShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "The learner's follow-up sheet: each case with its steps, solutions, actions and dates.",
        discussion: """
            Example:
              \(example)
              reclam learner stg-2026-014 -o fiche.md
            """
    )

    /// The sheet is the group's default subcommand (`reclam learner ID`), so the group's help
    /// shows this example too.
    static let example = "reclam learner stg-2026-014 --format html > fiche.html"

    enum Format: String, OutputFormat { case md, html }

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The learner's id.") var id: String
    @Option(help: Format.help) var format: Format = .md
    @Option(name: .short, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file")) var output: String?

    func run() throws {
        let ledger = try global.openLedger()
        let sheet = try LearnerSheet.load(id, ledger: ledger)
        try OutputOptions.write(format == .md ? sheet.markdown() : sheet.html(), to: output)
    }
}
