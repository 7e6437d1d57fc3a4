import ArgumentParser
import Foundation
import ReclamKit

struct ResolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "Settle the merge conflicts of a case or action: take one side, or set a field.",
        discussion: """
            --set FIELD=VALUE writes that value in the conflict holding FIELD; --take ours or
            --take theirs keeps one side of every other conflict of the file. The file is
            written only if the result is a valid file. Once no conflict is left in it, it
            is marked resolved for git; when none is left in the ledger, 'reclam sync'
            commits the merge and pushes.

            Examples:
              reclam resolve 20261005-k7p3 --take theirs
              reclam resolve 20261005-k7p3 --set "owner=Karim Benali"
            """
    )

    @Argument(help: "The case or action id.") var id: String
    @Option(help: "ours or theirs: the side kept for each conflict not settled by --set.") var take: Conflicts.Side?
    @Option(name: .customLong("set"), help: ArgumentHelp("FIELD=VALUE, for a conflicting field (repeatable).", valueName: "field=value"))
    var sets: [String] = []
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if take == nil && sets.isEmpty { throw ReclamError.usage("give --take ours|theirs or --set FIELD=VALUE") }
    }

    func run() throws {
        let ledger = try global.openLedger()
        let repository = try GitRepository.discover(from: ledger.root.path)
        let pairs = try FieldAssignments.parse(sets)
        let resolution = try Conflicts.resolve(id: id, take: take, sets: pairs, ledger: ledger, repository: repository)
        let m = Messages(ledger.config.language)
        if resolution.remaining > 0 {
            print(resolution.path + m[.colon] + m.count(resolution.remaining, one: .resolveLeftOne, many: .resolveLeftMany))
            throw ExitCode(1)
        }
        let left = try Conflicts.list(ledger, repository: repository)
        if left.isEmpty {
            print(m.format(.resolvedNone, resolution.path))
        } else {
            let files = m.count(Set(left.map(\.id)).count, one: .resolvedStillOne, many: .resolvedStillMany)
            print(m.format(.resolvedSome, resolution.path, files))
        }
    }
}

extension Conflicts.Side: ExpressibleByArgument {}
