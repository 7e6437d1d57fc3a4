import Foundation
import Testing

@testable import ReclamCore
@testable import ReclamGit
@testable import ReclamKit
@testable import ReclamLedger
@testable import ReclamOutput
@testable import ReclamRules
@testable import ReclamWorkflow

/// What the escapers promise, checked against the programs that read their output.
@Suite struct TextEscapingTests {
    /// The text cmark shows for `html`: tags removed, entities decoded.
    static func shown(_ html: String) -> String {
        var text = html.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test(
        arguments: [
            "[Cliquez ici](https://phish.example/login)", "![x](https://phish.example/x.png)", "OF Test & Fils <SARL>",
            "<script>alert(1)</script>", "&copy; &#65; &amp;", "*gras* _italique_ `code` \\*", "# Titre", "## Journal", "- item",
            "+ item", "* item", "1. item", "12) item", "> citation", "    bloc de code", "=====", "<https://phish.example>",
            "Test\\", "a <b>c</b>",
        ])
    func markdownValuesAreShownAsWritten(_ value: String) {
        let html = MarkdownRenderer.html(Escape.markdownKeepingLines(value))
        #expect(html.hasPrefix("<p>"), "\(value) → \(html)")
        #expect(!html.contains("<a ") && !html.contains("<img") && !html.contains("<em>") && !html.contains("<code>"), "\(html)")
        #expect(Self.shown(html) == value.trimmingCharacters(in: .whitespaces), "\(value) → \(html)")
    }

    @Test func markdownValuesKeepTheirLines() {
        let value = "Constat :\n- pas d’attestation\n# pas un titre"
        let html = MarkdownRenderer.html(Escape.markdownKeepingLines(value))
        #expect(!html.contains("<li>") && !html.contains("<h1>"), "\(html)")
        #expect(Self.shown(html) == value, "\(html)")
    }

    @Test func terminalTextEscapesWhatCouldForgeALineOrDriveTheTerminal() {
        #expect(Escape.terminal("ordinaire, accentué — 😀") == "ordinaire, accentué — 😀")
        #expect(Escape.terminal("a\nb\r\tc\u{1B}[2J\u{0}\u{7F}\u{85}") == "a\\nb\\r\\tc\\e[2J\\u{0}\\u{7F}\\u{85}")
        #expect(Escape.terminal("x\u{2028}y\u{202E}z") == "x\\u{2028}y\\u{202E}z")
    }

    @Test func oneLineTextNamesTheCharacterAndWhereItIs() {
        #expect(OneLineText.problem("Claire Martin") == nil)
        #expect(OneLineText.problem("Émilie — « ok »") == nil)
        #expect(OneLineText.problem("ab\rc")?.contains("(\\r at character 3)") == true)
        #expect(OneLineText.problem("a\u{2029}")?.contains("\\u{2029}") == true)
        #expect(OneLineText.applies(to: "title", type: .text))
        #expect(!OneLineText.applies(to: "findings", type: .text))
        #expect(OneLineText.applies(to: "reviewer", type: .person))
    }
}
