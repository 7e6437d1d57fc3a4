import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger

/// `reclam doctor`: the repository under a ledger checked for what killed writes and
/// interrupted git commands leave (`RepositoryCheckup`), with the command that fixes each.
public struct Doctor {
    public typealias Finding = RepositoryCheckup.Finding

    var checkup: RepositoryCheckup

    /// `language`: the ledger's, for the words of the findings and repairs.
    public init(ledgerRoot root: URL, language: Language = .en) throws(ReclamError) {
        let repository: GitRepository
        do {
            repository = try GitRepository.open(at: root.path)
        } catch {
            throw .io(Messages(language).format(.notGitRepositoryInit, root.path, "\(error)"))
        }
        checkup = RepositoryCheckup(repository: repository, owns: Self.owns)
        checkup.messages = Messages(language)
    }

    /// The files reclam writes: case, learner and action files and the outbox.
    static func owns(_ path: String) -> Bool {
        [Ledger.casesFolder, Action.folder, Outbox.folder].contains { path.hasPrefix($0 + "/") }
    }

    /// `language` is the ledger's, for the advice on edits nobody committed.
    public func findings(language: Language = .en) throws(ReclamError) -> [Finding] {
        let m = Messages(language)
        do {
            return try checkup.findings().map { Self.advised($0, m) }
        } catch {
            throw .io(m.format(.cannotExamineRepository, "\(error)"))
        }
    }

    /// Repairs what can be; returns one line per repair.
    public func repair(_ findings: [Finding]) throws(ReclamError) -> [String] {
        do {
            return try checkup.repair(findings)
        } catch let error as GitError {
            throw ReclamError(.git, error.text(checkup.messages))
        } catch {
            throw ReclamError(.git, "\(error)")
        }
    }

    /// An edit nobody committed needs a person: the message names both ways out.
    static func advised(_ finding: Finding, _ m: Messages) -> Finding {
        guard finding.diagnostic.rule == Rule.doctorUncommitted.id, finding.diagnostic.message == "changed but not committed" else {
            return finding
        }
        var copy = finding
        let path = finding.diagnostic.file
        if HandEditReview.kind(of: path) != nil {
            copy.diagnostic.message = m.format(.doctorUncommittedReclam, path, path)
        } else {
            copy.diagnostic.message = m.format(.doctorUncommittedOther, path)
        }
        return copy
    }
}
