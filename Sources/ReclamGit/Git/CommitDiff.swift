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

    private struct Entry {
        var id: git_oid
        var isTree: Bool
    }

    private func entries(_ tree: GitTreeHandle?) -> [String: Entry] {
        guard let tree else { return [:] }
        let count = git_tree_entrycount(tree.pointer)
        var entries: [String: Entry] = [:]
        entries.reserveCapacity(count)
        for index in 0..<count {
            guard let entry = git_tree_entry_byindex(tree.pointer, index) else { continue }
            entries[String(cString: git_tree_entry_name(entry))] = Entry(
                id: git_tree_entry_id(entry).pointee, isTree: git_tree_entry_type(entry) == GIT_OBJECT_TREE)
        }
        return entries
    }

    private func compare(_ old: GitTreeHandle?, _ new: GitTreeHandle?, base: String, into paths: inout [String]) throws {
        let before = entries(old)
        let after = entries(new)
        for name in Set(before.keys).union(after.keys).sorted() {
            let was = before[name]
            let now = after[name]
            if var a = was?.id, var b = now?.id, was?.isTree == now?.isTree, git_oid_equal(&a, &b) != 0 { continue }
            let path = base.isEmpty ? name : base + "/" + name
            if was?.isTree == true || now?.isTree == true {
                let oldTree = try was.flatMap { $0.isTree ? try GitTreeHandle.lookup(pointer, $0.id) : nil }
                let newTree = try now.flatMap { $0.isTree ? try GitTreeHandle.lookup(pointer, $0.id) : nil }
                try compare(oldTree, newTree, base: path, into: &paths)
            }
            // A file on either side (a file replaced by a folder counts on both).
            if was.map({ !$0.isTree }) == true || now.map({ !$0.isTree }) == true { paths.append(path) }
        }
    }
}
