import ArgumentParser
import Foundation
import ReclamKit

struct MoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "move",
        abstract: "Move a case to another stage of the procedure, and commit.",
        discussion: """
            The procedure in reclam.yml decides which moves are allowed and which fields the new
            stage requires; a refused move writes nothing (exit 1). The front-matter's 'stage' and
            'steps' change, the journal gets a line, and one commit records it.

            Examples:
              reclam move 20261005-k7p3 investigating
              reclam move 20261005-k7p3 solution-decided --set findings="Attestation jamais envoyée" \\
                --set solution="Envoi immédiat" --set solution_type=corrective-action
              reclam move 20261005-k7p3 responded --set response_channel=phone --at 2026-10-08T16:30:00+02:00
            """
    )

    @OptionGroup var arguments: MoveArguments<MovedCase>

    func run() throws {
        let context = try arguments.context()
        MoveOutput.print(try CaseMove.run(try arguments.request(), context: context), config: context.ledger.config)
    }
}
