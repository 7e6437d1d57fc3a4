import ArgumentParser
import Foundation
import ReclamKit

@main
struct Reclam: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reclam",
        abstract: "A plain-text, git-friendly complaint ledger.",
        discussion: """
            Every complaint is a Markdown file under cases/<learner>/; every step is a git commit.
            The ledger is found by walking up from the current directory to reclam.yml, or given
            with --ledger DIR.

            Every verb of the ledger's procedure is a command too: reclam VERB ID, like
            'reclam move' (reclam procedure lists the verbs; reclam help VERB explains one).

            Exit status: 0 success, 1 findings or a refusal (the ledger's rules said no),
            2 usage or I/O error.

            Example:
              reclam init my-ledger && cd my-ledger
              reclam new --learner stg-2026-001 --title "Attestation non reçue" --channel email --complainant learner
              reclam check
            """,
        version: ReclamVersion.current,
        subcommands: [
            InitCommand.self, NewCommand.self, CheckCommand.self, RulesCommand.self, ShowCommand.self,
            ListCommand.self, AgendaCommand.self, MoveCommand.self, AckCommand.self, NextCommand.self, LogCommand.self, AuditCommand.self,
            RegisterCommand.self, LearnerCommand.self, SetCommand.self, NoteCommand.self,
            ActionCommand.self, PlanCommand.self, TrendsCommand.self, ReportCommand.self,
            ProcedureCommand.self, LetterCommand.self, CalendarCommand.self, DueCommand.self,
            SLACommand.self, IntakeCommand.self, IntakeSurveyCommand.self, EditCommand.self, CommitCommand.self, HooksCommand.self,
            SchemaCommand.self, SendCommand.self, RemindCommand.self, ServeCommand.self, SyncCommand.self, ConflictsCommand.self,
            ResolveCommand.self, MergeFileCommand.self, DoctorCommand.self, UserCommand.self,
        ]
    )

    static func main() {
        do {
            switch VerbCommand.dispatch(Array(CommandLine.arguments.dropFirst())) {
            case .run(let arguments):
                var command = try VerbCommand.parseAsRoot(arguments)
                try command.run()
                return
            case .help(let text):
                print(text, terminator: "")
                return
            case .unknown(let word, let verbs):
                throw ReclamError.usage(
                    "'\(word)' is neither a command (reclam help lists them) nor a verb of this ledger's procedure ("
                        + verbs.joined(separator: ", ") + ")")
            case nil:
                break
            }
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(with: error)
        }
    }

    /// Maps every failure to the documented exit status, here and nowhere else: 1 for a refusal
    /// or findings, 2 otherwise. A usage mistake is a `ReclamError` of kind `.usage` (the one
    /// type the commands throw for it, from `run()` or `validate()`) or one argument-parser finds
    /// while parsing (an unknown option, a `--format` the command does not write): exit 2.
    static func exit(with error: Error) -> Never {
        if let reclamError = error as? ReclamError {
            if let language = reclamError.language { RunLanguage.current = language }
            if !reclamError.diagnostics.isEmpty {
                FileHandle.standardError.write(RunLanguage.render(reclamError.diagnostics))
            }
            let message = reclamError.text(Messages(RunLanguage.current))
            FileHandle.standardError.write("reclam: \(Escape.terminal(message))\n")
            Foundation.exit(reclamError.kind == .refused ? 1 : 2)
        }
        if let code = error as? ExitCode {
            Foundation.exit(code.rawValue)
        }
        let code = exitCode(for: error)
        let message = fullMessage(for: error)
        if code == .success {
            if !message.isEmpty { print(message) }
            Foundation.exit(0)
        }
        FileHandle.standardError.write(message + "\n")
        Foundation.exit(2)
    }
}

extension FileHandle {
    func write(_ string: String) {
        write(string.data(using: .utf8) ?? Data())
    }
}
