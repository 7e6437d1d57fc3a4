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

/// Setting index entries as `git add` would, without hashing the file again: the writer and
/// the recovery of a killed write know the blob they wrote.
extension GitIndexHandle {
    /// Stages `blob` at `path` with the stat data of the work-tree file, so that `git status`
    /// sees the file as clean without reading it. With `fromWorkTree` false (the work tree
    /// holds something else), the stat data is left empty and git compares the content.
    func stage(_ path: String, blob: git_oid, executable: Bool, workdir: String, fromWorkTree: Bool = true) throws {
        var entry = git_index_entry()
        entry.mode = executable ? GIT_FILEMODE_BLOB_EXECUTABLE.rawValue : GIT_FILEMODE_BLOB.rawValue
        if fromWorkTree {
            var info = stat()
            if lstat(workdir + "/" + path, &info) != 0 {
                throw GitError.system(errno, operation: "update the index", path: path)
            }
            let mtime = GitPOSIX.modificationTime(info)
            let ctime = GitPOSIX.changeTime(info)
            entry.ctime = git_index_time(
                seconds: Int32(truncatingIfNeeded: ctime.seconds), nanoseconds: UInt32(truncatingIfNeeded: ctime.nanoseconds))
            entry.mtime = git_index_time(
                seconds: Int32(truncatingIfNeeded: mtime.seconds), nanoseconds: UInt32(truncatingIfNeeded: mtime.nanoseconds))
            entry.dev = UInt32(truncatingIfNeeded: info.st_dev)
            entry.ino = UInt32(truncatingIfNeeded: info.st_ino)
            entry.uid = UInt32(truncatingIfNeeded: info.st_uid)
            entry.gid = UInt32(truncatingIfNeeded: info.st_gid)
            entry.file_size = UInt32(truncatingIfNeeded: info.st_size)
        }
        entry.id = blob
        let result = path.withCString { cPath in
            entry.path = cPath
            return git_index_add(pointer, &entry)
        }
        try check(result, "update the index", path: path)
    }

    /// Writes the index (through `index.lock`), trying again while another git command holds
    /// the lock, for at most `duration`. `through` replaces the write in tests.
    func write(retryingFor duration: Duration, through: ((_ write: () -> Int32) throws -> Int32)? = nil) throws {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: duration)
        while true {
            let write = { git_index_write(self.pointer) }
            let result = try through.map { try $0(write) } ?? write()
            if result == 0 { return }
            if result == GIT_ELOCKED.rawValue && clock.now < deadline {
                GitPOSIX.sleep(milliseconds: Int.random(in: 5...40))
                continue
            }
            throw GitError.libgit2(result, operation: "write the index")
        }
    }
}
