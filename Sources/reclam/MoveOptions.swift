import ArgumentParser
import Foundation
import ReclamKit

/// Options shared by `move` and the named verbs.
struct MoveOptions: ParsableArguments {
    @Option(name: .customLong("set"), help: ArgumentHelp("Set a field on the way, FIELD=VALUE (repeatable).", valueName: "field=value"))
    var sets: [String] = []

    @Option(help: "A note for the journal and the step.")
    var note: String?

    @Option(
        help: ArgumentHelp(
            "When the step happened: 2026-10-05 09:12 or 2026-10-05 in the ledger's time zone, or ISO 8601 with offset (default: now); not before the previous step.",
            valueName: "datetime"))
    var at: String?

    func request(id: String, target: String? = nil, verb: String? = nil, extra: [(field: String, value: String)] = []) throws -> MoveRequest
    {
        MoveRequest(id: id, target: target, verb: verb, sets: extra + (try FieldAssignments.parse(sets)), note: note, atText: at)
    }
}

/// What every move prints: one line a person can read, the commit for a script. A French
/// ledger shows the stages' labels (`Reçue → Réception accusée`), an English one their ids.
enum MoveOutput {
    static func print(_ result: (plan: MovePlan, commit: CommitResult), config: LedgerConfig) {
        let plan = result.plan
        print(plan.item.id, from: plan.from, to: plan.to, commit: result.commit, procedure: config.procedure, language: config.language)
    }

    /// The same line for any record moved through `procedure` (a case's, an action's).
    static func print(_ id: String, from: String, to: String, commit: CommitResult, procedure: Procedure, language: Language) {
        func stage(_ id: String) -> String {
            language == .fr ? Escape.terminal(procedure.stage(id)?.label(.fr) ?? id) : id
        }
        Swift.print(Messages(language).format(.moved, id, stage(from), stage(to), commit.commit.short))
    }
}
