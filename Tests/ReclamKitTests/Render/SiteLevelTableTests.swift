import Foundation
import Testing

@testable import ReclamCore
@testable import ReclamLedger
@testable import ReclamOutput

/// The report's site × level table: every case counted once, in every rendering.
@Suite struct SiteLevelTableTests {
    static let sites = [
        Site(code: "lyon", name: "Lyon Part-Dieu", region: "ARA"), Site(code: "gre", name: "Grenoble", region: "ARA"),
        Site(code: "bdx", name: "Bordeaux", region: "NAQ"),
    ]
    /// Lyon: 2 local, 1 regional; Bordeaux: 1 national; Grenoble: none; an unknown site `nce`
    /// (local); a case without a site (regional) and one without a level (Lyon).
    static let cases: [(site: String?, level: String?)] = [
        ("lyon", "local"), ("lyon", "regional"), ("lyon", "local"), ("bdx", "national"), ("nce", "local"), (nil, "regional"),
        ("lyon", nil),
    ]

    func table(_ language: Language) throws -> SiteLevelTable {
        try #require(SiteLevelTable.build(sites: Self.sites, cases: Self.cases, language: language))
    }

    @Test func countsEveryCaseOnceWithTotals() throws {
        let table = try table(.en)
        #expect(table.levels == ["local", "regional", "national", nil])
        #expect(table.lines.map(\.code) == ["lyon", "bdx", "nce", nil])
        #expect(table.lines.map(\.counts) == [[2, 1, 0, 1], [0, 0, 1, 0], [1, 0, 0, 0], [0, 1, 0, 0]])
        #expect(table.lines.map(\.total) == [4, 1, 1, 1])
        #expect(table.totals == [3, 2, 1, 1])
        #expect(table.total == Self.cases.count)
    }

    @Test func aSingleOrganisationHasNoTable() {
        #expect(SiteLevelTable.build(sites: [], cases: [(nil, "local"), (nil, nil)], language: .fr) == nil)
        // A case naming a site makes it a network even without `sites:`.
        let table = SiteLevelTable.build(sites: [], cases: [("lyon", "departmental")], language: .fr)
        #expect(table?.levels == ["local", "regional", "national", "departmental"])
        #expect(table?.lines.first?.counts == [0, 0, 0, 1])
    }

    @Test func textMarkdownHTMLAndCSVInEnglish() throws {
        let table = try table(.en)
        #expect(table.title == "By site and level")
        let markdown = table.markdown()
        #expect(markdown.hasPrefix("| Site | Region | local | regional | national | — | Total |\n"))
        #expect(markdown.contains("| lyon — Lyon Part-Dieu | ARA | 2 | 1 | 0 | 1 | 4 |\n"))
        #expect(markdown.contains("| nce | — | 1 | 0 | 0 | 0 | 1 |\n"))
        #expect(markdown.contains("| — | — | 0 | 1 | 0 | 0 | 1 |\n"))
        #expect(markdown.hasSuffix("| Total |  | 3 | 2 | 1 | 1 | 7 |\n"))
        let text = table.text()
        #expect(text.split(separator: "\n").count == 6, "\(text)")
        #expect(text.contains("Lyon Part-Dieu") && text.contains("Total"))
        let html = table.html()
        #expect(html.contains("<tr><td>bdx — Bordeaux</td><td>NAQ</td><td>0</td><td>0</td><td>1</td><td>0</td><td>1</td></tr>"))
        let csv = table.csv()
        #expect(csv.contains("\"lyon — Lyon Part-Dieu\",\"ARA\",\"2\",\"1\",\"0\",\"1\",\"4\""), "\(csv)")
    }

    @Test func frenchLabels() throws {
        let table = try table(.fr)
        #expect(table.title == "Par site et par niveau")
        #expect(table.markdown().hasPrefix("| Site | Région | local | régional | national | — | Total |\n"))
        #expect(table.csv(separator: .semicolon).contains("\"lyon — Lyon Part-Dieu\";\"ARA\";\"2\""))
    }

    @Test func jsonHasEveryLineAndTheTotals() throws {
        let json = try table(.en).json()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["levels"] as? [String] == ["local", "regional", "national"])
        let sites = try #require(object["sites"] as? [[String: Any]])
        #expect(sites.count == 4)
        #expect(sites[0]["site"] as? String == "lyon" && sites[0]["region"] as? String == "ARA")
        #expect(sites[0]["by_level"] as? [String: Int] == ["local": 2, "regional": 1, "national": 0])
        #expect(sites[0]["no_level"] as? Int == 1 && sites[0]["total"] as? Int == 4)
        #expect(sites[3]["site"] is NSNull)
        let totals = try #require(object["totals"] as? [String: Any])
        #expect(totals["by_level"] as? [String: Int] == ["local": 3, "regional": 2, "national": 1])
        #expect(totals["total"] as? Int == 7)
    }

    /// Names are user text: escaped in every syntax.
    @Test func siteNamesAreEscaped() throws {
        let sites = [Site(code: "x", name: "A <b> & \"c\" | d", region: "R,1")]
        let table = try #require(SiteLevelTable.build(sites: sites, cases: [("x", "local")], language: .en))
        #expect(table.html().contains("A &lt;b&gt; &amp; &quot;c&quot; | d") || table.html().contains("A &lt;b&gt; &amp; \"c\" | d"))
        #expect(!table.markdown().contains("\"c\" | d |"))
        let object = try JSONSerialization.jsonObject(with: Data(table.json().utf8)) as? [String: Any]
        #expect(((object?["sites"] as? [[String: Any]])?.first?["name"] as? String) == "A <b> & \"c\" | d")
    }
}
