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

            With --staged, only the files staged for the next git commit are checked, as
            staged (read from the index, not the work tree), and a staged stage change
            must be a move the procedure allows, with its step: this is what the
            pre-commit hook of 'reclam hooks install' runs.

            Examples:
              reclam check
              reclam check cases/stg-2026-014 --format github
              reclam check --staged
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("Files or folders to check (default: the whole ledger).", valueName: "path"))
    var paths: [String] = []

    @Option(help: DiagnosticFormat.help)
    var format: DiagnosticFormat = .text

    @Flag(help: "Check the content staged for the next git commit (the pre-commit hook).")
    var staged = false

    func run() throws {
        let root = try global.ledgerRoot()
        let relative = try paths.map { try LedgerPath.relative($0, root: root) }
        let diagnostics: [Diagnostic]
        if staged {
            // git names a temporary index here during 'git commit -a' and 'git commit PATH'.
            let indexFile = ProcessInfo.processInfo.environment["GIT_INDEX_FILE"].flatMap { $0.isEmpty ? nil : $0 }.map {
                $0.hasPrefix("/") ? $0 : FileManager.default.currentDirectoryPath + "/" + $0
            }
            diagnostics = try StagedCheck.run(
                root: root, now: try global.now(), indexFile: indexFile, paths: relative.isEmpty ? nil : relative)
        } else {
            diagnostics = try Checker.run(root: root, now: try global.now(), paths: relative.isEmpty ? nil : relative)
        }
        // A reclam.yml too broken to open says it in the findings; they are then English.
        let language = (try? Ledger.open(at: root))?.config.language ?? .en
        print(DiagnosticFormatter.render(diagnostics, as: format, language: language), terminator: "")
        if format == .text {
            FileHandle.standardError.write(DiagnosticFormatter.summary(diagnostics, language: language) + "\n")
        }
        if diagnostics.hasErrors { throw ExitCode(1) }
    }
}
