import Foundation
import Testing

@testable import ReclamCore
@testable import ReclamGit
@testable import ReclamKit
@testable import ReclamLedger
@testable import ReclamOutput
@testable import ReclamRules
@testable import ReclamWorkflow

/// Ledger settings and case files written as text, the way people write them, so that the
/// tests go through the same readers as `reclam sla`.
enum SLAFixture {
    static let ascensionBridge = "    - {date: 2026-05-15, name: Pont de l'Ascension}"

    /// The training preset, with the Ascension bridge closed as in docs/SLA.md.
    static func training() throws -> LedgerConfig {
        let text = ProcedurePreset.training.configText.replacingOccurrences(
            of: "    - {from: 2026-12-24, to: 2027-01-01, name: Fermeture de fin d'année}",
            with: "    - {from: 2026-12-24, to: 2027-01-01, name: Fermeture de fin d'année}\n" + ascensionBridge)
        return try config(text)
    }

    static func network() throws -> LedgerConfig { try config(ProcedurePreset.network.configText) }

    /// The training preset with its `sla:` section replaced.
    static func training(sla: String) throws -> LedgerConfig {
        let text = ProcedurePreset.training.configText
        let range = try #require(text.range(of: "\nsla:\n"))
        return try config(String(text[..<range.lowerBound]) + "\nsla:\n" + sla)
    }

    static func config(_ text: String) throws -> LedgerConfig {
        let (config, diagnostics) = LedgerConfig.read(Data(text.utf8))
        #expect(diagnostics.filter { $0.severity == .error }.map(DiagnosticFormatter.line) == [])
        return try #require(config)
    }

    /// A case file; `steps` are (stage, at) pairs and the case's stage is the last one's.
    static func item(
        _ id: String = "20261002-aaaa", learner: String = "stg-1", received: String, steps: [(String, String)] = [],
        fields: [String: String] = [:]
    ) throws -> Case {
        var lines = [
            "---", "id: \(id)", "learner: \(learner)", "title: Attestation non reçue", "received: \(received)", "channel: email",
            "complainant: learner", "stage: \(steps.last?.0 ?? "received")",
        ]
        for (field, value) in fields.sorted(by: { $0.key < $1.key }) { lines.append("\(field): \(value)") }
        lines.append(steps.isEmpty ? "steps: []" : "steps:")
        for (stage, at) in steps { lines.append("  - {stage: \(stage), at: \(at), by: Claire Martin}") }
        lines += ["---", "## Réclamation", ""]
        let document = try MarkdownDocument.parse(data: Data(lines.joined(separator: "\n").utf8))
        return Case(path: "cases/\(learner)/\(id).md", document: document)
    }

    static func evaluate(_ cases: [Case], _ config: LedgerConfig, asOf: String) throws -> SLAReport {
        SLAEvaluator.evaluate(
            cases, procedure: config.procedure, calendar: config.calendar, rules: config.slaRules, asOf: try instant(asOf))
    }

    /// The clock of one rule for a single case (first round).
    static func clock(_ item: Case, _ config: LedgerConfig, rule: String, asOf: String) throws -> SLAResult {
        let report = try evaluate([item], config, asOf: asOf)
        return try #require(report.results.first { $0.rule.name == rule }, "no clock for \(rule) as of \(asOf)")
    }

    static func instant(_ text: String) throws -> Date { try CalendarFixture.instant(text) }

    static func text(_ date: Date?) -> String? { date.map(CalendarFixture.text) }
}
