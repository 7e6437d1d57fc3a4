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
