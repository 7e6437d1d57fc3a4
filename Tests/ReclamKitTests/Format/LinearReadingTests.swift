import Foundation
import Testing

@testable import ReclamCore
@testable import ReclamGit
@testable import ReclamKit
@testable import ReclamLedger
@testable import ReclamOutput
@testable import ReclamRules
@testable import ReclamWorkflow

/// Files under the 1 MiB limit shaped to make any quadratic step of reading show. The targets
/// (0.5 s each, release build) are measured by `make bench`; these bounds are ten times that
/// and more, so they hold in a debug build on a loaded machine, yet a quadratic reader misses
/// them by minutes (it took 51 s, 35 s and 13 s in a release build).
@Suite struct LinearReadingTests {
    static let bound = Duration.seconds(8)

    static let head = """
        ---
        id: 20261005-k7p3
        learner: stg-1
        title: Fichier pathologique
        received: 2026-10-05T09:00:00+02:00
        channel: email
        complainant: learner
        kind: complaint
        stage: received

        """
    static let tail = "---\n## Réclamation\n\nTexte.\n"

    static func flowList() -> String {
        head + "tags: [" + (0..<100_000).map { "t\($0)" }.joined(separator: ", ") + "]\n" + tail
    }

    static func manyKeys() -> String {
        head + (0..<100_000).map { "x\($0): v\n" }.joined() + tail
    }

    static func longKey(_ length: Int = 1_000_000) -> String {
        head + String(repeating: "k", count: length) + ": v\n" + tail
    }

    /// Checks the file as `reclam check` does; returns the findings and the time taken.
    func check(_ text: String) throws -> ([Diagnostic], Duration) {
        let ledger = try TemporaryLedger()
        try ledger.write("cases/stg-1/learner.md", "---\nid: stg-1\n---\n")
        try ledger.write("cases/stg-1/20261005-k7p3.md", text)
        #expect(text.utf8.count < TextFile.maximumSize)
        var diagnostics: [Diagnostic] = []
        let elapsed = try ContinuousClock().measure { diagnostics = try ledger.check() }
        return (diagnostics, elapsed)
    }

    @Test("a flow list of 100 000 words")
    func flowListOnOneLine() throws {
        let (diagnostics, elapsed) = try check(Self.flowList())
        #expect(diagnostics.isEmpty)
        #expect(elapsed < Self.bound, "took \(elapsed)")
        // The fast scanner reads it, with libyaml's positions to the last item.
        let text = Self.flowList()
        let split = try FrontMatter.split(text)
        let node = try #require(try YAMLReader.read(text[split.yamlRange], lineOffset: 1))
        let items = try #require(node["tags"]?.items)
        #expect(items.count == 100_000)
        let line = "tags: [" + (0..<99_999).map { "t\($0)" }.joined(separator: ", ") + ", "
        #expect(items.last?.start == SourceLocation(line: 10, column: line.count + 1))
    }

    @Test("100 000 keys, by the fast scanner and by libyaml")
    func manyKeys() throws {
        let (diagnostics, elapsed) = try check(Self.manyKeys())
        #expect(diagnostics.count == 100_000)
        #expect(diagnostics.allSatisfy { $0.rule == "field-unknown" })
        #expect(elapsed < Self.bound, "took \(elapsed)")
        // libyaml's path (taken as soon as one comment is there) finds duplicate keys in linear time too.
        let yaml = (0..<100_000).map { "x\($0): v\n" }.joined() + "x99999: again\n"
        let start = ContinuousClock.now
        #expect(throws: YAMLError.self) { try YAMLReader.read(yaml[...], lineOffset: 0, simpleScanner: false) }
        #expect(ContinuousClock.now - start < Self.bound)
        #expect(throws: YAMLError.self) { try YAMLReader.read(yaml[...], lineOffset: 0, simpleScanner: true) }
    }

    @Test("a key of 1 000 000 characters")
    func longKey() throws {
        let (diagnostics, elapsed) = try check(Self.longKey())
        // libyaml refuses a key over 1024 characters: so does reclam, whichever reader runs.
        #expect(diagnostics.map(\.rule) == ["yaml-syntax"])
        #expect(diagnostics.first?.message.contains("une clé d'au plus 1024 caractères") == true)
        #expect(elapsed < Self.bound, "took \(elapsed)")
        let (atLimit, _) = try check(Self.longKey(1024))
        #expect(atLimit.map(\.rule) == ["field-unknown"])
    }

    @Test("did you mean: a long word costs one pass, not its length times each candidate's")
    func suggestionsAreBounded() {
        let word = String(repeating: "k", count: 1_000_000)
        let names = FieldCatalogue.caseFields.map(\.name)
        let elapsed = ContinuousClock().measure {
            #expect(Suggestion.closest(to: word, in: names) == nil)
        }
        #expect(elapsed < .seconds(2), "took \(elapsed)")
        #expect(Suggestion.closest(to: "stgae", in: names) == "stage")
        #expect(Suggestion.closest(to: "TITLE", in: names) == "title")
        #expect(Suggestion.closest(to: "receivedat", in: names) == "received")
    }

    @Test("a move rewrites a pathological file in linear time")
    func editsAreLinear() throws {
        for text in [Self.flowList(), Self.manyKeys()] {
            let start = ContinuousClock.now
            var editor = FrontMatterEditor(try MarkdownDocument.parse(TextFile(text: text)))
            try editor.set("stage", to: "acknowledged")
            try editor.append(to: "steps", flowItem: "{stage: acknowledged, at: 2026-10-06T09:00:00+02:00, by: Claire Martin}")
            try editor.appendToSection("Journal", line: "- 2026-10-06 09:00 +02:00 — Claire Martin — received → acknowledged")
            #expect(ContinuousClock.now - start < Self.bound)
            #expect(editor.document.string("stage") == "acknowledged")
        }
    }
}
