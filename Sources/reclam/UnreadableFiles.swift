import ArgumentParser
import Foundation
import ReclamKit

/// What a reading command does, after printing what it could, about the files it could not
/// read: names each one (with why) and exits 2, so that a CI job never passes on a ledger it
/// read only in part (a case left with conflict markers by a merge, for one).
enum UnreadableFiles {
    static func exitIfAny(_ diagnostics: [Diagnostic], alreadyShown: Bool = false) throws {
        guard !diagnostics.isEmpty else { return }
        let sorted = diagnostics.sorted()
        if !alreadyShown { FileHandle.standardError.write(RunLanguage.render(sorted)) }
        let files = Array(Set(sorted.map(\.file))).sorted()
        let line = Messages(RunLanguage.current).format(
            .unreadableLeftOut, String(files.count), files.map(Escape.terminal).joined(separator: ", "))
        FileHandle.standardError.write("reclam: \(line)\n")
        throw ExitCode(2)
    }
}
