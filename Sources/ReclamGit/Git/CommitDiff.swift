import CLibgit2
import Foundation
import ReclamCore

extension GitRepository {
    /// The paths that differ between two commits' trees (old and new path of each change).
    ///
    /// A server keeping what it read of the work tree asks this after HEAD moves, and re-reads
    /// those files alone: libgit2 skips the subtrees the two commits share, so the cost follows
    /// the size of the change (and of the folders it touches), not of the ledger.
    public func changedPaths(from old: ObjectID, to new: ObjectID) throws -> [String] {
        let oldTree = try commitTree(old)
        let newTree = try commitTree(new)
        var diff: OpaquePointer?
        try check(
            git_diff_tree_to_tree(&diff, pointer, oldTree.pointer, newTree.pointer, nil), "compare two commits")
        defer { git_diff_free(diff) }
        var paths: [String] = []
        for position in 0..<git_diff_num_deltas(diff) {
            guard let delta = git_diff_get_delta(diff, position)?.pointee else { continue }
            if let path = delta.old_file.path { paths.append(String(cString: path)) }
            if let path = delta.new_file.path {
                let text = String(cString: path)
                if paths.last != text { paths.append(text) }
            }
        }
        return paths
    }
}
