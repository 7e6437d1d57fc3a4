import Foundation
import ReclamCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#elseif canImport(Musl)
    import Musl
#endif

/// A lock file that git (or libgit2) creates beside the file it replaces — `.git/index.lock`,
/// `.git/refs/heads/main.lock` — and what can be told of its owner. A process killed while it
/// held one leaves it behind, and every later write of that file fails; such a lock is stale
/// when no process has it open, no git process runs in the repository, and it is old enough.
public struct GitLockFile: Sendable, Equatable, CustomStringConvertible {
    /// Absolute path.
    public var path: String
    /// As the user sees it: `.git/index.lock`.
    public var displayPath: String
    /// Seconds since it was last written.
    public var age: Double
    /// Processes that have it open ("git (pid 1234)"); nil when the system cannot tell.
    public var holders: [String]?
    /// git processes whose current directory is in the repository.
    public var gitProcesses: [String]

    /// A lock nobody could be holding: no process has it open, no git process runs in the
    /// repository, and it is at least `minimumAge` seconds old (ten minutes when the system
    /// cannot tell who has files open).
    public func isStale(minimumAge: Double = 2) -> Bool {
        guard gitProcesses.isEmpty else { return false }
        guard let holders else { return age >= 600 }
        return holders.isEmpty && age >= minimumAge
    }

    public var description: String { description(Messages(.en)) }

    /// The lock, its age and its owner in the language of `m`.
    public func description(_ m: Messages) -> String {
        let owner: String
        if let holders, !holders.isEmpty {
            owner = m.format(.lockHeldBy, holders.joined(separator: ", "))
        } else if !gitProcesses.isEmpty {
            owner = m.format(.lockWhileGitRuns, gitProcesses.joined(separator: ", "))
        } else if holders == nil {
            owner = m[.lockOwnerUnknown]
        } else {
            owner = m[.lockNoProcess]
        }
        return m.format(.lockFile, displayPath, Self.duration(age, m), owner)
    }

    static func duration(_ seconds: Double, _ m: Messages = Messages(.en)) -> String {
        let whole = max(0, Int(seconds))
        if whole < 120 { return "\(whole) s" }
        if whole < 7200 { return "\(whole / 60) min" }
        if whole < 172_800 { return "\(whole / 3600) h" }
        return m.format(.lockDays, String(whole / 86400))
    }

    /// The lock at `path`, or nil when there is none.
    static func inspect(_ path: String, displayPath: String, workdir: String?, gitDirectory: String) -> GitLockFile? {
        guard let age = GitPOSIX.age(of: path) else { return nil }
        let processes = ProcessTable.read()
        return GitLockFile(
            path: path, displayPath: displayPath, age: age,
            holders: processes.map { $0.holders(of: path) },
            gitProcesses: processes?.gitProcesses(in: [workdir, gitDirectory].compactMap { $0 }) ?? [])
    }
}

extension GitRepository {
    /// The lock files git and libgit2 may leave in this repository, present now: the index's,
    /// the current branch's, HEAD's and packed-refs'.
    public func presentLockFiles() throws -> [GitLockFile] {
        var candidates = [(gitDirectory + "/index.lock", ".git/index.lock"), (gitDirectory + "/HEAD.lock", ".git/HEAD.lock")]
        if let branch = try headReferenceName() {
            candidates.append((commonDirectory + "/" + branch + ".lock", ".git/" + branch + ".lock"))
        }
        candidates.append((commonDirectory + "/packed-refs.lock", ".git/packed-refs.lock"))
        return candidates.compactMap { GitLockFile.inspect($0.0, displayPath: $0.1, workdir: workdir, gitDirectory: gitDirectory) }
    }

    /// The process holding `.git/reclam.lock` ("process 1234, for 3 s"); nil when it is free.
    public func reclamLockHolder() -> LockHolder? {
        GitFileLock.currentHolder(path: commonDirectory + "/reclam.lock")
    }
}

/// The processes of the machine, read from /proc (Linux); nil elsewhere.
struct ProcessTable {
    struct Entry {
        var pid: Int32
        var name: String
        var directory: String?
        var openFiles: [String]
    }

    var entries: [Entry]

    static func read() -> ProcessTable? {
        guard let pids = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return nil }
        let own = getpid()
        var entries: [Entry] = []
        for name in pids {
            guard let pid = Int32(name), pid != own else { continue }
            let base = "/proc/\(name)"
            let command =
                (try? String(contentsOfFile: base + "/comm", encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines) ?? "?"
            let directory = try? FileManager.default.destinationOfSymbolicLink(atPath: base + "/cwd")
            var files: [String] = []
            for fd in (try? FileManager.default.contentsOfDirectory(atPath: base + "/fd")) ?? [] {
                if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: base + "/fd/" + fd) { files.append(target) }
            }
            entries.append(Entry(pid: pid, name: command, directory: directory, openFiles: files))
        }
        return ProcessTable(entries: entries)
    }

    func holders(of path: String) -> [String] {
        let resolved = Self.resolved(path)
        return entries.filter { $0.openFiles.contains(path) || $0.openFiles.contains(resolved) }.map { "\($0.name) (pid \($0.pid))" }
    }

    func gitProcesses(in roots: [String]) -> [String] {
        let resolvedRoots = roots.map(Self.resolved)
        return entries.filter { entry in
            guard entry.name == "git" || entry.name.hasPrefix("git-"), let directory = entry.directory else { return false }
            return resolvedRoots.contains { directory == $0 || directory.hasPrefix($0 + "/") }
        }.map { "\($0.name) (pid \($0.pid))" }
    }

    private static func resolved(_ path: String) -> String {
        guard let real = realpath(path, nil) else {
            // The lock may be gone by now: resolve its folder.
            guard let slash = path.lastIndex(of: "/"), let folder = realpath(String(path[..<slash]), nil) else { return path }
            defer { free(folder) }
            return String(cString: folder) + String(path[slash...])
        }
        defer { free(real) }
        return String(cString: real)
    }
}

/// Who holds `.git/reclam.lock`: the process and for how long, as far as the lock file tells.
public struct LockHolder: Sendable, Equatable {
    public var pid: String?
    public var seconds: Int?

    /// "process 1234, for 3 s" in the language of `m`.
    public func text(_ m: Messages) -> String {
        guard let pid else { return m[.lockHolderUnknown] }
        guard let seconds else { return m.format(.lockHolderPid, pid) }
        return m.format(.lockHolder, pid, String(seconds))
    }
}
