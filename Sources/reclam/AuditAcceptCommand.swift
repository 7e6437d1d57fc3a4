import ArgumentParser
import Foundation
import ReclamKit

struct AuditAcceptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accept",
        abstract: "Record that a commit's audit findings were reviewed and accepted.",
        discussion: """
            Makes a commit of its own that changes no file, with the trailers
            Reclam-Accepts: <commit> and Reclam-Reason: <reason>. From then on 'reclam audit'
            lists that commit's findings as accepted (audit-accepted, a note), with who
            accepted them, when and why, instead of as errors: the history keeps both the
            finding and its review. Refused when the commit is not in the branch, has no
            finding, or was accepted already.

            Example:
              reclam audit accept 5d2c8e1 --reason "Clôture décidée en comité qualité du 12/11"
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var write: WriteOptions

    @Argument(help: ArgumentHelp("The commit whose findings were reviewed (as 'reclam audit' names it).", valueName: "commit"))
    var commit: String

    @Option(help: "Why the findings are accepted (one line).") var reason: String

    func run() throws {
        let context = try write.context(global)
        let result = try AuditAccept.accept(commit, reason: reason, context: context)
        let m = Messages(context.ledger.config.language)
        let count = result.findings.count
        let one = m.language == .fr ? count <= 1 : count == 1
        print(
            m.format(
                one ? .auditAcceptedOne : .auditAcceptedMany, String(count), String(result.accepted.prefix(10)),
                result.commit.commit.short))
    }
}
