import CLibgit2
import Foundation
import ReclamCore

/// The few index operations hand edits need: what is staged for a path, and staging the file
/// again once reclam has added the step and the journal line of a move to it.
extension GitRepository {
    /// The id git gives these bytes as a blob, without storing them.
    package static func hashBlob(_ data: Data) throws -> ObjectID {
        try Libgit2.ensureInitialized()
        var oid = git_oid()
        let result = data.withUnsafeBytes { raw in git_odb_hash(&oid, raw.baseAddress, raw.count, GIT_OBJECT_BLOB) }
        try check(result, "hash file contents")
        return ObjectID(oid)
    }

    /// Opens an index: the repository's, or the file git names in `GIT_INDEX_FILE` while a
    /// `git commit -a` or `git commit PATH` runs its hooks.
    func openIndex(file: String? = nil) throws -> GitIndexHandle {
        guard let file else {
            let index = try GitIndexHandle.of(pointer)
            try check(git_index_read(index.pointer, 1), "read the index")
            return index
        }
        var out: OpaquePointer?
        try check(git_index_open(&out, file), "open the index \(file)")
        return GitIndexHandle(out!)
    }

    /// The blob staged at `path` (stage 0); nil when the index has no entry there.
    package func indexBlobID(at path: String) throws -> ObjectID? {
        let index = try openIndex()
        guard let entry = git_index_get_bypath(index.pointer, path, 0) else { return nil }
        return ObjectID(entry.pointee.id)
    }

    /// `git add` of these work-tree files, in one index write.
    package func addToIndex(_ paths: [String]) throws {
        guard !paths.isEmpty else { return }
        let index = try openIndex()
        for path in paths {
            try check(git_index_add_bypath(index.pointer, path), "stage the file", path: path)
        }
        try check(git_index_write(index.pointer), "write the index")
        // libgit2 fsyncs nothing where the writer batches its syncs (Libgit2.swift).
        try GitPOSIX.syncFileSystems(containing: [gitDirectory], operation: "write the index")
    }
}

extension GitIndexHandle {
    /// Every path of stage 0, in index order.
    var paths: [String] {
        var out: [String] = []
        let count = git_index_entrycount(pointer)
        out.reserveCapacity(count)
        for position in 0..<count {
            guard let entry = git_index_get_byindex(pointer, position), let path = entry.pointee.path else { continue }
            out.append(String(cString: path))
        }
        return out
    }

    func blobID(at path: String) -> ObjectID? {
        guard let entry = git_index_get_bypath(pointer, path, 0) else { return nil }
        return ObjectID(entry.pointee.id)
    }
}
