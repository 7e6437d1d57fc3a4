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

            A finding reviewed and accepted ('reclam audit accept COMMIT --reason TEXT')
            is listed as a note (audit-accepted) with who accepted it, when and why.

            Examples:
              reclam audit
              reclam audit --since v2026-q3 --format github
              reclam audit --incremental        # in CI: only what came since the last clean audit
              reclam audit accept 5d2c8e1 --reason "Clôture décidée en comité qualité du 12/11"
            """,
        subcommands: [AuditAcceptCommand.self]
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Only commits after this revision (a commit, tag or branch).", valueName: "rev")) var since: String?
    @Option(help: DiagnosticFormat.help) var format: DiagnosticFormat = .text
    @Flag(help: "Only commits after the last clean audit (recorded in .git/reclam-audit-checkpoint); records HEAD when clean.")
    var incremental = false

    func run() throws {
        let ledger = try global.openLedger()
        if incremental && since != nil { throw ReclamError.usage("--incremental and --since cannot be used together") }
        let audit = Audit(ledger: ledger)
        let findings: [Diagnostic]
        if incremental {
            let result = try audit.runIncremental()
            findings = result.findings
            let m = Messages(ledger.config.language)
            FileHandle.standardError.write((result.since.map { m.format(.auditedSince, String($0.prefix(10))) } ?? m[.auditedAll]) + "\n")
        } else {
            findings = try audit.run(since: since)
        }
        print(DiagnosticFormatter.render(findings, as: format, language: ledger.config.language), terminator: "")
        if format == .text {
            FileHandle.standardError.write(DiagnosticFormatter.summary(findings, language: ledger.config.language) + "\n")
        }
        if findings.hasErrors { throw ExitCode(1) }
    }
}
