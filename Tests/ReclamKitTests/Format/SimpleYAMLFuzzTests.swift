import Foundation
import Testing

@testable import ReclamCore
@testable import ReclamGit
@testable import ReclamKit
@testable import ReclamLedger
@testable import ReclamOutput
@testable import ReclamRules
@testable import ReclamWorkflow

/// The fast front-matter scanner against libyaml on documents nobody wrote by hand: random
/// documents near the shape the scanner reads, and mutations of real case files. Whenever the
/// scanner returns a tree, libyaml (through `YAMLReader`, with its refusals of anchors, tags and
/// duplicate keys) must accept the text and give the same tree, positions included; otherwise
/// the scanner must have deferred (returned nil).
///
/// The seed is fixed so that CI runs the same documents each time; a failure prints the
/// document. `RECLAM_FUZZ_SEED` and `RECLAM_FUZZ_ITERATIONS` run other or more documents.
@Suite struct SimpleYAMLFuzzTests {
    static let environment = ProcessInfo.processInfo.environment
    static let seed = environment["RECLAM_FUZZ_SEED"].flatMap { UInt64($0) } ?? 0x5EC1_A4D0_2026
    static let iterations = environment["RECLAM_FUZZ_ITERATIONS"].flatMap { Int($0) } ?? 5000

    /// SplitMix64: small, fast, and the same sequence on every platform for a given seed.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Pieces of text the scanner reads; and pieces it must either read exactly as libyaml does
    /// or refuse: every YAML indicator, the line breaks and invisible characters libyaml treats
    /// apart, quotes, escapes.
    static let plainPieces: [String] = [
        "a", "b", "z", "Z", "0", "7", "_", "-", "é", "日本", "😀", "ab", "x y", " ", "reçu", "12:30", "2026-10-05T11:02:00+02:00",
        "http://x.org/a?b=c", "1e3", ".inf", "~", "null", "no", "a.b", "a/b", "(x)", "+1", "$", "=", ";", "^",
    ]
    static let specialPieces: [String] = [
        "  ", ":", ": ", ",", ", ", "[", "]", "{", "}", "#", " #", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`", "?",
        "? ", "- ", "\\", "\\\"", "\t", "\r", "\r\n", "\n", "\u{85}", "\u{A0}", "\u{2028}", "\u{FEFF}", "\u{7F}", "\u{1B}",
        "\u{FFFE}", "...", "---", ":x", "x:", "a:b", "-1", " -", "\u{0}",
    ]
    static let pieces = plainPieces + specialPieces

    /// How many pieces in a thousand are special, for the document being made: some documents
    /// are clean (the scanner should take them, and its positions are compared), some wild.
    @TaskLocal static var wildness = 100

    /// True now and then, more often in wilder documents.
    static func odd(_ rng: inout Generator) -> Bool { Int.random(in: 0..<1000, using: &rng) < wildness }

    /// A few pieces, some of them special.
    static func word(_ rng: inout Generator, maximum: Int = 4) -> String {
        (0..<Int.random(in: 1...maximum, using: &rng)).map { _ in
            (odd(&rng) ? specialPieces : plainPieces).randomElement(using: &rng)!
        }.joined()
    }

    static func key(_ rng: inout Generator) -> String {
        if odd(&rng) { return word(&rng, maximum: 2) }
        let first = Array("abcdefghijklmnopqrstuvwxyzABCXYZ0123456789_")
        let rest = first + ["-"]
        var key = String(first.randomElement(using: &rng)!)
        key += String((0..<Int.random(in: 0...9, using: &rng)).map { _ in rest.randomElement(using: &rng)! })
        // Keys around libyaml's limit of 1024 characters for a simple key.
        if Int.random(in: 0..<200, using: &rng) == 0 {
            key = "k" + String(repeating: "y", count: Int.random(in: 1018...1030, using: &rng))
        }
        return key
    }

    /// A space, or now and then none or two.
    static func space(_ rng: inout Generator) -> String {
        odd(&rng) ? ["", "  ", "\t"].randomElement(using: &rng)! : " "
    }

    static func scalar(_ rng: inout Generator, flow: Bool = false) -> String {
        switch Int.random(in: 0..<10, using: &rng) {
        case 0: return "\"" + word(&rng) + "\""
        case 1: return ["reçu", "Émilie Rousseau", "2026-10-05T11:02:00+02:00", "a b c", "x", "12:30"].randomElement(using: &rng)!
        default:
            var text = word(&rng)
            // What the scanner refuses anyway, kept for the wilder documents: an indicator first,
            // a ':' in a flow scalar, spaces around.
            if !odd(&rng) {
                while let first = text.first, "-~ ".contains(first) { text.removeFirst() }
                if flow { text = text.replacingOccurrences(of: "http://", with: "http-") }
                while text.last == " " { text.removeLast() }
                if text.isEmpty { text = "x" }
            }
            return text
        }
    }

    static func flowList(_ rng: inout Generator) -> String {
        let items = (0..<Int.random(in: 0...4, using: &rng)).map { _ in scalar(&rng, flow: true) }
        let separator = [", ", ",", " , ", ",  "].randomElement(using: &rng)!
        return "[" + [" ", ""].randomElement(using: &rng)! + items.joined(separator: separator) + "]"
    }

    static func flowMapping(_ rng: inout Generator) -> String {
        let pairs = (0..<Int.random(in: odd(&rng) ? 0...4 : 1...4, using: &rng)).map { _ in
            key(&rng) + ":" + space(&rng) + scalar(&rng, flow: true)
        }
        return "{" + pairs.joined(separator: [", ", ",", " ,"].randomElement(using: &rng)!) + "}"
    }

    static func value(_ rng: inout Generator) -> String {
        switch Int.random(in: 0..<6, using: &rng) {
        case 0: return flowList(&rng)
        case 1: return flowMapping(&rng)
        default: return scalar(&rng)
        }
    }

    /// A document in (or near) the shape reclam writes.
    static func document(_ rng: inout Generator) -> String {
        var lines: [String] = []
        for _ in 0..<Int.random(in: 1...8, using: &rng) {
            switch Int.random(in: 0..<12, using: &rng) {
            case 0:
                lines.append("")
            case 1, 2:
                let indent = String(repeating: " ", count: Int.random(in: odd(&rng) ? 0...4 : 1...4, using: &rng))
                lines.append(key(&rng) + ":")
                for _ in 0..<Int.random(in: odd(&rng) ? 0...3 : 1...3, using: &rng) {
                    let item = Bool.random(using: &rng) ? flowMapping(&rng) : value(&rng)
                    lines.append((odd(&rng) ? " " : "") + indent + "-" + space(&rng) + item)
                }
            default:
                lines.append(key(&rng) + ":" + space(&rng) + value(&rng))
            }
        }
        var text = lines.joined(separator: "\n")
        if Int.random(in: 0..<4, using: &rng) != 0 { text += "\n" }
        return text
    }

    /// One random change: a piece inserted, a character removed or replaced, a line doubled,
    /// two lines swapped, the text cut.
    static func mutate(_ text: String, _ rng: inout Generator) -> String {
        var characters = Array(text)
        guard !characters.isEmpty else { return pieces.randomElement(using: &rng)! }
        let at = Int.random(in: 0..<characters.count, using: &rng)
        switch Int.random(in: 0..<6, using: &rng) {
        case 0:
            characters.insert(contentsOf: pieces.randomElement(using: &rng)!, at: at)
        case 1:
            characters.remove(at: at)
        case 2:
            characters.replaceSubrange(at...at, with: pieces.randomElement(using: &rng)!)
        case 3:
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let line = Int.random(in: 0..<lines.count, using: &rng)
            lines.insert(lines[line], at: line)
            return lines.joined(separator: "\n")
        case 4:
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            lines.swapAt(Int.random(in: 0..<lines.count, using: &rng), Int.random(in: 0..<lines.count, using: &rng))
            return lines.joined(separator: "\n")
        default:
            characters.removeSubrange(at...)
        }
        return String(characters)
    }

    /// The front-matters of the sample ledger: real documents to mutate.
    static func sampleFrontMatters() -> [String] {
        let base = SimpleYAMLTests.packageRoot.appendingPathComponent("cases")
        guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { return [] }
        var out: [String] = []
        for case let url as URL in walker where url.pathExtension == "md" {
            guard let data = try? Data(contentsOf: url), let file = try? TextFile.decode(data),
                let split = try? FrontMatter.split(file.text)
            else { continue }
            out.append(String(file.text[split.yamlRange]))
        }
        return out.sorted()
    }

    /// nil when the two readers agree (or the scanner deferred); else what differs.
    static func disagreement(_ text: String, lineOffset: Int = 1) -> String? {
        guard let simple = SimpleYAML.read(text[...], lineOffset: lineOffset) else { return nil }
        do {
            let reference = try YAMLReader.read(text[...], lineOffset: lineOffset, simpleScanner: false)
            let found = SimpleYAMLTests.differences(simple, reference)
            return found.isEmpty ? nil : found.joined(separator: "\n")
        } catch {
            return "libyaml refused what the scanner took: \(error.message)"
        }
    }

    static func report(_ text: String, _ problem: String) -> Comment {
        "\(problem)\n--- document (Swift literal):\n\(String(reflecting: text))"
    }

    @Test("random documents near reclam's shape: the scanner agrees with libyaml or defers")
    func randomDocuments() {
        var rng = Generator(state: Self.seed)
        var taken = 0
        var failures = 0
        for _ in 0..<Self.iterations {
            let text = Self.$wildness.withValue([0, 5, 30, 150].randomElement(using: &rng)!) { Self.document(&rng) }
            if SimpleYAML.read(text[...], lineOffset: 1) != nil { taken += 1 }
            if let problem = Self.disagreement(text) {
                Issue.record(Self.report(text, problem))
                failures += 1
                if failures >= 10 { break }
            }
        }
        // Not a vacuous test: the scanner takes a good share of what is generated.
        #expect(taken > Self.iterations / 5, "the scanner took only \(taken) of \(Self.iterations) documents")
    }

    @Test("real case files, mutated: the scanner agrees with libyaml or defers")
    func mutatedCaseFiles() throws {
        var rng = Generator(state: Self.seed ^ 0xFFFF)
        var documents = Self.sampleFrontMatters()
        try #require(documents.count > 10)
        // Documents that reclam writes, with a few generated ones.
        documents += (0..<20).map { _ in Self.document(&rng) }
        var taken = 0
        var failures = 0
        for _ in 0..<Self.iterations {
            var text = documents.randomElement(using: &rng)!
            for _ in 0..<Int.random(in: 1...3, using: &rng) { text = Self.mutate(text, &rng) }
            if SimpleYAML.read(text[...], lineOffset: 1) != nil { taken += 1 }
            if let problem = Self.disagreement(text) {
                Issue.record(Self.report(text, problem))
                failures += 1
                if failures >= 10 { break }
            }
        }
        #expect(taken > Self.iterations / 10, "the scanner took only \(taken) of \(Self.iterations) documents")
    }
}
