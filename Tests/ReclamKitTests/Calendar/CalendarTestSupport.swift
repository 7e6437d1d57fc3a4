import Foundation
import Testing
@testable import ReclamCore
@testable import ReclamGit
@testable import ReclamKit
@testable import ReclamLedger
@testable import ReclamOutput
@testable import ReclamRules
@testable import ReclamWorkflow

/// Small readers for test literals; a malformed literal fails the test instead of crashing.
enum CalendarFixture {
    static func day(_ text: String) throws -> CivilDate {
        try #require(CivilDate.parse(text), "bad test day \(text)")
    }

    static func instant(_ text: String) throws -> Date {
        try #require(ISODateTime.parse(text), "bad test instant \(text)").date
    }

    static func duration(_ text: String) throws -> SLADuration {
        try SLADuration.parse(text)
    }

    static let paris = TimeZone(identifier: "Europe/Paris")!

    /// The calendar of the design brief: metropole, Mon–Fri, 09:00–17:00, Europe/Paris.
    static func calendar(
        region: Region = .metropole,
        closures: [Closure] = [],
        businessHours: BusinessHours = .standard
    ) throws -> BusinessCalendar {
        try BusinessCalendar(region: region, businessHours: businessHours, closures: closures)
    }

    /// The closures of the `reclam.yml` example.
    static func exampleClosures() throws -> [Closure] {
        [
            try Closure(name: "Fermeture de fin d'année", from: day("2026-12-24"), to: day("2027-01-01")),
            try Closure(name: "Pont de l'Ascension", date: day("2026-05-15")),
        ]
    }

    static func text(_ date: Date) -> String { ISODateTime.format(date, in: paris) }
}
