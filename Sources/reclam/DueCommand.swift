import ArgumentParser
import Foundation
import ReclamKit

struct DueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "due",
        abstract: "Compute a deadline: a duration counted from a date-time on the business calendar.",
        discussion: """
            Counts with the ledger's calendar (public holidays of its region,
            working days, business hours, closures, time zone) when run in a
            ledger, else with the defaults (metropole, Monday to Friday,
            09:00-17:00, Europe/Paris). Prints the deadline, then how it was
            counted, naming every day skipped (weekend, holiday, closure).
            Durations: 48 hours, 8 business hours, 1 working day, 10 jours ouvrés,
            2 jours ouvrables, 30 days; docs/SLA.md gives the counting rules.

            Examples:
              reclam due --from 2026-10-02T18:00:00+02:00 --duration "1 working day"
              reclam due --from 2026-11-02T10:00:00+01:00 --duration "10 jours ouvrés" \\
                --warn "2 jours ouvrés avant" --format json
            """
    )

    enum Format: String, OutputFormat { case text, json }

    @OptionGroup var global: GlobalOptions
    @Option(
        help: ArgumentHelp(
            "The start: 2026-10-05 09:12 or 2026-10-05 in the ledger's time zone, or ISO 8601 with offset (default: now).",
            valueName: "datetime")) var from: String?
    @Option(help: ArgumentHelp("The time allowed, e.g. \"48 hours\" or \"10 jours ouvrés\".", valueName: "text")) var duration: String
    @Option(help: ArgumentHelp("Also say when a warning starts: \"75%\" or \"1 working day before\".", valueName: "text"))
    var warn: String?
    @Option(help: ArgumentHelp("Region of the public holidays (default: the ledger's, else metropole).", valueName: "region"))
    var region: String?
    @Option(help: Format.help) var format: Format = .text
    @Option(help: "Language of the explanation: fr or en (default: the ledger's, else en).") var lang: Language?

    func run() throws {
        let (calendar, ledger) = try LedgerCalendar.resolve(global, region: region)
        let start = try global.instant(from, flag: "--from", timeZone: calendar.timeZone)
        let parsedDuration: SLADuration
        do { parsedDuration = try SLADuration.parse(duration) } catch { throw ReclamError.usage("--duration: \(error)") }
        var threshold: WarningThreshold?
        if let warn {
            do { threshold = try WarningThreshold.parse(warn) } catch { throw ReclamError.usage("--warn: \(error)") }
        }
        let deadline = calendar.due(from: start, duration: parsedDuration)
        let warnAt = threshold.map { calendar.warningInstant($0, for: deadline) }
        let language = lang ?? ledger?.config.language ?? .en
        let explanation = deadline.explanation(language)
        switch format {
        case .text:
            print(deadline.dueText)
            print(explanation)
            if let warnAt, let threshold {
                let label = Messages(language)[.warningFrom]
                let description = language == .fr ? threshold.frenchDescription : threshold.description
                print("\(label) \(ISODateTime.format(warnAt, in: calendar.timeZone)) (\(description))")
            }
        case .json:
            var object: [String: JSON.Value] = [
                "from": .string(ISODateTime.format(start, in: calendar.timeZone)),
                "duration": .string(parsedDuration.description),
                "unit": .string(parsedDuration.unit.rawValue),
                "due": .string(deadline.dueText),
                "skipped": .array(
                    deadline.skipped.map { day in
                        .object([
                            "date": .string(day.date.description), "reason": .string(day.name), "kind": .string(Self.kind(day.reason)),
                        ])
                    }),
                "explanation": .string(explanation),
                "timezone": .string(calendar.timeZone.identifier),
                "region": .string(calendar.region.rawValue),
            ]
            if let warnAt { object["warn_at"] = .string(ISODateTime.format(warnAt, in: calendar.timeZone)) }
            print(JSON.encode(.object(object)))
        }
    }

    static func kind(_ reason: NonWorkingReason) -> String {
        switch reason {
        case .weekend: return "weekend"
        case .holiday: return "holiday"
        case .closure: return "closure"
        }
    }
}
