import Foundation
import ReclamCore
import ReclamLedger

/// The report's tables of a network: cases by site and by region, when the ledger lists its
/// sites or its cases name one (a single organisation's report stays as it was).
enum NetworkBreakdowns {
    /// Each table's title and the label of each case (one per row of `siteOfRows`).
    static func tables(sites: [Site], siteOfRows: [String?], language: Language) -> [(title: String, values: [String])] {
        guard !sites.isEmpty || siteOfRows.contains(where: { $0 != nil }) else { return [] }
        let byCode = Dictionary(sites.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        func fr(_ a: String, _ b: String) -> String { language == .fr ? a : b }
        let site = siteOfRows.map { code -> String in
            guard let code else { return "—" }
            return byCode[code].map { "\($0.code) — \($0.name)" } ?? code
        }
        let region = siteOfRows.map { code in code.flatMap { byCode[$0]?.region } ?? "—" }
        return [(fr("Par site", "By site"), site), (fr("Par région", "By region"), region)]
    }
}
