import CLibgit2
import Foundation
import ReclamCore

extension GitRepository {
    /// The paths that differ between two commits' trees (files added, removed or changed).
    ///
    /// A server keeping what it read of the work tree asks this after HEAD moves, and re-reads
    /// those files alone. The walk descends only into subtrees whose ids differ, so its cost
    /// follows the change, not the ledger: libgit2's tree diff read every one of the 33 000
    /// learner subtrees of a 100 000-case ledger (1 s), though all but one were the same.
    public func changedPaths(from old: ObjectID, to new: ObjectID) throws -> [String] {
        var paths: [String] = []
        try compare(try commitTree(old), try commitTree(new), base: "", into: &paths)
        return paths
    }

    /// Both trees' entries walked side by side in their stored order (git's, which
    /// `git_tree_entry_cmp` follows): no name is copied or sorted unless its entry differs. The
    /// `cases` tree has an entry per learner (3 358 at 10 000 cases); making dictionaries and a
    /// sorted list of their names was most of a web submission's CPU once the learner folders
    /// were no longer stat-ed. Were a tree's entries out of order, an entry would be counted as
    /// removed and added: a path given twice, never one missed.
    private func compare(_ old: GitTreeHandle?, _ new: GitTreeHandle?, base: String, into paths: inout [String]) throws {
        let oldCount = old.map { git_tree_entrycount($0.pointer) } ?? 0
        let newCount = new.map { git_tree_entrycount($0.pointer) } ?? 0
        var i = 0
        var j = 0
        while i < oldCount || j < newCount {
            let a = i < oldCount ? old.flatMap { git_tree_entry_byindex($0.pointer, i) } : nil
            let b = j < newCount ? new.flatMap { git_tree_entry_byindex($0.pointer, j) } : nil
            let order: Int32
            if let a, let b { order = git_tree_entry_cmp(a, b) } else { order = a == nil ? 1 : -1 }
            let was = order <= 0 ? a : nil
            let now = order >= 0 ? b : nil
            if order <= 0 { i += 1 }
            if order >= 0 { j += 1 }
            let wasTree = was.map { git_tree_entry_type($0) == GIT_OBJECT_TREE }
            let nowTree = now.map { git_tree_entry_type($0) == GIT_OBJECT_TREE }
            if let was, let now, wasTree == nowTree, git_oid_equal(git_tree_entry_id(was), git_tree_entry_id(now)) != 0 { continue }
            guard let named = was ?? now else { continue }
            let name = String(cString: git_tree_entry_name(named))
            let path = base.isEmpty ? name : base + "/" + name
            if wasTree == true || nowTree == true {
                let oldTree = try was.flatMap { wasTree == true ? try GitTreeHandle.lookup(pointer, git_tree_entry_id($0).pointee) : nil }
                let newTree = try now.flatMap { nowTree == true ? try GitTreeHandle.lookup(pointer, git_tree_entry_id($0).pointee) : nil }
                try compare(oldTree, newTree, base: path, into: &paths)
            }
            // A file on either side (a file replaced by a folder counts on both).
            if wasTree == false || nowTree == false { paths.append(path) }
        }
    }
}
