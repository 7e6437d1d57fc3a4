import ArgumentParser
import Foundation
import ReclamKit

/// `reclam VERB ID`: every verb of the ledger's procedure is a command, with no code per verb.
/// The root command hands over here when its first argument is not a built-in command.
struct VerbCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reclam",
        abstract: "Run a verb of the ledger's procedure on a case (reclam VERB ID), like 'reclam move'.",
        shouldDisplay: false
    )

    @Argument(help: "A verb of the procedure (reclam procedure lists them).") var verb: String
    @Argument(help: "The case id.") var id: String
    @OptionGroup var global: GlobalOptions
    @OptionGroup var write: WriteOptions
    @Option(help: "Who handles the case (sets 'owner').") var to: String?
    @Option(help: "Why (sets the one '…reason' field the target stage requires).") var reason: String?
    @OptionGroup var move: MoveOptions

    func run() throws {
        let context = try write.context(global)
        if let to, move.sets.isEmpty, reason == nil, CaseFields.isReassignment(verb: verb, id: id, context: context) {
            let result = try CaseFields.reassign(id, to: to, note: move.note, atText: move.at, context: context)
            let old = result.changed.first?.old ?? ""
            let m = Messages(context.ledger.config.language)
            print(m.format(.reassigned, result.id, Escape.terminal(old), Escape.terminal(to), result.commit.commit.short))
            return
        }
        var extra: [(field: String, value: String)] = []
        if let to { extra.append(("owner", to)) }
        if let reason {
            guard let field = VerbHelp.reasonField(verb, in: context.ledger.config.procedure) else {
                throw ReclamError.usage("'\(verb)' sets no reason field; use --set FIELD=VALUE (see reclam help \(verb))")
            }
            extra.append((field, reason))
        }
        MoveOutput.print(
            try CaseMove.run(try move.request(id: id, verb: verb, extra: extra), context: context), config: context.ledger.config)
    }

    /// Arguments for this command when `arguments` start with a verb of the ledger's procedure
    /// (`investigate ID …`), or help for `help VERB` and `VERB --help`; nil otherwise.
    static func dispatch(_ arguments: [String]) -> Dispatch? {
        var words = arguments
        var helpWanted = false
        if words.first == "help", words.count >= 2 {
            words.removeFirst()
            helpWanted = true
        }
        guard let verb = words.first, !verb.hasPrefix("-"), !CommandNames.builtIn.contains(verb) else { return nil }
        guard let procedure = procedure(ledgerOption: ledgerOption(in: words)) else { return nil }
        guard procedure.transitions.contains(where: { $0.verb == verb }) else {
            return helpWanted ? nil : .unknown(verb, verbs: Array(Set(procedure.transitions.map(\.verb))).sorted())
        }
        if helpWanted || words.contains("--help") || words.contains("-h") {
            return .help(VerbHelp.text(verb, procedure: procedure) ?? "")
        }
        return .run(words)
    }

    enum Dispatch {
        case run([String])
        case help(String)
        case unknown(String, verbs: [String])
    }

    static func ledgerOption(in words: [String]) -> String? {
        for (index, word) in words.enumerated() {
            if word == "--ledger", index + 1 < words.count { return words[index + 1] }
            if word.hasPrefix("--ledger=") { return String(word.dropFirst("--ledger=".count)) }
        }
        return nil
    }

    static func procedure(ledgerOption: String?) -> Procedure? {
        guard let root = try? Ledger.root(given: ledgerOption.map { URL(fileURLWithPath: $0) }),
            let ledger = try? Ledger.open(at: root)
        else { return nil }
        return ledger.config.procedure
    }
}
