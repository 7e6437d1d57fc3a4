import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamOutput
import ReclamRules
extension GitError {
    /// Refusals protect the user's data (their edits, a concurrent change): exit 1, like any
    /// other "the ledger says no". The rest are failures of the environment: exit 2.
    var isRefusal: Bool {
        switch code {
        case .uncommittedChanges, .conflict, .nothingToCommit, .invalidPath: true
        default: false
        }
    }
}
