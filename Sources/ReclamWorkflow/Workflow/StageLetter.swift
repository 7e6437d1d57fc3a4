import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamOutput
import ReclamRules

/// The letter a move writes by itself: reaching `responded` writes the `response` letter to
/// `outbox/`, in the same commit as the step, rendered from the case as the move leaves it.
///
/// The channel is the case's `response_channel`: `email` (or none) writes an email, refused when
/// it has no recipient; `letter` writes the letter as Markdown to print and post
/// (`outbox/<case>-response.md`, which `reclam send` leaves alone); `phone` and `in-person`
/// write nothing, the note of the step says what was said.
enum StageLetter {
    /// Target stage → letter template.
    static let letters = ["responded": "response"]

    static func writes(_ plan: MovePlan, request: MoveRequest, context: WriteContext) throws(ReclamError) -> [(
        path: String, contents: Data
    )] {
        guard let name = letters[plan.to], request.via == nil else { return [] }
        let language = context.ledger.config.language
        // The template may have been removed on purpose: no template, no letter.
        guard (try? LetterRenderer.source(name, language, ledger: context.ledger)) != nil else { return [] }
        let item: Case
        do {
            item = Case(path: plan.item.path, document: try MarkdownDocument.parse(TextFile(text: plan.newText)))
        } catch {
            throw .refused(Messages(language).format(.cannotReadAfterMove, plan.item.path, error.message))
        }
        switch item.field("response_channel") ?? "email" {
        case "email":
            let letter = try LetterRenderer.render(name, language: language, item: item, ledger: context.ledger, now: plan.at)
            let message = try Outbox.addressedMessage(letter, item: item, context: context, date: plan.at)
            return [(Outbox.path(caseID: item.id, letter: name, ledger: context.ledger), Data(message.rendered().utf8))]
        case "letter":
            let letter = try LetterRenderer.render(
                name, language: language, item: item, ledger: context.ledger, now: plan.at, markdownBody: true)
            let path = Outbox.path(caseID: item.id, letter: name, ledger: context.ledger, extension: "md")
            return [(path, Data("# \(Escape.markdown(letter.subject))\n\n\(letter.body)".utf8))]
        default:
            return []
        }
    }
}
