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
            if items.isEmpty { print(Messages(ledger.config.language)[.noConflicts]) }
            for item in items {
                let oursBy = item.oursBy.map { " (\($0))" } ?? ""
                let theirsBy = item.theirsBy.map { " (\($0))" } ?? ""
                print(
                    Escape.terminal(
                        "\(item.id)  \(item.subject): ours \(item.ours)\(oursBy) / theirs \(item.theirs)\(theirsBy)  [\(item.path):\(item.line)]"
                    ))
            }
        }
        if !items.isEmpty { throw ExitCode(1) }
    }
}
