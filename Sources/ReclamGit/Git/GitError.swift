import CLibgit2
import ReclamCore

/// A failure of the git layer. `operation` names what was being done,
/// `message` is libgit2's own message (or ours), `path` the repository-relative
/// path concerned, when there is one.
public struct GitError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        /// libgit2 returned this error code (`git_error_code`, e.g. -3 = GIT_ENOTFOUND).
        case libgit2(Int32)
        /// A path in a change is not a safe repository-relative path. Nothing was touched.
        case invalidPath
        /// The change itself is malformed (empty summary, bad trailer, duplicate path…). Nothing was touched.
        case invalidChange
        /// A path to write or remove has uncommitted changes (work tree or index differ from HEAD).
        /// Nothing was touched: the user must commit or discard their edits first.
        case uncommittedChanges
        /// The file changed in the branch since the command read it (expectedBase mismatch, or a
        /// concurrent commit touched it). Nothing was committed and the work tree was restored:
        /// re-run the command.
        case conflict
        /// The new tree equals the tip's tree: there is nothing to commit. Nothing was touched.
        case nothingToCommit
        /// The reclam lock (`.git/reclam.lock`) could not be taken in time: another reclam write is running.
        case lockTimeout
        /// The branch kept moving (or stayed locked) across every retry. Work tree restored, nothing committed.
        case retriesExhausted
        /// HEAD does not point to a branch, or the repository has no work tree.
        case unsupportedRepository
        /// A system call failed with this errno.
        case system(Int32)
        /// A "Name <email>" text could not be parsed.
        case invalidActor
        /// A requested object or path does not exist.
        case notFound
        /// A write was killed before it finished (`.git/reclam/journal`) and could not be finished
        /// or undone automatically; `reclam doctor --fix` does it.
        case interruptedWrite
        /// A lock file of git's (`.git/index.lock`, the branch's `.lock`) is in the way: held by a
        /// running git command, or left by one that was killed (the message says which).
        case gitLocked
    }

    /// Why, for the failures a person meets and reads in the ledger's language (`text(_:)`).
    public enum Reason: Sendable, Equatable {
        /// `.git/reclam.lock` stayed taken for `waited` ("30 s").
        case reclamLockBusy(holder: LockHolder?, waited: String)
        /// A git lock file is in the way; `done` says what became of the command's work.
        case gitLocked(GitLockFile, done: Done)
    }

    /// What a command stopped by a git lock file did.
    public enum Done: Sendable, Equatable {
        case nothingChanged, nothingCommitted, writeUnfinished

        public func text(_ m: Messages) -> String {
            switch self {
            case .nothingChanged: m[.lockNothingChanged]
            case .nothingCommitted: m[.lockNothingCommitted]
            case .writeUnfinished: m[.lockWriteUnfinished]
            }
        }
    }

    public var code: Code
    public var reason: Reason?
    public var operation: String
    public var message: String
    public var path: String?

    public init(_ code: Code, operation: String, message: String, path: String? = nil) {
        self.code = code
        self.operation = operation
        self.message = message
        self.path = path
    }

    public var description: String {
        if let path { return "\(operation) (\(path)): \(message)" }
        return "\(operation): \(message)"
    }

    /// The error as a person reads it in the language of `m`: worded from its reason when it
    /// has one and the language is not English, else `description`.
    public func text(_ m: Messages) -> String {
        guard m.language != .en, let reason else { return description }
        switch reason {
        case .reclamLockBusy(let holder, let waited):
            return (path.map { $0 + m[.colon] } ?? "") + m.format(.lockReclamBusy, holder.map { " (\($0.text(m)))" } ?? "", waited)
        case .gitLocked(let lock, let done):
            return m.format(lock.isStale() ? .lockStale : .lockGitBusy, lock.description(m), done.text(m))
        }
    }

    /// The error libgit2 just reported for `result` (its message from `git_error_last()`,
    /// which may be NULL on libgit2 1.5.1).
    static func libgit2(_ result: Int32, operation: String, path: String? = nil) -> GitError {
        var message = "libgit2 error \(result)"
        if let last = git_error_last(), let text = last.pointee.message {
            let string = String(cString: text)
            if !string.isEmpty { message = string }
        }
        return GitError(.libgit2(result), operation: operation, message: message, path: path)
    }

    /// The errno of the failed system call, with its text.
    static func system(_ errnoValue: Int32, operation: String, path: String? = nil) -> GitError {
        GitError(.system(errnoValue), operation: operation, message: gitSystemErrorText(errnoValue), path: path)
    }

    /// The libgit2 return code, when this error came from libgit2.
    public var libgit2Code: Int32? {
        if case .libgit2(let value) = code { return value }
        return nil
    }
}

/// Throws a `GitError` when a libgit2 call returned a negative code.
@inline(__always)
func check(_ result: Int32, _ operation: @autoclosure () -> String, path: String? = nil) throws {
    if result < 0 { throw GitError.libgit2(result, operation: operation(), path: path) }
}
