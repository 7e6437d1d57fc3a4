import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamOutput
import ReclamRules

/// Ids for new cases: the received date for people, four random characters so that two people
/// creating cases on two clones the same day do not collide when their branches merge.
public enum CaseIDs {
    /// No 0/o, 1/l/i: ids get read aloud on the phone.
    static let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")

    public static func make(received: Date, timeZone: TimeZone, exists: (String) -> Bool) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: received)
        let prefix = String(format: "%04d%02d%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
        var generator = SystemRandomNumberGenerator()
        while true {
            let suffix = String((0..<4).map { _ in alphabet.randomElement(using: &generator)! })
            let id = "\(prefix)-\(suffix)"
            if !exists(id) { return id }
        }
    }
}
