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

/// The one write path of Reclam: every change to a ledger is one commit made here.
///
/// `commit` validates the change, takes `.git/reclam.lock` (flock, so reclam processes and
/// threads write one at a time), finishes a write that was killed (`WriteRecovery`), checks
/// preconditions against the branch tip, refuses to touch files with uncommitted edits,
/// builds the tree from the tip's tree plus the changed blobs only and creates the commit
/// object, writes the write journal (`.git/reclam/journal`), writes the work tree atomically
/// (keeping the replaced files as backups), moves the branch with a compare-and-swap (so a
/// concurrent `git commit` is rebased over, never overwritten), updates only the changed index
/// entries, then removes the backups and the journal. If the commit cannot be made, or the
/// index cannot be written, the work tree is put back exactly as it was and the branch and
/// index are as before; if the process is killed, the journal lets the next command finish
/// or undo the write. A commit costs two syncs, whatever its number of files (`barrier`):
/// one before anything visible changes, one before the journal goes. docs/GIT.md gives the
/// order of operations and why it is durable.
public struct GitWriter {
    public let repository: GitRepository
    /// How long to wait for another reclam write to finish.
    public var lockTimeout: Duration
    /// How many times the branch update is tried when it races with other writers.
    public var maxAttempts: Int

    /// Test hook: called after the commit object is created and before the branch is moved,
    /// with the attempt number (1-based). Throwing aborts the write.
    var beforeReferenceUpdate: ((_ attempt: Int) throws -> Void)?
    /// Test hook: called at each step of the write (the kill tests stop the process there).
    package var afterStep: ((WriteStep) -> Void)?
    /// Test hook: replaces `git_index_write` (to make it fail as a full disk would).
    var writeIndex: ((_ write: () -> Int32) throws -> Int32)?

    public init(repository: GitRepository, lockTimeout: Duration = .seconds(30), maxAttempts: Int = 20) {
        self.repository = repository
        self.lockTimeout = lockTimeout
        self.maxAttempts = max(1, maxAttempts)
    }

    /// Commits `change` with the same signature as author and committer.
    public func commit(_ change: Change, by signature: Signature) throws -> CommitResult {
        try commit(change, author: signature, committer: signature)
    }

    /// Commits `change` on the branch HEAD points to. See the type's documentation;
    /// errors are `GitError`s whose `code` says what happened and whether anything was touched.
    public func commit(_ change: Change, author: Signature, committer: Signature) throws -> CommitResult {
        try commit(each: [(change: change, author: author, committer: committer)])[0]
    }

    /// One commit per change, in order, each the parent of the next, made and made durable
    /// together: one lock, one index write and the write's two syncs for them all, so that
    /// `reclam serve` commits the submissions that arrive during a commit at the cost of one.
    /// The branch moves from its tip to the last commit at once: all are committed or none.
    /// The changes must touch different paths, and none may expect anything of a path an
    /// earlier one touches (`invalidChange` otherwise).
    public func commit(each changes: [(change: Change, author: Signature, committer: Signature)]) throws -> [CommitResult] {
        try Libgit2.ensureInitialized()
        guard !changes.isEmpty else { return [] }
        let links = try changes.map { item in
            GitChainLink(
                plan: try GitChangePlan(item.change), author: try item.author.makeHandle(operation: "prepare the author"),
                committer: try item.committer.makeHandle(operation: "prepare the committer"))
        }
        let plan = links.count == 1 ? links[0].plan : try GitChangePlan(combining: links.map(\.plan))
        guard !repository.isBare, let workdir = repository.workdir else {
            throw GitError(.unsupportedRepository, operation: "commit", message: "the repository has no work tree")
        }
        guard let branch = try repository.headReferenceName() else {
            throw GitError(
                .unsupportedRepository, operation: "commit",
                message: "HEAD is not on a branch (detached HEAD); check out a branch first")
        }
        let lock = try GitFileLock(path: repository.commonDirectory + "/reclam.lock", timeout: lockTimeout)
        return try withExtendedLifetime(lock) {
            step(.locked)
            let recovered = try WriteRecovery(repository: repository).recover(mode: .automatic).notes
            try waitForGitLocks(branch: branch)
            var results = try Attempt(writer: self, plan: plan, links: links, workdir: workdir, branch: branch).run()
            results[0].recovered = recovered
            return results
        }
    }

    /// `RECLAM_TEST_WRITE_PAUSE_MS`: a pause at each step of every write, so that a kill test
    /// (`make torture`) can stop writes at instants spread over the whole write.
    static let testPause: Int? = ProcessInfo.processInfo.environment["RECLAM_TEST_WRITE_PAUSE_MS"].flatMap { Int($0) }

    func step(_ step: WriteStep) {
        if let pause = Self.testPause, pause > 0 { GitPOSIX.sleep(milliseconds: pause) }
        afterStep?(step)
    }

    /// git's own locks on the index and the branch: a git command holds them for an instant,
    /// so wait a little; one that stays is named, with its owner, before anything is touched.
    func waitForGitLocks(branch: String) throws {
        let candidates = [
            (repository.gitDirectory + "/index.lock", ".git/index.lock"),
            (repository.commonDirectory + "/" + branch + ".lock", ".git/" + branch + ".lock"),
        ]
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: lockTimeout < .seconds(3) ? lockTimeout : .seconds(3))
        while true {
            let present = candidates.filter { GitPOSIX.exists($0.0) }
            guard let (path, display) = present.first else { return }
            if clock.now >= deadline {
                guard
                    let lock = GitLockFile.inspect(
                        path, displayPath: display, workdir: repository.workdir, gitDirectory: repository.gitDirectory)
                else { continue }
                throw GitError.locked(lock, operation: "commit")
            }
            GitPOSIX.sleep(milliseconds: 20)
        }
    }
}

/// The steps of a write, in order (`GitWriter.afterStep`).
package enum WriteStep: String, Sendable, CaseIterable {
    /// `.git/reclam.lock` taken.
    case locked
    /// Blobs, trees and the commit object are in the object database; nothing else changed.
    case objectsCreated
    /// The journal is durable (and, where syncs are batched, the objects and the new files
    /// under their temporary names); the renames into the work tree are next.
    case journalWritten
    /// One file of the work tree written or removed.
    case fileWritten
    /// The branch points to the new commit.
    case branchMoved
    /// The index records the new commit's files.
    case indexWritten
}

extension GitError {
    /// A git lock file in the way, named with its age and owner, and what to do.
    static func locked(_ lock: GitLockFile, operation: String, done: GitError.Done = .nothingChanged) -> GitError {
        let advice =
            lock.isStale()
            ? "it was left by a git or reclam command that did not finish; %@. If no git command is running, remove it with 'reclam doctor --fix' and re-run the command"
            : "a git command is using the repository; %@. Wait for it to finish and re-run the command"
        var error = GitError(
            .gitLocked, operation: operation, message: "\(lock): \(advice.replacingOccurrences(of: "%@", with: done.text(Messages(.en))))",
            path: lock.displayPath)
        error.reason = .gitLocked(lock, done: done)
        return error
    }
}

// MARK: - GitChangePlan

/// A validated change: paths checked, blob ids computed, message rendered.
struct GitChangePlan {
    struct Write {
        let path: String
        let contents: Data
        let blob: git_oid
    }

    let writes: [Write]
    let removals: [String]
    let expectedBase: [(path: String, blob: ObjectID?)]
    let message: String
    let summary: String
    let touched: [String]
    let allowsEmpty: Bool

    init(_ change: Change) throws {
        let operation = "validate the change"
        var seen = Set<String>()
        for path in change.writes.map(\.path) + change.removals {
            try GitPathRules.validate(path, operation: operation)
            guard seen.insert(path).inserted else {
                throw GitError(.invalidChange, operation: operation, message: "the path is listed twice", path: path)
            }
        }
        if seen.isEmpty && !change.allowsEmpty {
            throw GitError(.invalidChange, operation: operation, message: "the change writes and removes nothing")
        }
        try Self.refuseFilesAsDirectories(seen)
        for path in change.expectedBase.keys { try GitPathRules.validate(path, operation: operation) }

        writes = try change.writes.map { write in
            var oid = git_oid()
            let result = write.contents.withUnsafeBytes { raw in
                git_odb_hash(&oid, raw.baseAddress, raw.count, GIT_OBJECT_BLOB)
            }
            try check(result, "hash file contents", path: write.path)
            return Write(path: write.path, contents: write.contents, blob: oid)
        }
        removals = change.removals
        expectedBase = change.expectedBase.map { (path: $0.key, blob: $0.value) }.sorted { $0.path < $1.path }
        message = try change.message()
        summary = change.summary.trimmingCharacters(in: .whitespaces)
        touched = seen.sorted()
        allowsEmpty = change.allowsEmpty
    }

    func write(at path: String) -> Write? { writes.first { $0.path == path } }

    /// A path cannot also be a directory of another one.
    static func refuseFilesAsDirectories(_ paths: Set<String>) throws {
        for path in paths {
            var prefix = ""
            for component in path.split(separator: "/").dropLast() {
                prefix += prefix.isEmpty ? String(component) : "/" + component
                if paths.contains(prefix) {
                    throw GitError(
                        .invalidChange, operation: "validate the change",
                        message: "the path is both a file and a directory of \(path)", path: prefix)
                }
            }
        }
    }

    /// The changes of a chain as one, for what concerns paths (preconditions, the work tree,
    /// the journal, the index); each keeps its own tree and commit.
    init(combining plans: [GitChangePlan]) throws {
        let operation = "validate the change"
        var touched = Set<String>()
        for plan in plans {
            for path in plan.expectedBase.map(\.path) where touched.contains(path) {
                throw GitError(
                    .invalidChange, operation: operation, message: "an earlier change of the same write touches the path", path: path)
            }
            for path in plan.touched {
                guard touched.insert(path).inserted else {
                    throw GitError(
                        .invalidChange, operation: operation, message: "two changes of the same write touch the path", path: path)
                }
            }
        }
        try Self.refuseFilesAsDirectories(touched)
        writes = plans.flatMap(\.writes)
        removals = plans.flatMap(\.removals)
        expectedBase = plans.flatMap(\.expectedBase).sorted { $0.path < $1.path }
        message = plans.last!.message
        summary = plans.last!.summary
        self.touched = touched.sorted()
        allowsEmpty = plans.allSatisfy(\.allowsEmpty)
    }
}

/// One commit of a write: its change and who made it.
struct GitChainLink {
    let plan: GitChangePlan
    let author: GitSignatureHandle
    let committer: GitSignatureHandle
}

// MARK: - One write

/// What a path is in some tree.
enum GitPathState: Equatable {
    case absent
    case file(git_oid, git_filemode_t)
    /// A directory, symlink or submodule at the path, or a file where one of its directories should be.
    case other(String)

    static func == (lhs: GitPathState, rhs: GitPathState) -> Bool {
        switch (lhs, rhs) {
        case (.absent, .absent): return true
        case let (.file(a, am), .file(b, bm)):
            var a = a, b = b
            return am == bm && git_oid_equal(&a, &b) == 1
        case let (.other(a), .other(b)): return a == b
        default: return false
        }
    }

    var blob: git_oid? {
        if case .file(let oid, _) = self { return oid }
        return nil
    }
}

/// The branch tip a write is built on.
struct GitTipState {
    let tip: git_oid?
    let commit: GitCommitHandle?
    let tree: GitTreeHandle
}

private struct Attempt {
    let writer: GitWriter
    /// All the links' changes as one (the only link's plan when there is one).
    let plan: GitChangePlan
    let links: [GitChainLink]
    let workdir: String
    let branch: String
    var repo: OpaquePointer { writer.repository.pointer }

    func run() throws -> [CommitResult] {
        // Preconditions on the tip, before anything is touched.
        var base = try readBase()
        let originalStates = try pathStates(in: base.tree)
        try checkExpectedBase(base.tree)
        try checkTouchedPaths(originalStates)

        let workTree = try WorkTreeTransaction(
            root: workdir, writes: plan.writes.map { (path: $0.path, contents: $0.contents) }, removals: plan.removals)
        // One index for the whole write: on 100 000 cases each read of it costs as much as the commit.
        let index = try GitIndexHandle.of(repo)
        try check(git_index_read(index.pointer, 0), "read the index")
        try refuseUncommittedChanges(workTree, originalStates, index: index)
        try checkFreeSpace()

        try createBlobs()
        let firstChain = try buildChain(on: base, states: originalStates, refusingEmpty: true)
        writer.step(.objectsCreated)

        // From here on, a kill is finished or undone by the next command, from the journal.
        var journal = makeJournal(workTree, base: base, states: originalStates, commit: firstChain.last!)
        try journal.write(gitDirectory: gitDirectory)
        do {
            // Sync 1, once the new files are written under their temporary names: the objects,
            // the journal and the new bytes are on disk before any ledger file is renamed or the
            // branch moves. After a power cut, no file has changed without a journal to finish
            // or undo it, and the branch never names a missing object.
            try workTree.apply(
                backups: true, durable: !GitPOSIX.batchesSyncs,
                beforeRenames: {
                    try barrier("write the work tree")
                    writer.step(.journalWritten)
                }, afterEach: { writer.step(.fileWritten) })
        } catch {
            throw abandon(error, workTree: workTree)
        }

        let chain: [git_oid]
        let attempts: Int
        let finalStates: [String: GitPathState]
        let start = base
        do {
            (chain, base, finalStates, attempts) = try moveBranch(
                base: base, chain: firstChain, originalStates: originalStates, journal: &journal)
        } catch {
            throw abandon(error, workTree: workTree)
        }
        writer.step(.branchMoved)
        let commit = chain.last!

        if let indexError = updateIndex(index, states: finalStates) {
            throw undo(commit: commit, base: base, start: start, workTree: workTree, because: indexError)
        }
        // Sync 2: the renamed files, the branch, its reflog and the index on disk before the
        // journal goes and the command says the commit is made. The journal stays if this fails: the next
        // command finds the branch on the new commit and finishes the write.
        do {
            try barrier("make the commit durable")
        } catch var error as GitError {
            error.code = .interruptedWrite
            error.message =
                "commit \(ObjectID(commit).short) was made but could not be made durable (\(error.message)); "
                + "check the disk, then run 'reclam doctor --fix'"
            throw error
        }
        writer.step(.indexWritten)
        workTree.discardBackups()
        workTree.pruneEmptyDirectories()
        // The write is complete; a journal that outlived a failure here is a no-op to recover.
        try? WriteJournal.remove(gitDirectory: gitDirectory)
        return links.indices.map { k in
            CommitResult(
                commit: ObjectID(chain[k]), parent: k == 0 ? base.tip.map { ObjectID($0) } : ObjectID(chain[k - 1]),
                changedPaths: links[k].plan.touched, attempts: attempts)
        }
    }

    /// One commit per link, each on the one before, the first on `base`: the commit ids.
    func buildChain(on base: GitTipState, states: [String: GitPathState], refusingEmpty: Bool) throws -> [git_oid] {
        var commits: [git_oid] = []
        var tree = base.tree
        var parent = base.commit
        for link in links {
            var treeID = try buildTree(link.plan, on: tree, states: states)
            var previousTreeID = tree.id.oid
            if refusingEmpty && git_oid_equal(&treeID, &previousTreeID) == 1 && !link.plan.allowsEmpty {
                throw GitError(
                    .nothingToCommit, operation: "commit",
                    message: "the files already have this content in the branch; nothing to commit")
            }
            tree = try GitTreeHandle.lookup(repo, treeID)
            let commit = try createCommit(link, tree: tree, parent: parent)
            commits.append(commit)
            if commits.count < links.count { parent = try GitCommitHandle.lookup(repo, commit) }
        }
        return commits
    }

    var gitDirectory: String { writer.repository.gitDirectory }

    /// One of the write's two syncs (docs/GIT.md, "Durability"): everything written so far —
    /// objects, journal, work-tree files, ref, index — is on disk when it returns. libgit2
    /// and the work-tree writes fsync nothing one by one where this syncs (Linux).
    func barrier(_ operation: String) throws {
        try GitPOSIX.syncFileSystems(
            containing: [gitDirectory, writer.repository.commonDirectory, workdir], operation: operation)
    }

    /// A full disk is refused before anything is written: the write needs room for its objects,
    /// its files and their backups, the journal, and a new copy of the index.
    func checkFreeSpace() throws {
        var info = stat()
        let indexSize = lstat(gitDirectory + "/index", &info) == 0 ? Int(info.st_size) : 0
        let files = plan.writes.reduce(0) { $0 + $1.contents.count }
        let needed = indexSize + 2 * files + 64 * 1024
        for (directory, what) in [(gitDirectory, ".git"), (workdir, "the work tree")] {
            guard let free = GitPOSIX.freeSpace(directory), free < needed else { continue }
            throw GitError(
                .system(ENOSPC), operation: "commit",
                message:
                    "not enough free space for \(what) (\(free / 1024) KiB free, about \(needed / 1024) KiB needed); nothing was changed: free some space and re-run the command"
            )
        }
    }

    func makeJournal(_ workTree: WorkTreeTransaction, base: GitTipState, states: [String: GitPathState], commit: git_oid)
        -> WriteJournal
    {
        let items = workTree.items.map { item -> WriteJournal.Item in
            var previous: ObjectID?
            var previousMode: mode_t?
            if case .file(let data, let mode) = item.previous {
                previous = try? GitRepository.hashBlob(data)
                previousMode = mode
            }
            return WriteJournal.Item(
                path: item.path, newBlob: plan.write(at: item.path).map { ObjectID($0.blob) },
                baseBlob: states[item.path]?.blob.map { ObjectID($0) }, previous: previous, previousMode: previousMode,
                suffix: item.suffix)
        }
        return WriteJournal(
            pid: getpid(), started: Int(Date().timeIntervalSince1970), branch: branch, base: base.tip.map { ObjectID($0) },
            commit: ObjectID(commit), items: items)
    }

    /// The branch did not move: the work tree goes back and the journal goes; if the work tree
    /// cannot be restored, the journal stays for the next command, and the error says so.
    func abandon(_ error: Error, workTree: WorkTreeTransaction) -> Error {
        let problems = workTree.rollback()
        let leftovers = workTree.items.filter { GitPOSIX.exists($0.backupPath) }
        if problems.isEmpty && leftovers.isEmpty {
            try? WriteJournal.remove(gitDirectory: gitDirectory)
            return error
        }
        var gitError = error as? GitError ?? GitError(.libgit2(-1), operation: "commit", message: "\(error)")
        let what = problems.isEmpty ? "the previous files were kept" : problems.map(\.description).joined(separator: "; ")
        gitError.message +=
            "; nothing was committed but restoring the work tree failed (\(what)); once the cause is fixed, run 'reclam doctor --fix'"
        return gitError
    }

    /// The index could not be written after the branch moved: the branch goes back to where it
    /// was and the work tree too, so that nothing visible changed. If the branch cannot go back,
    /// the journal stays and the next command (or `reclam doctor --fix`) finishes the write.
    func undo(commit: git_oid, base: GitTipState, start: GitTipState, workTree: WorkTreeTransaction, because indexError: GitError)
        -> GitError
    {
        var error = indexError
        var why = indexError.message
        if let lock = GitLockFile.inspect(
            gitDirectory + "/index.lock", displayPath: ".git/index.lock", workdir: workdir, gitDirectory: gitDirectory)
        {
            why = GitError.locked(lock, operation: "write the index", done: .nothingCommitted).message
        }
        if moveBack(from: commit, to: base.tip) {
            // The branch back on disk before the files go back and the journal goes.
            try? barrier("undo the commit")
            let problems = workTree.rollback()
            if problems.isEmpty {
                try? WriteJournal.remove(gitDirectory: gitDirectory)
                error.message = "the index could not be written, so the commit was undone and nothing changed: \(why)"
                return error
            }
        }
        error.code = .interruptedWrite
        error.message =
            "commit \(ObjectID(commit).short) was made but the index could not be written (\(why)); "
            + "once the cause is fixed, run 'reclam doctor --fix' to finish the write"
        return error
    }

    /// Compare-and-swap of the branch back to `tip` (deleting it when it was unborn).
    func moveBack(from commit: git_oid, to tip: git_oid?) -> Bool {
        var current = commit
        guard var tip else {
            guard let reference = try? GitReferenceHandle.lookup(repo, branch), var target = reference.directTarget,
                git_oid_equal(&target, &current) == 1
            else { return false }
            return git_reference_delete(reference.pointer) == 0
        }
        var reference: OpaquePointer?
        let result = git_reference_create_matching(
            &reference, repo, branch, &tip, 1, &current, "reclam: undo commit, the index could not be written")
        git_reference_free(reference)
        return result == 0
    }

    // MARK: Reading the tip

    func readBase() throws -> GitTipState {
        guard let tip = try writer.repository.referenceTarget(branch) else {
            return GitTipState(tip: nil, commit: nil, tree: try GitTreeHandle.empty(repo))
        }
        let commit = try GitCommitHandle.lookup(repo, tip)
        return GitTipState(tip: tip, commit: commit, tree: try commit.tree())
    }

    func state(of path: String, in tree: GitTreeHandle) throws -> GitPathState {
        var prefix = ""
        for component in path.split(separator: "/").dropLast() {
            prefix += prefix.isEmpty ? String(component) : "/" + component
            guard let entry = try GitTreeEntryHandle.bypath(tree, prefix) else { return .absent }
            if entry.type != GIT_OBJECT_TREE { return .other("\(prefix) is a file in the branch, not a directory") }
        }
        guard let entry = try GitTreeEntryHandle.bypath(tree, path) else { return .absent }
        switch entry.filemode {
        case GIT_FILEMODE_BLOB, GIT_FILEMODE_BLOB_EXECUTABLE: return .file(entry.id, entry.filemode)
        case GIT_FILEMODE_TREE: return .other("the path is a directory in the branch")
        case GIT_FILEMODE_LINK: return .other("the path is a symbolic link in the branch")
        default: return .other("the path is a submodule in the branch")
        }
    }

    func pathStates(in tree: GitTreeHandle) throws -> [String: GitPathState] {
        var states: [String: GitPathState] = [:]
        for path in plan.touched { states[path] = try state(of: path, in: tree) }
        return states
    }

    // MARK: Preconditions

    func checkTouchedPaths(_ states: [String: GitPathState]) throws {
        for path in plan.touched {
            switch states[path]! {
            case .other(let why):
                throw GitError(.invalidChange, operation: "commit", message: why, path: path)
            case .absent where plan.write(at: path) == nil:
                throw GitError(.notFound, operation: "commit", message: "the file to remove is not in the branch", path: path)
            default:
                break
            }
        }
    }

    func checkExpectedBase(_ tree: GitTreeHandle) throws {
        for (path, expected) in plan.expectedBase {
            let actual = try state(of: path, in: tree).blob.map { ObjectID($0) }
            if actual != expected {
                let what: String
                switch (expected, actual) {
                case (nil, _?): what = "the file now exists in the branch but did not when it was read"
                case (_?, nil): what = "the file was removed from the branch since it was read"
                default: what = "the file was changed in the branch since it was read"
                }
                throw GitError(
                    .conflict, operation: "commit",
                    message: "\(what) (someone else changed it); re-run the command", path: path)
            }
        }
    }

    /// After the branch moved under us: each touched path must be as it was when we started,
    /// or already hold exactly what we are writing.
    func checkUnchanged(_ states: [String: GitPathState], since original: [String: GitPathState]) throws {
        for path in plan.touched {
            let now = states[path]!
            if now == original[path]! { continue }
            if let write = plan.write(at: path), var blob = now.blob {
                var ours = write.blob
                if git_oid_equal(&blob, &ours) == 1 { continue }
            }
            if plan.write(at: path) == nil, now == .absent { continue }
            throw GitError(
                .conflict, operation: "commit",
                message: "a concurrent commit changed this file while reclam was writing it; re-run the command",
                path: path)
        }
    }

    func refuseUncommittedChanges(_ workTree: WorkTreeTransaction, _ states: [String: GitPathState], index: GitIndexHandle) throws {
        let indexStatus = IndexStatus(index: index, repo: repo)
        for path in plan.touched {
            guard let item = workTree.item(at: path) else { continue }
            let status = try indexStatus.status(of: item, branch: states[path]!)
            let current = workTree.currentContents(of: path)
            // A file the branch does not have, present in the work tree (even if ignored), is the user's.
            let untrackedFile = states[path]! == .absent && current != nil
            guard GitRepository.isModified(status) || untrackedFile else { continue }

            // Allowed only when the work tree (and index) already hold what this change writes.
            var alreadyThere = false
            if !status.contains(.conflicted) {
                let write = plan.write(at: path)
                let workTreeMatches = write.map { current == $0.contents } ?? (current == nil)
                if workTreeMatches {
                    if status.isDisjoint(with: FileStatus.indexChanges) {
                        alreadyThere = true
                    } else {
                        let entry = git_index_get_bypath(index.pointer, path, 0)
                        if let write {
                            if var staged = entry?.pointee.id {
                                var ours = write.blob
                                alreadyThere = git_oid_equal(&staged, &ours) == 1
                            }
                        } else {
                            alreadyThere = entry == nil
                        }
                    }
                }
            }
            if !alreadyThere {
                throw GitError(
                    .uncommittedChanges, operation: "commit",
                    message: "the file has uncommitted changes (in the work tree or the index); "
                        + "commit or discard them, then re-run the command",
                    path: path)
            }
        }
    }

    // MARK: Objects

    func createBlobs() throws {
        for write in plan.writes {
            var oid = git_oid()
            let result = write.contents.withUnsafeBytes { raw in
                git_blob_create_from_buffer(&oid, repo, raw.baseAddress, raw.count)
            }
            try check(result, "store file contents", path: write.path)
        }
    }

    /// The tree with the change's entries replaced: cost depends on the change, not the repository.
    func buildTree(_ plan: GitChangePlan, on base: GitTreeHandle, states: [String: GitPathState]) throws -> git_oid {
        var cPaths: [UnsafeMutablePointer<CChar>] = []
        defer { cPaths.forEach { free($0) } }
        var updates: [git_tree_update] = []
        for write in plan.writes {
            var mode = GIT_FILEMODE_BLOB
            if case .file(_, let existing) = states[write.path]!, existing == GIT_FILEMODE_BLOB_EXECUTABLE { mode = existing }
            let cPath = strdup(write.path)!
            cPaths.append(cPath)
            updates.append(git_tree_update(action: GIT_TREE_UPDATE_UPSERT, id: write.blob, filemode: mode, path: cPath))
        }
        for path in plan.removals where states[path]! != .absent {
            let cPath = strdup(path)!
            cPaths.append(cPath)
            updates.append(git_tree_update(action: GIT_TREE_UPDATE_REMOVE, id: git_oid(), filemode: GIT_FILEMODE_BLOB, path: cPath))
        }
        var out = git_oid()
        try check(git_tree_create_updated(&out, repo, base.pointer, updates.count, updates), "build the new tree")
        return out
    }

    func createCommit(_ link: GitChainLink, tree: GitTreeHandle, parent: GitCommitHandle?) throws -> git_oid {
        var out = git_oid()
        var parents: [OpaquePointer?] = parent.map { [$0.pointer] } ?? []
        let result = parents.withUnsafeMutableBufferPointer { buffer in
            git_commit_create(
                &out, repo, nil, link.author.pointer, link.committer.pointer, nil, link.plan.message,
                tree.pointer, buffer.count, buffer.baseAddress)
        }
        try check(result, "create the commit")
        return out
    }

    // MARK: Compare-and-swap

    func moveBranch(
        base start: GitTipState, chain first: [git_oid], originalStates: [String: GitPathState], journal: inout WriteJournal
    ) throws
        -> (chain: [git_oid], base: GitTipState, states: [String: GitPathState], attempts: Int)
    {
        var base = start
        var states = originalStates
        var attempt = 1
        var chain = first
        while true {
            var commit = chain.last!
            if attempt > 1 {
                // The journal names the commit the branch may now point to.
                journal.base = base.tip.map { ObjectID($0) }
                journal.commit = ObjectID(commit)
                try journal.write(gitDirectory: gitDirectory)
                // The rebuilt commit and the journal naming it on disk before the branch may be.
                try barrier("write the write journal")
            }
            try writer.beforeReferenceUpdate?(attempt)

            let log = (base.tip == nil ? "commit (initial): " : "commit: ") + links.last!.plan.summary
            var reference: OpaquePointer?
            let result: Int32
            if var current = base.tip {
                result = git_reference_create_matching(&reference, repo, branch, &commit, 1, &current, log)
            } else {
                result = git_reference_create(&reference, repo, branch, &commit, 0, log)
            }
            if result == 0 {
                git_reference_free(reference)
                return (chain, base, states, attempt)
            }
            let raced =
                result == GIT_EMODIFIED.rawValue || result == GIT_ELOCKED.rawValue
                || (base.tip == nil && result == GIT_EEXISTS.rawValue)
            guard raced else {
                let error = GitError.libgit2(result, operation: "move branch \(branch)")
                // The ref may have moved even though a later step (the reflog) failed.
                if var now = try? writer.repository.referenceTarget(branch), git_oid_equal(&now, &commit) == 1 {
                    return (chain, base, states, attempt)
                }
                throw error
            }
            if attempt >= writer.maxAttempts {
                if let lock = GitLockFile.inspect(
                    writer.repository.commonDirectory + "/" + branch + ".lock", displayPath: ".git/" + branch + ".lock",
                    workdir: workdir, gitDirectory: gitDirectory)
                {
                    throw GitError.locked(lock, operation: "move branch \(branch)", done: .nothingCommitted)
                }
                throw GitError(
                    .retriesExhausted, operation: "move branch \(branch)",
                    message:
                        "the branch kept changing or stayed locked during \(attempt) attempts; nothing was committed, re-run the command")
            }
            GitPOSIX.sleep(milliseconds: Int.random(in: 1...min(100, 5 * attempt)))
            attempt += 1

            base = try readBase()
            states = try pathStates(in: base.tree)
            try checkUnchanged(states, since: originalStates)
            try checkExpectedBase(base.tree)
            // Rebased over a concurrent commit that may already hold some of the writes: an empty
            // commit then still records the step.
            chain = try buildChain(on: base, states: states, refusingEmpty: false)
        }
    }

    // MARK: Index

    /// Replaces only the changed entries (stat data of the written files, our blob ids) and writes
    /// the index once. Returns the error instead of throwing: the caller undoes the commit.
    func updateIndex(_ index: GitIndexHandle, states: [String: GitPathState]) -> GitError? {
        do {
            // Re-read only if someone (git add…) wrote the index since the check: theirs is kept.
            try check(git_index_read(index.pointer, 0), "read the index")
            for write in plan.writes {
                var executable = false
                if case .file(_, let treeMode) = states[write.path]!, treeMode == GIT_FILEMODE_BLOB_EXECUTABLE { executable = true }
                try index.stage(write.path, blob: write.blob, executable: executable, workdir: workdir)
            }
            for path in plan.removals {
                try check(git_index_remove_bypath(index.pointer, path), "update the index", path: path)
            }
            if plan.touched.isEmpty { return nil }
            try index.write(retryingFor: .seconds(2), through: writer.writeIndex)
            return nil
        } catch let error as GitError {
            return error
        } catch {
            return GitError(.libgit2(-1), operation: "update the index", message: "\(error)")
        }
    }
}
