import ArgumentParser
import Foundation
import ReclamKit

struct AgendaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agenda",
        abstract: "What to do today: per owner, the open cases whose next step is due, oldest deadline first.",
        discussion: """
            For each open case with an SLA clock still going (paused clocks wait for the
            complainant and are left out): the deadline that falls first, the clock's state, the
            time left (or how late it is) in the rule's unit, and the command to run next
            (the verb of the transition that stops the clock). Cases are grouped by owner,
            the unassigned last. docs/SLA.md explains the clocks.

            Examples:
              reclam agenda
              reclam agenda --owner "Claire Martin"
              reclam agenda --format json
            """
    )

    enum Format: String, OutputFormat { case text, json }

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Only the cases of this owner.", valueName: "person")) var owner: String?
    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp("Answer as of this instant, ISO 8601 with offset (default: now, or RECLAM_NOW).", valueName: "datetime"))
    var asOf: String?
    @Option(help: Format.help) var format: Format = .text
    @Option(name: .short, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file")) var output: String?

    func run() throws {
        let ledger = try global.openLedger()
        let config = ledger.config
        try config.requireDeadlines()
        let agenda = try Agenda.build(ledger, asOf: try global.instant(asOf, flag: "--as-of", timeZone: config.timeZone), owner: owner)
        switch format {
        case .text:
            try OutputOptions.write(
                agenda.text(procedure: config.procedure, calendar: config.calendar, language: config.language), to: output)
        case .json: try OutputOptions.write(JSON.encode(agenda.json(calendar: config.calendar)) + "\n", to: output)
        }
        // An acknowledgement the server refused is work for today too: shown as `reclam sla` shows it.
        FileHandle.standardError.write(RunLanguage.render(agenda.warnings))
        try UnreadableFiles.exitIfAny(agenda.unreadable)
    }
}
