import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamOutput
import ReclamRules

/// `reclam remind`: one digest email per owner listing the cases whose SLA clocks are
/// breached, at risk (the rules' `warn`), or due within a horizon, written to outbox/ and
/// committed; `reclam send` delivers them.
public enum Reminder {
    public struct Entry: Sendable {
        public var caseID: String
        public var title: String
        public var rule: String
        public var state: SLAState
        public var due: Date
        /// The next command to run on the case, e.g. `reclam ack 20261005-k7p3`.
        public var next: String?
    }

    public struct Digest: Sendable {
        public var person: Person
        public var entries: [Entry]
        public var path: String
        public var message: MailMessage
    }

    public struct Plan: Sendable {
        public var digests: [Digest] = []
        /// Owners with cases to remind but no address in `people:` or users.yml.
        public var unknownOwners: [String] = []
    }

    /// What to remind, as of `context.now`: clocks breached or at risk, and with `within`,
    /// running clocks due before `now + within` (counted with the business calendar).
    public static func plan(context: WriteContext, within: SLADuration?, owner: String?) throws(ReclamError) -> Plan {
        let ledger = context.ledger
        let config = ledger.config
        try config.requireDeadlines()
        let paths = try LedgerScan.scan(ledger).casePaths
        let horizon = within.map { config.calendar.due(from: context.now, duration: $0).due }
        let (report, _) = SLAEvaluator.evaluate(
            paths: paths, in: ledger, procedure: config.procedure, calendar: config.calendar, rules: config.slaRules, asOf: context.now)
        let due = report.results.filter { result in
            switch result.state {
            case .breached, .atRisk: true
            case .running: horizon.map { result.due <= $0 } ?? false
            default: false
            }
        }
        let loaded = LedgerReader.cases(Array(Set(due.map(\.casePath))).sorted(), in: ledger).cases
        let cases = Dictionary(loaded.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var byOwner: [String: [Entry]] = [:]
        for result in due {
            guard let item = cases[result.caseID], let caseOwner = item.owner, !caseOwner.isEmpty else { continue }
            if let owner, !caseOwner.localizedCaseInsensitiveContains(owner),
                !(config.people.first { $0.matches(owner: owner) }?.matches(owner: caseOwner) ?? false)
            {
                continue
            }
            // The verb that stops this clock, as the agenda shows it; else the first way on.
            let transitions = config.procedure.transitions(from: item.stage, fields: { item.field($0) }).filter { !$0.reopen }
            let next = (transitions.first { result.rule.stop.contains($0.to) } ?? transitions.first).map {
                "reclam \($0.verb) \(item.id)"
            }
            byOwner[caseOwner, default: []].append(
                Entry(caseID: item.id, title: item.title, rule: result.rule.name, state: result.state, due: result.due, next: next))
        }
        var plan = Plan()
        var taken = Set<String>()
        // Addresses from people:, then from the staff workspace's users.yml (a missing or
        // unreadable file adds nobody: people: alone is then the list).
        let serve = ServeSettings.read(config)
        let users = ((try? StaffUsers.read(at: ledger.url(serve.usersFile)))?.users ?? []).map {
            Person(id: $0.id, name: $0.name, email: $0.email)
        }
        let people = config.people + users
        for (caseOwner, entries) in byOwner.sorted(by: { $0.key < $1.key }) {
            guard let person = people.first(where: { $0.matches(owner: caseOwner) }) else {
                plan.unknownOwners.append(caseOwner)
                continue
            }
            let sorted = entries.sorted { ($0.due, $0.caseID, $0.rule) < ($1.due, $1.caseID, $1.rule) }
            var path = "\(Outbox.folder)/remind-\(CivilDate(date: context.now, timeZone: config.timeZone))-\(person.id).eml"
            var number = 2
            while taken.contains(path) || FileSystem.kind(of: ledger.url(path)) != nil {
                path = "\(Outbox.folder)/remind-\(CivilDate(date: context.now, timeZone: config.timeZone))-\(person.id)-\(number).eml"
                number += 1
            }
            taken.insert(path)
            plan.digests.append(
                Digest(person: person, entries: sorted, path: path, message: message(to: person, entries: sorted, context: context)))
        }
        return plan
    }

    static func message(to person: Person, entries: [Reminder.Entry], context: WriteContext) -> MailMessage {
        let config = context.ledger.config
        let english = config.language == .en
        let tz = config.timeZone
        // The case's page in the staff workspace (docs/SERVE.md), e.g. https://…/equipe/dossiers/<id>.
        let serve = ServeSettings.read(config)
        let baseURL = serve.baseURL.map { ($0.hasSuffix("/") ? String($0.dropLast()) : $0) + serve.staffPrefix + "/dossiers" }
        let caseCount = Set(entries.map(\.caseID)).count
        let subject =
            english
            ? "Complaints to handle: \(caseCount) case\(caseCount == 1 ? "" : "s")"
            : "Réclamations à traiter : \(caseCount) dossier\(caseCount == 1 ? "" : "s")"
        var lines: [String] = []
        lines.append(english ? "Hello \(person.name ?? person.id)," : "Bonjour \(person.name ?? person.id),")
        lines.append("")
        lines.append(
            english
                ? "These complaints need you (deadlines of \(config.organisation)'s procedure):"
                : "Ces réclamations vous attendent (délais de la procédure de \(config.organisation)) :")
        lines.append("")
        for entry in entries {
            let state: String
            switch (entry.state, english) {
            case (.breached, false): state = "dépassé"
            case (.breached, true): state = "breached"
            case (.atRisk, false): state = "à risque"
            case (.atRisk, true): state = "at risk"
            case (_, false): state = "à échéance"
            case (_, true): state = "due soon"
            }
            let due = ISODateTime.format(entry.due, in: tz)
            lines.append("- \(entry.caseID) — \(entry.title)")
            lines.append(english ? "  \(entry.rule): \(state), due \(due)" : "  \(entry.rule) : \(state), échéance \(due)")
            if let next = entry.next { lines.append(english ? "  next: \(next)" : "  prochaine étape : \(next)") }
            if let baseURL { lines.append("  \(baseURL)/\(entry.caseID)") }
        }
        lines.append("")
        lines.append(english ? "— Reclam, \(config.organisation)" : "— Reclam, \(config.organisation)")
        let from = config.mail?.from ?? MailMessage.Address(name: config.organisation, email: context.actor.email)
        let domain = from.email.split(separator: "@").last.map(String.init) ?? "reclam.invalid"
        let random = (0..<8).map { _ in String("abcdefghijklmnopqrstuvwxyz0123456789".randomElement()!) }.joined()
        return MailMessage(
            from: from, to: [MailMessage.Address(name: person.name, email: person.email)], subject: subject,
            body: lines.joined(separator: "\n"), date: context.now, timeZone: tz,
            messageID: "reclam-remind.\(person.id).\(Int(context.now.timeIntervalSince1970)).\(random)@\(domain)")
    }

    /// Writes the digests to outbox/ in one commit.
    public static func commit(_ plan: Plan, context: WriteContext) throws(ReclamError) -> CommitResult {
        let writes = plan.digests.map { (path: $0.path, contents: Data($0.message.rendered().utf8)) }
        var expected: [String: ObjectID?] = [:]
        for write in writes { expected[write.path] = .some(nil) }
        let count = plan.digests.count
        return try context.commit(
            Change(
                summary: "remind: \(count) digest\(count == 1 ? "" : "s") to send", writes: writes, expectedBase: expected,
                trailers: [("Reclam-Actor", context.actor.name)]))
    }
}
