import ArgumentParser
import Foundation
import ReclamKit

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check case files, learner files and reclam.yml.",
        discussion: """
            Prints one line per finding, 'path:line:column: error|warning: message [rule-id]'.
            Exit status: 0 when there is no error (warnings allowed), 1 when there are errors,
            2 for a usage or I/O failure. 'reclam rules' lists every rule.

            Examples:
              reclam check
              reclam check cases/stg-2026-014 --format github
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("Files or folders to check (default: the whole ledger).", valueName: "path"))
    var paths: [String] = []

    @Option(help: "Output format: text, json or github.")
    var format: DiagnosticFormat = .text

    func run() throws {
        let root = try global.ledgerRoot()
        let relative = try paths.map { try LedgerPath.relative($0, root: root) }
        let diagnostics = try Checker.run(root: root, now: try global.now(), paths: relative.isEmpty ? nil : relative)
        print(DiagnosticFormatter.render(diagnostics, as: format), terminator: "")
        if format == .text {
            FileHandle.standardError.write(DiagnosticFormatter.summary(diagnostics) + "\n")
        }
        if diagnostics.hasErrors { throw ExitCode(1) }
    }
}
