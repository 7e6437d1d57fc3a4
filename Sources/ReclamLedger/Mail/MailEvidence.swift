import Foundation
import ReclamCore
import ReclamGit

/// What the message folders say about the steps that send an email, for the SLA clocks.
///
/// A step that wrote a message (`reclam ack` writes the acknowledgement at the step's time)
/// has happened for the SLA only once the message left: at its `X-Reclam-Sent` time when it
/// is in `sent/`, not at all while it waits in `outbox/` or was refused (`outbox/failed/`).
/// A message and its step are matched by case and time: the message's `Date` is the step's
/// `at`, to the second. A step without a message (an acknowledgement by phone, by letter)
/// counts at its own time.
public struct MailEvidence: Sendable {
    public struct Message: Sendable {
        public var path: String
        public var letter: String?
        /// The `Date` header: when the message was written, the time of its step.
        public var written: Date
        /// When it left; nil while it waits or after a refusal.
        public var sent: Date?
        /// The server's refusal, for a message in `outbox/failed/`.
        public var refusal: String?
    }

    public var byCase: [String: [Message]]
    public var language: Language

    public init(byCase: [String: [Message]] = [:], language: Language = .fr) {
        self.byCase = byCase
        self.language = language
    }

    public static let none = MailEvidence()

    /// Reads the headers of every message in `outbox/`, `outbox/failed/` and `sent/`.
    public static func read(_ ledger: Ledger) -> MailEvidence {
        var evidence = MailEvidence(language: ledger.config.language)
        let folders: [(paths: [String], kind: Int)] = [
            (MailFolders.messages(in: MailFolders.outbox, ledger: ledger), 0),
            (MailFolders.messages(in: MailFolders.failed, ledger: ledger), 1),
            (MailFolders.sentMessages(ledger: ledger), 2),
        ]
        for (paths, kind) in folders {
            for path in paths {
                guard let file = MailFolders.read(path, ledger: ledger), let caseID = file.caseID, let written = file.date else { continue }
                var message = Message(path: path, letter: file.letter, written: written, sent: nil, refusal: nil)
                if kind == 1 {
                    let failed = file.header("X-Reclam-Failed") ?? ""
                    message.refusal =
                        failed.split(separator: ";", maxSplits: 2).dropFirst(2).first.map {
                            $0.trimmingCharacters(in: .whitespaces)
                        } ?? failed
                }
                if kind == 2 {
                    guard let sent = file.sentAt else { continue }
                    message.sent = sent
                }
                evidence.byCase[caseID, default: []].append(message)
            }
        }
        return evidence
    }

    /// The instant a step counts from, for the SLA: its own time, or the time its message left;
    /// nil while its message has not left.
    package func effectiveTime(caseID: String, step at: Date) -> Date? {
        guard let messages = byCase[caseID] else { return at }
        let second = Int(at.timeIntervalSince1970.rounded(.down))
        guard let message = messages.first(where: { Int($0.written.timeIntervalSince1970.rounded(.down)) == second }) else {
            return at
        }
        return message.sent.map { max($0, at) }
    }

    /// Warnings for the case's messages refused by the server.
    package func warnings(caseID: String, file: String) -> [Diagnostic] {
        (byCase[caseID] ?? []).compactMap { message in
            guard let refusal = message.refusal else { return nil }
            let label: String
            switch (message.letter, language) {
            case ("ack", .fr): label = "accusé de réception non délivré"
            case ("ack", .en): label = "acknowledgement not delivered"
            case (_, .fr): label = "email non délivré"
            case (_, .en): label = "email not delivered"
            }
            return Diagnostic(
                .mailUndelivered,
                "\(label): \(message.path) was refused (\(refusal)); correct the address (learner.md and the message's To:), "
                    + "git mv the message back to outbox/, commit, and run 'reclam send'", file: file)
        }
    }
}
