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

    func parsedSets() throws -> [(field: String, value: String)] {
        try sets.map { text in
            guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
                throw ValidationError("--set expects FIELD=VALUE, got '\(text)'")
            }
            return (String(text[..<equals]), String(text[text.index(after: equals)...]))
        }
    }

    func request(id: String, target: String? = nil, verb: String? = nil, extra: [(field: String, value: String)] = []) throws -> MoveRequest
    {
        MoveRequest(id: id, target: target, verb: verb, sets: extra + (try parsedSets()), note: note, atText: at)
    }
}

/// What every move prints: one line a person can read, the commit for a script. A French
/// ledger shows the stages' labels (`Reçue → Réception accusée`), an English one their ids.
enum MoveOutput {
    static func print(_ result: (plan: MovePlan, commit: CommitResult), config: LedgerConfig) {
        let m = Messages(config.language)
        func stage(_ id: String) -> String {
            config.language == .fr ? Escape.terminal(config.procedure.stage(id)?.label(.fr) ?? id) : id
        }
        let plan = result.plan
        Swift.print(m.format(.moved, plan.item.id, stage(plan.from), stage(plan.to), result.commit.commit.short))
    }
}
