import Foundation
import ReclamCore
import ReclamGit

#if canImport(Glibc)
    import Glibc
#endif

/// Thin POSIX helpers: the ledger scan must not follow symlinks and must stay cheap on 100 000 files.
public enum FileSystem {
    public struct Failure: Error, Sendable {
        /// What went wrong, for the caller to decide (never by reading `message`).
        public enum Kind: Sendable, Equatable {
            case symlink, notRegular, tooLarge, system
        }

        public var kind: Kind = .system
        public var message: String
        /// The file's size and the limit it is over, for `.tooLarge`.
        public var size = 0, limit = 0

        public init(_ kind: Kind = .system, message: String) {
            self.kind = kind
            self.message = message
        }

        /// The rule a ledger file that cannot be read breaks.
        public var rule: Rule {
            switch kind {
            case .symlink: .fileSymlink
            case .tooLarge: .fileTooLarge
            case .notRegular, .system: .fileUnreadable
            }
        }
    }

    public enum EntryKind: Sendable, Equatable {
        case file, directory, symlink, other
    }

    public struct Entry: Sendable {
        public var name: String
        public var kind: EntryKind
    }

    /// Lists a directory without following symlinks; sorted by name for stable output.
    public static func list(_ url: URL) throws(Failure) -> [Entry] {
        try list(path: url.path)
    }

    /// The same from a plain path, for scans that list thousands of folders.
    public static func list(path: String) throws(Failure) -> [Entry] {
        guard let dir = opendir(path) else {
            throw Failure(message: String(cString: strerror(errno)))
        }
        defer { closedir(dir) }
        var entries: [Entry] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            var kind: EntryKind
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_REG): kind = .file
            case Int32(DT_DIR): kind = .directory
            case Int32(DT_LNK): kind = .symlink
            default: kind = .other
            }
            if kind == .other {
                kind = lstatKind(path + "/" + name)
            }
            entries.append(Entry(name: name, kind: kind))
        }
        entries.sort { $0.name < $1.name }
        return entries
    }

    static func lstatKind(_ path: String) -> EntryKind {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .other }
        return kind(info.st_mode)
    }

    public static func kind(of url: URL) -> EntryKind? {
        var info = stat()
        guard lstat(url.path, &info) == 0 else { return nil }
        return kind(info.st_mode)
    }

    private static func kind(_ mode: mode_t) -> EntryKind {
        switch mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        case S_IFLNK: return .symlink
        default: return .other
        }
    }

    /// Reads a regular file, refusing symlinks and anything over `limit` bytes before reading it.
    public static func readRegularFile(_ url: URL, limit: Int = 16 << 20) throws(Failure) -> Data {
        try readRegularFile(path: url.path, limit: limit)
    }

    /// The same from a plain path: building a URL per file cost more than reading it.
    public static func readRegularFile(path: String, limit: Int = 16 << 20) throws(Failure) -> Data {
        // O_NONBLOCK: a FIFO planted in the ledger must not hang the tool; it is refused below.
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            let code = errno
            if code == ELOOP { throw Failure(.symlink, message: "is a symbolic link") }
            throw Failure(message: String(cString: strerror(code)))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Failure(message: String(cString: strerror(errno))) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw Failure(.notRegular, message: "is not a regular file") }
        let size = Int(info.st_size)
        if size > limit {
            var failure = Failure(.tooLarge, message: "is \(size) bytes, over the limit of \(limit) bytes")
            (failure.size, failure.limit) = (size, limit)
            throw failure
        }
        var data = Data(count: size)
        var offset = 0
        let ok = data.withUnsafeMutableBytes { buffer -> Bool in
            while offset < size {
                let n = read(fd, buffer.baseAddress! + offset, size - offset)
                if n <= 0 { return n == 0 }
                offset += n
            }
            return true
        }
        guard ok else { throw Failure(message: String(cString: strerror(errno))) }
        if offset < size { data.count = offset }
        return data
    }
}
