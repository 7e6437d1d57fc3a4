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
                                "subject": .string(item.subject.english), "ours": .string(item.ours ?? "(none)"),
                                "theirs": .string(item.theirs ?? "(none)"),
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

    /// The subject in the ledger's language; field and stage ids as they are.
    static func subject(_ subject: Conflicts.Subject, _ m: Messages) -> String {
        switch subject {
        case .field(let key): m.format(.conflictsField, key)
        case .transition(let from): m.format(.conflictsTransition, from ?? m[.conflictsFirstStage])
        case .body(let heading): m[.conflictsBody] + (heading.map { " (\($0))" } ?? "")
        }
    }

    static func value(_ value: String?, _ m: Messages) -> String { value ?? m[.conflictsNone] }
}
