import Foundation
import Testing

@testable import ReclamCore
@testable import ReclamKit

/// A `Diagnostic` can only be made from a `Rule`, and every `Rule` is a static value in
/// `Sources/ReclamCore/Rules/Rules.swift`; these tests prove that `reclam rules` (which prints
/// `RuleCatalogue.listed`) names every one of them, so no command can emit an id it does not list.
@Suite struct RuleCatalogueTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources")

    static func swiftFiles() throws -> [URL] {
        let enumerator = try #require(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
        return enumerator.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
    }

    @Test func everyDeclaredRuleIsListed() throws {
        let text = try String(contentsOf: Self.sources.appendingPathComponent("ReclamCore/Rules/Rules.swift"), encoding: .utf8)
        let regex = try NSRegularExpression(pattern: #"Rule\(\s*"([a-z0-9-]+)""#)
        let declared = regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map {
            String(text[Range($0.range(at: 1), in: text)!])
        }
        #expect(declared.count > 50)
        let listed = RuleCatalogue.listed.map(\.id)
        #expect(Set(declared) == Set(listed))
        #expect(listed.count == Set(listed).count, "a rule is listed twice")
    }

    @Test func rulesAreMadeInOnePlaceOnly() throws {
        let regex = try NSRegularExpression(pattern: #"\bRule\(\s*""#)
        for file in try Self.swiftFiles() where !file.path.hasSuffix("ReclamCore/Rules/Rules.swift") {
            let text = try String(contentsOf: file, encoding: .utf8)
            let found = regex.numberOfMatches(in: text, range: NSRange(text.startIndex..., in: text))
            #expect(found == 0, "\(file.lastPathComponent) makes a Rule outside Rules.swift")
        }
    }

    @Test func everyListedRuleIsUsedBySomeCommand() throws {
        var code = ""
        for file in try Self.swiftFiles() where !file.path.contains("ReclamCore/Rules/") {
            code += try String(contentsOf: file, encoding: .utf8)
        }
        for name in Self.ruleNames() {
            #expect(code.contains(".\(name)"), "rule .\(name) is catalogued but nothing reports it")
        }
    }

    static func ruleNames() -> [String] {
        let text = (try? String(contentsOf: sources.appendingPathComponent("ReclamCore/Rules/Rules.swift"), encoding: .utf8)) ?? ""
        let regex = try! NSRegularExpression(pattern: #"public static let (\w+) = Rule\("#)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map {
            String(text[Range($0.range(at: 1), in: text)!])
        }
    }
}
