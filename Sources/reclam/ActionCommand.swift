import ArgumentParser

struct ActionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "action",
        abstract: "Improvement actions linked to cases: create, link, move, list.",
        discussion: """
            An action is actions/<id>.md: what was decided so that a problem does not come back,
            the cases it answers, its owner and due date, and the review of its effectiveness.

            Examples:
              id=$(reclam action new --title "Contrôle des envois d'attestations" --kind corrective --cases 20261005-k7p3)
              reclam action move "$id" done
              reclam action list --open
            """,
        subcommands: [ActionNewCommand.self, ActionLinkCommand.self, ActionMoveCommand.self, ActionListCommand.self]
    )
}
