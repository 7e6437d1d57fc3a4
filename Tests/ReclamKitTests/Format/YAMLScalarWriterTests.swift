import Foundation
import Testing
import Yams

@testable import ReclamCore

/// What the scalar writer quotes: exactly the plain scalars that a YAML reader would take for
/// something other than text. Case ids such as 20261113-7925 look numeric but are not numbers,
/// so they are written plain, in block and flow style alike (a quoted id made `cases:` lists
/// differ with the id drawn: ActionsEndToEndTests failed at random).
@Suite struct YAMLScalarWriterTests {
    /// Ids of every shape a case id can take (digits only, an `e` between digits) and action ids.
    static let ids = ["20261113-7925", "20261113-2e45", "20261113-2e4x", "20261113-9999", "act-20261116-5dch", "reg-2024-001"]

    @Test(arguments: ids)
    func idsAreWrittenPlain(_ id: String) throws {
        #expect(YAMLScalarWriter.block(id) == id)
        #expect(YAMLScalarWriter.flow(id) == id)
        // libyaml with Yams' resolver (YAML 1.1 types: ints, floats, timestamps) as the witness.
        let loaded = try Yams.load(yaml: "cases: [\(YAMLScalarWriter.flow(id)), x]\nid: \(YAMLScalarWriter.block(id))\n") as? [String: Any]
        #expect((loaded?["cases"] as? [Any])?.first as? String == id)
        #expect(loaded?["id"] as? String == id)
    }

    /// Integers (decimal, octal, hexadecimal, binary, sexagesimal, with underscores), floats,
    /// infinities, NaN and dates.
    static let typed = [
        "0123", "12", "+12", "1_000", "0x1F", "0o17", "0b101", "12:30", "190:20:30.15", "1.5", "3.", ".5", "1e3", "1.0e+3", ".inf",
        "+.inf", ".NaN", "2026-10-05", "2026-1-5", "1.2.3",
    ]

    @Test(arguments: typed)
    func numbersAndDatesAreQuotedAndReadBackAsText(_ text: String) throws {
        for written in [YAMLScalarWriter.block(text), YAMLScalarWriter.flow(text)] {
            #expect(written.hasPrefix("\""), "\(text) written plain")
            let node = try #require(try YAMLReader.read("value: \(written)\nlist: [\(written)]\n"))
            #expect(node["value"]?.scalar == text)
            #expect(node["list"]?.items?.first?.scalar == text)
            let loaded = try Yams.load(yaml: "value: \(written)\n") as? [String: Any]
            #expect(loaded?["value"] as? String == text)
        }
    }

    /// Digits around colons stay quoted, numbers or not.
    @Test(arguments: ["12:60", "1:2:3-4"])
    func digitsAroundColonsAreQuoted(_ text: String) throws {
        #expect(YAMLScalarWriter.flow(text).hasPrefix("\""))
        let node = try #require(try YAMLReader.read("list: [\(YAMLScalarWriter.flow(text))]\n"))
        #expect(node["list"]?.items?.first?.scalar == text)
    }

    /// Number-like text that no reader takes for a number stays plain.
    @Test(arguments: ["2026-11-13T10:00:00+01:00", "1-2", "12-30", "2026-11", "0x", "1e", "e5", "v1.2"])
    func textThatIsNoNumberStaysPlain(_ text: String) throws {
        #expect(YAMLScalarWriter.flow(text) == text)
        let node = try #require(try YAMLReader.read("value: \(text)\n"))
        #expect(node["value"]?.scalar == text)
    }
}
