import Foundation
import ReclamCore

/// One repository kept open for the commits of a long-running process (`reclam serve`), so
/// that a commit does not open the repository and read the whole index again: libgit2 keeps
/// the index in memory and reads it again only when its file changed on disk (another
/// writer, `git add`), and the objects the last commit touched stay in its cache. On 10 000
/// cases the index's read was a third of a web submission's time.
///
/// The commits of a session run one at a time (a `git_repository` is not thread-safe); they
/// still take `.git/reclam.lock` as every write does. After a failed commit the repository is
/// dropped and the next commit opens it afresh, so that an in-memory index a failure left
/// ahead of the file is never written out.
public final class GitWriteSession: @unchecked Sendable {
    public let path: String
    private let lock = NSLock()
    private var repository: GitRepository?
    /// How many times the repository was opened (for tests).
    public private(set) var opened = 0

    /// - Parameter path: the work tree, as for `GitRepository.open(at:)`.
    public init(path: String) { self.path = path }

    /// `GitWriter.commit` on the session's repository.
    public func commit(_ change: Change, by signature: Signature) throws -> CommitResult {
        lock.lock()
        defer { lock.unlock() }
        let repository = try self.repository ?? open()
        self.repository = nil
        let result = try GitWriter(repository: repository).commit(change, by: signature)
        self.repository = repository
        return result
    }

    private func open() throws -> GitRepository {
        opened += 1
        return try GitRepository.open(at: path)
    }
}
