import ArgumentParser
import Foundation
import ReclamKit
import ReclamMail

struct SendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: "Deliver the messages of outbox/ (SMTP or sendmail, from reclam.yml's mail:), each exactly once.",
        discussion: """
            Sends every committed message of outbox/ (or only those of the given cases), over
            one SMTP connection with TLS verified against the system's certificates, or through
            the sendmail command. Each delivered message moves to sent/<yyyy>/<mm>/ with an
            X-Reclam-Sent header (when, how, the server's answer); a message refused for good
            (5xx) moves to outbox/failed/ with an X-Reclam-Failed header, and reclam sla warns
            on its case. One commit records the run, with a 'Reclam-Sent: <Message-ID>' trailer
            per message and a journal line on each case.

            A message is never sent twice: a delivery log, .git/reclam/send.log, is written
            before the commit and completed by the next run if this one is interrupted. A
            message whose last byte left but whose answer never came is 'in doubt' and is not
            sent again until you say so (--mark-sent if it arrived, --retry-in-doubt if not).
            The password comes from RECLAM_SMTP_PASSWORD or mail.password_file. docs/MAIL.md
            explains the settings.

            Exit status: 0 when every message asked for was sent, 1 when one was refused,
            deferred (4xx, server unreachable: it stays in outbox/), in doubt or skipped, 2 for
            a usage or I/O error.

            Examples:
              reclam send --dry-run
              reclam send
              reclam send 20261005-k7p3
              reclam send --mark-sent 20261005-k7p3     # handed over by other means
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var write: WriteOptions
    @Argument(help: ArgumentHelp("Only the messages of these cases (default: all of outbox/).", valueName: "id")) var ids: [String] = []
    @Flag(help: "List what would be sent; send and change nothing.") var dryRun = false
    @Flag(help: "Record the messages of the given cases as sent, without sending them.") var markSent = false
    @Flag(help: "Send again the messages in doubt of the given cases (the recipient did not get them).") var retryInDoubt = false

    func validate() throws {
        if (markSent || retryInDoubt) && ids.isEmpty {
            throw ReclamError.usage("--mark-sent and --retry-in-doubt need the case ids of the messages concerned")
        }
        if markSent && retryInDoubt { throw ReclamError.usage("--mark-sent and --retry-in-doubt exclude each other") }
        for id in ids {
            if let problem = Identifier.problem(id) { throw ReclamError.usage("\(id): \(problem)") }
        }
    }

    func run() throws {
        let context = try write.context(global)
        let environment = ProcessInfo.processInfo.environment
        let request = SendRequest(caseIDs: ids, dryRun: dryRun, markSent: markSent, retryInDoubt: retryInDoubt)
        let config = context.ledger.config
        if config.mail == nil, config.root?["mail"] != nil {
            throw ReclamError(
                .refused, Messages(config.language)[.mailSettingsRefused],
                diagnostics: context.ledger.configDiagnostics.filter { $0.rule == Rule.mailInvalid.id && $0.severity == .error })
        }
        let report = try SendRun.run(request, context: context, environment: environment) { () throws(ReclamError) -> MailTransport in
            guard let settings = context.ledger.config.mail else {
                throw .usage("reclam.yml has no 'mail:' section; docs/MAIL.md shows one")
            }
            return try MailTransports.make(settings, ledgerRoot: context.ledger.root, environment: environment)
        }
        let m = Messages(context.ledger.config.language)
        for warning in report.warnings {
            FileHandle.standardError.write("reclam: " + m.severity(.warning) + m[.colon] + warning + "\n")
        }
        var problems = 0
        for item in report.items {
            let (line, sent) = Self.line(item, m)
            print(line)
            if !sent { problems += 1 }
        }
        if let commit = report.commit {
            print("commit \(commit.commit.hex.prefix(12))")
        }
        if report.items.isEmpty { FileHandle.standardError.write("reclam: \(m[.sendNothing])\n") }
        if problems > 0 {
            FileHandle.standardError.write("reclam: \(m.count(problems, one: .sendNotSentOne, many: .sendNotSentMany))\n")
            throw ExitCode(1)
        }
    }

    /// What became of one message, and whether it left (or would leave, with --dry-run).
    static func line(_ item: SendReport.Item, _ m: Messages) -> (text: String, sent: Bool) {
        switch item.outcome {
        case .sent(let target, let reply, let earlier):
            return (m.format(.sendSent, item.path, target, earlier ? m[.sendEarlier] : "", reply), true)
        case .refused(let target, let reply): return (m.format(.sendRefused, item.path, target, reply), false)
        case .deferred(let reason): return (m.format(.sendDeferred, item.path, reason), false)
        case .inDoubt(let reason): return (m.format(.sendInDoubt, item.path, reason), false)
        case .skipped(let reason): return (m.format(.sendSkipped, item.path, reason), false)
        case .wouldSend(let recipients):
            let count = recipients == 1 ? m[.recipient] : m.format(.recipients, String(recipients))
            return (m.format(.wouldSend, item.path, count), true)
        }
    }
}
