import ArgumentParser
import ReclamKit

struct ActionMoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "move",
        abstract: "Move an action to another stage (planned, in-progress, done, effectiveness-checked).",
        discussion: """
            The effectiveness review needs a verdict and its evidence; a 'not-effective' verdict
            sends the action back to in-progress.

            Examples:
              reclam action move act-20261120-k7p3 in-progress
              reclam action move act-20261120-k7p3 effectiveness-checked --set verdict=effective \\
                --set evidence="Aucune attestation manquante sur les 3 sessions suivantes"
              reclam action move act-20261120-k7p3 in-progress --set verdict=not-effective --set evidence="2 oublis en décembre"
            """
    )

    @OptionGroup var arguments: MoveArguments<MovedAction>

    func run() throws {
        let context = try arguments.context()
        let result = try ActionWorkflow.move(try arguments.request(), context: context)
        // A French ledger names the action's stages by their labels, like a case's move.
        let config = context.ledger.config
        MoveOutput.print(
            arguments.id, from: result.from, to: result.to, commit: result.commit, procedure: ActionSettings.read(config).procedure,
            language: config.language)
    }
}
