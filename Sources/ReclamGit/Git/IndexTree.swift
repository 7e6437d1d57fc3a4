import CLibgit2
import Foundation
import ReclamCore

/// Whether the index holds exactly the tree of HEAD, answered the way git's own `status` does:
/// from the index's cache tree. libgit2's status compares HEAD with the index by reading every
/// tree of HEAD (33 000 of them at 100 000 cases, inflated from a 3 GB pack), which made a
/// no-op `reclam sync` 2.5× slower than `git status`; the cache tree answers without reading one.
extension GitRepository {
    /// True when the index, read afresh from disk, names the same root tree as HEAD's commit;
    /// false when it differs, has conflicts, or the branch is unborn.
    ///
    /// Nothing is written: the index is a private copy (the repository's shared one keeps its
    /// cache tree as it was, so a later commit cannot name a tree made here), and the trees its
    /// cache does not cover are built in an in-memory object store that reads the repository's
    /// objects as an alternate.
    func indexMatchesHead() throws -> Bool {
        guard let tip = try tipCommitID() else { return false }
        let headTree = try commitInfo(tip).tree

        let shared = try GitIndexHandle.of(pointer)
        guard let indexPath = git_index_path(shared.pointer) else { return false }
        var privateIndex: OpaquePointer?
        try check(git_index_open(&privateIndex, indexPath), "open the index")
        let index = GitIndexHandle(privateIndex!)
        if git_index_has_conflicts(index.pointer) != 0 { return false }

        var odb: OpaquePointer?
        try check(git_odb_new(&odb), "make an in-memory object store")
        defer { git_odb_free(odb) }
        var memory: OpaquePointer?
        try check(git_mempack_new(&memory), "make an in-memory object store")
        // The object store owns the backend from here on and frees it with itself.
        try check(git_odb_add_backend(odb, memory, 1000), "make an in-memory object store")
        let objects = String(cString: git_repository_commondir(pointer)) + "objects"
        try check(git_odb_add_disk_alternate(odb, objects), "read the objects of \(objects)")
        var scratch: OpaquePointer?
        try check(git_repository_wrap_odb(&scratch, odb), "make an in-memory object store")
        defer { git_repository_free(scratch) }

        var indexTree = git_oid()
        guard git_index_write_tree_to(&indexTree, index.pointer, scratch) == 0 else { return false }
        return ObjectID(indexTree) == headTree
    }
}
