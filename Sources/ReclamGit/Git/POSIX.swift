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

/// Thin POSIX helpers for the work tree and the lock file. Errors carry errno's text.
enum GitPOSIX {
    static let typeMask: mode_t = 0o170000
    static let regularType: mode_t = 0o100000
    static let directoryType: mode_t = 0o040000
    static let symlinkType: mode_t = 0o120000

    /// lstat; nil when the path does not exist (ENOENT or ENOTDIR).
    static func lstatOrNil(_ path: String, operation: String, displayPath: String) throws -> stat? {
        var info = stat()
        if lstat(path, &info) == 0 { return info }
        let code = errno
        if code == ENOENT || code == ENOTDIR { return nil }
        throw GitError.system(code, operation: operation, path: displayPath)
    }

    static func readFile(_ path: String, operation: String, displayPath: String) throws -> Data {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        if fd < 0 { throw GitError.system(errno, operation: operation, path: displayPath) }
        defer { close(fd) }
        var result = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw GitError.system(errno, operation: operation, path: displayPath)
            }
            if count == 0 { break }
            result.append(contentsOf: buffer[0..<count])
        }
        return result
    }

    /// Writes `data` to `path` atomically: a temporary file in the same directory, fsync,
    /// rename over `path`, fsync of the directory. `mode` (permission bits) is applied when given;
    /// otherwise the file gets 0666 minus the umask.
    /// `temporary` names the temporary file (default: `.<name>.reclam-<random>.tmp` beside
    /// `path`); `beforeRename` runs once the bytes are written, just before the rename.
    /// `durable: false` leaves out both fsyncs: the caller makes the file durable with the
    /// rest of its write, in one `syncFileSystems` (the writer's barriers, docs/GIT.md).
    static func atomicWrite(
        _ data: Data, to path: String, mode: mode_t?, operation: String, displayPath: String, temporary: String? = nil,
        durable: Bool = true, beforeRename: (() throws -> Void)? = nil
    ) throws {
        let slash = path.lastIndex(of: "/")!
        let directory = String(path[..<slash])
        let temporary = temporary ?? temporaryPath(for: path, suffix: randomSuffix(), kind: "tmp")
        try writeTemporary(data, at: temporary, mode: mode, durable: durable, operation: operation, displayPath: displayPath)
        var renamed = false
        defer { if !renamed { unlink(temporary) } }
        try beforeRename?()
        if rename(temporary, path) != 0 { throw GitError.system(errno, operation: operation, path: displayPath) }
        renamed = true
        if durable { syncDirectory(directory) }
    }

    /// Creates `temporary` (which must not exist) holding `data`, fsynced when `durable`; on
    /// failure nothing is left behind.
    // Not inlined: inlined into a caller's loop, it crashed the Swift 6.3 optimiser
    // (CopyPropagation, "Found ownership error") in release builds.
    @inline(never)
    static func writeTemporary(_ data: Data, at temporary: String, mode: mode_t?, durable: Bool, operation: String, displayPath: String)
        throws
    {
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o666)
        if fd < 0 { throw GitError.system(errno, operation: operation, path: displayPath) }
        var closed = false
        var written = false
        defer {
            if !closed { close(fd) }
            if !written { unlink(temporary) }
        }
        try data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let count = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    throw GitError.system(errno, operation: operation, path: displayPath)
                }
                offset += count
            }
        }
        if let mode, fchmod(fd, mode & 0o7777) != 0 {
            throw GitError.system(errno, operation: operation, path: displayPath)
        }
        if durable && fsync(fd) != 0 { throw GitError.system(errno, operation: operation, path: displayPath) }
        closed = true
        if close(fd) != 0 { throw GitError.system(errno, operation: operation, path: displayPath) }
        written = true
    }

    /// Whether a write's files and objects are made durable together, a few `syncfs(2)` per
    /// commit (Linux), rather than one fsync per file, object and folder (elsewhere, where
    /// libgit2 keeps fsyncing each object and `syncFileSystems` does nothing).
    #if os(Linux)
        static let batchesSyncs = true
    #else
        static let batchesSyncs = false
    #endif

    /// A write barrier: every file written, renamed or removed on the file systems that hold
    /// `paths` (the repository, its work tree) is on disk when this returns — data and names,
    /// the objects libgit2 wrote without fsync included. One `syncfs(2)` per file system (`.git`
    /// and the work tree are usually on the same one): on a commit of even a few files it is
    /// cheaper than their fsyncs (docs/PERFORMANCE.md), and it costs the same for 1 000. A
    /// failure (EIO: the disk lost a write) is an error: nothing may be made durable on top of it.
    static func syncFileSystems(containing paths: [String], operation: String) throws {
        guard batchesSyncs else { return }
        #if os(Linux)
            var synced = Set<UInt64>()
            for path in paths {
                let fd = open(path, O_RDONLY | O_CLOEXEC)
                if fd < 0 { throw GitError.system(errno, operation: operation, path: path) }
                defer { close(fd) }
                var info = stat()
                if fstat(fd, &info) == 0, !synced.insert(UInt64(info.st_dev)).inserted { continue }
                if reclam_syncfs(fd) == 0 { continue }
                // A sandbox that filters syncfs out: sync(2) syncs every file system, and waits on Linux.
                guard errno == ENOSYS else { throw GitError.system(errno, operation: operation, path: path) }
                sync()
                return
            }
        #endif
    }

    /// A random suffix for temporary names: lowercase letters and digits.
    static func randomSuffix() -> String { String(UInt64.random(in: 0...UInt64.max), radix: 36) }

    /// `dir/.<name>.reclam-<suffix>.<kind>` for `dir/<name>`: the names of reclam's temporary
    /// files (`tmp`, new bytes before the rename) and backups (`old`, the previous file).
    static func temporaryPath(for path: String, suffix: String, kind: String) -> String {
        let slash = path.lastIndex(of: "/")!
        let name = path[path.index(after: slash)...]
        return "\(path[..<slash])/.\(name).reclam-\(suffix).\(kind)"
    }

    /// Whether `name` is one of reclam's temporary or backup file names.
    static func isTemporaryName(_ name: String) -> Bool {
        guard name.hasPrefix("."), name.hasSuffix(".tmp") || name.hasSuffix(".old") else { return false }
        let stem = name.dropFirst().dropLast(4)
        guard let marker = stem.range(of: ".reclam-", options: .backwards), marker.lowerBound > stem.startIndex else { return false }
        let suffix = stem[marker.upperBound...]
        return !suffix.isEmpty && suffix.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
    }

    /// unlink, ignoring a missing file; other errors are returned.
    @discardableResult
    static func removeIfPresent(_ path: String) -> Int32? {
        if unlink(path) == 0 || errno == ENOENT { return nil }
        return errno
    }

    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// Seconds since the file was last modified; nil when it does not exist.
    static func age(of path: String) -> Double? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        let mtime = modificationTime(info)
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Double(Int(now.tv_sec) - mtime.seconds) + Double(Int(now.tv_nsec) - mtime.nanoseconds) / 1e9
    }

    /// Bytes an unprivileged process may still write on the file system of `path`.
    static func freeSpace(_ path: String) -> Int? {
        var info = statvfs()
        guard statvfs(path, &info) == 0 else { return nil }
        return Int(info.f_bavail) * Int(info.f_frsize)
    }

    /// Best effort: makes a rename or unlink in `directory` durable.
    static func syncDirectory(_ directory: String) {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 {
            _ = fsync(fd)
            close(fd)
        }
    }

    static func sleep(milliseconds: Int) {
        var request = timespec(tv_sec: milliseconds / 1000, tv_nsec: (milliseconds % 1000) * 1_000_000)
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
    }

    // The fields of `stat` are named after the platform: one switch for both times.
    #if canImport(Darwin)
        static func modificationTime(_ info: stat) -> (seconds: Int, nanoseconds: Int) { time(info.st_mtimespec) }
        static func changeTime(_ info: stat) -> (seconds: Int, nanoseconds: Int) { time(info.st_ctimespec) }
    #else
        static func modificationTime(_ info: stat) -> (seconds: Int, nanoseconds: Int) { time(info.st_mtim) }
        static func changeTime(_ info: stat) -> (seconds: Int, nanoseconds: Int) { time(info.st_ctim) }
    #endif

    private static func time(_ value: timespec) -> (seconds: Int, nanoseconds: Int) { (Int(value.tv_sec), Int(value.tv_nsec)) }
}

/// An exclusive `flock` on a file, held until deinit. Blocks with polling until `timeout`.
/// flock locks belong to the open file description, so this also serialises threads of one process.
/// The holder writes its process id and start time into the file, so that a command waiting for
/// it can say who holds it; the kernel releases a flock when its process dies, so this lock is
/// never stale.
final class GitFileLock {
    private let fd: Int32

    init(path: String, timeout: Duration) throws {
        let fd = try Self.open(path)
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var delay = 2
        while true {
            if try Self.tryLock(fd, path: path) { break }
            if clock.now >= deadline {
                let holder = Self.holder(fd)
                close(fd)
                let waited = "\(timeout.components.seconds) s"
                let m = Messages(.en)
                var error = GitError(
                    .lockTimeout, operation: "take the reclam lock",
                    message: m.format(.lockReclamBusy, holder.map { " (\($0.text(m)))" } ?? "", waited), path: path)
                error.reason = .reclamLockBusy(holder: holder, waited: waited)
                throw error
            }
            GitPOSIX.sleep(milliseconds: Int.random(in: 1...delay))
            delay = min(delay * 2, 50)
        }
        self.fd = fd
        Self.recordHolder(fd)
    }

    private init(fd: Int32) {
        self.fd = fd
        Self.recordHolder(fd)
    }

    /// The lock if it is free now; nil when another process (or thread) holds it.
    static func tryTake(path: String) throws -> GitFileLock? {
        let fd = try open(path)
        guard try tryLock(fd, path: path) else {
            close(fd)
            return nil
        }
        return GitFileLock(fd: fd)
    }

    /// Who holds the lock at `path` ("process 1234, for 3 s"), when someone does.
    static func currentHolder(path: String) -> LockHolder? {
        guard let lock = try? tryTake(path: path) else {
            let fd = openLockFile(path)
            defer { if fd >= 0 { close(fd) } }
            return fd >= 0 ? holder(fd) ?? LockHolder(pid: nil, seconds: nil) : nil
        }
        withExtendedLifetime(lock) {}
        return nil
    }

    private static func open(_ path: String) throws -> Int32 {
        let fd = openLockFile(path, create: true)
        if fd < 0 { throw GitError.system(errno, operation: "open the reclam lock", path: path) }
        return fd
    }

    private static func tryLock(_ fd: Int32, path: String) throws -> Bool {
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            if code == EINTR { continue }
            guard code == EWOULDBLOCK || code == EAGAIN else {
                close(fd)
                throw GitError.system(code, operation: "take the reclam lock", path: path)
            }
            return false
        }
        return true
    }

    private static func recordHolder(_ fd: Int32) {
        let text = "pid \(getpid())\nsince \(Int(Date().timeIntervalSince1970))\n"
        _ = ftruncate(fd, 0)
        _ = text.withCString { pwrite(fd, $0, strlen($0), 0) }
    }

    /// "process 1234, for 3 s" from the file's contents.
    private static func holder(_ fd: Int32) -> LockHolder? {
        var buffer = [UInt8](repeating: 0, count: 128)
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        var pid: String?
        var since: Int?
        for line in String(decoding: buffer[0..<count], as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            if parts[0] == "pid" { pid = parts[1] }
            if parts[0] == "since" { since = Int(parts[1]) }
        }
        guard let pid else { return nil }
        return LockHolder(pid: pid, seconds: since.map { max(0, Int(Date().timeIntervalSince1970) - $0) })
    }

    deinit {
        _ = flock(fd, LOCK_UN)
        close(fd)
    }
}

/// open(2) for the lock file (read-write; created when `create`).
private func openLockFile(_ path: String, create: Bool = false) -> Int32 {
    create ? open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644) : open(path, O_RDONLY | O_CLOEXEC)
}
