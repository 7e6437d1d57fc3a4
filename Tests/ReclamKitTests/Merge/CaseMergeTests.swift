import Foundation
import Testing

@testable import ReclamCore
@testable import ReclamLedger
@testable import ReclamWorkflow

/// Each folder under Fixtures/merge holds base, ours and theirs versions of a case, the file
/// the merge must produce, and (when the merge must fail) the conflicts it must report.
@Suite struct CaseMergeTests {
    static let fixtureNames: [String] = (try? Fixtures.folders("merge").map(\.lastPathComponent)) ?? []
    static let procedure = ProcedurePreset.training.procedure

    func read(_ folder: URL, _ name: String) throws -> Data {
        try Data(contentsOf: folder.appendingPathComponent(name))
    }

    @Test func everySituationHasAFixture() {
        for name in [
            "one-sided-field", "field-conflict", "both-moved-in-sequence", "both-moved-same-stage", "journal-interleaving",
            "body-near-front-matter", "crlf-bom",
        ] {
            #expect(Self.fixtureNames.contains(name), "no fixture \(name)")
        }
    }

    @Test(arguments: fixtureNames)
    func fixtureMergesToItsExpectedFile(_ name: String) throws {
        let folder = Fixtures.root.appendingPathComponent("merge/\(name)")
        let result = CaseMerge.merge(
            base: try read(folder, "base.md"), ours: try read(folder, "ours.md"), theirs: try read(folder, "theirs.md"),
            procedure: Self.procedure)
        let expected = try read(folder, "expected.md")
        #expect(
            result.data == expected,
            "\(name):\n\(String(decoding: result.data, as: UTF8.self))\n--- expected ---\n\(String(decoding: expected, as: UTF8.self))")
        let expectedConflicts = (try? String(contentsOf: folder.appendingPathComponent("conflicts.txt"), encoding: .utf8)) ?? ""
        #expect(result.conflicts.map(\.description) == expectedConflicts.split(separator: "\n").map(String.init))
        // A clean merge is a valid case file; a conflicted one is recognised as such.
        let markers = ConflictMarkers.firstMarkerLine(in: String(decoding: result.data, as: UTF8.self))
        #expect((markers == nil) == result.clean)
    }

    @Test func mergeIsSymmetricWhenClean() throws {
        for name in Self.fixtureNames where name != "crlf-bom" {
            let folder = Fixtures.root.appendingPathComponent("merge/\(name)")
            let (base, ours, theirs) = (try read(folder, "base.md"), try read(folder, "ours.md"), try read(folder, "theirs.md"))
            let forward = CaseMerge.merge(base: base, ours: ours, theirs: theirs, procedure: Self.procedure)
            let backward = CaseMerge.merge(base: base, ours: theirs, theirs: ours, procedure: Self.procedure)
            #expect(forward.clean == backward.clean, "\(name)")
            if forward.clean && name != "one-sided-field" {
                #expect(forward.data == backward.data, "\(name): the result depends on the side")
            }
        }
    }

    @Test func sameTransitionOnBothSidesIsOneStep() throws {
        let folder = Fixtures.root.appendingPathComponent("merge/both-moved-same-stage")
        let base = try read(folder, "base.md")
        let ours = try read(folder, "ours.md")
        let theirs = String(decoding: ours, as: UTF8.self).replacingOccurrences(of: "11:02", with: "11:04")
        let result = CaseMerge.merge(base: base, ours: ours, theirs: Data(theirs.utf8), procedure: Self.procedure)
        #expect(result.clean)
        let text = String(decoding: result.data, as: UTF8.self)
        #expect(text.components(separatedBy: "{stage: acknowledged").count == 2)
        #expect(text.contains("- 2026-10-05 11:04 +02:00"))
    }

    @Test func withoutAProcedureTwoMovesConflict() throws {
        let folder = Fixtures.root.appendingPathComponent("merge/both-moved-in-sequence")
        let result = CaseMerge.merge(
            base: try read(folder, "base.md"), ours: try read(folder, "ours.md"), theirs: try read(folder, "theirs.md"), procedure: nil)
        #expect(result.conflicts.map(\.subject) == [.transition(from: "investigating")])
    }

    /// Both sides set a field to the same value, quoted on one side only (an older Reclam quoted
    /// numeric-looking ids): the same value, no conflict.
    @Test func sameValueQuotedDifferentlyIsNoConflict() throws {
        let base = "---\nid: act-20261116-aaaa\ncases: [20261113-7925]\nowner: Claire\n---\n## Description\n"
        let ours = base.replacingOccurrences(of: "cases: [20261113-7925]", with: "cases: [20261113-7925, 20261113-2345]")
        let theirs = base.replacingOccurrences(of: "cases: [20261113-7925]", with: "cases: [\"20261113-7925\", \"20261113-2345\"]")
        let result = CaseMerge.merge(base: Data(base.utf8), ours: Data(ours.utf8), theirs: Data(theirs.utf8), procedure: nil)
        #expect(result.clean, "\(result.conflicts)")
        #expect(String(decoding: result.data, as: UTF8.self) == ours)
        // Different values still conflict.
        let other = base.replacingOccurrences(of: "cases: [20261113-7925]", with: "cases: [\"20261113-7925\", \"20261113-9999\"]")
        #expect(!CaseMerge.merge(base: Data(base.utf8), ours: Data(ours.utf8), theirs: Data(other.utf8), procedure: nil).clean)
    }

    @Test func unreadableSidesFallBackToTextMerge() throws {
        let base = Data("a\nb\nc\nd\ne\n".utf8)
        let result = CaseMerge.merge(base: base, ours: Data("a\nB\nc\nd\ne\n".utf8), theirs: Data("a\nb\nc\nd\nE\n".utf8), procedure: nil)
        #expect(String(decoding: result.data, as: UTF8.self) == "a\nB\nc\nd\nE\n")
        #expect(result.clean)
        let clash = CaseMerge.merge(base: base, ours: Data("a\nX\nc\nd\ne\n".utf8), theirs: Data("a\nY\nc\nd\ne\n".utf8), procedure: nil)
        #expect(!clash.clean)
        #expect(ConflictMarkers.regions(in: String(decoding: clash.data, as: UTF8.self)).count == 1)
    }
}
