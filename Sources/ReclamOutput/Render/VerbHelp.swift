import Foundation
import ReclamCore

/// `reclam help VERB`: what a verb of the ledger's procedure does, generated from the procedure
/// so that a verb added in reclam.yml is documented without code.
public enum VerbHelp {
    /// The field `--reason` sets for this verb: the one field ending in `reason` that a target
    /// stage of the verb requires.
    public static func reasonField(_ verb: String, in procedure: Procedure) -> String? {
        let fields = procedure.transitions.filter { $0.verb == verb }.flatMap { procedure.requirements(of: $0.to).map(\.field) }
        let reasons = Set(fields.filter { $0.hasSuffix("reason") })
        return reasons.count == 1 ? reasons.first : nil
    }

    public static func text(_ verb: String, procedure: Procedure) -> String? {
        let transitions = procedure.transitions.filter { $0.verb == verb }
        guard !transitions.isEmpty else { return nil }
        var out = "OVERVIEW: Run the '\(verb)' transition of the procedure '\(procedure.name)' on a case, and commit.\n\n"
        out += "It does what 'reclam move ID STAGE' does for the stage below: the procedure decides whether the\n"
        out += "move is allowed and which fields it needs; a refused move writes nothing (exit 1).\n\n"
        out += "USAGE: reclam \(verb) <id> [--set <field=value> ...] [--note <note>] [--at <datetime>]"
        if transitions.contains(where: { procedure.requirements(of: $0.to).contains { $0.field == "owner" } }) { out += " [--to <person>]" }
        if let reason = reasonField(verb, in: procedure) { out += " [--reason <text>]   (sets \(reason))" }
        out += "\n\nTRANSITIONS:\n"
        for transition in transitions {
            out += "  \(transition.from.joined(separator: ", ")) → \(transition.to)"
            if !transition.when.isEmpty {
                let guards = transition.when.sorted { $0.key < $1.key }.map { "\($0.key) is \($0.value.joined(separator: " or "))" }
                out += "   (only when \(guards.joined(separator: " and ")))"
            }
            out += "\n"
            let requirements = procedure.requirements(of: transition.to)
            if requirements.isEmpty { continue }
            out += "    fields '\(transition.to)' requires:\n"
            for requirement in requirements {
                var line = "      \(requirement.field) (\(requirement.type.rawValue)"
                if !requirement.values.isEmpty { line += ": \(requirement.values.joined(separator: ", "))" }
                out += line + ")\n"
            }
        }
        out += """

            OPTIONS:
              --set <field=value>     Set a field on the way (repeatable).
              --note <note>           A note for the journal and the step.
              --at <datetime>         When the step happened (default: now).
              --actor <identity>      Author of the commit, "Name <email>".
              --ledger <dir>          The ledger folder.

            Example:
              reclam \(verb) 20261005-k7p3\(exampleSets(transitions.first!, procedure))

            """
        return out
    }

    static func exampleSets(_ transition: Transition, _ procedure: Procedure) -> String {
        procedure.requirements(of: transition.to).map { requirement in
            let value = requirement.values.first ?? (requirement.type == .person ? "\"Claire Martin\"" : "\"…\"")
            return " --set \(requirement.field)=\(value)"
        }.joined()
    }
}
