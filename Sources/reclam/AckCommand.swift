import ArgumentParser
import Foundation
import ReclamKit

struct AckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ack",
        abstract: "Acknowledge a complaint: write the acknowledgement email to outbox/ and record the step.",
        discussion: """
            Renders templates/letters/ack.<lang>.md (the text of the procedure, with the answer
            delay taken from the ledger's SLA settings) as an RFC 5322 message in
            outbox/<id>-ack.eml, addressed to the case's contact when set, else the learner
            (learner.md 'emails') or the original sender, in reply to the original email when
            there is one. The message and the move to the acknowledged stage are one commit.
            A case whose contact is empty (an email without sender) is refused until one is
            given: reclam ack ID --set contact=ADDRESS.

            Examples:
              reclam ack 20261005-k7p3
              reclam ack 20261005-k7p3 --lang en
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var write: WriteOptions
    @Argument(help: "The case id.") var id: String
    @Option(help: "Language of the message: fr or en (default: the ledger's).") var lang: Language?
    @OptionGroup var move: MoveOptions

    func run() throws {
        let context = try write.context(global)
        let language = lang ?? context.ledger.config.language
        let result = try CaseMove.run(try move.request(id: id, verb: "ack"), context: context) { plan throws(ReclamError) in
            let letter = try LetterRenderer.render("ack", language: language, item: plan.item, ledger: context.ledger, now: plan.at)
            let contact = try Outbox.requireContact(plan, verb: "ack")
            let message = Outbox.message(letter, item: plan.item, context: context, date: plan.at, contact: contact)
            return [(Outbox.path(caseID: plan.item.id, letter: "ack", ledger: context.ledger), Data(message.rendered().utf8))]
        }
        MoveOutput.print(result)
        if let path = result.commit.changedPaths.first(where: { $0.hasPrefix(Outbox.folder + "/") }) {
            print("message: \(path)")
        }
    }
}
