import Foundation
import Testing

@testable import ReclamCore
@testable import ReclamGit
@testable import ReclamKit
@testable import ReclamLedger
@testable import ReclamOutput
@testable import ReclamRules
@testable import ReclamWorkflow

@Suite struct JSONSchemaTests {
    func schema(_ preset: ProcedurePreset) throws -> [String: Any] {
        let ledger = try TemporaryLedger(config: preset.configText)
        let text = JSON.encode(JSONSchema.caseFrontMatter(config: try ledger.ledger().config))
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test(arguments: [ProcedurePreset.training, .network])
    func theSchemaFollowsTheLedgersProcedure(_ preset: ProcedurePreset) throws {
        let root = try schema(preset)
        let ledger = try TemporaryLedger(config: preset.configText)
        let procedure = try ledger.ledger().config.procedure
        #expect(root["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        #expect(root["additionalProperties"] as? Bool == false)
        #expect(root["required"] as? [String] == ["id", "learner", "title", "received", "channel", "complainant", "stage"])
        let properties = try #require(root["properties"] as? [String: [String: Any]])
        #expect(properties["stage"]?["enum"] as? [String] == procedure.stages.map(\.id))
        #expect(properties["channel"]?["enum"] as? [String] == FieldCatalogue.channels)
        #expect(properties["received"]?["format"] as? String == "date-time")
        #expect(properties["id"]?["pattern"] as? String == "^[a-z0-9][a-z0-9-]{0,63}$")
        for (name, requirement) in procedure.declaredFields where FieldCatalogue.caseField(name) == nil {
            let property = try #require(properties[name], "\(name) is missing")
            if requirement.type == .enum { #expect(property["enum"] as? [String] == requirement.values) }
        }
        let conditions = try #require(root["allOf"] as? [[String: Any]])
        let required = conditions.compactMap { ($0["then"] as? [String: Any])?["required"] as? [String] }
        #expect(required == procedure.stages.filter { !$0.requires.isEmpty }.map { $0.requires.map(\.field) })
    }

    @Test func theDateTimePatternAcceptsWhatTheCheckerAccepts() throws {
        let pattern = try Regex(JSONSchema.dateTimePattern)
        for text in ["2026-10-05T09:12:00+02:00", "2026-10-05T07:12:00Z", "2026-10-05T09:12:00+0200", "2026-10-05T09:12:00.250+02:00"] {
            #expect(ISODateTime.parse(text) != nil)
            #expect(text.wholeMatch(of: pattern) != nil, "\(text)")
        }
        for text in ["2026-10-05T09:12:00", "2026-10-05 09:12", "2026-10-05"] {
            #expect(text.wholeMatch(of: pattern) == nil, "\(text)")
        }
    }
}
