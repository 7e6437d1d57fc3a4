import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger

/// What says that a ledger's work tree may have changed since a server last read it: the
/// stamps (size, mtime, inode) of `cases/`, `reclam.yml`, and git's HEAD, the branch HEAD
/// names, `packed-refs` and the index. Every commit, checkout, merge, pull or reset rewrites
/// the index or a ref; a new learner folder changes `cases/`. An edit by hand that is not
/// committed changes none of them: the caches that rely on this say so.
final class LedgerWatch: @unchecked Sendable {
    private var gitDirectories: (own: String, common: String)??

    /// Called under its owner's lock.
    func state(_ ledger: Ledger) -> [FileStamp?] {
        if gitDirectories == nil {
            if let repository = try? GitRepository.open(at: ledger.root.path) {
                gitDirectories = .some((repository.gitDirectory, repository.commonDirectory))
            } else {
                gitDirectories = .some(nil)
            }
        }
        var stamps = [
            FileStamp(path: ledger.root.path + "/" + Ledger.casesFolder),
            FileStamp(path: ledger.root.path + "/" + LedgerConfig.fileName),
        ]
        guard case .some(.some(let git)) = gitDirectories else { return stamps }
        let own = git.own.hasSuffix("/") ? git.own : git.own + "/"
        let common = git.common.hasSuffix("/") ? git.common : git.common + "/"
        stamps.append(FileStamp(path: own + "HEAD"))
        stamps.append(FileStamp(path: own + "index"))
        stamps.append(FileStamp(path: common + "packed-refs"))
        // The branch HEAD names, when it is a loose ref.
        if let head = try? FileSystem.readRegularFile(path: own + "HEAD", limit: 4096),
            let text = String(data: head, encoding: .utf8), text.hasPrefix("ref: ")
        {
            let ref = text.dropFirst(5).trimmingCharacters(in: .whitespacesAndNewlines)
            if !ref.contains("..") { stamps.append(FileStamp(path: common + ref)) }
        }
        return stamps
    }
}
