import ArgumentParser
import Foundation
import ReclamKit

/// Options every command accepts.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .long, help: ArgumentHelp("The ledger folder (default: found by walking up from the current directory).", valueName: "dir"))
    var ledger: String?

    func openLedger() throws -> Ledger {
        let ledger = try Ledger.open(at: try ledgerRoot())
        RunLanguage.current = ledger.config.language
        return ledger
    }

    /// The ledger's root folder, before reading its settings. A write that was killed is
    /// finished (or undone) first, so that no command reads a half-written ledger
    /// (docs/GIT.md); `reclam doctor` looks before it repairs, and passes false.
    func ledgerRoot(finishingInterruptedWrites: Bool = true) throws -> URL {
        let root = try Ledger.root(given: ledger.map { URL(fileURLWithPath: $0) })
        if finishingInterruptedWrites {
            let notes = try InterruptedWrites.finish(ledgerRoot: root) { (try? Ledger.open(at: root))?.config.language ?? .en }
            for note in notes {
                FileHandle.standardError.write("reclam: \(note)\n")
            }
        }
        return root
    }

    /// An instant given with a flag, or now (RECLAM_NOW honoured) when the flag is absent.
    /// Local times (`2026-10-05 09:12`, `2026-10-05`) are read in the ledger's time zone.
    func instant(_ text: String?, flag: String, timeZone: TimeZone) throws -> Date {
        guard let text else { return try now() }
        switch InstantText.parse(text, timeZone: timeZone) {
        case .success(let date): return date
        case .failure(let problem):
            throw ReclamError.usage(
                InstantText.message(problem, text: text, flag: flag, timeZone: timeZone, language: RunLanguage.current))
        }
    }

    /// The clock: RECLAM_NOW replaces it for tests and replays.
    func now() throws -> Date {
        try Clock.now(environment: ProcessInfo.processInfo.environment)
    }
}

/// A `--from`/`--to` style day given on the command line.
enum DateOption {
    static func parse(_ text: String?, flag: String) throws -> CivilDate? {
        guard let text else { return nil }
        guard let date = CivilDate(text) else { throw ReclamError.usage("\(flag) '\(text)' is not a date (YYYY-MM-DD)") }
        return date
    }
}
