import Foundation
import Testing

@testable import ReclamCore
@testable import ReclamGit
@testable import ReclamKit
@testable import ReclamLedger
@testable import ReclamOutput
@testable import ReclamRules
@testable import ReclamWorkflow

/// `reclam procedure --format json` describes the procedure in full: every field of every
/// stage and transition of `reclam.yml`, compared here field by field with the YAML as written
/// (read as a plain YAML tree, not through the procedure reader), for both presets.
@Suite struct ProcedureDescriptionTests {
    /// The JSON as a program reads it: through Foundation's parser, not reclam's encoder.
    func json(_ preset: ProcedurePreset) throws -> [String: Any] {
        let procedure = try #require(preset.procedure)
        let text = JSON.encode(ProcedureRenderer.json(procedure))
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    func yaml(_ preset: ProcedurePreset) throws -> YAMLNode {
        let root = try #require(try YAMLReader.read(preset.configText))
        return try #require(root["procedure"])
    }

    /// A scalar or a list of scalars, as a list.
    func words(_ node: YAMLNode?) -> [String] {
        guard let node else { return [] }
        return node.scalar.map { [$0] } ?? node.items?.compactMap(\.scalar) ?? []
    }

    func flag(_ node: YAMLNode, _ key: String) -> Bool { node[key]?.scalar == "true" }

    @Test(arguments: ProcedurePreset.allCases)
    func theJSONHoldsEveryFieldOfTheYAML(_ preset: ProcedurePreset) throws {
        let yaml = try yaml(preset)
        let json = try json(preset)
        #expect(json["name"] as? String == yaml["name"]?.scalar)

        let yamlStages = try #require(yaml["stages"]?.items)
        let jsonStages = try #require(json["stages"] as? [[String: Any]])
        try #require(jsonStages.count == yamlStages.count)
        for (written, shown) in zip(yamlStages, jsonStages) {
            let id = written["id"]?.scalar ?? "?"
            // No field of the YAML is left out, whatever it is.
            for pair in written.pairs ?? [] {
                #expect(shown[pair.key] != nil, "stage \(id): '\(pair.key)' missing from the JSON")
            }
            #expect(shown["id"] as? String == id)
            let labels = Dictionary(uniqueKeysWithValues: (written["labels"]?.pairs ?? []).map { ($0.key, $0.value.scalar ?? "") })
            #expect(shown["labels"] as? [String: String] == labels, "stage \(id)")
            for key in ["initial", "terminal", "pauses_sla", "requires_action"] {
                #expect(shown[key] as? Bool == flag(written, key), "stage \(id): \(key)")
            }
            let requires = written["requires"]?.items ?? []
            let shownRequires = try #require(shown["requires"] as? [[String: Any]], "stage \(id)")
            try #require(shownRequires.count == requires.count, "stage \(id)")
            for (requirement, shownRequirement) in zip(requires, shownRequires) {
                for pair in requirement.pairs ?? [] {
                    #expect(shownRequirement[pair.key] != nil, "stage \(id): requirement field '\(pair.key)' missing")
                }
                #expect(shownRequirement["field"] as? String == requirement["field"]?.scalar)
                #expect(shownRequirement["type"] as? String == requirement["type"]?.scalar)
                #expect(shownRequirement["values"] as? [String] == words(requirement["values"]))
            }
        }
        // Closing needs an action in the training preset: the reason this test exists.
        if preset == .training {
            #expect(jsonStages.first { $0["id"] as? String == "closed" }?["requires_action"] as? Bool == true)
        }

        // A transition written with several 'from' stages is one JSON entry per stage, in order.
        let yamlTransitions = try #require(yaml["transitions"]?.items)
        let jsonTransitions = try #require(json["transitions"] as? [[String: Any]])
        var index = 0
        for written in yamlTransitions {
            for from in words(written["from"]) {
                try #require(index < jsonTransitions.count, "fewer transitions in the JSON than in the YAML")
                let shown = jsonTransitions[index]
                index += 1
                for pair in written.pairs ?? [] {
                    #expect(shown[pair.key] != nil, "transition \(from) -> ?: '\(pair.key)' missing from the JSON")
                }
                #expect(shown["from"] as? String == from)
                #expect(shown["to"] as? String == written["to"]?.scalar)
                #expect(shown["verb"] as? String == (written["verb"]?.scalar ?? "move"))
                #expect(shown["reopen"] as? Bool == flag(written, "reopen"))
                let when = Dictionary(uniqueKeysWithValues: (written["when"]?.pairs ?? []).map { ($0.key, words($0.value)) })
                #expect(shown["when"] as? [String: [String]] == when, "transition \(from) -> \(shown["to"] ?? "")")
            }
        }
        #expect(index == jsonTransitions.count, "more transitions in the JSON than in the YAML")
    }

    @Test func dotLabelsOfGuardedTransitionsAreTwoLines() throws {
        let procedure = try #require(ProcedurePreset.network.procedure)
        let dot = ProcedureRenderer.dot(procedure, language: .fr)
        // One backslash then n: dot's line break. "\\n" would print a backslash and an n.
        #expect(dot.contains(#""analysed" -> "responded" [label="respond\nkind=complaint"];"#), "\(dot)")
        #expect(dot.contains(#""analysed" -> "closed" [label="close\nkind=dysfunction"];"#))
        #expect(!dot.contains(#"\\n"#))
        // A label's own quotes and backslashes stay escaped.
        var odd = procedure
        odd.stages[0].labels["fr"] = #"Re"çue\n"#
        #expect(ProcedureRenderer.dot(odd, language: .fr).contains(#"[label="Re\"çue\\n"];"#))
    }

    @Test func textShowsRequiresActionAndReopening() throws {
        let procedure = try #require(ProcedurePreset.training.procedure)
        let text = ProcedureRenderer.text(procedure, language: .en)
        let closed = try #require(text.split(separator: "\n").first { $0.hasPrefix("closed ") })
        #expect(closed.contains("needs an action or no_action_reason"))
        #expect(closed.contains("reopen → reopened (reopening)"))
    }
}
