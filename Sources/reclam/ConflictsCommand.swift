import ArgumentParser
import Foundation
import ReclamKit

struct ConflictsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conflicts",
        abstract: "List the conflicts a merge left in case and action files.",
        discussion: """
            One line per conflict: the case, what is in conflict (a field, a transition from
            a stage, a part of the body), the two values, and who last changed the file on
            each side. Exit 1 when there is any, 0 when none is left.

            Examples:
              reclam conflicts
              reclam conflicts --format json
            """
    )

    enum Format: String, OutputFormat { case text, json }

    @OptionGroup var global: GlobalOptions
    @Option(help: Format.help) var format: Format = .text

    func run() throws {
        let ledger = try global.openLedger()
        let repository = try GitRepository.discover(from: ledger.root.path)
        let items = try Conflicts.list(ledger, repository: repository)
        switch format {
        case .json:
            print(
                JSON.encode(
                    .array(
                        items.map { item in
                            .object([
                                "id": .string(item.id), "path": .string(item.path), "line": .number(Double(item.line)),
                                "subject": .string(item.subject), "ours": .string(item.ours), "theirs": .string(item.theirs),
                                "ours_by": item.oursBy.map { .string($0) } ?? .null,
                                "theirs_by": item.theirsBy.map { .string($0) } ?? .null,
                            ])
                        })))
        case .text:
            let m = Messages(ledger.config.language)
            if items.isEmpty { print(m[.noConflicts]) }
            for item in items {
                let oursBy = item.oursBy.map { " (\($0))" } ?? ""
                let theirsBy = item.theirsBy.map { " (\($0))" } ?? ""
                let (ours, theirs) = (Self.value(item.ours, m), Self.value(item.theirs, m))
                let line = m.format(
                    .conflictsLine, item.id, Self.subject(item.subject, m), ours, oursBy, theirs, theirsBy, item.path, String(item.line))
                print(Escape.terminal(line))
            }
        }
        if !items.isEmpty { throw ExitCode(1) }
    }

    /// The subject `Conflicts` words in English (`field owner`, `transition from received`,
    /// `body (## Analyse)`), in the ledger's language; field and stage ids as they are.
    static func subject(_ subject: String, _ m: Messages) -> String {
        if subject.hasPrefix("field ") { return m.format(.conflictsField, String(subject.dropFirst(6))) }
        if subject.hasPrefix("transition from ") {
            let from = String(subject.dropFirst(16))
            return m.format(.conflictsTransition, from == "the first stage" ? m[.conflictsFirstStage] : from)
        }
        if subject.hasPrefix("body") { return m[.conflictsBody] + subject.dropFirst(4) }
        return subject
    }

    static func value(_ value: String, _ m: Messages) -> String { value == "(none)" ? m[.conflictsNone] : value }
}
