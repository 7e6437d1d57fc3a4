import Foundation
import Testing

@testable import ReclamCore
@testable import ReclamGit
@testable import ReclamKit
@testable import ReclamLedger
@testable import ReclamOutput
@testable import ReclamRules
@testable import ReclamWorkflow

@Suite struct CaseListingTests {
    static let sampleLedger = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    @Test("a listing keeping only listedFields prints what the full listing prints, in every format")
    func listedFieldsAreEnough() throws {
        let ledger = try Ledger.open(at: Self.sampleLedger)
        let full = try CaseListing.load(ledger)
        let trimmed = try CaseListing.load(ledger, fields: CaseListing.listedFields)
        #expect(full.cases.count > 10)
        #expect(trimmed.text(procedure: ledger.config.procedure) == full.text(procedure: ledger.config.procedure))
        #expect(trimmed.csv() == full.csv())
        #expect(JSON.encode(.array(trimmed.cases.map(CaseListing.summary))) == JSON.encode(.array(full.cases.map(CaseListing.summary))))
        // The trimmed cases really are smaller: no steps, no other field.
        #expect(trimmed.cases.allSatisfy { $0.document["steps"] == nil && $0.document.text.isEmpty })
        #expect(full.cases.contains { $0.document["steps"] != nil })
    }
}

@Suite struct ReportBuildTests {
    @Test("a report read case by case from the files is the report of the loaded cases")
    func pathsAndCasesGiveOneReport() throws {
        let ledger = try Ledger.open(at: CaseListingTests.sampleLedger)
        let asOf = try #require(ISODateTime.parse("2026-11-16T10:00:00+01:00")).date
        let paths = try LedgerScan.scan(ledger).casePaths
        let cases = LedgerReader.cases(paths, in: ledger).cases
        for (from, to) in [(nil, nil), (try CivilDate(parsing: "2026-09-01"), try CivilDate(parsing: "2026-10-31"))]
            as [(CivilDate?, CivilDate?)]
        {
            let loaded = Report.build(ledger: ledger, cases: cases, from: from, to: to, language: .fr, asOf: asOf)
            let streamed = Report.build(ledger: ledger, paths: paths, from: from, to: to, language: .fr, asOf: asOf)
            #expect(loaded.total > 0)
            #expect(streamed.markdown() == loaded.markdown())
            #expect(streamed.html() == loaded.html())
        }
    }
}
