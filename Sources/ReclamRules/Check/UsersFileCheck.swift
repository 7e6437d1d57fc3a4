import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger

extension Checker {
    /// `users-file-tracked`: the staff's accounts (`serve.users_file`, users.yml) hold password
    /// hashes; committed, they would travel with every clone and push.
    func checkUsersFile() -> [Diagnostic] {
        let path = ServeSettings.read(ledger.config).usersFile
        guard let repository = try? GitRepository.open(at: ledger.root.path) else { return [] }
        var tracked = false
        if let tip = try? repository.tipCommitID(), (try? repository.blobID(at: path, in: tip)) != nil { tracked = true }
        if !tracked, let status = try? repository.pathStatus(path), status.contains(.indexNew) { tracked = true }
        guard tracked else { return [] }
        return [
            Diagnostic(
                .usersFileTracked,
                "\(path) is tracked by git, with the staff's password hashes: run 'git rm --cached \(path)', list it in .gitignore, commit, "
                    + "and have everyone change their password (reclam user passwd ID)",
                file: path, at: nil)
        ]
    }
}
