import Foundation
import Testing

@testable import ReclamCore
@testable import ReclamGit
@testable import ReclamKit
@testable import ReclamLedger
@testable import ReclamOutput
@testable import ReclamRules
@testable import ReclamWorkflow

/// Every rule any command reports is made to fire by a test. A rule of `reclam check` whose
/// input is a plain file has a fixture folder: a few files and, in `expected.txt`, the exact
/// diagnostics they must produce (a change of wording shows up as a diff of that file). Any
/// other rule has a `RuleScenario`: the situation built for real and the command's library call.
@Suite struct RuleFixtureTests {
    static let fixtureNames: [String] = (try? Fixtures.folders("rules").map(\.lastPathComponent)) ?? []
    static let scenarioNames: [String] = RuleScenario.all.map(\.rule.id)

    @Test func everyListedRuleHasAFixtureOrAScenario() {
        for rule in RuleCatalogue.listed {
            let ways = (Self.fixtureNames.contains(rule.id) ? 1 : 0) + (Self.scenarioNames.contains(rule.id) ? 1 : 0)
            #expect(ways == 1, "rule \(rule.id) needs exactly one of a fixture under Fixtures/rules/ or a RuleScenario, has \(ways)")
        }
        let listed = Set(RuleCatalogue.listed.map(\.id))
        for name in Self.fixtureNames + Self.scenarioNames {
            #expect(listed.contains(name), "\(name) is not a rule of the catalogue")
        }
    }

    @Test(arguments: scenarioNames)
    func scenarioProducesItsRuleAndNoOther(_ name: String) throws {
        let scenario = try #require(RuleScenario.named(name))
        let produced = try scenario.run()
        #expect(!produced.isEmpty, "'\(scenario.command)' reported nothing; \(name) must fire")
        #expect(produced.map(\.rule).allSatisfy { $0 == name }, "\(produced.map(DiagnosticFormatter.line))")
        #expect(produced.allSatisfy { $0.severity == scenario.rule.severity }, "\(produced.map(DiagnosticFormatter.line))")
    }

    @Test(arguments: fixtureNames)
    func fixtureProducesExactlyItsDiagnostics(_ name: String) throws {
        let folder = Fixtures.root.appendingPathComponent("rules/\(name)")
        let ledger = try TemporaryLedger()
        try ledger.copy(fixture: folder)
        try ledger.gitAdd(fixture: folder)
        let expected = try String(contentsOf: folder.appendingPathComponent("expected.txt"), encoding: .utf8)
        let produced = try ledger.check().map(DiagnosticFormatter.line)
        #expect(produced == expected.split(separator: "\n").map(String.init))
        #expect(produced.contains { $0.hasSuffix("[\(name)]") }, "fixture \(name) must trigger its own rule")
    }

    @Test func symlinkIsRefusedNotFollowed() throws {
        let ledger = try TemporaryLedger()
        try ledger.write("outside.md", "---\nid: secret\n---\n")
        try FileManager.default.createDirectory(at: ledger.url("cases/stg-1"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: ledger.url("cases/stg-1/20261005-k7p3.md").path, withDestinationPath: "../../outside.md")
        try FileManager.default.createSymbolicLink(atPath: ledger.url("cases/stg-2").path, withDestinationPath: "stg-1")
        let lines = try ledger.check().map(DiagnosticFormatter.line)
        #expect(
            lines.contains(
                "cases/stg-1/20261005-k7p3.md: error: les liens symboliques ne sont pas suivis dans un registre ; remplacez le lien par le fichier lui-même [file-symlink]"
            ))
        #expect(
            lines.contains(
                "cases/stg-2: error: les liens symboliques ne sont pas suivis dans un registre ; remplacez le lien par le fichier lui-même [file-symlink]"
            ))
        #expect(!lines.contains { $0.contains("secret") })
    }

    @Test func hugeFileIsRefusedBeforeParsing() throws {
        let ledger = try TemporaryLedger()
        let big = "---\nid: 20261005-k7p3\n---\n" + String(repeating: "réclamation ", count: 100_000)
        try ledger.write("cases/stg-1/20261005-k7p3.md", big)
        let diagnostics = try ledger.check()
        #expect(diagnostics.map(\.rule) == ["file-too-large"])
        #expect(diagnostics.first?.message.contains("(1 Mio)") == true)
    }

    @Test func binaryFileIsRefused() throws {
        let ledger = try TemporaryLedger()
        try ledger.write("cases/stg-1/20261005-k7p3.md", Data([0x2D, 0x2D, 0x2D, 0x0A, 0x00, 0x01, 0xFF]))
        #expect(try ledger.check().map(\.rule) == ["file-encoding"])
    }

    @Test func fifoIsNotReadAndDoesNotHang() throws {
        let ledger = try TemporaryLedger()
        try FileManager.default.createDirectory(at: ledger.url("cases/stg-1"), withIntermediateDirectories: true)
        #expect(mkfifo(ledger.url("cases/stg-1/20261005-k7p3.md").path, 0o644) == 0)
        let result = LedgerReader.readDocument("cases/stg-1/20261005-k7p3.md", in: try ledger.ledger())
        guard case .failure(let failure) = result else {
            Issue.record("a FIFO must not be read as a case")
            return
        }
        #expect(failure.diagnostic.rule == "file-unreadable")
        #expect(try ledger.check().map(\.rule) == ["file-stray"])
    }

    @Test func sampleLedgerPasses() throws {
        let repository = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let ledger = try Ledger.open(at: repository)
        let diagnostics = try Checker(ledger: ledger, now: ISODateTime.parse("2026-11-23T12:00:00+01:00")!.date).run()
        #expect(diagnostics.filter { $0.severity == .error }.map(DiagnosticFormatter.line) == [])
        let cases = try LedgerScan.scan(ledger).casePaths
        #expect(cases.count >= 12)
        #expect(Set(cases.map { $0.split(separator: "/")[1] }).count >= 6)
    }
}
