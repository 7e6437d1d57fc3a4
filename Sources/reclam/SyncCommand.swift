import ArgumentParser
import Foundation
import ReclamKit

struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Fetch, merge and push the ledger: share it with a team through a git remote.",
        discussion: """
            Fetches REMOTE (default: the branch's upstream remote, else origin), merges its
            branch into this one and pushes. A push refused because the remote moved
            meanwhile is retried after a new fetch and merge (5 tries). Fetch and push go
            through libgit2, with ssh-agent for ssh remotes and git's credential helpers for
            https; the merge is git's, with 'reclam merge-file' as the driver of case and
            action files (registered here if it was not), so that cases merge field by field.

            Refuses to start while case files, action files or reclam.yml have uncommitted
            edits (it names them). When the merge stops on a real conflict, it lists the
            files and exits 1: 'reclam conflicts' shows them, 'reclam resolve ID --take
            ours|theirs' settles each, and 'reclam sync' again commits the merge and pushes.
            docs/TEAMS.md has more.

            Examples:
              reclam sync
              reclam sync upstream
            """
    )

    @Argument(help: "The remote to sync with (default: the branch's upstream remote, else origin).") var remote: String?
    @OptionGroup var global: GlobalOptions
    @OptionGroup var write: WriteOptions

    func run() throws {
        let context = try write.context(global)
        let report = try Sync.run(.init(remote: remote, reclamPath: RunningBinary.path()), context: context)
        let m = Messages(context.ledger.config.language)
        for line in report.incoming {
            print(m.format(.syncIn, Escape.terminal(line.summary), Escape.terminal(line.author)))
        }
        for line in report.outgoing {
            print(m.format(.syncOut, Escape.terminal(line.summary), Escape.terminal(line.author)))
        }
        switch report.outcome {
        case .done:
            let counts = (
                m.count(report.incoming.count, one: .syncInOne, many: .syncInMany),
                m.count(report.outgoing.count, one: .syncOutOne, many: .syncOutMany)
            )
            print(
                m.format(.syncDone, report.branch, report.remote, counts.0, counts.1)
                    + (report.attempts > 1 ? m.format(.syncTries, String(report.attempts)) : ""))
        case .conflicts(let paths):
            FileHandle.standardError.write(
                "reclam: \(m.count(paths.count, one: .syncConflictsOne, many: .syncConflictsMany))\n"
                    + paths.map { "  \(Escape.terminal($0))\n" }.joined() + m[.syncConflictsHint] + "\n"
            )
            throw ExitCode(1)
        }
    }
}
