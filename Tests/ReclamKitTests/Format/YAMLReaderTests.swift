import Foundation
import Testing

@testable import ReclamCore
@testable import ReclamGit
@testable import ReclamKit
@testable import ReclamLedger
@testable import ReclamOutput
@testable import ReclamRules
@testable import ReclamWorkflow

@Suite struct YAMLReaderTests {
    @Test(arguments: ["no", "yes", "off", "0123", "012", "12:30", "2026-10-05", "1e3", "~", "null", "0x1F", ".inf"])
    func scalarsStayTheTextWritten(_ text: String) throws {
        let node = try #require(try YAMLReader.read("value: \(text)\n"))
        #expect(node["value"]?.scalar == text)
    }

    @Test func quotedScalarsAreUnquotedOnly() throws {
        let node = try #require(try YAMLReader.read("a: 'it''s'\nb: \"tab\\there\"\nc: |\n  line 1\n  line 2\n"))
        #expect(node["a"]?.scalar == "it's")
        #expect(node["b"]?.scalar == "tab\there")
        #expect(node["c"]?.scalar == "line 1\nline 2\n")
        #expect(node["a"]?.style == .singleQuoted)
    }

    @Test func aliasesAndAnchorsAreRefusedWithTheirPosition() {
        #expect(
            throws: YAMLError(
                rule: .yamlAlias, message: "YAML anchors ('&a') are not allowed; write each value out in full",
                location: .init(line: 1, column: 4), reason: .anchor("a"))
        ) {
            try YAMLReader.read("x: &a [1, 2]\ny: *a\n")
        }
        let laughs = "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\n"
        #expect(throws: YAMLError.self) { try YAMLReader.read(laughs) }
    }

    @Test func duplicateKeyIsReportedAtTheSecondKey() {
        do {
            _ = try YAMLReader.read("stage: received\ntitle: T\nstage: closed\n", lineOffset: 1)
            Issue.record("duplicate key accepted")
        } catch {
            #expect(error.rule == .yamlDuplicateKey)
            #expect(error.location == SourceLocation(line: 4, column: 1))
            #expect(error.message.contains("first set on line 2"))
        }
    }

    @Test func nestingIsBoundedBeforeItHurts() {
        let deep = "x: " + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000) + "\n"
        #expect(throws: YAMLError.self) { try YAMLReader.read(deep) }
    }

    @Test func syntaxErrorsCarryLineAndColumn() {
        do {
            _ = try YAMLReader.read("title: ok\ncategory: Retard: attestation\n")
            Issue.record("bad YAML accepted")
        } catch {
            #expect(error.rule == .yamlSyntax)
            #expect(error.location.line == 2)
            #expect(error.message.contains("quote a value"))
        }
    }
}

@Suite struct TextFileTests {
    @Test func bomAndCRLFArePreserved() throws {
        let bytes = Data([0xEF, 0xBB, 0xBF] + Array("---\r\nid: x\r\n---\r\nbody\r\n".utf8))
        let file = try TextFile.decode(bytes)
        #expect(file.hasBOM)
        #expect(file.lineEnding == "\r\n")
        #expect(file.data == bytes)
        let document = try MarkdownDocument.parse(file)
        #expect(document.string("id") == "x")
    }

    @Test func latin1IsRefusedWithItsPosition() {
        #expect(throws: TextFile.Problem.notUTF8(line: 2, column: 2)) {
            try TextFile.decode(Data("---\nr".utf8) + Data([0xE9]) + Data("\n".utf8))
        }
    }
}

@Suite struct FrontMatterEditorTests {
    func editor(_ text: String) throws -> FrontMatterEditor {
        FrontMatterEditor(try MarkdownDocument.parse(TextFile(text: text)))
    }

    @Test func setReplacesOnlyTheValueAndKeepsComments() throws {
        var edit = try editor("---\nid: x   # the id\nstage: 'received'  # quoted\nowner:\n---\nbody\n")
        try edit.set("stage", to: "acknowledged")
        try edit.set("owner", to: "Claire Martin")
        try edit.set("category", to: "no")
        #expect(edit.text == "---\nid: x   # the id\nstage: acknowledged  # quoted\nowner: Claire Martin\ncategory: \"no\"\n---\nbody\n")
    }

    @Test func appendKeepsTheListIndentation() throws {
        var edit = try editor("---\nsteps:\n    - {stage: a, at: 2026-01-01T00:00:00Z}\nid: x\n---\n")
        try edit.append(to: "steps", flowItem: "{stage: b}")
        #expect(edit.text == "---\nsteps:\n    - {stage: a, at: 2026-01-01T00:00:00Z}\n    - {stage: b}\nid: x\n---\n")
    }

    @Test func journalLineGoesAtTheEndOfItsSection() throws {
        var edit = try editor("---\nid: x\n---\n## Journal\n\n- one\n\n## Notes\n\ntext\n")
        try edit.appendToSection("Journal", line: "- two")
        #expect(edit.text == "---\nid: x\n---\n## Journal\n\n- one\n- two\n\n## Notes\n\ntext\n")
        var missing = try editor("---\nid: x\n---\nbody")
        try missing.appendToSection("Journal", line: "- first")
        #expect(missing.text == "---\nid: x\n---\nbody\n\n## Journal\n\n- first\n")
    }

    @Test(arguments: ["no", "0123", "12:30", "a: b", "#tag", "- x", "trailing ", "quote\"d", "line\nbreak", "", "@me", "ünïcödé"])
    func writtenScalarsReadBackUnchanged(_ value: String) throws {
        var edit = try editor("---\nid: x\n---\n")
        try edit.set("title", to: value)
        #expect(edit.document.string("title") == value)
        try edit.append(to: "steps", flowItem: YAMLScalarWriter.flowMapping([("note", value)]))
        #expect(edit.document["steps"]?.items?.last?["note"]?.scalar == value)
    }
}
