import Foundation
import Testing

@testable import ReclamCore
@testable import ReclamGit
@testable import ReclamKit
@testable import ReclamLedger
@testable import ReclamOutput
@testable import ReclamRules
@testable import ReclamWorkflow

/// The simple scanner must give exactly libyaml's nodes, or step aside.
@Suite struct SimpleYAMLTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Differences between two trees, as readable lines (empty when they are the same).
    static func differences(_ a: YAMLNode?, _ b: YAMLNode?, at path: String = "") -> [String] {
        guard let a, let b else { return a == nil && b == nil ? [] : ["\(path): one side is nil"] }
        var out: [String] = []
        if a.style != b.style { out.append("\(path): style \(a.style) vs \(b.style)") }
        if a.start != b.start { out.append("\(path): start \(a.start) vs \(b.start)") }
        if a.end != b.end { out.append("\(path): end \(a.end) vs \(b.end)") }
        switch (a.content, b.content) {
        case (.scalar(let x), .scalar(let y)):
            if x != y { out.append("\(path): '\(x)' vs '\(y)'") }
        case (.mapping(let x), .mapping(let y)):
            if x.count != y.count { return out + ["\(path): \(x.count) vs \(y.count) pairs"] }
            for (p, q) in zip(x, y) {
                if p.key != q.key || p.keyStart != q.keyStart {
                    out.append("\(path): key \(p.key)@\(p.keyStart) vs \(q.key)@\(q.keyStart)")
                }
                out += differences(p.value, q.value, at: path + "." + p.key)
            }
        case (.sequence(let x), .sequence(let y)):
            if x.count != y.count { return out + ["\(path): \(x.count) vs \(y.count) items"] }
            for (index, (p, q)) in zip(x, y).enumerated() { out += differences(p, q, at: "\(path)[\(index)]") }
        default:
            out.append("\(path): \(a.kindName) vs \(b.kindName)")
        }
        return out
    }

    /// Whether the simple scanner took `text`, after checking it agrees with libyaml.
    @discardableResult
    static func agree(_ text: String, lineOffset: Int = 0, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Bool {
        let simple = SimpleYAML.read(text[...], lineOffset: lineOffset)
        guard let simple else { return false }
        let reference: YAMLNode?
        do {
            reference = try YAMLReader.read(text[...], lineOffset: lineOffset, simpleScanner: false)
        } catch {
            Issue.record("libyaml refused what the simple scanner took (\(error.message)):\n\(text)", sourceLocation: sourceLocation)
            return true
        }
        let found = differences(simple, reference)
        #expect(found.isEmpty, "\(found.joined(separator: "\n"))\n--- in:\n\(text)", sourceLocation: sourceLocation)
        return true
    }

    @Test("every front-matter of the sample ledger, presets and fixtures: same tree as libyaml")
    func sameTreesOnEveryFileAround() throws {
        var taken = 0
        var sampleCases = 0
        var sampleTaken = 0
        for folder in ["cases", "actions", "templates", "Tests"] {
            let base = Self.packageRoot.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in walker where url.pathExtension == "md" {
                guard let data = try? Data(contentsOf: url), let file = try? TextFile.decode(data),
                    let split = try? FrontMatter.split(file.text)
                else { continue }
                let didTake = Self.agree(String(file.text[split.yamlRange]), lineOffset: split.firstYAMLLine - 1)
                if didTake { taken += 1 }
                if folder == "cases" && url.lastPathComponent != "learner.md" {
                    sampleCases += 1
                    if didTake { sampleTaken += 1 }
                }
            }
        }
        // RECLAM_YAML_CORPUS=/path/to/a/ledger runs the same comparison on a real ledger.
        if let corpus = ProcessInfo.processInfo.environment["RECLAM_YAML_CORPUS"] {
            var files = 0
            var corpusTaken = 0
            let walker = FileManager.default.enumerator(at: URL(fileURLWithPath: corpus), includingPropertiesForKeys: nil)
            while let url = walker?.nextObject() as? URL {
                guard url.pathExtension == "md", let data = try? Data(contentsOf: url), let file = try? TextFile.decode(data),
                    let split = try? FrontMatter.split(file.text)
                else { continue }
                files += 1
                if Self.agree(String(file.text[split.yamlRange]), lineOffset: split.firstYAMLLine - 1) { corpusTaken += 1 }
            }
            print("RECLAM_YAML_CORPUS: \(corpusTaken) of \(files) files read by the simple scanner")
        }
        #expect(sampleCases > 10)
        // The sample cases are written by reclam: they are the shape the scanner exists for.
        #expect(sampleTaken == sampleCases)
        #expect(taken > sampleCases)
    }

    @Test(
        "shapes it reads agree with libyaml",
        arguments: [
            "id: 20261005-ab12\ntitle: Retard d'attestation\n",
            "a: b\n",
            "a: b",
            "a: b\n\n\n",
            "\n\na: b\nc: d\n",
            "a:   spaced value   \nb: x\n",
            "title: Émilie — « œuvre » 日本語 😀 end\nnext: x\n",
            "at: 2026-10-05T11:02:00+02:00\n",
            "tags: []\n",
            "tags: [a]\n",
            "tags: [ a ,b,  c d  ]\nx: y\n",
            "q: \"quoted: with # nothing\"\n",
            "q: \"\"\n",
            "q: \"Ça, [va] {bien}\"   \n",
            "steps:\n  - {stage: acknowledged, at: 2026-05-27T08:32:49+02:00, by: Émilie Rousseau}\n",
            "steps:\n  - {stage: a, at: 2026-05-27T08:32:49+02:00}\n  - {stage: b, at: 2026-05-28T08:32:49+02:00, note: \"x, y\"}\nlast: z\n",
            "steps:\n    - {stage: a}\n\n    - {stage: b}\n\nlast: z\n",
            "steps:\n  - plain item\n  - \"quoted\"\n  - [x, y]\n",
            "steps:\n  - {a: b}\n",
            "steps:\n  - {a: b}",
            "a: x:y\nb: http://example.org/a?b=c\n",
            "a: [x, y] trailing\n",
            "a: b, c [d] {e}\n",
            "no: no\nyes: 012\n12: 12:30\n",
            "a: b\nsteps:\n - {x: y}\n - {x: z}\nc: d\n",
            "a: with  two  spaces\n",
        ])
    func shapesAgree(_ text: String) {
        Self.agree(text)
        Self.agree(text, lineOffset: 3)
    }

    @Test(
        "anything else is left to libyaml",
        arguments: [
            "", "\n", "# comment\na: b\n", "a: b # comment\n", "a: 'single'\n", "a: \"esc\\\"aped\"\n", "a: |\n  block\n",
            "a: >\n  folded\n", "a: &x 1\nb: *x\n", "a: !!str 1\n", "a:\n  b: c\n", "a:\n", "a: b\na: c\n", "a: b\n  continued\n",
            "a: b\r\nc: d\r\n", "a:\tb\n", "- a\n- b\n", "a: [x,\n  y]\n", "a: {b: c}\nd: [e, f]\nsteps:\n- {x: y}\n",
            "a: b: c\n", "a: b:\n", "a: - b\n", "a: @b\n", "a: `b`\n", "\"a\": b\n", "a b: c\n", "a: \u{85}b\n", "a: b\u{2028}c\n",
            "a: \u{FEFF}b\n", "steps:\n  - {a: b, a: c}\n", "steps:\n  - {}\n", "steps:\n  - {a: [b]}\n", "steps:\n  - {a: b?}\n",
            "steps:\n  - {a: b:c}\n", "steps:\n   - {a: b}\n  - {a: c}\n", "---\na: b\n", "a: b\n...\n",
            // An empty item at the very end of the text (found by the fuzz test: it read past the end).
            "steps:\n  - ", "steps:\n  -  ", "steps:\n  - \n",
        ])
    func othersFallBack(_ text: String) {
        #expect(!Self.agree(text), "the simple scanner took:\n\(text)")
    }
}
