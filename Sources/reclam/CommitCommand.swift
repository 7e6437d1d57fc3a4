import ArgumentParser
import Foundation
import ReclamKit

struct CommitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "commit",
        abstract: "Check and commit case, learner and action files edited by hand.",
        discussion: """
            Without a path, takes every modified (or new) case, learner and action file; a
            folder takes the modified files under it. Each is checked like 'reclam check',
            and a stage change must be a move the procedure allows, with the fields the
            new stage requires: the step and the journal line of the move are added unless
            you wrote them. All files go into one commit ('edit(ID): …', with the fields
            that changed in its body and the Reclam-Case and Reclam-Stage trailers), or
            none does: when one file is refused the command exits 1 with the diagnostics,
            and your edits stay in the files, uncommitted. Files that do not differ from
            the branch are left out.

            Examples:
              reclam commit
              reclam commit cases/stg-2026-014/20261005-k7p3.md -m "Notes d'analyse"
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var write: WriteOptions

    @Argument(help: ArgumentHelp("Files or folders to commit (default: every modified ledger file).", valueName: "path"))
    var paths: [String] = []

    @Option(name: .shortAndLong, help: "Says what the edit is; replaces the generated part of the summary.")
    var message: String?

    func run() throws {
        let context = try write.context(global)
        let relative = try paths.map { try LedgerPath.relative($0, root: context.ledger.root) }
        let files = try HandEdit.selectFiles(relative, in: context)
        let result = try HandEdit.commit(paths: files, message: message, context: context)
        HandEditOutput.print(result, config: context.ledger.config)
    }
}

/// What edit and commit print: the commit for a script, the warnings for the person.
enum HandEditOutput {
    /// A French ledger names a case's stages by their labels, like a move does.
    static func print(_ result: HandEditResult, config: LedgerConfig) {
        let m = Messages(config.language)
        guard let commit = result.commit else {
            FileHandle.standardError.write("reclam: \(m[.nothingCommitted])\n")
            return
        }
        let warnings = result.diagnostics.filter { $0.severity != .error }
        if !warnings.isEmpty { FileHandle.standardError.write(RunLanguage.render(warnings)) }
        for review in result.reviews {
            var line = review.id + m[.colon]
            if let change = review.stageChange {
                func stage(_ id: String) -> String {
                    config.language == .fr && review.kind == .caseFile ? Escape.terminal(config.procedure.stage(id)?.label(.fr) ?? id) : id
                }
                line += "\(stage(change.from)) → \(stage(change.to))"
            } else {
                line += review.isNew ? m[.fileAdded] : m[.fileEdited]
            }
            Swift.print("\(line) (\(commit.commit.short))")
        }
    }
}
