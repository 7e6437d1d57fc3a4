import Foundation
import Testing

/// `reclam procedure` in every format, read by the programs that consume it.
@Suite struct ProcedureDescriptionEndToEndTests {
    static let dot = "/usr/bin/dot"

    @Test func jsonSaysThatClosingNeedsAnAction() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger()
        let result = try shell.reclam("procedure", "--format", "json")
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let stages = object?["stages"] as? [[String: Any]] ?? []
        #expect(stages.first { $0["id"] as? String == "closed" }?["requires_action"] as? Bool == true)
        #expect(stages.filter { $0["requires_action"] as? Bool == true }.count == 1)
        let transitions = object?["transitions"] as? [[String: Any]] ?? []
        #expect(transitions.allSatisfy { $0["reopen"] is Bool && $0["when"] is [String: Any] })
    }

    /// Graphviz as the witness: a guarded transition's label is drawn as two lines of text.
    /// Runs where Graphviz is installed (`apt-get install graphviz`).
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: dot)))
    func graphvizDrawsGuardedLabelsOnTwoLines() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger(procedure: "network")
        let source = try shell.reclam("procedure", "--format", "dot")
        #expect(source.status == 0)
        let svg = try shell.run(Self.dot, ["-Tsvg"], stdin: source.stdout)
        #expect(svg.status == 0, "\(svg.stderr)")
        let texts = svg.stdout.split(separator: "\n").filter { $0.contains("<text") }.map {
            $0.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
        }
        #expect(texts.contains("respond"), "\(texts)")
        #expect(texts.contains("kind=complaint"), "\(texts)")
        #expect(texts.contains("(root_causes, action_plan)"), "\(texts)")
        #expect(!texts.contains { $0.contains("\\") }, "\(texts)")
    }
}
