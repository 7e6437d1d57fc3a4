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
    }

    let root: String
    let items: [Item]
    private var appliedCount = 0
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
        return Item(path: path, fullPath: fullPath, newContents: newContents, previous: previous, previousInfo: previousInfo)
    }

    func item(at path: String) -> Item? { items.first { $0.path == path } }

    /// The current work-tree bytes of `path`, as snapshotted (nil when absent).
    func currentContents(of path: String) -> Data? {
        guard let item = item(at: path), case .file(let data, _) = item.previous else { return nil }
        return data
    }

    /// Writes and removes every item. On failure, undoes what was done and rethrows.
    package func apply() throws {
        do {
            for item in items {
                if let contents = item.newContents {
                    try makeParentDirectories(of: item)
                    var mode: mode_t?
                    if case .file(_, let previousMode) = item.previous { mode = previousMode }
                    appliedCount += 1
                    try GitPOSIX.atomicWrite(contents, to: item.fullPath, mode: mode, operation: Self.operation, displayPath: item.path)
                } else {
                    appliedCount += 1
                    if unlink(item.fullPath) != 0 && errno != ENOENT {
                        throw GitError.system(errno, operation: Self.operation, path: item.path)
                    }
                    GitPOSIX.syncDirectory(Self.parent(of: item.fullPath))
                }
            }
        } catch {
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

    /// Puts every applied item back as it was and removes directories this transaction created.
    /// Best effort: returns what could not be restored.
    @discardableResult
    package func rollback() -> [GitError] {
        var problems: [GitError] = []
        for item in items.prefix(appliedCount).reversed() {
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
