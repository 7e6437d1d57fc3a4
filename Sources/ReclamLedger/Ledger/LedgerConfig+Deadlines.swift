import Foundation
import ReclamCore

extension LedgerConfig {
    /// Refuses what needs deadlines while the time zone, calendar or SLA rules of reclam.yml
    /// have errors (they are the refusal's findings): every deadline would be wrong.
    public func requireDeadlines() throws(ReclamError) {
        guard deadlineErrors.isEmpty else {
            throw .refused(Messages(language)[.ledgerDeadlineErrors], deadlineErrors)
        }
    }
}
