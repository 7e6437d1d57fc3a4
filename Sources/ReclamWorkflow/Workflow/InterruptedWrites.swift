import Foundation
import ReclamCore
import ReclamGit

/// Writes that were killed, as every command meets them before it reads the ledger.
public enum InterruptedWrites {
    /// Finishes or undoes a killed write (`WriteRecovery`); returns what was done, for the
    /// user. When it cannot be done automatically, the error says what is wrong and names
    /// the command that fixes it.
    /// `language` is the ledger's, asked for only when there is something to say (reading
    /// the settings costs more than finding that nothing was interrupted).
    public static func finish(ledgerRoot root: URL, language: () -> Language = { .en }) throws(ReclamError) -> [String] {
        do {
            let notes = try WriteRecovery.finishInterruptedWrite(workTree: root.path)
            if notes.isEmpty { return [] }
            let m = Messages(language())
            return notes.map { $0.text(m) }
        } catch let error as GitError {
            throw ReclamError(.git, error.text(Messages(language())))
        } catch {
            throw ReclamError(.git, Messages(language()).format(.finishInterruptedWrite, "\(error)"))
        }
    }
}
