import ArgumentParser
import Foundation
import ReclamKit

struct RegisterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register",
        abstract: "The complaints register: one row per case, for auditors (Qualiopi indicator 31).",
        discussion: """
            Columns: id, received, learner (pseudonymous id), channel, complainant type, category,
            summary, actions, response date, stage, closure date. CSV is UTF-8 with a BOM, every
            cell quoted, and cells starting with =, +, -, @ neutralised for spreadsheets.

            Examples:
              reclam register --year 2026 --format csv -o registre-2026.csv
              reclam register --format csv --separator comma > register.csv
              reclam register --format html > registre.html
            """
    )

    enum Format: String, OutputFormat { case md, html, csv }

    @OptionGroup var global: GlobalOptions
    @OptionGroup var network: NetworkOptions
    @Option(help: "Only cases received that year (in the ledger's time zone).") var year: Int?
    @Option(help: Format.help) var format: Format = .md
    @Option(help: "Language: fr or en (default: the ledger's).") var lang: Language?
    @OptionGroup var out: OutputOptions

    func run() throws {
        let ledger = try global.openLedger()
        let language = lang ?? ledger.config.language
        let store = ActionStore.load(ledger)
        let register = Register.build(
            ledger: ledger, paths: try network.paths(ledger), actions: store.actions,
            procedure: ledger.config.procedure,
            timeZone: ledger.config.timeZone,
            language: language, year: year)
        let title =
            Messages(language)[.registerTitle] + " — " + ledger.config.organisation
            + (year.map { " — \($0)" } ?? "")
        switch format {
        case .md: try out.write(register.markdown(title: title))
        case .html: try out.write(register.html(title: title))
        case .csv: try out.write(register.csv(separator: out.separator(for: language)))
        }
        try UnreadableFiles.exitIfAny(register.unreadable + store.unreadable)
    }
}
