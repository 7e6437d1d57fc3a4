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
    public static func addressedMessage(
        _ letter: Letter, item: Case, context: WriteContext, date: Date, contact: String? = nil
    ) throws(ReclamError) -> MailMessage {
        let message = message(letter, item: item, context: context, date: date, contact: contact)
        if message.to.isEmpty {
            let m = Messages(context.ledger.config.language)
            var hint = m.format(.outboxAddLearnerAddress, item.learner)
            if letter.name == "ack" { hint += m.format(.outboxOrAckOtherWay, item.id) }
            throw .refused(m.format(.outboxNoAddress, item.id, letter.name, hint))
        }
        return message
    }

    /// The email for a letter: to the learner's addresses (learner.md), else the case's
    /// `contact`, else the original sender, in reply to the original message when the case came
    /// by email. `contact`, an address being set by the same command, comes before them all.
    public static func message(_ letter: Letter, item: Case, context: WriteContext, date: Date, contact: String? = nil) -> MailMessage {
        var recipients: [MailMessage.Address] = []
        if let contact, let email = EmailAddress.extract(contact) {
            recipients = [MailMessage.Address(email: email)]
        }
        let learnerPath = "\(Ledger.casesFolder)/\(item.learner)/\(Ledger.learnerFile)"
        if recipients.isEmpty, case .success(let document) = LedgerReader.readDocument(learnerPath, in: context.ledger) {
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

extension Outbox {
    /// Refuses a case whose `contact` (the value `--set` gives it, else its own) is empty or not
    /// an address: it came from an email without a sender and is not acknowledged until a person
    /// sets the address. Returns the address set by this command, which the email goes to.
    public static func requireContact(_ plan: MovePlan, verb: String, language: Language) throws(ReclamError) -> String? {
        let value = plan.changedFields.last(where: { $0.field == "contact" })?.new ?? plan.item.field("contact")
        guard let value else { return nil }
        let id = plan.item.id
        let m = Messages(language)
        let fix = "reclam \(verb) \(id) --set contact=\(m[.addressPlaceholder])"
        if value.allSatisfy(\.isWhitespace) { throw .refused(m.format(.contactEmpty, id, fix)) }
        guard EmailAddress.extract(value) != nil else {
            throw .refused(m.format(.contactNotAddress, id, Escape.terminal(value), fix))
        }
        return plan.changedFields.last(where: { $0.field == "contact" })?.new
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
