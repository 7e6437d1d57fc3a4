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
            given: reclam ack ID --set contact=ADDRESS. Without any address the acknowledgement
            is refused and nothing is written: add one (reclam learner edit LEARNER --add-email E),
            or record an acknowledgement made another way with --by and --note (no email).

            Examples:
              reclam ack 20261005-k7p3
              reclam ack 20261005-k7p3 --lang en
              reclam ack 20261005-k7p3 --by phone --note "Appel du 5/10, réception confirmée"
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var write: WriteOptions
    @Argument(help: "The case id.") var id: String
    @Option(help: "Language of the message: fr or en (default: the ledger's).") var lang: Language?
    @Option(
        help: ArgumentHelp(
            "The acknowledgement was made another way: letter, phone or in-person (needs --note; no email is written).",
            valueName: "means"))
    var by: String?
    @OptionGroup var move: MoveOptions

    func validate() throws {
        if let by {
            guard FieldCatalogue.otherMeans.contains(by) else {
                throw ReclamError.usage("--by '\(by)' is not one of: \(FieldCatalogue.otherMeans.joined(separator: ", "))")
            }
            guard let note = move.note, !note.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw ReclamError.usage("--by \(by) needs --note \"…\": when and how the acknowledgement was made")
            }
        }
    }

    func run() throws {
        let context = try write.context(global)
        let language = lang ?? context.ledger.config.language
        var request = try move.request(id: id, verb: "ack")
        request.via = by
        let result = try CaseMove.run(request, context: context) { plan throws(ReclamError) in
            if by != nil { return [] }
            let letter = try LetterRenderer.render("ack", language: language, item: plan.item, ledger: context.ledger, now: plan.at)
            let contact = try Outbox.requireContact(plan, verb: "ack", language: context.ledger.config.language)
            let message = try Outbox.addressedMessage(letter, item: plan.item, context: context, date: plan.at, contact: contact)
            return [(Outbox.path(caseID: plan.item.id, letter: "ack", ledger: context.ledger), Data(message.rendered().utf8))]
        }
        MoveOutput.print(result, config: context.ledger.config)
        if let path = result.commit.changedPaths.first(where: { $0.hasPrefix(Outbox.folder + "/") }) {
            print(Messages(context.ledger.config.language).format(.messageWritten, path))
        }
    }
}
