import Foundation
import ReclamCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#elseif canImport(Musl)
    import Musl
#endif

/// The work-tree side of one write: snapshots the current bytes of every touched file,
/// applies the new contents atomically, and can put everything back exactly as it was.
///
/// With backups (the writer's mode), the file a write replaces or removes is kept as a hard
/// link `.<name>.reclam-<suffix>.old` until the write is complete, so that putting it back is a
/// rename, which needs no free space; the new bytes go through `.<name>.reclam-<suffix>.tmp`.
/// Both names are in the write journal, so that a killed write leaves nothing unnamed.
package final class WorkTreeTransaction {
    enum Previous: Equatable {
        case absent
        case file(Data, mode: mode_t)
    }

    struct Item {
        let path: String
        let fullPath: String
        /// nil for a removal.
        let newContents: Data?
        let previous: Previous
        /// The lstat of the previous file, which `git status` compares to the index entry.
        let previousInfo: stat?
        /// Names the temporary and backup files of this path.
        let suffix: String

        var temporaryPath: String { GitPOSIX.temporaryPath(for: fullPath, suffix: suffix, kind: "tmp") }
        var backupPath: String { GitPOSIX.temporaryPath(for: fullPath, suffix: suffix, kind: "old") }
    }

    let root: String
    let items: [Item]
    private var appliedCount = 0
    private var withBackups = false
    private var durable = true
    /// New files written under their temporary names, not all renamed yet (`apply(durable: false)`).
    private var prepared = false
    private var createdDirectories: [String] = []
    private static let operation = "update the work tree"

    /// Reads the current state of each path. Refuses symbolic links, directories and special
    /// files at the paths or on the way to them: nothing outside the work tree is ever written.
    package init(root: String, writes: [(path: String, contents: Data)], removals: [String]) throws {
        self.root = root
        var items: [Item] = []
        for (path, contents) in writes {
            items.append(try Self.snapshot(root: root, path: path, newContents: contents))
        }
        for path in removals {
            items.append(try Self.snapshot(root: root, path: path, newContents: nil))
        }
        self.items = items
    }

    private static func snapshot(root: String, path: String, newContents: Data?) throws -> Item {
        let components = path.split(separator: "/").map(String.init)
        var current = root
        for component in components.dropLast() {
            current += "/" + component
            guard let info = try GitPOSIX.lstatOrNil(current, operation: operation, displayPath: path) else { break }
            switch info.st_mode & GitPOSIX.typeMask {
            case GitPOSIX.directoryType: continue
            case GitPOSIX.symlinkType:
                throw GitError(
                    .invalidPath, operation: operation,
                    message: "a directory on this path is a symbolic link in the work tree", path: path)
            default:
                throw GitError(
                    .invalidPath, operation: operation,
                    message: "a file in the work tree stands where a directory of this path should be", path: path)
            }
        }
        let fullPath = root + "/" + path
        let previous: Previous
        let previousInfo = try GitPOSIX.lstatOrNil(fullPath, operation: operation, displayPath: path)
        if let info = previousInfo {
            switch info.st_mode & GitPOSIX.typeMask {
            case GitPOSIX.regularType:
                let data = try GitPOSIX.readFile(fullPath, operation: operation, displayPath: path)
                previous = .file(data, mode: info.st_mode & 0o7777)
            case GitPOSIX.directoryType:
                throw GitError(.invalidPath, operation: operation, message: "this path is a directory in the work tree", path: path)
            case GitPOSIX.symlinkType:
                throw GitError(.invalidPath, operation: operation, message: "this path is a symbolic link in the work tree", path: path)
            default:
                throw GitError(.invalidPath, operation: operation, message: "this path is not a regular file in the work tree", path: path)
            }
        } else {
            previous = .absent
        }
        return Item(
            path: path, fullPath: fullPath, newContents: newContents, previous: previous, previousInfo: previousInfo,
            suffix: GitPOSIX.randomSuffix())
    }

    func item(at path: String) -> Item? { items.first { $0.path == path } }

    /// The current work-tree bytes of `path`, as snapshotted (nil when absent).
    func currentContents(of path: String) -> Data? {
        guard let item = item(at: path), case .file(let data, _) = item.previous else { return nil }
        return data
    }

    /// Writes and removes every item. On failure, undoes what was done and rethrows (with
    /// `backups`, the caller calls `rollback()`). `backups` keeps each replaced or removed file as a backup until `discardBackups()`;
    /// `afterEach` runs after each file (the writer's test pauses).
    ///
    /// `durable` fsyncs each file before its rename and its folder after. Without it, every new
    /// file is first written under its temporary name, then `beforeRenames` runs — the writer's
    /// sync, which puts those bytes on disk with its objects and journal — and only then are the
    /// files renamed into place: a power cut never leaves a half-written file under a ledger
    /// name, and no fsync is made per file.
    package func apply(
        backups: Bool = false, durable: Bool = true, beforeRenames: () throws -> Void = {}, afterEach: () -> Void = {}
    ) throws {
        withBackups = backups
        self.durable = durable
        do {
            if !durable { try writeTemporaries() }
            try beforeRenames()
            for item in items {
                appliedCount += 1
                try place(item, backups: backups, durable: durable)
                afterEach()
            }
        } catch {
            // With backups the writer rolls back, and keeps the journal if that fails.
            if backups { throw error }
            let problems = rollback()
            if var gitError = error as? GitError, !problems.isEmpty {
                gitError.message +=
                    "; restoring the work tree also failed: "
                    + problems.map(\.description).joined(separator: "; ")
                throw gitError
            }
            throw error
        }
    }

    /// Every new file under its temporary name, nothing synced (the writer's sync follows).
    private func writeTemporaries() throws {
        prepared = true
        for item in items {
            guard let contents = item.newContents else { continue }
            try makeParentDirectories(of: item)
            try GitPOSIX.writeTemporary(
                contents, at: item.temporaryPath, mode: previousMode(of: item), durable: false, operation: Self.operation,
                displayPath: item.path)
        }
    }

    /// One item into place: written (or renamed from its temporary name) or removed, its
    /// previous file kept as a backup when asked.
    private func place(_ item: Item, backups: Bool, durable: Bool) throws {
        guard let contents = item.newContents else {
            if backups {
                if rename(item.fullPath, item.backupPath) != 0 && errno != ENOENT {
                    throw GitError.system(errno, operation: Self.operation, path: item.path)
                }
            } else if unlink(item.fullPath) != 0 && errno != ENOENT {
                throw GitError.system(errno, operation: Self.operation, path: item.path)
            }
            if durable { GitPOSIX.syncDirectory(Self.parent(of: item.fullPath)) }
            return
        }
        let keepsBackup = backups && item.previous != .absent
        guard durable else {
            if keepsBackup { try keepBackup(of: item) }
            if rename(item.temporaryPath, item.fullPath) != 0 {
                throw GitError.system(errno, operation: Self.operation, path: item.path)
            }
            return
        }
        try makeParentDirectories(of: item)
        let beforeRename: (() throws -> Void)? = keepsBackup ? { try self.keepBackup(of: item) } : nil
        try GitPOSIX.atomicWrite(
            contents, to: item.fullPath, mode: previousMode(of: item), operation: Self.operation,
            displayPath: item.path, temporary: item.temporaryPath, beforeRename: beforeRename)
    }

    private func previousMode(of item: Item) -> mode_t? {
        if case .file(_, let mode) = item.previous { return mode }
        return nil
    }

    /// The previous file stays reachable under the backup name: a hard link, or a copy where
    /// the file system has none (fsynced: a roll back after a power cut may need it).
    private func keepBackup(of item: Item) throws {
        if link(item.fullPath, item.backupPath) == 0 { return }
        let code = errno
        guard code == EPERM || code == ENOTSUP || code == EXDEV || code == EMLINK || code == ENOSYS,
            case .file(let data, let mode) = item.previous
        else { throw GitError.system(code, operation: Self.operation, path: item.path) }
        try GitPOSIX.atomicWrite(
            data, to: item.backupPath, mode: mode, operation: Self.operation, displayPath: item.path,
            temporary: GitPOSIX.temporaryPath(for: item.fullPath, suffix: item.suffix + "b", kind: "tmp"))
    }

    /// Removes the backups once the write is complete.
    package func discardBackups() {
        guard withBackups else { return }
        for item in items.prefix(appliedCount) {
            GitPOSIX.removeIfPresent(item.backupPath)
        }
    }

    /// Puts every applied item back as it was and removes directories this transaction created.
    /// Best effort: returns what could not be restored.
    @discardableResult
    package func rollback() -> [GitError] {
        var problems: [GitError] = []
        if prepared {
            for item in items where item.newContents != nil { GitPOSIX.removeIfPresent(item.temporaryPath) }
            prepared = false
        }
        for item in items.prefix(appliedCount).reversed() {
            GitPOSIX.removeIfPresent(item.temporaryPath)
            if withBackups {
                if let problem = restoreBackup(of: item) { problems.append(problem) }
                continue
            }
            switch item.previous {
            case .file(let data, let mode):
                do {
                    try GitPOSIX.atomicWrite(
                        data, to: item.fullPath, mode: mode, operation: "restore the work tree", displayPath: item.path)
                } catch let error as GitError {
                    problems.append(error)
                } catch {}
            case .absent:
                if unlink(item.fullPath) != 0 && errno != ENOENT {
                    problems.append(GitError.system(errno, operation: "restore the work tree", path: item.path))
                }
            }
        }
        appliedCount = 0
        for directory in createdDirectories.reversed() {
            _ = rmdir(directory)
        }
        createdDirectories = []
        return problems
    }

    /// Backups mode: the backup goes back by rename (no free space needed); a file that was
    /// absent is removed.
    private func restoreBackup(of item: Item) -> GitError? {
        if GitPOSIX.exists(item.backupPath) {
            if rename(item.backupPath, item.fullPath) != 0 {
                return GitError.system(errno, operation: "restore the work tree", path: item.path)
            }
            // rename() of two links to one file does nothing: the backup is still there.
            GitPOSIX.removeIfPresent(item.backupPath)
            GitPOSIX.syncDirectory(Self.parent(of: item.fullPath))
            return nil
        }
        if item.previous == .absent, let code = GitPOSIX.removeIfPresent(item.fullPath) {
            return GitError.system(code, operation: "restore the work tree", path: item.path)
        }
        return nil
    }

    /// After a successful commit: removes directories left empty by removals (up to the root).
    func pruneEmptyDirectories() {
        for item in items where item.newContents == nil {
            var directory = Self.parent(of: item.fullPath)
            while directory.count > root.count && directory.hasPrefix(root + "/") {
                if rmdir(directory) != 0 { break }
                directory = Self.parent(of: directory)
            }
        }
    }

    private func makeParentDirectories(of item: Item) throws {
        var current = root
        for component in item.path.split(separator: "/").dropLast() {
            current += "/" + component
            if mkdir(current, 0o777) == 0 {
                createdDirectories.append(current)
            } else if errno != EEXIST {
                throw GitError.system(errno, operation: Self.operation, path: item.path)
            } else {
                var info = stat()
                guard lstat(current, &info) == 0, info.st_mode & GitPOSIX.typeMask == GitPOSIX.directoryType else {
                    throw GitError(
                        .invalidPath, operation: Self.operation,
                        message: "something other than a directory stands on this path", path: item.path)
                }
            }
        }
    }

    private static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[..<slash])
    }
}
