import ArgumentParser
import Foundation
import ReclamKit

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List every rule any command reports (check, sla, audit, commit, intake), with an example that breaks it.",
        discussion: """
            Example:
              reclam rules
              reclam rules --format json
            """
    )

    enum Format: String, OutputFormat { case text, json }

    @Option(help: Format.help)
    var format: Format = .text

    func run() {
        switch format {
        case .text:
            for rule in RuleCatalogue.listed {
                print("\(rule.id) (\(rule.severity.rawValue))")
                print("  \(rule.summary)")
                print("  bad:")
                for line in rule.badExample.split(separator: "\n", omittingEmptySubsequences: false) { print("    \(line)") }
                print("")
            }
        case .json:
            print(
                JSON.encode(
                    RuleCatalogue.listed.map {
                        [
                            "id": .string($0.id), "severity": .string($0.severity.rawValue), "summary": .string($0.summary),
                            "bad_example": .string($0.badExample),
                        ]
                    }))
        }
    }
}
