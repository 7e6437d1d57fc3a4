import Foundation
import ReclamCore
import ReclamGit

/// Writes that were killed, as every command meets them before it reads the ledger.
public enum InterruptedWrites {
    /// Finishes or undoes a killed write (`WriteRecovery`); returns what was done, for the
    /// user. When it cannot be done automatically, the error says what is wrong and names
    /// the command that fixes it.
    public static func finish(ledgerRoot root: URL) throws(ReclamError) -> [String] {
        do {
            return try WriteRecovery.finishInterruptedWrite(workTree: root.path)
        } catch let error as GitError {
            throw ReclamError(.git, error.description)
        } catch {
            throw ReclamError(.git, "finish an interrupted write: \(error)")
        }
    }
}
