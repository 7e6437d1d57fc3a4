import ArgumentParser
import Foundation
import ReclamKit

struct RemindCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remind",
        abstract: "Write one digest email per owner of cases breached, at risk or due soon, to outbox/.",
        discussion: """
            For each owner with SLA clocks breached or at risk (the rules' 'warn'), and with
            --within, clocks due within that duration, writes one email listing the cases, the
            rule, the deadline and the next command to run, in the ledger's language, to
            outbox/remind-<date>-<person>.eml, in one commit. Owners' addresses come from the
            'people:' section of reclam.yml, then from the staff workspace's users.yml (matched
            on id or name). With serve.base_url, each case links to its page in the staff
            workspace. Then 'reclam send' delivers them. Meant for a daily cron job or CI schedule (docs/ci/).

            Exit status: 0 when every owner concerned got a digest (or none was needed), 1 when
            an owner has no address in 'people:' or users.yml, 2 for a usage or I/O error.

            Examples:
              reclam remind
              reclam remind --within "2 jours ouvrés" --owner claire
              reclam remind && reclam send
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var write: WriteOptions
    @Option(help: ArgumentHelp("Also remind clocks due within this duration, e.g. \"2 working days\".", valueName: "duration"))
    var within: String?
    @Option(help: ArgumentHelp("Only this owner (a person's id or name).", valueName: "person")) var owner: String?

    func run() throws {
        var duration: SLADuration?
        if let within {
            do { duration = try SLADuration.parse(within) } catch {
                throw ReclamError.usage("--within '\(within)' is not a duration; write e.g. 2 working days, 48 hours, 2 jours ouvrés")
            }
        }
        let context = try write.context(global)
        let plan = try Reminder.plan(context: context, within: duration, owner: owner)
        let m = Messages(context.ledger.config.language)
        for unknown in plan.unknownOwners {
            FileHandle.standardError.write(
                "reclam: " + m.severity(.warning) + m[.colon] + m.format(.ownerWithoutAddress, Escape.terminal(unknown)) + "\n")
        }
        if plan.digests.isEmpty {
            FileHandle.standardError.write("reclam: \(m[.noReminder])\n")
        } else {
            let result = try Reminder.commit(plan, context: context)
            for digest in plan.digests {
                print(m.format(.reminderWritten, digest.path, digest.person.id, String(Set(digest.entries.map(\.caseID)).count)))
            }
            print("commit \(result.commit.hex.prefix(12))")
        }
        if !plan.unknownOwners.isEmpty { throw ExitCode(1) }
    }
}
