import ArgumentParser
import Foundation
import ReclamKit

/// Options of every command that commits.
struct WriteOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Author of the commit, \"Name <email>\" (default: RECLAM_ACTOR, then git's user.name and user.email).", valueName: "identity"))
    var actor: String?

    func context(_ global: GlobalOptions) throws -> WriteContext {
        try WriteContext(
            ledger: try global.openLedger(), actorOption: actor, environment: ProcessInfo.processInfo.environment, now: try global.now())
    }
}
