import Foundation
import Testing

@testable import ReclamCore
@testable import ReclamGit
@testable import ReclamKit
@testable import ReclamLedger
@testable import ReclamOutput
@testable import ReclamRules
@testable import ReclamWorkflow

/// Device names of Windows are not ids, in any case; names that only look like them are.
@Suite struct ReservedNameTests {
    static let devices = ["con", "prn", "aux", "nul"] + (0...9).flatMap { ["com\($0)", "lpt\($0)"] }

    @Test(arguments: devices)
    func deviceNamesAreReservedInAnyCase(_ name: String) {
        for variant in [name, name.uppercased(), name.prefix(1).uppercased() + name.dropFirst(), name + ".fr.md"] {
            #expect(Identifier.isReserved(variant), "\(variant)")
        }
        #expect(Identifier.problem(name)?.contains("device name on Windows") == true)
        #expect(Identifier.rule(for: name).id == "id-reserved")
        // Uppercase is not an id anyway: that is the rule it breaks first.
        #expect(Identifier.rule(for: name.uppercased()).id == "id-invalid")
    }

    @Test(arguments: ["co", "conn", "con1", "com", "com10", "lpt", "lpt10", "auxiliaire", "nul-1", "stg-aux", "prn2", "20261005-con"])
    func namesThatOnlyLookLikeThemAreIds(_ name: String) {
        #expect(!Identifier.isReserved(name))
        #expect(Identifier.problem(name) == nil)
    }

    @Test func theCatalogueHasTheRuleWithAnExample() throws {
        let rule = try #require(RuleCatalogue.all.first { $0.id == "id-reserved" })
        #expect(rule.severity == .error)
        #expect(!rule.badExample.isEmpty)
    }
}
