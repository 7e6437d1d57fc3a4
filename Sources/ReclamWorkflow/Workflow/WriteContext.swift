import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamOutput
import ReclamRules

/// Everything a writing command needs: the ledger, its repository, who acts, and when.
public struct WriteContext {
    public var ledger: Ledger
    public var repository: GitRepository
    public var actor: ActorIdentity
    public var now: Date
    /// The repository a long-running process keeps open for its commits (`reclam serve`);
    /// nil for a command, which commits once through `repository`.
    public var session: GitWriteSession?

    public init(ledger: Ledger, actorOption: String?, environment: [String: String], now: Date) throws(ReclamError) {
        self.ledger = ledger
        do {
            repository = try GitRepository.open(at: ledger.root.path)
        } catch {
            throw .io(Messages(ledger.config.language).format(.notGitRepositoryInit, ledger.root.path, "\(error)"))
        }
        actor = try WriteContext.resolveActor(option: actorOption, environment: environment, repository: repository)
        self.now = now
    }

    public init(ledger: Ledger, repository: GitRepository, actor: ActorIdentity, now: Date) {
        self.ledger = ledger
        self.repository = repository
        self.actor = actor
        self.now = now
    }

    /// `--actor`, else `RECLAM_ACTOR`, else git's user.name and user.email.
    static func resolveActor(option: String?, environment: [String: String], repository: GitRepository) throws(ReclamError) -> ActorIdentity
    {
        let explicit = option ?? environment["RECLAM_ACTOR"].flatMap { $0.isEmpty ? nil : $0 }
        if let explicit {
            do { return try ActorIdentity(parsing: explicit) } catch {
                throw .usage("actor '\(explicit)' is not of the form \"Name <email>\": \(error)")
            }
        }
        if let configured = try? repository.configuredActor() { return configured }
        throw .usage(
            "no author identity: pass --actor \"Name <email>\", set RECLAM_ACTOR, or run git config user.name \"Name\" && git config user.email you@example.org"
        )
    }

    public var signature: Signature {
        Signature(actor, date: now, timeZone: ledger.config.timeZone)
    }

    /// The one door to the repository for every writing command.
    @discardableResult
    public func commit(_ change: Change) throws(ReclamError) -> CommitResult {
        do {
            if let session { return try session.commit(change, by: signature) }
            return try GitWriter(repository: repository).commit(change, author: signature, committer: signature)
        } catch let error as GitError {
            var failure = ReclamError(error.isRefusal ? .refused : .git, error.text(Messages(ledger.config.language)))
            failure.isConflict = error.code == .conflict
            throw failure
        } catch {
            throw ReclamError(.git, "\(error)")
        }
    }

    /// Runs `attempt` again when a concurrent writer changed a file it had read: each attempt
    /// re-reads the ledger, so the retry is a fresh decision, never a blind overwrite.
    public func retryingConflicts<T>(_ attempt: () throws(ReclamError) -> T) throws(ReclamError) -> T {
        var tries = 0
        while true {
            do {
                return try attempt()
            } catch  where error.isConflict && tries < 5 {
                tries += 1
            }
        }
    }

    /// Standard trailers, so that `git log --format=%(trailers)` tells the story of a case.
    public func trailers(case id: String, stage: String) -> [(key: String, value: String)] {
        [("Reclam-Case", id), ("Reclam-Stage", stage), ("Reclam-Actor", actor.name)]
    }
}
