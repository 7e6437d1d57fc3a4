import CLibgit2
import Foundation
import ReclamCore

/// One path whose staged content differs from the branch.
public struct StagedFile: Sendable {
    public var path: String
    /// The blob in the branch; nil for a file the commit adds.
    public var old: ObjectID?
    /// The staged blob; nil for a file the commit deletes.
    public var new: ObjectID?
    public var isSymlink: Bool
}

/// What `git commit` is about to record: the index (the repository's, or the one git names in
/// `GIT_INDEX_FILE` while it runs its hooks) compared with the branch. The libgit2 index stays
/// inside; callers get paths and object ids.
public final class StagedIndex {
    private let index: GitIndexHandle
    /// The branch's tip; nil before the first commit.
    public let tip: ObjectID?
    /// Only the entries that differ from the branch.
    public let changes: [StagedFile]

    public init(repository: GitRepository, indexFile: String? = nil) throws {
        index = try repository.openIndex(file: indexFile)
        tip = try repository.tipCommitID()
        changes = try Self.changes(repository, tip: tip, index: index)
    }

    /// Every path of stage 0, in index order.
    public var paths: [String] { index.paths }

    /// The blob staged at `path`; nil when the index has no entry there.
    public func blobID(at path: String) -> ObjectID? { index.blobID(at: path) }

    private static func changes(_ repository: GitRepository, tip: ObjectID?, index: GitIndexHandle) throws -> [StagedFile] {
        let tree = try tip.map { try repository.commitTree($0) }
        var diff: OpaquePointer?
        try check(git_diff_tree_to_index(&diff, repository.pointer, tree?.pointer, index.pointer, nil), "compare the index with the branch")
        defer { git_diff_free(diff) }
        var out: [StagedFile] = []
        for position in 0..<git_diff_num_deltas(diff) {
            guard let delta = git_diff_get_delta(diff, position)?.pointee else { continue }
            let added = delta.status == GIT_DELTA_ADDED
            let deleted = delta.status == GIT_DELTA_DELETED
            guard let rawPath = (deleted ? delta.old_file.path : delta.new_file.path) else { continue }
            out.append(
                StagedFile(
                    path: String(cString: rawPath), old: added ? nil : ObjectID(delta.old_file.id),
                    new: deleted ? nil : ObjectID(delta.new_file.id),
                    isSymlink: !deleted && UInt32(delta.new_file.mode) == GIT_FILEMODE_LINK.rawValue))
        }
        return out
    }
}

extension GitRepository {
    /// Bounds what libgit2 keeps mapped of pack files (window size and total), for the whole
    /// process: a long history read maps pages that count in the resident size.
    public static func limitPackMapping(window: Int, mapped: Int) {
        _ = reclam_git_set_mwindow_limits(window, mapped)
    }
}
