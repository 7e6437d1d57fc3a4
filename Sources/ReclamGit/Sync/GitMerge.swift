import Foundation
import ReclamCore

/// Merging a fetched branch into the checked-out one. The merge itself is git's (`git merge`,
/// which calls `reclam merge-file` for case and action files through the registered driver,
/// updates the index and work tree, and moves the branch with a locked compare-and-swap);
/// reclam holds its own write lock meanwhile, so that no reclam command commits halfway.
extension GitRepository {
    public enum MergeOutcome: Sendable, Equatable {
        case upToDate
        case fastForward(ObjectID)
        case merged(ObjectID)
        /// The merge stopped: these paths are unmerged (conflict markers in the work tree).
        case conflicts([String])
    }

    /// Whether a merge is under way (`MERGE_HEAD` exists).
    public var isMerging: Bool {
        FileManager.default.fileExists(atPath: gitDirectory + "/MERGE_HEAD")
    }

    /// The commit being merged in, while a merge is under way.
    public func mergeHead() throws -> ObjectID? {
        guard isMerging else { return nil }
        return try referenceTarget("MERGE_HEAD").map { ObjectID($0) }
    }

    /// Paths with unmerged entries in the index.
    public func unmergedPaths() throws(ReclamError) -> [String] {
        guard let workdir else { return [] }
        let output = try GitCommand.run(["diff", "--name-only", "--diff-filter=U", "-z"], in: URL(fileURLWithPath: workdir))
        return Set(output.text.split(separator: "\0").map(String.init)).sorted()
    }

    /// `git merge --no-edit -m MESSAGE REF` under reclam's write lock. `environment` carries the
    /// identity (GIT_AUTHOR_NAME…) of the merge commit.
    public func mergeWithGit(_ ref: String, message: String, environment: [String: String]) throws -> MergeOutcome {
        guard let workdir else { throw ReclamError.usage("the repository has no work tree") }
        // A `GitError` when another write holds the lock: its reason is worded by the caller.
        let lock = try GitFileLock(path: commonDirectory + "/reclam.lock", timeout: .seconds(30))
        return try withExtendedLifetime(lock) { () throws(ReclamError) -> MergeOutcome in
            let before = try? tipCommitID()
            let output = try GitCommand.run(
                ["-c", "core.quotePath=false", "merge", "--no-edit", "-m", message, ref], in: URL(fileURLWithPath: workdir),
                environment: environment)
            if output.status != 0 {
                let unmerged = try unmergedPaths()
                if !unmerged.isEmpty { return .conflicts(unmerged) }
                throw ReclamError(.git, .gitMergeFailed, ref, output.errorText)
            }
            let after: ObjectID?
            do { after = try tipCommitID() } catch { throw ReclamError(.git, "\(error)") }
            guard let after, after != before else { return .upToDate }
            let parents = (try? commitInfo(after).parents.count) ?? 1
            return parents > 1 ? .merged(after) : .fastForward(after)
        }
    }

    /// Commits a merge whose conflicts were all resolved (`git commit --no-edit`), under the lock.
    public func commitResolvedMerge(environment: [String: String]) throws -> ObjectID {
        guard let workdir else { throw ReclamError.usage("the repository has no work tree") }
        // A `GitError` when another write holds the lock: its reason is worded by the caller.
        let lock = try GitFileLock(path: commonDirectory + "/reclam.lock", timeout: .seconds(30))
        return try withExtendedLifetime(lock) { () throws(ReclamError) -> ObjectID in
            let output = try GitCommand.run(
                ["commit", "--no-edit", "--no-verify"], in: URL(fileURLWithPath: workdir), environment: environment)
            guard output.status == 0 else { throw ReclamError(.git, .gitMergeCommitFailed, output.errorText) }
            do {
                guard let tip = try tipCommitID() else { throw ReclamError(.git, .gitNoCommitAfterMerge) }
                return tip
            } catch let error as ReclamError {
                throw error
            } catch {
                throw ReclamError(.git, "\(error)")
            }
        }
    }
}
