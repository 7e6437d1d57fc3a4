import CLibgit2
import Foundation
import ReclamCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#elseif canImport(Musl)
    import Musl
#endif

/// `git status` of the few paths a write touches, decided from an index the write has already
/// loaded: `git_status_file` reads the whole index again and sets up a diff for each path,
/// which cost more than the rest of a commit on a 100 000-case ledger.
///
/// The rules are libgit2's (`maybe_modified` in diff_generate.c): the branch's entry against
/// the index entry by id and mode; the index entry against the work-tree file by stat data,
/// and by the file's blob id after the clean filters only when the stat data cannot tell
/// (same size and mode, but another time, inode or owner, or a file written in the same
/// instant as the index).
struct IndexStatus {
    let index: GitIndexHandle
    let repo: OpaquePointer
    private let trustsFileMode: Bool
    /// The index file's modification time: an entry not older than it may hide an edit.
    private let indexTime: (seconds: Int, nanoseconds: Int)?

    init(index: GitIndexHandle, repo: OpaquePointer) {
        self.index = index
        self.repo = repo
        trustsFileMode = git_index_caps(index.pointer) & Int32(GIT_INDEX_CAPABILITY_NO_FILEMODE.rawValue) == 0
        var info = stat()
        if let path = git_index_path(index.pointer), lstat(path, &info) == 0 {
            indexTime = GitPOSIX.modificationTime(info)
        } else {
            indexTime = nil
        }
    }

    /// The status flags `git_status_file` would give `item.path`, with `branch` the path in the
    /// branch's tree. An untracked file is reported as `.workTreeNew` even when it is ignored:
    /// the writer refuses both alike.
    func status(of item: WorkTreeTransaction.Item, branch: GitPathState) throws -> FileStatus {
        let path = item.path
        if (1...3).contains(where: { git_index_get_bypath(index.pointer, path, Int32($0)) != nil }) {
            return .conflicted
        }
        let entry = git_index_get_bypath(index.pointer, path, 0)?.pointee
        var status: FileStatus = []

        switch (branch, entry) {
        case (.file(var treeID, let treeMode), var entry?):
            if Self.type(of: treeMode.rawValue) != Self.type(of: entry.mode) {
                status.insert(.indexTypeChange)
            } else if git_oid_equal(&treeID, &entry.id) != 1 || treeMode.rawValue != entry.mode {
                status.insert(.indexModified)
            }
        case (.file, nil): status.insert(.indexDeleted)
        case (_, _?): status.insert(.indexNew)
        default: break
        }

        switch (entry, item.previous) {
        case (nil, .absent): break
        case (nil, .file): status.insert(.workTreeNew)
        case (_?, .absent): status.insert(.workTreeDeleted)
        case (let entry?, .file(let contents, _)):
            status.formUnion(try workTreeStatus(entry, contents: contents, info: item.previousInfo, path: path))
        }
        return status
    }

    private func workTreeStatus(_ entry: git_index_entry, contents: Data, info: stat?, path: String) throws -> FileStatus {
        if entry.flags & UInt16(GIT_INDEX_ENTRY_VALID.rawValue) != 0
            || entry.flags_extended & UInt16(GIT_INDEX_ENTRY_SKIP_WORKTREE.rawValue) != 0
        {
            return []
        }
        // The snapshot refuses anything but a regular file at a touched path.
        if Self.type(of: entry.mode) != GitPOSIX.regularType { return .workTreeTypeChange }
        guard let info else { return .workTreeModified }

        var mode: UInt32 = info.st_mode & 0o100 != 0 ? 0o100755 : 0o100644
        if !trustsFileMode { mode = entry.mode }
        let size = UInt32(truncatingIfNeeded: info.st_size)
        if mode != entry.mode { return .workTreeModified }
        if size != entry.file_size && entry.file_size != 0 { return .workTreeModified }

        let mtime = GitPOSIX.modificationTime(info)
        let ctime = GitPOSIX.changeTime(info)
        let statMatches =
            size == entry.file_size
            && Self.same(mtime, entry.mtime) && Self.same(ctime, entry.ctime)
            && UInt32(truncatingIfNeeded: info.st_ino) == entry.ino
            && UInt32(truncatingIfNeeded: info.st_uid) == entry.uid
            && UInt32(truncatingIfNeeded: info.st_gid) == entry.gid
        if statMatches, let indexTime, mtime < indexTime { return [] }

        var entryID = entry.id
        var fileID = try cleanBlobID(contents, path: path)
        return git_oid_equal(&fileID, &entryID) == 1 ? [] : .workTreeModified
    }

    /// The id git would give the file when staging it: after its clean filters (line endings,
    /// ident, filter drivers named in .gitattributes).
    private func cleanBlobID(_ contents: Data, path: String) throws -> git_oid {
        var filters: OpaquePointer?
        try check(
            git_filter_list_load(&filters, repo, nil, path, GIT_FILTER_TO_ODB, GIT_FILTER_ALLOW_UNSAFE.rawValue),
            "check status", path: path)
        defer { git_filter_list_free(filters) }
        var oid = git_oid()
        if filters == nil {
            let result = contents.withUnsafeBytes { raw in git_odb_hash(&oid, raw.baseAddress, raw.count, GIT_OBJECT_BLOB) }
            try check(result, "check status", path: path)
            return oid
        }
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        let filtered = contents.withUnsafeBytes { raw in
            git_filter_list_apply_to_buffer(&buffer, filters, raw.baseAddress?.assumingMemoryBound(to: CChar.self), raw.count)
        }
        try check(filtered, "check status", path: path)
        try check(git_odb_hash(&oid, buffer.ptr, buffer.size, GIT_OBJECT_BLOB), "check status", path: path)
        return oid
    }

    private static func type(of mode: UInt32) -> UInt32 { mode & UInt32(GitPOSIX.typeMask) }

    private static func same(_ time: (seconds: Int, nanoseconds: Int), _ entry: git_index_time) -> Bool {
        Int32(truncatingIfNeeded: time.seconds) == entry.seconds && UInt32(truncatingIfNeeded: time.nanoseconds) == entry.nanoseconds
    }
}
