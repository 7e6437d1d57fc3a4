import ArgumentParser
import Foundation
import ReclamKit

struct MergeFileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge-file",
        abstract: "Merge two versions of a case or action file (git's merge driver for the ledger).",
        discussion: """
            Git calls it for cases/**/*.md and actions/*.md once 'reclam init' or 'reclam hooks
            install' has registered it (.gitattributes and merge.reclam.driver), so that
            'git pull', 'git merge' and 'reclam sync' merge cases field by field. The result
            replaces OURS, as git expects of a merge driver.

            A field changed on one side takes that side; steps added on both sides are merged
            by time when the procedure allows the sequence; journal lines are merged by time;
            the rest of the body merges as text. Two values for one field, or two moves from
            the same stage to different stages, are conflicts: they are left between conflict
            markers, listed on stderr, and the exit status is 1. 'reclam conflicts' lists
            them and 'reclam resolve' settles them (docs/TEAMS.md).

            Example (what git runs):
              reclam merge-file .merge_file_a1 .merge_file_b2 .merge_file_c3 cases/stg-1/20261005-k7p3.md
            """
    )

    @Argument(help: "The common ancestor's version (git's %O).") var base: String
    @Argument(help: "Our version, replaced by the result (git's %A).") var ours: String
    @Argument(help: "Their version (git's %B).") var theirs: String
    @Argument(help: "The file's path in the ledger (git's %P).") var path: String
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let root = try? global.ledgerRoot()
        let conflicts = try MergeDriver.mergeFile(base: base, ours: ours, theirs: theirs, path: path, root: root)
        if conflicts.isEmpty { return }
        let m = Messages(root.flatMap { try? Ledger.open(at: $0) }?.config.language ?? .en)
        let prefix = "reclam merge-file: \(Escape.terminal(path))" + m[.colon]
        for conflict in conflicts {
            FileHandle.standardError.write(prefix + Escape.terminal(Self.describe(conflict, m)) + "\n")
        }
        FileHandle.standardError.write(prefix + m.count(conflicts.count, one: .mergeFileLeftOne, many: .mergeFileLeftMany) + "\n")
        throw ExitCode(1)
    }

    /// A conflict in the ledger's language: the field, stage and part names as they are.
    static func describe(_ conflict: MergeConflict, _ m: Messages) -> String {
        func value(_ text: String) -> String { text == "(removed)" ? m[.mergeRemoved] : text }
        switch conflict.subject {
        case .field(let name): return m.format(.mergeConflictField, name, value(conflict.ours), value(conflict.theirs))
        case .transition(let from): return m.format(.mergeConflictTransition, from, conflict.ours, conflict.theirs)
        case .text(let part):
            let parts: [String: Messages.Key] = [
                "file": .mergePartFile, "front-matter comments": .mergePartComments, "body": .mergePartBody,
            ]
            return m.format(.mergeConflictText, parts[part].map { m[$0] } ?? part)
        }
    }
}
