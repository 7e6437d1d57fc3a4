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
    public static func path(caseID: String, letter: String, ledger: Ledger, extension ext: String = "eml") -> String {
        var path = "\(folder)/\(caseID)-\(letter).\(ext)"
        var number = 2
        while FileSystem.kind(of: ledger.url(path)) != nil {
            path = "\(folder)/\(caseID)-\(letter)-\(number).\(ext)"
            number += 1
        }
        return path
    }

    /// The email for a letter, refused when it would reach nobody: a letter sent by email with
    /// no `To:` is evidence of nothing. The refusal says how to add an address.
    public static func addressedMessage(_ letter: Letter, item: Case, context: WriteContext, date: Date) throws(ReclamError) -> MailMessage
    {
        let message = message(letter, item: item, context: context, date: date)
        if message.to.isEmpty {
            var hint =
                "add the learner's address with 'reclam learner edit \(item.learner) --add-email ADDRESS'"
            if letter.name == "ack" {
                hint += ", or record an acknowledgement made another way with 'reclam ack \(item.id) --by letter|phone|in-person --note …'"
            }
            throw .refused(
                "\(item.id): no address to send the \(letter.name) email to (no 'emails' in learner.md, no contact, no sender); \(hint)")
        }
        return message
    }

    /// The email for a letter: to the learner's addresses (learner.md) or the original sender,
    /// in reply to the original message when the case came by email.
    public static func message(_ letter: Letter, item: Case, context: WriteContext, date: Date) -> MailMessage {
        var recipients: [MailMessage.Address] = []
        let learnerPath = "\(Ledger.casesFolder)/\(item.learner)/\(Ledger.learnerFile)"
        if case .success(let document) = LedgerReader.readDocument(learnerPath, in: context.ledger) {
            let learner = Learner(path: learnerPath, document: document)
            recipients = learner.emails.map { MailMessage.Address(email: $0) }
        }
        if recipients.isEmpty, let contact = item.field("contact"), let email = EmailAddress.extract(contact) {
            recipients = [MailMessage.Address(email: email)]
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
