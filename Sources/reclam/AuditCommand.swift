import ArgumentParser
import Foundation
import ReclamKit

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Replay the history and report what the procedure does not allow.",
        discussion: """
            Reads every commit that touched cases/ (by reclam or by hand) and reports, naming the
            commit and the file: stage changes the procedure does not allow, stages entered without
            their required fields, deleted case files, rewritten ids or received dates, steps dated
            before the previous one or far before their commit (audit.backdating_tolerance in
            reclam.yml, default 2 days), commits without an author identity, and uncommitted
            changes. Exit 1 when it finds a violation. The procedure used is the current one.

            Examples:
              reclam audit
              reclam audit --since v2026-q3 --format github
            """
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Only commits after this revision (a commit, tag or branch).", valueName: "rev")) var since: String?
    @Option(help: "Output format: text, json or github.") var format: DiagnosticFormat = .text

    func run() throws {
        let ledger = try global.openLedger()
        let findings = try Audit(ledger: ledger).run(since: since)
        print(DiagnosticFormatter.render(findings, as: format), terminator: "")
        if format == .text { FileHandle.standardError.write(DiagnosticFormatter.summary(findings) + "\n") }
        if findings.hasErrors { throw ExitCode(1) }
    }
}
