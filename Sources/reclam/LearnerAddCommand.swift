import ArgumentParser
import Foundation
import ReclamKit

struct LearnerAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Create a learner's file (cases/<id>/learner.md) with their addresses, in one commit.",
        discussion: """
            The addresses are where acknowledgements and answers are sent, and how intake
            recognises the learner's email. The commit message names the id only.

            Example:
              reclam learner add stg-2026-014 --email camille.durand@example.org --name "Camille Durand" --session 2026-S1
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var write: WriteOptions
    @Argument(help: "The learner's pseudonymous id (a-z, 0-9, -).") var id: String
    @Option(help: "An email address (repeatable).") var email: [String] = []
    @Option(help: "The learner's name, for letters.") var name: String?
    @Option(help: "The training followed.") var training: String?
    @Option(help: "The session.") var session: String?
    @Option(help: "Who funds the training.") var funder: String?

    func run() throws {
        let context = try write.context(global)
        let sets = [("name", name), ("training", training), ("session", session), ("funder", funder)].compactMap { field, value in
            value.map { (field: field, value: $0) }
        }
        let commit = try LearnerFile.add(id, emails: email, sets: sets, context: context)
        print("\(LearnerFile.path(id)) (\(commit.commit.short))")
    }
}

struct LearnerEditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Add or remove a learner's addresses, or change a field of learner.md, in one commit.",
        discussion: """
            Examples:
              reclam learner edit stg-2026-014 --add-email camille.durand@example.org
              reclam learner edit stg-2026-014 --remove-email ancienne@example.org --set session=2026-S2
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var write: WriteOptions
    @Argument(help: "The learner's id.") var id: String
    @Option(help: "Add an email address (repeatable).") var addEmail: [String] = []
    @Option(help: "Remove an email address (repeatable).") var removeEmail: [String] = []
    @Option(name: .customLong("set"), help: ArgumentHelp("Set a field: name, training, session, funder.", valueName: "field=value"))
    var sets: [String] = []

    func run() throws {
        let fields = try FieldAssignments.parse(sets)
        let context = try write.context(global)
        let commit = try LearnerFile.edit(
            id, LearnerFile.Edit(addEmails: addEmail, removeEmails: removeEmail, sets: fields), context: context)
        print("\(LearnerFile.path(id)) (\(commit.commit.short))")
    }
}
