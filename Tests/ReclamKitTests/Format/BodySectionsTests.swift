import Foundation
import Testing

@testable import ReclamCore

/// A body's `## ` sections, read and written back: what is not replaced stays byte for byte.
@Suite struct BodySectionsTests {
    func document(_ text: String) throws -> MarkdownDocument { try MarkdownDocument.parse(data: Data(text.utf8)) }

    @Test func sectionsAreTheirTextWithoutBlankLinesAround() throws {
        let doc = try document("---\nid: x\n---\nIntro\n## A\n\nun\n  deux  \n\n## B\n## C  \ntrois\n# Titre\n## D\n")
        let sections = BodySections.sections(of: doc)
        #expect(sections.map(\.heading) == ["A", "B", "C", "D"])
        #expect(sections.map(\.text) == ["un\n  deux", "", "trois", ""])
    }

    @Test func replacingKeepsEverythingElseAndTheFilesLineEndings() throws {
        let text = "---\r\nid: x\r\n---\r\n## A\r\n\r\nun\r\n\r\n## B\r\n\r\n## Journal\r\n\r\n- ligne\r\n"
        let doc = try document(text)
        #expect(BodySections.replacing([0: "un"], in: doc) == text, "an unchanged text changes nothing")
        #expect(BodySections.replacing([:], in: doc) == text)
        let replaced = BodySections.replacing([0: "\n\nnouveau\ntexte  \n\n", 1: "rempli\n"], in: doc)
        #expect(
            replaced == "---\r\nid: x\r\n---\r\n## A\r\n\r\nnouveau\r\ntexte\r\n\r\n## B\r\n\r\nrempli\r\n\r\n## Journal\r\n\r\n- ligne\r\n"
        )
        #expect(
            BodySections.replacing([0: ""], in: doc)
                == "---\r\nid: x\r\n---\r\n## A\r\n\r\n\r\n\r\n## B\r\n\r\n## Journal\r\n\r\n- ligne\r\n")
    }

    @Test func aSectionAtTheEndWithoutALineBreak() throws {
        let doc = try document("---\nid: x\n---\n## A\ntexte")
        #expect(BodySections.replacing([0: "autre"], in: doc) == "---\nid: x\n---\n## A\nautre")
        let empty = try document("---\nid: x\n---\n## A\n")
        #expect(BodySections.replacing([0: "rempli"], in: empty) == "---\nid: x\n---\n## A\n\nrempli\n")
    }
}
