import Foundation
import ReclamLedger
import Testing

@testable import ReclamCore

/// Enum values are shown with a French label in a French ledger and typed back in French.
@Suite("Enum value labels") struct EnumValueLabelTests {
    /// Every enum value a preset or the built-in fields declare.
    static var declaredValues: [String] {
        var values = FieldCatalogue.caseFields.flatMap(\.values)
        for preset in ProcedurePreset.allCases {
            values += preset.procedure?.declaredFields.values.flatMap(\.values) ?? []
        }
        return values
    }

    @Test func everyDeclaredValueHasAFrenchLabelThatReadsBack() throws {
        #expect(!Self.declaredValues.isEmpty)
        for value in Self.declaredValues {
            let label = Messages(.fr).value(value)
            #expect(Messages.frenchValues[value] != nil, "no French label for '\(value)'")
            #expect(Messages(.en).value(value) == value, "English shows the id")
            #expect(Messages.valueID(label, among: [value]) == value, "'\(label)' reads back as '\(value)'")
            #expect(Messages.valueID(label.uppercased(), among: [value]) == value)
        }
    }

    @Test func inputsAreMatchedWithoutCaseOrAccents() {
        let risks = ["low", "medium", "high"]
        #expect(Messages.valueID("élevé", among: risks) == "high")
        #expect(Messages.valueID("Eleve", among: risks) == "high")
        #expect(Messages.valueID("medium", among: risks) == "medium")
        #expect(Messages.valueID("moyenne", among: risks) == nil)
        #expect(Messages.valueID("oui", among: ["yes", "no"]) == "yes")
        #expect(Messages.valueID("oui", among: ["low"]) == nil, "a label of a value the field does not have is refused")
    }

    @Test func amountsTheFrenchWay() {
        let m = Messages(.fr)
        #expect(m.frenchAmount(5, .hours) == "5 h")
        #expect(m.frenchAmount(5.5, .hours) == "5 h 30")
        #expect(m.frenchAmount(1, .businessHours) == "1 h ouvrée")
        #expect(m.frenchAmount(3, .workingDays) == "3 jours ouvrés")
        #expect(m.frenchAmount(1, .workingDays) == "1 jour ouvré")
        #expect(m.frenchAmount(2.5, .calendarDays) == "2,5 jours calendaires")
        #expect(m.frenchAmount(0.25, .workingDays) == "0,25 jour ouvré")
    }
}
