import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamOutput
import ReclamRules
import ReclamWorkflow

/// What `reclam send` is asked to do.
public struct SendRequest: Sendable {
    /// Only the messages of these cases (all of outbox/ when empty).
    public var caseIDs: [String]
    public var dryRun: Bool
    /// Record the selected messages as sent without sending them (sent another way, or a
    /// message in doubt that the recipient did receive).
    public var markSent: Bool
    /// Send again the selected messages in doubt (the recipient did not receive them).
    public var retryInDoubt: Bool

    public init(caseIDs: [String] = [], dryRun: Bool = false, markSent: Bool = false, retryInDoubt: Bool = false) {
        self.caseIDs = caseIDs
        self.dryRun = dryRun
        self.markSent = markSent
        self.retryInDoubt = retryInDoubt
    }
}

/// What became of each message of a run.
public struct SendReport: Sendable {
    public enum Outcome: Sendable {
        /// Delivered (in this run, or in an earlier one that could not commit) and moved to `target`.
        case sent(target: String, reply: String, earlier: Bool)
        /// Refused for good and moved to `target` in outbox/failed/.
        case refused(target: String, reply: String)
        case deferred(reason: String)
        case inDoubt(reason: String)
        /// Not sent because of the message itself or of the work tree.
        case skipped(reason: String)
        case wouldSend(recipients: Int)
    }

    public struct Item: Sendable {
        public var path: String
        public var caseID: String?
        public var outcome: Outcome
    }

    public var items: [Item] = []
    public var commit: CommitResult?
    public var connections = 0
    public var warnings: [String] = []

    /// True when every message asked for left (or would leave, with --dry-run).
    public var isComplete: Bool {
        items.allSatisfy {
            switch $0.outcome {
            case .sent, .wouldSend: true
            default: false
            }
        }
    }
}

/// `reclam send`: delivers outbox/ exactly once.
///
/// Order of events for each message: the bytes committed in outbox/ are handed to the
/// transport; once the last byte is handed over, an `in-doubt` record is appended to
/// `.git/reclam/send.log` and synced, before the server can accept the message; the server's
/// answer turns it into `delivered` or `refused` (appended, made durable by the next message's
/// sync or the one before the commit), or clears it (a temporary failure: the message stays):
/// one durable write per message, DeliveryJournal says why each line is synced or not. One
/// commit then moves every delivered message to `sent/<yyyy>/<mm>/` (with an `X-Reclam-Sent`
/// header) and every refused one to `outbox/failed/`, adds a journal line to their cases, and
/// the records are cleared. A run that was killed leaves records that the next run commits
/// without sending again; a record `in-doubt` is never sent again unless asked
/// (`--retry-in-doubt`) or recorded as sent (`--mark-sent`). A lock in `.git/reclam/` makes
/// concurrent runs take turns.
public enum SendRun {
    public static func run(
        _ request: SendRequest, context: WriteContext, environment: [String: String],
        makeTransport: () throws(ReclamError) -> MailTransport
    ) throws(ReclamError) -> SendReport {
        let ledger = context.ledger
        let m = Messages(ledger.config.language)
        let repository = context.repository
        var report = SendReport()
        let journal = try DeliveryJournal(gitDirectory: repository.commonDirectory, language: m.language)
        let tip: ObjectID?
        do { tip = try repository.tipCommitID() } catch { throw ReclamError(.git, m.format(.sendCannotReadBranch, "\(error)")) }

        let committed = Set(
            tip.flatMap { try? repository.listTree(under: MailFolders.outbox, in: $0, recursive: false) }?
                .filter { $0.kind == .file && $0.path.hasSuffix(".eml") }.map(\.path) ?? [])
        let present = Set(MailFolders.messages(in: MailFolders.outbox, ledger: ledger))
        report.warnings += journal.warnings
        var recordByPath: [String: DeliveryRecord] = [:]
        for record in journal.records() {
            if committed.contains(record.path) {
                recordByPath[record.path] = record
            } else {
                // Its commit was made (or the message was removed by a commit): nothing left to do.
                if record.state == .delivered, let target = record.target,
                    tip.flatMap({ try? repository.blobID(at: target, in: $0) }) == nil
                {
                    report.warnings.append(m.format(.sendDeliveredGone, record.path))
                }
                journal.remove(record)
            }
        }

        let selected = select(committed.union(present).sorted(), request: request, report: &report, m)
        var targets = Set(recordByPath.values.compactMap(\.target))
        var transport: MailTransport?
        var stopped: String?
        let settings = ledger.config.mail

        for path in selected {
            var file: MailFile?
            if committed.contains(path), let tip, let data = try? repository.blob(at: path, in: tip) {
                file = MailFile(path: path, data: data)
            }
            let caseID = file?.caseID
            func record(_ outcome: SendReport.Outcome) { report.items.append(.init(path: path, caseID: caseID, outcome: outcome)) }
            var existing = recordByPath[path]
            if let found = existing, let id = file?.messageID, found.messageID != id {
                report.warnings.append(m.format(.sendOtherMessage, path, found.messageID))
                journal.remove(found)
                recordByPath[path] = nil
                existing = nil
            }
            if let existing, existing.state != .inDoubt { continue }  // committed below
            guard committed.contains(path), let file else {
                record(.skipped(reason: m.format(.sendNotCommitted, path)))
                continue
            }
            if !present.contains(path) {
                record(.skipped(reason: m.format(.sendDeletedInWorkTree, path)))
                continue
            }
            if (try? repository.isPathModified(path)) ?? true {
                record(.skipped(reason: m.format(.sendUncommittedChanges, path)))
                continue
            }
            guard let messageID = file.messageID else {
                record(.skipped(reason: m[.sendNoMessageID]))
                continue
            }
            if request.markSent {
                let target = sentTarget(for: path, at: context.now, ledger: ledger, tip: tip, repository: repository, taken: &targets)
                let how = existing == nil ? "recorded as sent another way" : "recorded as received after being in doubt"
                let done = DeliveryRecord(
                    state: .delivered, path: path, messageID: messageID, at: context.now, transport: "manual",
                    reply: "\(how) by \(context.actor.name)", target: target)
                if !request.dryRun {
                    try journal.write(done, durable: false)
                    recordByPath[path] = done
                }
                record(.sent(target: target, reply: done.reply, earlier: false))
                continue
            }
            if let existing {
                guard request.retryInDoubt else {
                    record(.inDoubt(reason: m.format(.sendInDoubtAdvice, existing.reply, caseID ?? "ID", caseID ?? "ID")))
                    continue
                }
                if !request.dryRun {
                    journal.remove(existing)
                    recordByPath[path] = nil
                }
            }
            let recipients = file.recipients
            if let problem = problem(with: file, recipients: recipients, m) {
                record(.skipped(reason: problem))
                continue
            }
            if request.dryRun {
                record(.wouldSend(recipients: recipients.count))
                continue
            }
            if let stopped {
                record(.deferred(reason: stopped))
                continue
            }
            guard let settings else {
                throw .usage("reclam.yml has no 'mail:' section, so reclam send does not know how to send; docs/MAIL.md shows one")
            }
            if transport == nil { transport = try makeTransport() }
            guard let transport else { continue }
            var recordError: ReclamError?
            let result = transport.deliver(
                file.data, envelope: Envelope(sender: settings.from.email, recipients: recipients),
                atEndOfData: {
                    do {
                        try journal.write(
                            DeliveryRecord(
                                state: .inDoubt, path: path, messageID: messageID, at: now(environment, context), transport: transport.name,
                                reply: m.format(.deliveryHandedOver, transport.name)),
                            durable: true)
                        return true
                    } catch let error as ReclamError {
                        recordError = error
                        return false
                    } catch {
                        recordError = .io("\(error)")
                        return false
                    }
                })
            if let recordError { throw recordError }
            let at = now(environment, context)
            switch result {
            case .accepted(let reply):
                let target = sentTarget(for: path, at: at, ledger: ledger, tip: tip, repository: repository, taken: &targets)
                let done = DeliveryRecord(
                    state: .delivered, path: path, messageID: messageID, at: at, transport: transport.name, reply: reply, target: target)
                try journal.write(done, durable: false)
                recordByPath[path] = done
                record(.sent(target: target, reply: reply, earlier: false))
            case .refused(let reply):
                let target = failedTarget(for: path, ledger: ledger, tip: tip, repository: repository, taken: &targets)
                let done = DeliveryRecord(
                    state: .refused, path: path, messageID: messageID, at: at, transport: transport.name, reply: reply, target: target)
                try journal.write(done, durable: false)
                recordByPath[path] = done
                record(.refused(target: target, reply: reply))
            case .deferred(let problem, let stopRun):
                let reason = problem.text(m)
                // Nothing was accepted: the in-doubt record, if written, no longer applies.
                journal.remove(DeliveryRecord(state: .inDoubt, path: path, messageID: messageID, at: at, transport: transport.name))
                if stopRun { stopped = reason }
                record(.deferred(reason: reason))
            case .inDoubt(let problem):
                let reason = problem.text(m)
                try journal.write(
                    DeliveryRecord(state: .inDoubt, path: path, messageID: messageID, at: at, transport: transport.name, reply: reason),
                    durable: true)
                record(.inDoubt(reason: m.format(.sendInDoubtAdvice, reason, caseID ?? "ID", caseID ?? "ID")))
            }
        }
        report.connections = transport?.connections ?? 0

        // Earlier runs' deliveries that were not committed are committed now, selected or not.
        let completed = recordByPath.values.filter { $0.state != .inDoubt && $0.target != nil }.sorted { $0.path < $1.path }
        for done in completed where !report.items.contains(where: { $0.path == done.path }) {
            let caseID = tip.flatMap { try? repository.blob(at: done.path, in: $0) }.map { MailFile(path: done.path, data: $0) }?.caseID
            let outcome: SendReport.Outcome =
                done.state == .delivered
                ? .sent(target: done.target!, reply: done.reply, earlier: true) : .refused(target: done.target!, reply: done.reply)
            report.items.append(.init(path: done.path, caseID: caseID, outcome: outcome))
        }
        if request.dryRun || completed.isEmpty { return report }
        // The deliveries of this run not yet synced, in one fdatasync (DeliveryJournal explains why).
        try journal.sync()
        do {
            report.commit = try commit(completed, context: context, withJournal: true)
        } catch  where error.kind == .refused {
            // A case file with uncommitted edits must not block the record of what was sent.
            report.warnings.append(m.format(.sendNoJournalLines, error.message))
            report.commit = try commit(completed, context: context, withJournal: false)
        }
        for done in completed { journal.remove(done) }
        return report
    }

    static func now(_ environment: [String: String], _ context: WriteContext) -> Date {
        (try? Clock.now(environment: environment)) ?? context.now
    }

    static func select(_ paths: [String], request: SendRequest, report: inout SendReport, _ m: Messages = Messages(.en)) -> [String] {
        guard !request.caseIDs.isEmpty else { return paths }
        var chosen: [String] = []
        for id in request.caseIDs {
            let name = "\(MailFolders.outbox)/\(id)-"
            let matching = paths.filter { $0.hasPrefix(name) }
            if matching.isEmpty { report.warnings.append(m.format(.sendNoMessageOfCase, id)) }
            chosen += matching.filter { !chosen.contains($0) }
        }
        return chosen.sorted()
    }

    static func problem(with file: MailFile, recipients: [String], _ m: Messages) -> String? {
        if recipients.isEmpty { return m[.sendNoRecipient] }
        if file.header("Bcc") != nil { return m[.sendBcc] }
        if let bad = recipients.first(where: { !MailAddressSyntax.isPlausible($0) }) { return m.format(.sendNotAnAddress, bad) }
        if file.header("From") == nil { return m[.sendNoFrom] }
        return nil
    }

    // MARK: Targets

    static func sentTarget(
        for path: String, at date: Date, ledger: Ledger, tip: ObjectID?, repository: GitRepository, taken: inout Set<String>
    ) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = ledger.config.timeZone
        let parts = calendar.dateComponents([.year, .month], from: date)
        let folder = String(format: "%@/%04d/%02d", MailFolders.sent, parts.year ?? 1970, parts.month ?? 1)
        return freeName(path, in: folder, ledger: ledger, tip: tip, repository: repository, taken: &taken)
    }

    static func failedTarget(for path: String, ledger: Ledger, tip: ObjectID?, repository: GitRepository, taken: inout Set<String>)
        -> String
    {
        freeName(path, in: MailFolders.failed, ledger: ledger, tip: tip, repository: repository, taken: &taken)
    }

    /// `<folder>/<name>.eml`, numbered `-2`, `-3`… when the name is used in git, the work tree
    /// or by another message of the run.
    static func freeName(
        _ path: String, in folder: String, ledger: Ledger, tip: ObjectID?, repository: GitRepository, taken: inout Set<String>
    ) -> String {
        let name = String(path.split(separator: "/").last ?? "message.eml")
        let stem = name.hasSuffix(".eml") ? String(name.dropLast(4)) : name
        var candidate = "\(folder)/\(stem).eml"
        var number = 2
        while taken.contains(candidate) || FileSystem.kind(of: ledger.url(candidate)) != nil
            || tip.flatMap({ try? repository.blobID(at: candidate, in: $0) }) != nil
        {
            candidate = "\(folder)/\(stem)-\(number).eml"
            number += 1
        }
        taken.insert(candidate)
        return candidate
    }

    // MARK: The commit

    /// One commit for every completed record, planned from the branch tip alone (never from the
    /// work tree), so that a commit interrupted half-way is made again identically.
    static func commit(_ completed: [DeliveryRecord], context: WriteContext, withJournal: Bool) throws(ReclamError) -> CommitResult {
        let repository = context.repository
        let ledger = context.ledger
        let timeZone = ledger.config.timeZone
        let m = Messages(ledger.config.language)
        return try context.retryingConflicts { () throws(ReclamError) -> CommitResult in
            let tip: ObjectID?
            do { tip = try repository.tipCommitID() } catch { throw ReclamError(.git, m.format(.sendCannotReadBranch, "\(error)")) }
            guard let tip else { throw ReclamError(.git, m[.sendBranchNoCommit]) }
            var writes: [(path: String, contents: Data)] = []
            var removals: [String] = []
            var expected: [String: ObjectID?] = [:]
            var trailers: [(key: String, value: String)] = []
            var caseLines: [(caseID: String, line: String)] = []
            var sentCount = 0
            var refusedCount = 0
            for record in completed {
                guard let target = record.target, let data = try? repository.blob(at: record.path, in: tip),
                    let blob = try? repository.blobID(at: record.path, in: tip)
                else { continue }
                let file = MailFile(path: record.path, data: data)
                let when = ISODateTime.format(record.at, in: timeZone)
                let header = record.state == .delivered ? "X-Reclam-Sent" : "X-Reclam-Failed"
                let line = "\(header): \(when); \(record.transport); \(DeliveryRecord.oneLine(record.reply))\r\n"
                writes.append((target, Data(line.utf8) + data))
                removals.append(record.path)
                expected[record.path] = blob
                expected[target] = .some(nil)
                trailers.append((record.state == .delivered ? "Reclam-Sent" : "Reclam-Failed", "<\(record.messageID)>"))
                if record.state == .delivered { sentCount += 1 } else { refusedCount += 1 }
                if let caseID = file.caseID {
                    let label = MailLabels.letter(file.letter, language: ledger.config.language)
                    let text: String
                    switch (record.state, ledger.config.language) {
                    case (.delivered, .fr): text = "email envoyé (\(label))"
                    case (.delivered, .en): text = "email sent (\(label))"
                    case (_, .fr): text = "email non délivré (\(label)) : refusé par le serveur, voir \(target)"
                    case (_, .en): text = "email not delivered (\(label)): refused by the server, see \(target)"
                    }
                    caseLines.append((caseID, Journal.line(at: record.at, timeZone: timeZone, actor: context.actor.name, text: text)))
                }
            }
            guard !removals.isEmpty else { throw .refused(m[.sendNothingToRecord]) }
            var cases: [String] = []
            for (caseID, _) in caseLines where !cases.contains(caseID) { cases.append(caseID) }
            if withJournal {
                for caseID in cases {
                    guard let path = try? CaseLocator.path(of: caseID, in: ledger, repository: repository),
                        let data = try? repository.blob(at: path, in: tip), let blob = try? repository.blobID(at: path, in: tip),
                        let document = try? MarkdownDocument.parse(data: data)
                    else { continue }
                    var editor = FrontMatterEditor(document)
                    do {
                        for entry in caseLines where entry.caseID == caseID {
                            try editor.appendToSection("Journal", line: entry.line)
                        }
                    } catch { continue }
                    writes.append((path, TextFile(text: editor.text, hasBOM: document.file.hasBOM).data))
                    expected[path] = blob
                }
            }
            var parts: [String] = []
            if sentCount > 0 { parts.append("\(sentCount) message\(sentCount == 1 ? "" : "s") sent") }
            if refusedCount > 0 { parts.append("\(refusedCount) refused") }
            let change = Change(
                summary: "send: " + parts.joined(separator: ", "), writes: writes, removals: removals, expectedBase: expected,
                trailers: trailers + cases.map { ("Reclam-Case", $0) } + [("Reclam-Actor", context.actor.name)])
            return try context.commit(change)
        }
    }
}

/// Names of letters in journal lines and warnings.
public enum MailLabels {
    public static func letter(_ letter: String?, language: Language) -> String {
        switch (letter, language) {
        case ("ack", .fr): "accusé de réception"
        case ("ack", .en): "acknowledgement"
        case ("response", .fr): "réponse"
        case ("response", .en): "response"
        case ("follow-up", .fr): "suivi"
        case ("follow-up", .en): "follow-up"
        case ("closure", .fr): "clôture"
        case ("closure", .en): "closure"
        case ("remind", .fr): "rappel"
        case ("remind", .en): "reminder"
        case (let other?, _): other
        case (nil, .fr): "message"
        case (nil, .en): "message"
        }
    }
}
