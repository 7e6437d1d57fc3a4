import CLibgit2
import ReclamCore

// Owners of libgit2 handles used inside the Git folder. Each frees its handle in deinit;
// no C pointer leaves these files.

/// Calls a libgit2 function that hands back a new handle through its first argument; nil when
/// libgit2 says there is no such thing (GIT_ENOTFOUND).
private func optionalHandle(
    _ operation: @autoclosure () -> String, path: String? = nil, _ call: (UnsafeMutablePointer<OpaquePointer?>) -> Int32
) throws -> OpaquePointer? {
    var out: OpaquePointer?
    let result = call(&out)
    if result == GIT_ENOTFOUND.rawValue { return nil }
    try check(result, operation(), path: path)
    return out
}

/// The same, for a handle that must exist: not finding it is an error.
private func handle(_ operation: @autoclosure () -> String, _ call: (UnsafeMutablePointer<OpaquePointer?>) -> Int32) throws
    -> OpaquePointer
{
    var out: OpaquePointer?
    try check(call(&out), operation())
    return out!
}

/// An object found by id with one of libgit2's `git_<type>_lookup` functions.
private func lookupObject(
    _ lookup: (UnsafeMutablePointer<OpaquePointer?>?, OpaquePointer?, UnsafePointer<git_oid>?) -> Int32, _ repo: OpaquePointer,
    _ id: git_oid, _ what: String
) throws -> OpaquePointer {
    var oid = id
    return try handle("look up \(what) \(ObjectID(id).short)") { lookup($0, repo, &oid) }
}

final class GitTreeHandle {
    let pointer: OpaquePointer
    init(_ pointer: OpaquePointer) { self.pointer = pointer }
    deinit { git_tree_free(pointer) }

    var id: ObjectID { ObjectID(git_tree_id(pointer)) }

    static func lookup(_ repo: OpaquePointer, _ id: git_oid) throws -> GitTreeHandle {
        GitTreeHandle(try lookupObject(git_tree_lookup, repo, id, "tree"))
    }

    /// The empty tree, written to the object database with a tree builder.
    static func empty(_ repo: OpaquePointer) throws -> GitTreeHandle {
        var builder: OpaquePointer?
        try check(git_treebuilder_new(&builder, repo, nil), "create empty tree")
        defer { git_treebuilder_free(builder) }
        var oid = git_oid()
        try check(git_treebuilder_write(&oid, builder), "write empty tree")
        return try lookup(repo, oid)
    }
}

final class GitTreeEntryHandle {
    let pointer: OpaquePointer
    init(_ pointer: OpaquePointer) { self.pointer = pointer }
    deinit { git_tree_entry_free(pointer) }

    var id: git_oid { git_tree_entry_id(pointer).pointee }
    var type: git_object_t { git_tree_entry_type(pointer) }
    var filemode: git_filemode_t { git_tree_entry_filemode(pointer) }

    /// The entry at `path` in `tree`, or nil when there is none.
    static func bypath(_ tree: GitTreeHandle, _ path: String) throws -> GitTreeEntryHandle? {
        try optionalHandle("look up path in tree", path: path) { git_tree_entry_bypath($0, tree.pointer, path) }.map(
            GitTreeEntryHandle.init)
    }
}

final class GitCommitHandle {
    let pointer: OpaquePointer
    init(_ pointer: OpaquePointer) { self.pointer = pointer }
    deinit { git_commit_free(pointer) }

    var id: ObjectID { ObjectID(git_commit_id(pointer)) }

    static func lookup(_ repo: OpaquePointer, _ id: git_oid) throws -> GitCommitHandle {
        GitCommitHandle(try lookupObject(git_commit_lookup, repo, id, "commit"))
    }

    func tree() throws -> GitTreeHandle {
        GitTreeHandle(try handle("read tree of commit \(id.short)") { git_commit_tree($0, pointer) })
    }
}

final class GitReferenceHandle {
    let pointer: OpaquePointer
    init(_ pointer: OpaquePointer) { self.pointer = pointer }
    deinit { git_reference_free(pointer) }

    /// The reference named `name`, or nil when it does not exist.
    static func lookup(_ repo: OpaquePointer, _ name: String) throws -> GitReferenceHandle? {
        try optionalHandle("look up reference \(name)") { git_reference_lookup($0, repo, name) }.map(GitReferenceHandle.init)
    }

    var symbolicTarget: String? {
        guard git_reference_type(pointer) == GIT_REFERENCE_SYMBOLIC,
            let target = git_reference_symbolic_target(pointer)
        else { return nil }
        return String(cString: target)
    }

    var directTarget: git_oid? {
        guard git_reference_type(pointer) == GIT_REFERENCE_DIRECT,
            let target = git_reference_target(pointer)
        else { return nil }
        return target.pointee
    }
}

final class GitIndexHandle {
    let pointer: OpaquePointer
    init(_ pointer: OpaquePointer) { self.pointer = pointer }
    deinit { git_index_free(pointer) }

    static func of(_ repo: OpaquePointer) throws -> GitIndexHandle {
        GitIndexHandle(try handle("open index") { git_repository_index($0, repo) })
    }
}

final class GitBlobHandle {
    let pointer: OpaquePointer
    init(_ pointer: OpaquePointer) { self.pointer = pointer }
    deinit { git_blob_free(pointer) }

    static func lookup(_ repo: OpaquePointer, _ id: git_oid) throws -> GitBlobHandle {
        GitBlobHandle(try lookupObject(git_blob_lookup, repo, id, "blob"))
    }
}
