import ArgumentParser
import Foundation
import ReclamKit

struct IntakeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intake",
        abstract: "Take in complaints received by email: one case per message, in one commit.",
        discussion: """
            Reads each message (.eml files, or the new messages of a Maildir) with GMime
            and writes one case per message: title from the subject, text from the text
            part (or the HTML part as plain text), received from the Date header, the
            Message-ID and the sender's address, and the attachments in
            cases/<learner>/<case-id>/. The learner is found by the sender's address in
            the learners' 'emails:' lists, else --learner.

            Standard output: one case id per message taken in (the existing case's id for
            a message taken in before). Standard error: one line per file. A message
            already taken in creates nothing. A malformed message a mail program would
            still show becomes a case listing what was wrong (intake_warnings), with the
            message kept as original.eml; a message without sender needs --learner and
            gets an empty contact, set when acknowledging. Refused messages write nothing;
            the others are committed in one commit, then the exit status is 1. Maildir
            messages taken in move to cur/ with the Seen flag; those whose learner is not
            known stay in new/ until the cause is fixed; files that are not messages, are
            over the limits or are MIME bombs move to refused/. docs/INTAKE.md has the
            details.

            Examples:
              reclam intake complaint.eml
              reclam intake --learner stg-2026-014 forwarded.eml
              reclam intake --maildir ~/Maildir/reclamations
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var write: WriteOptions

    @Argument(help: ArgumentHelp("Message files (.eml).", valueName: "file")) var files: [String] = []

    @Option(help: "The learner of messages whose sender is in no learner's 'emails:' list.") var learner: String?

    @Option(help: ArgumentHelp("A Maildir folder: take in the messages of its new/ folder.", valueName: "dir")) var maildir: String?

    @Option(
        name: .customLong("max-size"),
        help: ArgumentHelp("The largest message accepted, in bytes or with K, M or G (default 25M).", valueName: "size"))
    var maxSize: String?

    @Option(name: .customLong("max-parts"), help: ArgumentHelp("The most MIME parts a message may have.", valueName: "n"))
    var maxParts: Int = 100

    @Option(name: .customLong("max-depth"), help: ArgumentHelp("How deep MIME parts may nest.", valueName: "n"))
    var maxDepth: Int = 10

    func validate() throws {
        if files.isEmpty && maildir == nil { throw ReclamError.usage("give message files, or --maildir DIR") }
        if maxParts < 1 { throw ReclamError.usage("--max-parts must be at least 1") }
        if maxDepth < 1 { throw ReclamError.usage("--max-depth must be at least 1") }
        if let maxSize, ByteSize.parse(maxSize) == nil {
            throw ReclamError.usage("--max-size '\(maxSize)' is not a size; write e.g. 25M, 500K or 1048576")
        }
    }

    func run() throws {
        let context = try write.context(global)
        let m = Messages(context.ledger.config.language)
        var inputs = files.map { EmailIntake.Input(label: $0, url: URL(fileURLWithPath: $0)) }
        var fromMaildir = Set<String>()
        if let maildir {
            let messages = try Maildir.newMessages(in: URL(fileURLWithPath: maildir))
            for url in messages {
                let label = (maildir as NSString).appendingPathComponent("new/\(url.lastPathComponent)")
                inputs.append(EmailIntake.Input(label: label, url: url))
                fromMaildir.insert(url.path)
            }
            if messages.isEmpty { FileHandle.standardError.write("reclam: \(m.format(.intakeNoNewMessage, maildir))\n") }
        }
        var limits = IncomingMailLimits(maximumParts: maxParts, maximumDepth: maxDepth)
        if let maxSize, let bytes = ByteSize.parse(maxSize) { limits.maximumSize = bytes }
        let report = try EmailIntake.run(inputs, options: EmailIntake.Options(learner: learner, limits: limits), context: context)
        for item in report.items {
            for warning in item.warnings { FileHandle.standardError.write(m.format(.intakeWarning, item.input.label, warning) + "\n") }
            switch item.outcome {
            case .created(let id):
                print(id)
                FileHandle.standardError.write(m.format(.intakeNew, item.input.label, id) + "\n")
            case .existing(let id):
                print(id)
                FileHandle.standardError.write(m.format(.intakeExisting, item.input.label, id) + "\n")
            case .refused(let reason):
                FileHandle.standardError.write(m.format(.intakeRefused, item.input.label, reason) + "\n")
            case .rejected(let reason):
                var line = m.format(.intakeRefused, item.input.label, reason)
                if fromMaildir.contains(item.input.url.path) {
                    switch Maildir.moveRefused(item.input.url) {
                    case .success(let moved):
                        let shown =
                            (maildir.map { ($0 as NSString).appendingPathComponent(Maildir.refusedFolder) } ?? "refused")
                            + "/" + moved.lastPathComponent
                        line += m.format(.intakeMovedAside, shown)
                    case .failure(let error):
                        line += "; \(error.message)"
                    }
                }
                FileHandle.standardError.write(line + "\n")
            case .unreadable(let reason):
                FileHandle.standardError.write(m.format(.intakeError, item.input.label, reason) + "\n")
            }
            if item.outcome.caseID != nil, fromMaildir.contains(item.input.url.path), let problem = Maildir.markSeen(item.input.url) {
                FileHandle.standardError.write(m.format(.intakeWarning, item.input.label, problem) + "\n")
            }
        }
        let refused = report.refused + report.rejected
        let existing = report.items.count - report.created - refused - report.unreadable
        var summary =
            m.count(report.created, one: .intakeNewOne, many: .intakeNewMany) + ", "
            + m.count(existing, one: .intakeExistingOne, many: .intakeExistingMany)
        if refused > 0 { summary += ", " + m.count(refused, one: .intakeRefusedOne, many: .intakeRefusedMany) }
        if report.unreadable > 0 { summary += ", " + m.count(report.unreadable, one: .intakeUnreadableOne, many: .intakeUnreadableMany) }
        FileHandle.standardError.write("reclam: \(summary)\n")
        if report.unreadable > 0 { throw ExitCode(2) }
        if refused > 0 { throw ExitCode(1) }
    }
}

/// `25M`, `500K`, `1G`, `1048576` (powers of 1024).
enum ByteSize {
    static func parse(_ text: String) -> Int? {
        var digits = text.trimmingCharacters(in: .whitespaces).uppercased()
        for suffix in ["IB", "B"] where digits.hasSuffix(suffix) && digits.count > suffix.count {
            digits.removeLast(suffix.count)
            break
        }
        var factor = 1
        if let last = digits.last, let power = ["K": 1, "M": 2, "G": 3][String(last)] {
            factor = 1 << (10 * power)
            digits.removeLast()
        }
        guard let value = Int(digits), value > 0, value <= Int.max / factor else { return nil }
        return value * factor
    }
}
