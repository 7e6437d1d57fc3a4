import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamOutput
import ReclamRules

/// Messages ready to send, written to `outbox/` and committed with the step they belong to.
public enum Outbox {
    public static let folder = "outbox"

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

    /// The email for a letter: to the learner's addresses (learner.md) or the original sender,
    /// in reply to the original message when the case came by email.
    public static func message(_ letter: Letter, item: Case, context: WriteContext, date: Date) -> MailMessage {
        var recipients: [MailMessage.Address] = []
        let learnerPath = "\(Ledger.casesFolder)/\(item.learner)/\(Ledger.learnerFile)"
        if case .success(let document) = LedgerReader.readDocument(learnerPath, in: context.ledger) {
            let learner = Learner(path: learnerPath, document: document)
            recipients = learner.emails.map { MailMessage.Address(email: $0) }
        }
        if recipients.isEmpty, let sender = item.field("sender"), let email = EmailAddress.extract(sender) {
            recipients = [MailMessage.Address(email: email)]
        }
        let domain = context.actor.email.split(separator: "@").last.map(String.init) ?? ""
        return MailMessage(
            from: MailMessage.Address(name: context.ledger.config.organisation, email: context.actor.email),
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
