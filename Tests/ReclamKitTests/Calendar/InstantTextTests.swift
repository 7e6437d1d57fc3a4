import Foundation
import Testing

@testable import ReclamCore
@testable import ReclamLedger

@Suite struct InstantTextTests {
    let paris = TimeZone(identifier: "Europe/Paris")!

    func iso(_ text: String) -> Date { ISODateTime.parse(text)!.date }

    @Test func localTimesAreReadInTheZone() throws {
        #expect(try InstantText.parse("2026-11-13 18:00", timeZone: paris).get() == iso("2026-11-13T18:00:00+01:00"))
        #expect(try InstantText.parse("2026-07-01 08:15:30", timeZone: paris).get() == iso("2026-07-01T08:15:30+02:00"))
        #expect(try InstantText.parse("2026-07-01", timeZone: paris).get() == iso("2026-07-01T00:00:00+02:00"))
        #expect(try InstantText.parse("2026-07-01T08:15", timeZone: paris).get() == iso("2026-07-01T08:15:00+02:00"))
        // An explicit offset wins over the zone.
        #expect(try InstantText.parse("2026-07-01T08:15:00Z", timeZone: paris).get() == iso("2026-07-01T10:15:00+02:00"))
    }

    @Test func theSpringGapAndTheAutumnRepeatAreRefusedWithTheirOffsets() throws {
        #expect(throws: InstantText.Problem.nonexistent(before: 3600, after: 7200)) {
            try InstantText.parse("2026-03-29 02:30", timeZone: paris).get()
        }
        #expect(throws: InstantText.Problem.ambiguous(first: 7200, second: 3600)) {
            try InstantText.parse("2026-10-25 02:30", timeZone: paris).get()
        }
        // Just outside the change, one answer.
        #expect(try InstantText.parse("2026-03-29 03:00", timeZone: paris).get() == iso("2026-03-29T03:00:00+02:00"))
        #expect(try InstantText.parse("2026-10-25 03:00", timeZone: paris).get() == iso("2026-10-25T03:00:00+01:00"))
        let message = InstantText.message(
            .nonexistent(before: 3600, after: 7200), text: "2026-03-29 02:30", flag: "--at", timeZone: paris)
        #expect(message.contains("+01:00") && message.contains("+02:00") && message.contains("2026-03-29T02:30:00+01:00"))
    }

    @Test func malformedTextIsRefused() {
        for text in [
            "", "lundi", "2026-13-01", "2026-02-30 10:00", "2026-10-05 25:00", "2026-10-05 9:12", "2026-10-05  09:12", "05/10/2026",
        ] {
            #expect(throws: InstantText.Problem.malformed, "\(text)") { try InstantText.parse(text, timeZone: paris).get() }
        }
    }

    @Test func topicDropsTheSubjectPrefixes() {
        #expect(Topic.of("Réclamation : convocation reçue la veille") == "convocation reçue la veille")
        #expect(Topic.of("RE: Fwd: Réclamation: salle") == "salle")
        #expect(Topic.of("Attestation non reçue") == "Attestation non reçue")
        #expect(Topic.of("Réclamation :") == "Réclamation :")
    }
}
