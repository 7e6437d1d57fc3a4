import Foundation
import Testing

@testable import ReclamCore
@testable import ReclamGit
@testable import ReclamKit
@testable import ReclamLedger
@testable import ReclamOutput
@testable import ReclamRules
@testable import ReclamWorkflow

/// Each rule of `reclam check` has a fixture folder: a few files and, in `expected.txt`, the
/// exact diagnostics they must produce. A change of wording shows up as a diff of that file.
@Suite struct RuleFixtureTests {
    static let fixtureNames: [String] = (try? Fixtures.folders("rules").map(\.lastPathComponent)) ?? []

    /// Rules whose input cannot live in git as a plain file; each has a test of its own below.
    static let builtInCode: Set<String> = ["file-symlink", "file-too-large", "file-unreadable"]

    @Test func everyRuleHasAFixture() {
        for rule in RuleCatalogue.all where !Self.builtInCode.contains(rule.id) {
            #expect(Self.fixtureNames.contains(rule.id), "rule \(rule.id) has no fixture under Fixtures/rules/")
        }
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
                "cases/stg-1/20261005-k7p3.md: error: symbolic links are not followed in a ledger; replace the link with the file itself [file-symlink]"
            ))
        #expect(
            lines.contains(
                "cases/stg-2: error: symbolic links are not followed in a ledger; replace the link with the file itself [file-symlink]"))
        #expect(!lines.contains { $0.contains("secret") })
    }

    @Test func hugeFileIsRefusedBeforeParsing() throws {
        let ledger = try TemporaryLedger()
        let big = "---\nid: 20261005-k7p3\n---\n" + String(repeating: "réclamation ", count: 100_000)
        try ledger.write("cases/stg-1/20261005-k7p3.md", big)
        let diagnostics = try ledger.check()
        #expect(diagnostics.map(\.rule) == ["file-too-large"])
        #expect(diagnostics.first?.message.contains("1 MiB") == true)
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
