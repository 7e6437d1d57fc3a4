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

/// Finishes or undoes a write that was killed, from its journal (`.git/reclam/journal`).
///
/// The rule is one for every instant a write can be killed at: each path of the journal is
/// brought to its version in the branch — the new commit if the branch moved (roll forward),
/// the old one if it did not (roll back) — in the work tree and in the index, wherever they
/// still hold what reclam wrote or what was there before. Anything else (an edit made since)
/// is left as it is and named. Temporary files, backups and git lock files the killed write
/// left are removed. Runs under `.git/reclam.lock`, so the journal's writer is known to be dead.
public struct WriteRecovery {
    public enum Mode: Sendable {
        /// Only when the branch is where the killed write left it (its new commit or its base).
        case automatic
        /// Also when the branch moved since: the journal's files are brought to the branch's
        /// current version (`reclam doctor --fix`).
        case force
    }

    /// What a recovery did or left alone, one sentence each once worded (`text(_:)`).
    public enum Note: Sendable, Equatable {
        /// How the files of the interrupted write were brought to the branch.
        public enum Direction: Sendable, Equatable {
            /// To its new commit, which the branch points to.
            case finished
            /// To its base: the commit was never made.
            case undid
            /// To the branch's current version (`reclam doctor --fix`, the branch moved since).
            case broughtToBranch
        }
        case removedTemporaryObjects(Int)
        /// `restored` files were changed; `made` says whether the write's commit exists.
        case recovered(Direction, commit: String, made: Bool, restored: Int)
        case notAFileInBranch(String)
        case notARegularFile(String)
        case otherChangesInWorkTree(String)
        case otherVersionInIndex(String)

        /// The note in the language of `m`.
        public func text(_ m: Messages) -> String {
            switch self {
            case .removedTemporaryObjects(let count): return m.format(.recoveryRemovedObjects, String(count))
            case .recovered(let direction, let commit, let made, let restored):
                let key: Messages.Key
                switch direction {
                case .finished: key = .recoveryFinished
                case .undid: key = .recoveryUndid
                case .broughtToBranch: key = .recoveryBroughtToBranch
                }
                let files =
                    restored == 0
                    ? m[.recoveryNoFile] : restored == 1 ? m[.recoveryOneFile] : m.format(.recoveryFiles, String(restored))
                return m.format(key, m.format(made ? .recoveryCommit : .recoveryCommitNeverMade, commit), files)
            case .notAFileInBranch(let path): return m.format(.recoveryNotInBranch, path)
            case .notARegularFile(let path): return m.format(.recoveryNotRegular, path)
            case .otherChangesInWorkTree(let path): return m.format(.recoveryOtherChanges, path)
            case .otherVersionInIndex(let path): return m.format(.recoveryOtherIndex, path)
            }
        }
    }

    public struct Outcome: Sendable {
        /// What was done, one note each, for the user.
        public var notes: [Note] = []
        /// Whether a journal was found and dealt with.
        public var finishedWrite = false
    }

    let repository: GitRepository

    public init(repository: GitRepository) {
        self.repository = repository
    }

    // MARK: Before any command

    /// For every command, before it reads the ledger whose work tree is `root`: finishes a
    /// killed write and removes what it left. Costs two `stat`s and one directory read when
    /// nothing was interrupted; does nothing while another reclam command is writing.
    public static func finishInterruptedWrite(workTree root: String) throws -> [Note] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root + "/.git", isDirectory: &isDirectory) else { return [] }
        if isDirectory.boolValue && !needsAttention(gitDirectory: root + "/.git", commonDirectory: root + "/.git") { return [] }
        let repository = try GitRepository.open(at: root)
        guard needsAttention(gitDirectory: repository.gitDirectory, commonDirectory: repository.commonDirectory) else { return [] }
        guard let lock = try GitFileLock.tryTake(path: repository.commonDirectory + "/reclam.lock") else { return [] }
        return try withExtendedLifetime(lock) {
            try WriteRecovery(repository: repository).recover(mode: .automatic).notes
        }
    }

    /// Whether a write was killed here: a journal, a temporary journal, or temporary objects.
    static func needsAttention(gitDirectory: String, commonDirectory: String) -> Bool {
        if GitPOSIX.exists(WriteJournal.path(gitDirectory)) || !WriteJournal.leftovers(gitDirectory: gitDirectory).isEmpty {
            return true
        }
        return !temporaryObjects(commonDirectory: commonDirectory).isEmpty
    }

    /// libgit2's temporary object files (`.git/objects/tmp_object_git2_*`), left by a process
    /// killed while it wrote an object.
    static func temporaryObjects(commonDirectory: String) -> [String] {
        let directory = commonDirectory + "/objects"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        return names.filter { $0.hasPrefix("tmp_object_git2_") }.sorted().map { directory + "/" + $0 }
    }

    // MARK: Recovery

    /// Call with `.git/reclam.lock` held.
    func recover(mode: Mode) throws -> Outcome {
        var outcome = Outcome()
        let gitDirectory = repository.gitDirectory
        for path in WriteJournal.leftovers(gitDirectory: gitDirectory) { GitPOSIX.removeIfPresent(path) }
        let removedObjects = removeTemporaryObjects()
        if removedObjects > 0 { outcome.notes.append(.removedTemporaryObjects(removedObjects)) }
        guard let journal = try WriteJournal.read(gitDirectory: gitDirectory) else { return outcome }
        guard let workdir = repository.workdir else { return outcome }

        let headBranch = try repository.headReferenceName()
        let tip = try repository.referenceTarget(journal.branch).map { ObjectID($0) }
        let target: ObjectID?
        let direction: Note.Direction
        if headBranch == journal.branch && tip == journal.commit {
            target = journal.commit
            direction = .finished
        } else if headBranch == journal.branch && tip == journal.base {
            target = journal.base
            direction = .undid
        } else if mode == .force {
            target = try repository.tipCommitID()
            direction = .broughtToBranch
        } else {
            let now =
                headBranch == journal.branch
                ? "the branch has moved since (now at \(tip?.short ?? "nothing"))" : "HEAD is now on another branch"
            throw GitError(
                .interruptedWrite, operation: "finish an interrupted write",
                message:
                    "a reclam write (commit \(journal.commit.short)) was interrupted and \(now); check 'git status', then run 'reclam doctor --fix' to bring its files to the branch's version",
                path: ".git/reclam/journal")
        }
        try removeLocksOf(journal, branch: headBranch ?? journal.branch)

        let rollingBack = target == journal.base && target != journal.commit
        let tree = try target.map { try repository.commitTree($0) }
        let index = try GitIndexHandle.of(repository.pointer)
        try check(git_index_read(index.pointer, 1), "read the index")
        var indexChanged = false
        var restored = 0
        for item in journal.items {
            let result = try bring(item, to: tree, rollingBack: rollingBack, workdir: workdir, index: index)
            indexChanged = indexChanged || result.indexChanged
            if result.workTreeChanged || result.indexChanged { restored += 1 }
            if let note = result.note { outcome.notes.append(note) }
        }
        if indexChanged {
            do {
                try index.write(retryingFor: .seconds(2))
            } catch var error as GitError {
                error.message += "; the interrupted write is not finished: once the cause is fixed, run 'reclam doctor --fix'"
                throw error
            }
        }
        // What was brought back (files, index, locks removed) on disk before the journal goes.
        try GitPOSIX.syncFileSystems(
            containing: [gitDirectory, repository.commonDirectory, workdir], operation: "finish an interrupted write")
        try WriteJournal.remove(gitDirectory: gitDirectory)
        outcome.finishedWrite = true
        outcome.notes.insert(
            .recovered(direction, commit: journal.commit.short, made: target == journal.commit, restored: restored), at: 0)
        return outcome
    }

    /// Removes `tmp_object_git2_*` files no process has open; returns how many.
    func removeTemporaryObjects() -> Int {
        var removed = 0
        for path in Self.temporaryObjects(commonDirectory: repository.commonDirectory) {
            guard let lock = GitLockFile.inspect(path, displayPath: path, workdir: nil, gitDirectory: repository.gitDirectory),
                lock.isStale(minimumAge: 0)
            else { continue }
            if GitPOSIX.removeIfPresent(path) == nil { removed += 1 }
        }
        return removed
    }

    /// git's lock files the killed write may have left (written after its journal, held by
    /// nobody) are removed; a lock a running git command holds stops the recovery.
    func removeLocksOf(_ journal: WriteJournal, branch: String) throws {
        for lock in try repository.presentLockFiles() {
            let ours = lock.age <= Date().timeIntervalSince1970 - Double(journal.started) + 1
            guard lock.isStale(minimumAge: ours ? 0 : 2) else {
                throw GitError.locked(lock, operation: "finish an interrupted write", done: .writeUnfinished)
            }
            if let code = GitPOSIX.removeIfPresent(lock.path) {
                throw GitError.system(code, operation: "remove a stale lock", path: lock.displayPath)
            }
        }
    }

    struct ItemResult {
        var workTreeChanged = false
        var indexChanged = false
        var note: Note?
    }

    /// Brings one path of the journal to its version in `tree` (absent when `tree` is nil): the
    /// new commit's or the branch's. Rolling back (`tree` is the write's base), the work tree
    /// gets back the bytes it held before the write — a hand edit being committed included —
    /// and the index, which the write had not reached, stays as it is.
    func bring(_ item: WriteJournal.Item, to tree: GitTreeHandle?, rollingBack: Bool, workdir: String, index: GitIndexHandle) throws
        -> ItemResult
    {
        var result = ItemResult()
        let fullPath = workdir + "/" + item.path
        let backup = WriteJournal.sidePath(workdir: workdir, item: item, kind: "old")
        GitPOSIX.removeIfPresent(WriteJournal.sidePath(workdir: workdir, item: item, kind: "tmp"))
        defer { GitPOSIX.removeIfPresent(backup) }

        var treeBlob: ObjectID?
        var executable = false
        if let tree, let entry = try GitTreeEntryHandle.bypath(tree, item.path) {
            guard entry.type == GIT_OBJECT_BLOB, entry.filemode != GIT_FILEMODE_LINK else {
                result.note = .notAFileInBranch(item.path)
                return result
            }
            treeBlob = ObjectID(entry.id)
            executable = entry.filemode == GIT_FILEMODE_BLOB_EXECUTABLE
        }
        let target = rollingBack ? item.previous : treeBlob

        // The work tree.
        let current: ObjectID?
        if let info = try GitPOSIX.lstatOrNil(fullPath, operation: "finish an interrupted write", displayPath: item.path) {
            guard info.st_mode & GitPOSIX.typeMask == GitPOSIX.regularType else {
                result.note = .notARegularFile(item.path)
                return result
            }
            current = try GitRepository.hashBlob(
                GitPOSIX.readFile(fullPath, operation: "finish an interrupted write", displayPath: item.path))
        } else {
            current = nil
        }
        // What the write put there, or what was there before it unless that was an edit of
        // the user's (being committed) that only rolling back may put back.
        let userEdit = item.previous != nil && item.previous != item.baseBlob
        let ours =
            (current == item.newBlob && (rollingBack || item.newBlob != item.previous))
            || (current == item.previous && (rollingBack || !userEdit))
        var workTreeMatches = current == target
        if !workTreeMatches && ours {
            if target == item.previous && GitPOSIX.exists(backup) {
                if rename(backup, fullPath) != 0 {
                    throw GitError.system(errno, operation: "finish an interrupted write", path: item.path)
                }
            } else if let target {
                try makeParents(of: item.path, workdir: workdir)
                try GitPOSIX.atomicWrite(
                    try repository.blobData(target.oid), to: fullPath, mode: item.previousMode ?? (executable ? 0o755 : nil),
                    operation: "finish an interrupted write", displayPath: item.path,
                    temporary: WriteJournal.sidePath(workdir: workdir, item: item, kind: "tmp"))
            } else if let code = GitPOSIX.removeIfPresent(fullPath) {
                throw GitError.system(code, operation: "finish an interrupted write", path: item.path)
            }
            workTreeMatches = true
            result.workTreeChanged = true
        } else if !workTreeMatches {
            result.note = .otherChangesInWorkTree(item.path)
        }
        // Folders the write made for a new file, or emptied by a removal, go.
        if target == nil && workTreeMatches {
            GitPOSIX.removeIfPresent(backup)
            pruneEmptyParents(of: item.path, workdir: workdir)
        }

        // The index.
        let staged = index.blobID(at: item.path)
        if rollingBack || staged == target {
            // Refreshed stat data (a rename back still changed the file's ctime).
            if result.workTreeChanged, workTreeMatches, let target, staged == target {
                try index.stage(item.path, blob: target.oid, executable: executable, workdir: workdir)
                result.indexChanged = true
            }
        } else if staged == item.newBlob || staged == item.baseBlob {
            if let target {
                try index.stage(item.path, blob: target.oid, executable: executable, workdir: workdir, fromWorkTree: workTreeMatches)
            } else {
                try check(git_index_remove_bypath(index.pointer, item.path), "update the index", path: item.path)
            }
            result.indexChanged = true
        } else {
            result.note = .otherVersionInIndex(item.path)
        }
        return result
    }

    private func makeParents(of path: String, workdir: String) throws {
        var current = workdir
        for component in path.split(separator: "/").dropLast() {
            current += "/" + component
            if mkdir(current, 0o777) != 0 && errno != EEXIST {
                throw GitError.system(errno, operation: "finish an interrupted write", path: path)
            }
        }
    }

    private func pruneEmptyParents(of path: String, workdir: String) {
        var components = path.split(separator: "/").dropLast()
        while !components.isEmpty {
            if rmdir(workdir + "/" + components.joined(separator: "/")) != 0 { return }
            components = components.dropLast()
        }
    }
}
