import Foundation
import Testing

@testable import ReclamCore

@Suite("Escaping user text, one syntax at a time") struct EscapeTests {
    @Test func html() {
        #expect(Escape.html("OF Test & Fils <SARL> \"x\" 'y'") == "OF Test &amp; Fils &lt;SARL&gt; &quot;x&quot; &#39;y&#39;")
        #expect(Escape.html("clean text") == "clean text")
    }

    @Test func xmlHasNoControlCharacters() {
        #expect(Escape.xml("a\u{1}b\nc\td<'") == "a b&#10;c\td&lt;&apos;")
    }

    @Test func markdownCannotOpenALinkOrAnHTMLBlock() {
        #expect(Escape.markdown("[Cliquez ici](https://phish.example/login)") == "\\[Cliquez ici\\](https://phish.example/login)")
        #expect(Escape.markdown("<script>") == "\\<script\\>")
        #expect(Escape.markdown("a|b\nc") == "a\\|b c")
    }

    @Test func jsonAndYAMLStayOnOneLine() throws {
        let hostile = "a\"b\\c\nd\re\u{1}f\u{2028}g"
        let json = Escape.json(hostile)
        #expect(!json.contains("\n") && !json.contains("\r"))
        let decoded = try JSONDecoder().decode(String.self, from: Data(json.utf8))
        #expect(decoded == hostile)
        let yaml = Escape.yaml(hostile + "\u{85}\u{FEFF}")
        #expect(yaml == "\"a\\\"b\\\\c\\nd\\re\\u0001f\\u2028g\\u0085\\uFEFF\"")
    }

    @Test func terminalShowsControlCharacters() {
        #expect(Escape.terminal("ok\nfake.md:1:1: error: x\u{1B}[2K") == "ok\\nfake.md:1:1: error: x\\e[2K")
        #expect(Escape.terminal("Élodie") == "Élodie")
    }

    @Test func csvCellsNeverRunAsFormulas() {
        #expect(Escape.csv("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(Escape.csv("plain") == "\"plain\"")
    }

    @Test func dotAndGitHub() {
        #expect(Escape.dot("a\"b\nc") == "\"a\\\"b\\nc\"")
        #expect(Escape.githubData("50%\nnext") == "50%25%0Anext")
        #expect(Escape.githubProperty("cases/a:b,c") == "cases/a%3Ab%2Cc")
    }
}

@Suite("Message catalogues") struct MessagesTests {
    @Test func bothLanguagesHaveEveryKey() {
        for key in Messages.Key.allCases {
            #expect(Messages.french[key] != nil, "no French text for \(key)")
            #expect(Messages.english[key] != nil, "no English text for \(key)")
        }
        #expect(Messages(.fr)[.trends] == "Tendances")
        #expect(Messages(.fr).word("category") == "catégorie")
        #expect(Messages(.en).word("not-a-key") == "not-a-key")
    }
}
