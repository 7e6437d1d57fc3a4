import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamOutput
import ReclamRules

/// `reclam intake`: one case per email message, all in one commit.
public enum EmailIntake {
    public struct Options: Sendable {
        /// The learner of messages whose sender is in no learner's `emails:` list.
        public var learner: String?
        public var limits: IncomingMailLimits

        public init(learner: String? = nil, limits: IncomingMailLimits = IncomingMailLimits()) {
            self.learner = learner
            self.limits = limits
        }
    }

    /// A message file to take in.
    public struct Input: Sendable {
        /// How the file is named in reports (the path as given).
        public var label: String
        public var url: URL

        public init(label: String, url: URL) {
            self.label = label
            self.url = url
        }
    }

    public enum Outcome: Sendable, Equatable {
        /// A new case, created by this run.
        case created(String)
        /// The message was already taken in, as this case (earlier, or earlier in this run).
        case existing(String)
        /// The message is not taken in yet, for this reason (its learner is not known); nothing
        /// of it is written, and it can be taken in once the cause is fixed.
        case refused(String)
        /// The file will never be taken in as it is: it is not a message, it is over the
        /// limits, or it is a MIME bomb. Nothing of it is written.
        case rejected(String)
        /// The file could not be read.
        case unreadable(String)

        /// The case id to print, when there is one.
        public var caseID: String? {
            switch self {
            case .created(let id), .existing(let id): id
            default: nil
            }
        }
    }

    public struct Item: Sendable {
        public var input: Input
        public var outcome: Outcome
        /// Things the user should know that did not stop the intake (a missing Date…).
        public var warnings: [String]
    }

    public struct Report: Sendable {
        public var items: [Item]
        /// The commit holding every new case, nil when nothing was new.
        public var commit: CommitResult?

        public var created: Int { items.filter { if case .created = $0.outcome { true } else { false } }.count }
        public var refused: Int { items.filter { if case .refused = $0.outcome { true } else { false } }.count }
        public var rejected: Int { items.filter { if case .rejected = $0.outcome { true } else { false } }.count }
        public var unreadable: Int { items.filter { if case .unreadable = $0.outcome { true } else { false } }.count }
    }

    /// A message read and understood, before the ledger is consulted.
    struct Parsed: Sendable {
        var mail: IncomingMail
        var fileTime: Date?
        /// The Message-ID, or nil; then `contentHash` is the key.
        var messageID: String?
        var contentHash: String
    }

    public static func run(_ inputs: [Input], options: Options, context: WriteContext) throws(ReclamError) -> Report {
        if let learner = options.learner, let problem = Identifier.problem(learner) { throw .usage("--learner: \(problem)") }
        var parsed: [Result<Parsed, ItemFailure>] = []
        let m = Messages(context.ledger.config.language)
        for input in inputs { parsed.append(read(input, limits: options.limits, m)) }
        return try context.retryingConflicts { () throws(ReclamError) -> Report in
            try attempt(inputs, parsed, options: options, context: context)
        }
    }

    struct ItemFailure: Error, Sendable {
        var outcome: Outcome
    }

    static func read(_ input: Input, limits: IncomingMailLimits, _ m: Messages = Messages(.en)) -> Result<Parsed, ItemFailure> {
        let data: Data
        do {
            data = try FileSystem.readRegularFile(input.url, limit: limits.maximumSize)
        } catch {
            if error.kind == .tooLarge {
                return .failure(
                    ItemFailure(
                        outcome: .rejected(
                            m.format(.intakeMaxSize, String(error.size), String(error.limit), String(limits.maximumSize)))))
            }
            return .failure(ItemFailure(outcome: .unreadable(m.format(.intakeCannotRead, error.message))))
        }
        let mail: IncomingMail
        do { mail = try IncomingMailReader.read(data, limits: limits) } catch {
            return .failure(ItemFailure(outcome: .rejected(error.reason.text(m))))
        }
        let attributes = try? FileManager.default.attributesOfItem(atPath: input.url.path)
        let fileTime = attributes?[.modificationDate] as? Date
        let hash = IntakeHash.sha256(
            fields: [
                "email", mail.senderAddress?.lowercased() ?? "", mail.dateHeader ?? "", mail.subject ?? "", mail.body,
            ] + mail.attachments.map { IntakeHash.sha256($0.data) })
        let messageID = mail.messageID.map(IntakeIndex.normalisedMessageID).flatMap { $0.isEmpty ? nil : $0 }
        return .success(Parsed(mail: mail, fileTime: fileTime, messageID: messageID, contentHash: hash))
    }

    static func attempt(_ inputs: [Input], _ parsed: [Result<Parsed, ItemFailure>], options: Options, context: WriteContext)
        throws(ReclamError) -> Report
    {
        let index = try IntakeIndex.load(context.ledger)
        let m = Messages(context.ledger.config.language)
        var items: [Item] = []
        var planned: [IntakePlannedCase] = []
        var plannedIDs = Set<String>()
        var takenInThisRun: [String: String] = [:]
        for (input, result) in zip(inputs, parsed) {
            switch result {
            case .failure(let failure):
                items.append(Item(input: input, outcome: failure.outcome, warnings: []))
            case .success(let message):
                let key = message.messageID.map { "id:\($0)" } ?? "sha256:\(message.contentHash)"
                if let existing = message.messageID.flatMap({ index.messageIDs[$0] }) ?? index.contentHashes[message.contentHash]
                    ?? takenInThisRun[key]
                {
                    items.append(Item(input: input, outcome: .existing(existing), warnings: []))
                    continue
                }
                var warnings = message.mail.warnings.map { $0.text(m) }
                let learner: String
                switch resolveLearner(message.mail, option: options.learner, index: index, label: input.label, m) {
                case .failure(let failure):
                    items.append(Item(input: input, outcome: failure.outcome, warnings: warnings))
                    continue
                case .success(let (found, warning)):
                    learner = found
                    if let warning { warnings.append(warning) }
                }
                let (received, dateWarning) = receivedDate(message, now: context.now, timeZone: context.ledger.config.timeZone, m)
                var malformations = message.mail.warnings.map { $0.text(m) }
                if let dateWarning {
                    warnings.append(dateWarning)
                    malformations.append(dateWarning)
                }
                let id = IntakeBatch.newID(received: received, index: index, planned: plannedIDs, timeZone: context.ledger.config.timeZone)
                let plan = plan(message, id: id, learner: learner, received: received, warnings: malformations, context: context)
                if plan.truncated {
                    warnings.append(m[.intakeTruncated])
                }
                if let problem = validate(plan.planned) {
                    items.append(Item(input: input, outcome: .refused(problem), warnings: warnings))
                    continue
                }
                planned.append(plan.planned)
                plannedIDs.insert(id)
                takenInThisRun[key] = id
                items.append(Item(input: input, outcome: .created(id), warnings: warnings))
            }
        }
        guard !planned.isEmpty else { return Report(items: items, commit: nil) }
        let summary = "intake: \(IntakeBatch.count(planned.count, "case")) from email"
        let change = try IntakeBatch.change(planned, summary: summary, source: "email", index: index, context: context)
        let result = try context.commit(change)
        return Report(items: items, commit: result)
    }

    /// The sender's learner from the `emails:` lists; `--learner` when the address is listed
    /// nowhere (or to choose between several learners listing it).
    static func resolveLearner(
        _ mail: IncomingMail, option: String?, index: IntakeIndex, label: String, _ m: Messages = Messages(.en)
    ) -> Result<
        (String, String?), ItemFailure
    > {
        guard mail.senderAddress != nil else {
            if let option { return .success((option, nil)) }
            return .failure(
                ItemFailure(
                    outcome: .refused(m.format(.intakeNoSender, Escape.shellWord(label)))))
        }
        let address = IntakeIndex.normalisedAddress(mail.senderAddress ?? "")
        let matches = index.learnersByEmail[address] ?? []
        if matches.count == 1 {
            let found = matches[0]
            if let option, option != found {
                return .success((found, m.format(.intakeSenderListed, found, found, option)))
            }
            return .success((found, nil))
        }
        if matches.count > 1 {
            if let option, matches.contains(option) { return .success((option, nil)) }
            return .failure(
                ItemFailure(
                    outcome: .refused(m.format(.intakeSeveralLearners, address, matches.joined(separator: ", ")))))
        }
        if let option { return .success((option, nil)) }
        return .failure(
            ItemFailure(
                outcome: .refused(m.format(.intakeUnknownAddress, address, address, address))))
    }

    /// The Date header; the file's time (then the time of intake) when it is absent, unparsable
    /// or in the future.
    static func receivedDate(_ message: Parsed, now: Date, timeZone: TimeZone, _ m: Messages = Messages(.en)) -> (Date, String?) {
        let fallback = min(message.fileTime ?? now, now)
        let fallbackText = ISODateTime.format(fallback, in: timeZone)
        let source = m[message.fileTime == nil ? .intakeIntakeTime : .intakeFileTime]
        guard let header = message.mail.dateHeader else {
            return (fallback, m.format(.intakeNoDate, source, fallbackText))
        }
        guard let date = message.mail.date else {
            return (fallback, m.format(.intakeBadDate, header, source, fallbackText))
        }
        if date > now.addingTimeInterval(300) {
            return (fallback, m.format(.intakeFutureDate, header, source, fallbackText))
        }
        return (date, nil)
    }

    struct Plan {
        var planned: IntakePlannedCase
        var truncated: Bool
    }

    /// The name under which a message with warnings is kept, beside the case.
    static let originalName = "original.eml"

    static func plan(_ message: Parsed, id: String, learner: String, received: Date, warnings: [String], context: WriteContext) -> Plan {
        let mail = message.mail
        let english = context.ledger.config.language == .en
        let subject = IntakeText.title(mail.subject ?? "")
        var request = NewCaseRequest(
            learner: learner, title: subject.isEmpty ? (english ? "(no subject)" : "(sans objet)") : subject, channel: "email",
            complainant: "learner")
        let body = IntakeText.markdownBody(fullText(mail, english: english))
        request.body = body.text.isEmpty ? nil : body.text
        if let messageID = message.messageID {
            request.extraFields.append(("message_id", messageID))
        } else {
            request.extraFields.append(("content_sha256", message.contentHash))
        }
        if let address = mail.senderAddress {
            request.extraFields.append(("sender", address))
        } else {
            // Nobody to write to: `reclam ack` refuses until a person sets the contact.
            request.extraFields.append(("contact", ""))
        }
        var files = mail.attachments
        if body.truncated {
            files.append(
                IncomingAttachment(name: "message.txt", contentType: "text/plain", data: Data(fullText(mail, english: english).utf8)))
        }
        var personal = [mail.senderName ?? ""]
        if let address = mail.senderAddress, let at = address.firstIndex(of: "@") { personal.append(String(address[..<at])) }
        let keepOriginal = !warnings.isEmpty && !mail.original.isEmpty
        let names = AttachmentNames.assign(files, personal: personal, reserved: keepOriginal ? [originalName] : [])
        var attachments = zip(names, files).map { (name: $0.0, data: $0.1.data) }
        if keepOriginal { attachments.append((name: originalName, data: mail.original)) }
        var planned = IntakePlannedCase(id: id, request: request, received: received, attachments: attachments)
        planned.warnings = warnings.map(IntakeText.warning)
        return Plan(planned: planned, truncated: body.truncated)
    }

    /// The message's text, then the text of each message it forwards as an attachment, quoted.
    static func fullText(_ mail: IncomingMail, english: Bool) -> String {
        var text = mail.body.trimmingCharacters(in: .whitespacesAndNewlines)
        for attached in mail.attachedMessages {
            let inner = TextDecoding.clean(attached.text).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !inner.isEmpty else { continue }
            let subject = attached.subject.map { IntakeText.title($0) }.flatMap { $0.isEmpty ? nil : $0 }
            var heading = english ? "Attached message" : "Message joint"
            if let subject { heading += english ? " \u{201C}\(subject)\u{201D}" : " « \(subject) »" }
            heading += english ? ":" : " :"
            let quoted = inner.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? ">" : "> \($0)" }
            text += (text.isEmpty ? "" : "\n\n") + heading + "\n\n" + quoted.joined(separator: "\n")
        }
        return text
    }

    /// The checks `reclam new` makes, as a refusal of this one message.
    static func validate(_ planned: IntakePlannedCase) -> String? {
        if let problem = Identifier.problem(planned.request.learner) { return "learner: \(problem)" }
        return nil
    }
}
