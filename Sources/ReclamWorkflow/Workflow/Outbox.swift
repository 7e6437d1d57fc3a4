import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamOutput
import ReclamRules

/// Messages ready to send, written to `outbox/` and committed with the step they belong to.
public enum Outbox {
    public static let folder = MailFolders.outbox

    /// `outbox/<case>-<letter>.eml`, numbered when a case gets the same letter twice (reopened).
    public static func path(caseID: String, letter: String, ledger: Ledger) -> String {
        var path = "\(folder)/\(caseID)-\(letter).eml"
        var number = 2
        while FileSystem.kind(of: ledger.url(path)) != nil {
            path = "\(folder)/\(caseID)-\(letter)-\(number).eml"
            number += 1
        }
        return path
    }

    /// The email for a letter: to the case's `contact` when set, else the learner's addresses
    /// (learner.md) or the original sender, in reply to the original message when the case came
    /// by email. `contact` overrides the case's own (a value being set by the same command).
    public static func message(_ letter: Letter, item: Case, context: WriteContext, date: Date, contact: String? = nil) -> MailMessage {
        var recipients: [MailMessage.Address] = []
        if let contact = contact ?? item.field("contact"), let email = EmailAddress.extract(contact) {
            recipients = [MailMessage.Address(email: email)]
        }
        let learnerPath = "\(Ledger.casesFolder)/\(item.learner)/\(Ledger.learnerFile)"
        if recipients.isEmpty, case .success(let document) = LedgerReader.readDocument(learnerPath, in: context.ledger) {
            let learner = Learner(path: learnerPath, document: document)
            recipients = learner.emails.map { MailMessage.Address(email: $0) }
        }
        if recipients.isEmpty, let sender = item.field("sender"), let email = EmailAddress.extract(sender) {
            recipients = [MailMessage.Address(email: email)]
        }
        // The sender of `mail:` when set (the address the SMTP server accepts), else the actor.
        let sender =
            context.ledger.config.mail?.from ?? MailMessage.Address(name: context.ledger.config.organisation, email: context.actor.email)
        let domain = sender.email.split(separator: "@").last.map(String.init) ?? ""
        return MailMessage(
            from: sender,
            to: recipients, subject: letter.subject, body: letter.body, date: date, timeZone: context.ledger.config.timeZone,
            messageID: MailMessage.makeID(caseID: item.id, date: date, domain: domain),
            inReplyTo: item.field("message_id").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "<> ")) })
    }
}

extension Outbox {
    /// The `contact` of a case being moved (the value `--set` gives it, else its own), or nil
    /// when the case has none. A case whose `contact` is empty, or is not an address, came from
    /// an email without a sender: it is not acknowledged until a person sets the address.
    public static func requireContact(_ plan: MovePlan, verb: String) throws(ReclamError) -> String? {
        let value = plan.changedFields.last(where: { $0.field == "contact" })?.new ?? plan.item.field("contact")
        guard let value else { return nil }
        let id = plan.item.id
        let fix = "reclam \(verb) \(id) --set contact=ADDRESS"
        if value.allSatisfy(\.isWhitespace) {
            throw .refused(
                "case \(id) has no contact: the email it came from had no sender, so there is nobody to send the "
                    + "acknowledgement to; set the address as you acknowledge: \(fix)")
        }
        guard EmailAddress.extract(value) != nil else {
            throw .refused("case \(id): contact '\(Escape.terminal(value))' is not an email address; set one: \(fix)")
        }
        return value
    }
}

enum EmailAddress {
    /// The address inside "Name <addr>", or the text itself when it is a bare address.
    static func extract(_ text: String) -> String? {
        if let open = text.lastIndex(of: "<"), let close = text.lastIndex(of: ">"), open < close {
            return String(text[text.index(after: open)..<close])
        }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return trimmed.contains("@") && !trimmed.contains(" ") ? trimmed : nil
    }
}
