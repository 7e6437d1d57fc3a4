import ArgumentParser
import Foundation
import ReclamKit

struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "List the public holidays and closures of a year (text, JSON or iCalendar).",
        discussion: """
            In a ledger: the public holidays of its calendar.region and its
            calendar.closures. Outside a ledger: the public holidays only.
            --region replaces the region. json is an array of
            {"date": "YYYY-MM-DD", "name": "..."}; ics is an iCalendar file of
            all-day events that calendar applications import.

            Examples:
              reclam calendar --year 2027
              reclam calendar --year 2027 --region alsace-moselle --format ics > 2027.ics
            """
    )

    enum Format: String, OutputFormat { case text, json, ics }

    @OptionGroup var global: GlobalOptions
    @Option(help: "The year (default: the current year).") var year: Int?
    @Option(help: ArgumentHelp("Region of the public holidays (default: the ledger's, else metropole).", valueName: "region"))
    var region: String?
    @Option(help: Format.help) var format: Format = .text

    func run() throws {
        let (calendar, ledger) = try LedgerCalendar.resolve(global, region: region)
        // The days are named in French (the holidays are France's); outside a ledger, so are the kinds.
        let m = Messages(ledger?.config.language ?? .fr)
        let now = try global.now()
        let year = self.year ?? calendar.day(of: now).year
        // Easter is computed by the Gregorian rule, which starts in 1583.
        guard (1583...9999).contains(year) else { throw ReclamError.usage("--year \(year) is out of range; give a year from 1583 to 9999") }
        let entries = calendar.entries(in: year)
        switch format {
        case .text:
            for entry in entries {
                let width = max(m[.holiday].count, m[.closureDay].count)
                let kind = TextTable.padded(entry.kind == .holiday ? m[.holiday] : m[.closureDay], to: width)
                print(
                    "\(entry.date)  \(TextTable.padded(entry.date.weekday.frenchName, to: 8))  \(kind)  \(entry.name)"
                )
            }
        case .json:
            print(CalendarExport.json(entries), terminator: "")
        case .ics:
            // A stamp derived from the year keeps the file identical from one export to the next.
            let stamp = calendar.startOfDay(CivilDate(year: year, month: 1, day: 1)!)
            let name = "Jours fériés (\(calendar.region.frenchName)) et fermetures \(year)"
            print(CalendarExport.ics(entries, prodID: "-//Reclam//Calendrier//FR", stamp: stamp, name: name), terminator: "")
        }
    }
}

/// The business calendar a command counts with: the ledger's when there is one, else the
/// documented defaults.
enum LedgerCalendar {
    static func resolve(_ global: GlobalOptions, region: String?) throws -> (BusinessCalendar, Ledger?) {
        let ledger = try optionalLedger(global)
        var calendar = ledger?.config.calendar ?? .standard(timeZone: TimeZone(identifier: "Europe/Paris")!)
        if let ledger {
            let errors = ledger.config.deadlineErrors.filter { $0.rule != "sla-invalid" }
            if !errors.isEmpty {
                throw ReclamError.refused(Messages(ledger.config.language)[.calendarErrors], errors)
            }
        }
        if let region {
            do { calendar = calendar.with(region: try Region.parse(region)) } catch {
                throw ReclamError.usage("--region: \(error)")
            }
        }
        return (calendar, ledger)
    }

    /// The ledger given with --ledger or found from the current folder; nil when there is none.
    static func optionalLedger(_ global: GlobalOptions) throws -> Ledger? {
        if global.ledger == nil && Ledger.locate(from: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) == nil {
            return nil
        }
        return try global.openLedger()
    }
}
