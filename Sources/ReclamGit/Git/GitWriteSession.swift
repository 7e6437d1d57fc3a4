import Foundation
import ReclamCore

/// The writes of a long-running process (`reclam serve`): one repository kept open, and the
/// changes that arrive while a commit is under way committed together after it.
///
/// Keeping the repository open spares each commit opening it and reading the whole index
/// again: libgit2 keeps the index in memory and reads it again only when its file changed on
/// disk (another writer, `git add`). Committing together (`GitWriter.commit(each:)`) still
/// makes one commit per change, with its own message and trailers, but one lock, one index
/// write and one pair of syncs for the group. On 10 000 cases the index's read and write were
/// half of a web submission's time, and the syncs are most of the rest.
///
/// The first caller to find no commit under way commits what is waiting (its own change and
/// those queued behind the one before), in the order they came, up to `largestGroup`, and
/// stopping before a change that touches a path an earlier one of the group touches. A group
/// refused for a change's own reason (a conflict, uncommitted edits, nothing to commit) is
/// committed again one change at a time, so that each gets its own answer. After a failed
/// write the repository is dropped and the next commit opens it afresh, so that an in-memory
/// index a failure left ahead of the file is never written out.
public final class GitWriteSession: @unchecked Sendable {
    public let path: String
    /// The most changes committed together.
    public let largestGroup: Int

    private final class Ticket {
        let change: Change
        let signature: Signature
        let paths: Set<String>
        var outcome: Result<CommitResult, Error>?

        init(_ change: Change, _ signature: Signature) {
            self.change = change
            self.signature = signature
            paths = Set(change.writes.map(\.path) + change.removals + change.expectedBase.keys)
        }
    }

    private let condition = NSCondition()
    private var waiting: [Ticket] = []
    private var committing = false
    /// Only the caller committing (`committing`) uses it.
    private var repository: GitRepository?
    private var counts = (opened: 0, writes: 0)

    /// - Parameter path: the work tree, as for `GitRepository.open(at:)`.
    public init(path: String, largestGroup: Int = 16) {
        self.path = path
        self.largestGroup = max(1, largestGroup)
    }

    /// How many times the repository was opened, and how many writes were made (each
    /// committing one change or a group), for tests.
    public var statistics: (opened: Int, writes: Int) {
        condition.lock()
        defer { condition.unlock() }
        return counts
    }

    /// Commits `change` as `GitWriter.commit` does, possibly together with others.
    public func commit(_ change: Change, by signature: Signature) throws -> CommitResult {
        let ticket = Ticket(change, signature)
        condition.lock()
        waiting.append(ticket)
        while ticket.outcome == nil {
            if committing {
                condition.wait()
                continue
            }
            committing = true
            let group = takeGroup()
            condition.unlock()
            let outcomes = write(group)
            condition.lock()
            for (item, outcome) in zip(group, outcomes) { item.outcome = outcome }
            committing = false
            condition.broadcast()
        }
        condition.unlock()
        return try ticket.outcome!.get()
    }

    /// The first waiting changes, in order, up to one that touches a path an earlier one does.
    private func takeGroup() -> [Ticket] {
        var group: [Ticket] = []
        var touched = Set<String>()
        for ticket in waiting.prefix(largestGroup) {
            guard touched.isDisjoint(with: ticket.paths) else { break }
            touched.formUnion(ticket.paths)
            group.append(ticket)
        }
        waiting.removeFirst(group.count)
        return group
    }

    private func write(_ group: [Ticket]) -> [Result<CommitResult, Error>] {
        do {
            return try commit(group).map { .success($0) }
        } catch let error as GitError where group.count > 1 && Self.isOwnReason(error) {
            return group.map { ticket in Result { try commit([ticket])[0] } }
        } catch {
            return group.map { _ in .failure(error) }
        }
    }

    private func commit(_ group: [Ticket]) throws -> [CommitResult] {
        let repository: GitRepository
        if let open = self.repository {
            repository = open
        } else {
            repository = try GitRepository.open(at: path)
            condition.withLock { counts.opened += 1 }
        }
        self.repository = nil
        let results = try GitWriter(repository: repository).commit(
            each: group.map { (change: $0.change, author: $0.signature, committer: $0.signature) })
        self.repository = repository
        condition.withLock { counts.writes += 1 }
        return results
    }

    /// A refusal found before anything changed, that may be one change's alone.
    private static func isOwnReason(_ error: GitError) -> Bool {
        switch error.code {
        case .conflict, .uncommittedChanges, .nothingToCommit, .invalidChange, .invalidPath, .notFound: true
        default: false
        }
    }
}
