import ArgumentParser
import Foundation
import ReclamKit

struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Find (and with --fix repair) what killed writes and interrupted git commands leave.",
        discussion: """
            Lists: a reclam write that was killed before it finished (.git/reclam/journal),
            lock files of git's left by a command that did not finish (.git/index.lock, the
            branch's .lock: named with their age and owner process), temporary files left
            behind (.<name>.reclam-*.tmp, tmp_object_git2_*), ledger files whose index entry
            or work-tree copy is the version before the branch's last change to them, and
            ledger files changed but not committed. With --fix, repairs all but the last:
            an edit nobody committed is yours to commit ('reclam commit PATH') or drop
            ('git restore PATH'). Exit 1 while an error remains. docs/GIT.md explains.

            Examples:
              reclam doctor
              reclam doctor --fix
            """
    )

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Repair what can be repaired, then list what remains.") var fix = false
    @Option(help: DiagnosticFormat.help) var format: DiagnosticFormat = .text

    func run() throws {
        // Looks before anything repairs: the interrupted write is one of the findings.
        let root = try global.ledgerRoot(finishingInterruptedWrites: false)
        // A reclam.yml too broken to open: the doctor still speaks, in English.
        let language = (try? Ledger.open(at: root))?.config.language ?? .en
        let doctor = try Doctor(ledgerRoot: root, language: language)
        let m = Messages(language)
        var findings = try doctor.findings(language: language)
        if fix && findings.contains(where: \.isRepairable) {
            for line in try doctor.repair(findings) { FileHandle.standardError.write("reclam: \(m.format(.doctorFixed, line))\n") }
            findings = try doctor.findings(language: language)
        }
        let diagnostics = findings.map(\.diagnostic)
        print(DiagnosticFormatter.render(diagnostics, as: format, language: language), terminator: "")
        if format == .text {
            let repairable = findings.filter(\.isRepairable).count
            let hint = !fix && repairable > 0 ? m.format(.doctorFixHint, String(repairable)) : ""
            FileHandle.standardError.write(DiagnosticFormatter.summary(diagnostics, language: language) + hint + "\n")
        }
        if diagnostics.hasErrors { throw ExitCode(1) }
    }
}
