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
    static func atomicWrite(_ data: Data, to path: String, mode: mode_t?, operation: String, displayPath: String) throws {
        let slash = path.lastIndex(of: "/")!
        let directory = String(path[..<slash])
        let name = String(path[path.index(after: slash)...])
        let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        let temporary = "\(directory)/.\(name).reclam-\(suffix).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o666)
        if fd < 0 { throw GitError.system(errno, operation: operation, path: displayPath) }
        var closed = false
        var renamed = false
        defer {
            if !closed { close(fd) }
            if !renamed { unlink(temporary) }
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
        if fsync(fd) != 0 { throw GitError.system(errno, operation: operation, path: displayPath) }
        closed = true
        if close(fd) != 0 { throw GitError.system(errno, operation: operation, path: displayPath) }
        if rename(temporary, path) != 0 { throw GitError.system(errno, operation: operation, path: displayPath) }
        renamed = true
        syncDirectory(directory)
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

    static func modificationTime(_ info: stat) -> (seconds: Int, nanoseconds: Int) {
        #if canImport(Darwin)
            return (Int(info.st_mtimespec.tv_sec), Int(info.st_mtimespec.tv_nsec))
        #else
            return (Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec))
        #endif
    }

    static func changeTime(_ info: stat) -> (seconds: Int, nanoseconds: Int) {
        #if canImport(Darwin)
            return (Int(info.st_ctimespec.tv_sec), Int(info.st_ctimespec.tv_nsec))
        #else
            return (Int(info.st_ctim.tv_sec), Int(info.st_ctim.tv_nsec))
        #endif
    }
}

/// An exclusive `flock` on a file, held until deinit. Blocks with polling until `timeout`.
/// flock locks belong to the open file description, so this also serialises threads of one process.
final class GitFileLock {
    private let fd: Int32

    init(path: String, timeout: Duration) throws {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        if fd < 0 { throw GitError.system(errno, operation: "open the reclam lock", path: path) }
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var delay = 2
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            if code == EINTR { continue }
            guard code == EWOULDBLOCK || code == EAGAIN else {
                close(fd)
                throw GitError.system(code, operation: "take the reclam lock", path: path)
            }
            if clock.now >= deadline {
                close(fd)
                throw GitError(
                    .lockTimeout, operation: "take the reclam lock",
                    message: "another reclam command is still writing to this ledger (waited \(timeout)); try again",
                    path: path)
            }
            GitPOSIX.sleep(milliseconds: Int.random(in: 1...delay))
            delay = min(delay * 2, 50)
        }
        self.fd = fd
    }

    deinit {
        _ = flock(fd, LOCK_UN)
        close(fd)
    }
}
