import Foundation
import ReclamCore
import ReclamLedger

/// The report's cross-table of a network: cases by site (one line per site, with its region)
/// and by handling level (one column per level), with the totals of each line and column, so
/// that a regional or national reviewer reads the centres of one shared ledger side by side.
///
/// Every case of the report is counted once: a case without a site or a level has its own line
/// or column (`—`), and a site or level that the settings do not know keeps its code.
public struct SiteLevelTable: Sendable, Equatable {
    public struct Line: Sendable, Equatable {
        /// The site's code; nil for the cases that name no site.
        public var code: String?
        /// The site's name and region, when `sites:` lists it.
        public var name: String?
        public var region: String?
        /// One count per column of `levels`.
        public var counts: [Int]

        public var total: Int { counts.reduce(0, +) }
    }

    /// The columns: level ids (`local`, `regional`, `national`, then any other value found),
    /// nil for the cases without a level (a column only when there are some).
    public var levels: [String?]
    /// The sites with at least one case: in the order of `sites:`, then unknown codes, then
    /// the cases without a site.
    public var lines: [Line]
    public var language: Language

    /// The total of each column.
    public var totals: [Int] { levels.indices.map { column in lines.reduce(0) { $0 + $1.counts[column] } } }
    public var total: Int { lines.reduce(0) { $0 + $1.total } }

    /// The table of the report's cases (the site and level of each), or nil for a single
    /// organisation: when `sites:` is empty and no case names a site.
    public static func build(sites: [Site], cases: [(site: String?, level: String?)], language: Language) -> SiteLevelTable? {
        guard !sites.isEmpty || cases.contains(where: { $0.site != nil }) else { return nil }
        let found = Set(cases.compactMap(\.level))
        var levels: [String?] = FieldCatalogue.levels + found.subtracting(FieldCatalogue.levels).sorted()
        if cases.contains(where: { $0.level == nil }) { levels.append(nil) }
        let column = Dictionary(levels.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
        var counts: [String?: [Int]] = [:]
        for item in cases {
            counts[item.site, default: Array(repeating: 0, count: levels.count)][column[item.level]!] += 1
        }
        let known = Set(sites.map(\.code))
        var lines = sites.compactMap { site in
            counts[site.code].map { Line(code: site.code, name: site.name, region: site.region, counts: $0) }
        }
        let unknown = counts.keys.compactMap { $0 }.filter { !known.contains($0) }.sorted()
        lines += unknown.map { Line(code: $0, name: nil, region: nil, counts: counts[$0]!) }
        if let none = counts[nil] { lines.append(Line(code: nil, name: nil, region: nil, counts: none)) }
        return SiteLevelTable(levels: levels, lines: lines, language: language)
    }

    var french: Bool { language == .fr }

    /// The table's title, as the report's heading.
    public var title: String { french ? "Par site et par niveau" : "By site and level" }

    /// The same header and lines as every other table: text, Markdown, HTML or CSV.
    public var table: Table {
        let m = Messages(language)
        let header = ["Site", french ? "Région" : "Region"] + levels.map { $0.map(m.value) ?? "—" } + ["Total"]
        var rows = lines.map { line -> [String] in
            let site = line.code.map { code in line.name.map { "\(code) — \($0)" } ?? code } ?? "—"
            return [site, line.region ?? "—"] + line.counts.map(String.init) + [String(line.total)]
        }
        rows.append(["Total", ""] + totals.map(String.init) + [String(self.total)])
        return Table(header: header, rows: rows)
    }

    public func text() -> String { table.text() }
    public func markdown() -> String { table.markdown() }
    public func html() -> String { table.html() }
    public func csv(separator: CSV.Separator = .comma) -> String { table.csv(separator: separator) }

    /// `{"levels": [...], "sites": [{"site", "name", "region", "by_level", "total"}], "totals": {...}, "total"}`;
    /// the cases without a site have `"site": null`, those without a level are counted under
    /// `"no_level"`.
    public func json() -> String {
        func string(_ value: String?) -> String { value.map(Escape.json) ?? "null" }
        func byLevel(_ counts: [Int]) -> String {
            var pairs: [String] = []
            var noLevel: Int?
            for (level, count) in zip(levels, counts) {
                if let level { pairs.append("\(Escape.json(level)): \(count)") } else { noLevel = count }
            }
            return "\"by_level\": {\(pairs.joined(separator: ", "))}" + (noLevel.map { ", \"no_level\": \($0)" } ?? "")
        }
        var out = "{\n  \"levels\": [" + levels.compactMap { $0 }.map(Escape.json).joined(separator: ", ") + "],\n  \"sites\": [\n"
        out += lines.map { line in
            "    {\"site\": \(string(line.code)), \"name\": \(string(line.name)), \"region\": \(string(line.region)), "
                + "\(byLevel(line.counts)), \"total\": \(line.total)}"
        }.joined(separator: ",\n")
        out += (lines.isEmpty ? "" : "\n") + "  ],\n  \"totals\": {\(byLevel(totals)), \"total\": \(total)}\n}\n"
        return out
    }
}
