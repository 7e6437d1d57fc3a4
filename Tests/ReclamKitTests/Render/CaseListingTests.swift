import Foundation
import Testing

@testable import ReclamKit

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

@Suite struct ReportFieldsTests {
    @Test("a report built from Report.fields alone is the report built from every field")
    func reportFieldsAreEnough() throws {
        let ledger = try Ledger.open(at: CaseListingTests.sampleLedger)
        let asOf = try #require(ISODateTime.parse("2026-11-16T10:00:00+01:00")).date
        func report(_ fields: Set<String>?) throws -> Report {
            Report.build(
                ledger: ledger, cases: try CaseListing.load(ledger, fields: fields).cases, from: nil, to: nil, language: .fr, asOf: asOf)
        }
        let full = try report(nil)
        let trimmed = try report(Report.fields(ledger.config))
        #expect(full.total > 10)
        #expect(trimmed.markdown() == full.markdown())
        #expect(trimmed.html() == full.html())
    }
}
