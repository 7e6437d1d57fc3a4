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

/// What `reclam doctor` finds in the repository under a ledger, and how each is repaired:
/// a write that was killed, stale lock files, temporary files left behind, and ledger files
/// whose index entry or work-tree copy is behind the branch — the marks a killed write (or a
/// reclam older than the journal) leaves. It reads only; `repair` changes things.
public struct RepositoryCheckup {
    public struct Finding: Sendable {
        public var diagnostic: Diagnostic
        /// nil when the finding needs a person (an edit to commit or drop, a running command).
        let repair: Repair?
        public var isRepairable: Bool { repair != nil }
    }

    enum Repair: Sendable {
        case finishWrite
        case removeLock(String)
        case removeFile(String)
        /// Brings a path to its version in HEAD (nil: absent), in the index and, when
        /// `workTree`, in the work tree.
        case restore(path: String, head: ObjectID?, executable: Bool, workTree: Bool)
    }

    let repository: GitRepository
    /// The files reclam writes (case, learner and action files, the outbox…): only these are
    /// compared with the branch.
    let owns: (String) -> Bool
    /// The words of the findings and repairs, in the ledger's language.
    public var messages = Messages(.en)

    public init(repository: GitRepository, owns: @escaping (String) -> Bool) {
        self.repository = repository
        self.owns = owns
    }

    // MARK: Looking

    public func findings() throws -> [Finding] {
        let m = messages
        var findings: [Finding] = []
        let gitDirectory = repository.gitDirectory
        let reclamHolder = repository.reclamLockHolder()
        if let reclamHolder {
            findings.append(
                Finding(
                    diagnostic: Diagnostic(
                        .doctorLockHeld, m.format(.doctorReclamWriting, reclamHolder.text(m)),
                        file: ".git/reclam.lock"),
                    repair: nil))
        }
        if reclamHolder == nil, let journal = try WriteJournal.read(gitDirectory: gitDirectory) {
            let paths = journal.items.map(\.path).joined(separator: ", ")
            findings.append(
                Finding(
                    diagnostic: Diagnostic(
                        .doctorInterruptedWrite,
                        m.format(.doctorKilledWrite, journal.commit.short, paths),
                        file: ".git/reclam/journal"),
                    repair: .finishWrite))
        }
        for lock in try repository.presentLockFiles() {
            if lock.isStale() {
                findings.append(
                    Finding(
                        diagnostic: Diagnostic(
                            .doctorStaleLock, m.format(.doctorStaleLockFound, lock.description(m)),
                            file: lock.displayPath),
                        repair: .removeLock(lock.path)))
            } else {
                findings.append(
                    Finding(
                        diagnostic: Diagnostic(
                            .doctorLockHeld, m.format(.doctorGitBusy, lock.description(m)), file: lock.displayPath),
                        repair: nil))
            }
        }
        if reclamHolder == nil {
            for path in temporaryFiles() {
                findings.append(
                    Finding(
                        diagnostic: Diagnostic(
                            .doctorTemporaryFile, m[.doctorTemporary], file: display(path)),
                        repair: .removeFile(path)))
            }
            findings += try pathsBehind()
        }
        return findings
    }

    private func display(_ path: String) -> String {
        if let workdir = repository.workdir, path.hasPrefix(workdir + "/") { return String(path.dropFirst(workdir.count + 1)) }
        return path
    }

    /// reclam's temporary files and backups in the work tree, temporary journals, libgit2's
    /// temporary objects. Call only while no reclam command writes.
    func temporaryFiles() -> [String] {
        var found = WriteJournal.leftovers(gitDirectory: repository.gitDirectory)
        found += WriteRecovery.temporaryObjects(commonDirectory: repository.commonDirectory)
        if let workdir = repository.workdir, let enumerator = FileManager.default.enumerator(atPath: workdir) {
            while let relative = enumerator.nextObject() as? String {
                if relative == ".git" {
                    enumerator.skipDescendants()
                    continue
                }
                if GitPOSIX.isTemporaryName((relative as NSString).lastPathComponent) { found.append(workdir + "/" + relative) }
            }
        }
        // Those a journal names are the journal's: finishing the write deals with them.
        return found.filter { !$0.hasSuffix("/journal") }
    }

    /// Ledger files that differ from the branch, sorted into what a killed write left (the
    /// index or the work tree holds the version before the branch's last change) and edits.
    func pathsBehind() throws -> [Finding] {
        guard let workdir = repository.workdir, let tip = try repository.tipCommitID() else { return [] }
        let tree = try repository.commitTree(tip)
        let index = try GitIndexHandle.of(repository.pointer)
        try check(git_index_read(index.pointer, 1), "read the index")
        var findings: [Finding] = []
        for entry in try repository.status() where owns(entry.path) {
            let path = entry.path
            // Listed as temporary files already.
            if GitPOSIX.isTemporaryName((path as NSString).lastPathComponent) { continue }
            if entry.status.contains(.conflicted) {
                findings.append(
                    Finding(
                        diagnostic: Diagnostic(.doctorUncommitted, messages[.doctorConflict], file: path),
                        repair: nil))
                continue
            }
            var headBlob: ObjectID?
            var executable = false
            if let item = try GitTreeEntryHandle.bypath(tree, path), item.type == GIT_OBJECT_BLOB {
                headBlob = ObjectID(item.id)
                executable = item.filemode == GIT_FILEMODE_BLOB_EXECUTABLE
            }
            let staged = index.blobID(at: path)
            let workTreeMatchesIndex = entry.status.isDisjoint(with: [
                .workTreeNew, .workTreeModified, .workTreeDeleted, .workTreeTypeChange, .workTreeRenamed,
            ])
            let working = try workTreeBlob(workdir + "/" + path)
            let previous = try previousVersion(of: path, head: tip, headBlob: headBlob)
            let indexBehind = staged != headBlob && previous.map { $0 == staged } == true
            if indexBehind && (working == headBlob || workTreeMatchesIndex) {
                let both = working != headBlob
                findings.append(
                    Finding(
                        diagnostic: Diagnostic(
                            .doctorIndexBehind,
                            messages[both ? .doctorIndexAndFileBehind : .doctorIndexBehind],
                            file: path),
                        repair: .restore(path: path, head: headBlob, executable: executable, workTree: both)))
            } else if staged == headBlob && working != headBlob && previous.map({ $0 == working }) == true {
                findings.append(
                    Finding(
                        diagnostic: Diagnostic(
                            .doctorWorkTreeBehind,
                            messages[.doctorFileBehind],
                            file: path),
                        repair: .restore(path: path, head: headBlob, executable: executable, workTree: true)))
            } else {
                findings.append(Finding(diagnostic: Diagnostic(.doctorUncommitted, "changed but not committed", file: path), repair: nil))
            }
        }
        return findings
    }

    /// The blob id of the work-tree file's bytes; nil when absent.
    private func workTreeBlob(_ fullPath: String) throws -> ObjectID? {
        guard let info = try GitPOSIX.lstatOrNil(fullPath, operation: "check the work tree", displayPath: fullPath),
            info.st_mode & GitPOSIX.typeMask == GitPOSIX.regularType
        else { return nil }
        return try GitRepository.hashBlob(GitPOSIX.readFile(fullPath, operation: "check the work tree", displayPath: fullPath))
    }

    /// The path's version just before the last commit that changed it (following first
    /// parents, at most 1 000 commits back): `.some(nil)` when that commit created it, nil
    /// when no such commit was found.
    private func previousVersion(of path: String, head: ObjectID, headBlob: ObjectID?) throws -> ObjectID?? {
        var commit = try GitCommitHandle.lookup(repository.pointer, head.oid)
        for _ in 0..<1000 {
            guard git_commit_parentcount(commit.pointer) > 0, let parentID = git_commit_parent_id(commit.pointer, 0) else {
                return headBlob == nil ? nil : .some(nil)
            }
            let parent = try GitCommitHandle.lookup(repository.pointer, parentID.pointee)
            var blob: ObjectID?
            if let item = try GitTreeEntryHandle.bypath(try parent.tree(), path), item.type == GIT_OBJECT_BLOB {
                blob = ObjectID(item.id)
            }
            if blob != headBlob { return .some(blob) }
            commit = parent
        }
        return nil
    }

    // MARK: Repairing

    /// Repairs what can be repaired, under `.git/reclam.lock`; returns one line per repair.
    public func repair(_ findings: [Finding], lockTimeout: Duration = .seconds(10)) throws -> [String] {
        let lock = try GitFileLock(path: repository.commonDirectory + "/reclam.lock", timeout: lockTimeout)
        return try withExtendedLifetime(lock) {
            var done: [String] = []
            // The journal first: it deals with its own temporary files and locks.
            if findings.contains(where: { if case .finishWrite = $0.repair { true } else { false } }) {
                done += try WriteRecovery(repository: repository).recover(mode: .force).notes.map { $0.text(messages) }
            }
            var restores: [(path: String, head: ObjectID?, executable: Bool, workTree: Bool)] = []
            for finding in findings {
                switch finding.repair {
                case .removeLock(let path):
                    // Looked at again: a git command may have started since.
                    guard
                        let lock = GitLockFile.inspect(
                            path, displayPath: finding.diagnostic.file, workdir: repository.workdir,
                            gitDirectory: repository.gitDirectory),
                        lock.isStale()
                    else { continue }
                    if let code = GitPOSIX.removeIfPresent(path) {
                        throw GitError.system(code, operation: "remove a stale lock", path: finding.diagnostic.file)
                    }
                    done.append(messages.format(.doctorRemoved, finding.diagnostic.file))
                case .removeFile(let path):
                    if GitPOSIX.removeIfPresent(path) == nil { done.append(messages.format(.doctorRemoved, finding.diagnostic.file)) }
                case .restore(let path, let head, let executable, let workTree):
                    restores.append((path, head, executable, workTree))
                case .finishWrite, nil:
                    continue
                }
            }
            if !restores.isEmpty { done += try restore(restores) }
            return done
        }
    }

    private func restore(_ paths: [(path: String, head: ObjectID?, executable: Bool, workTree: Bool)]) throws -> [String] {
        guard let workdir = repository.workdir else { return [] }
        let index = try GitIndexHandle.of(repository.pointer)
        try check(git_index_read(index.pointer, 1), "read the index")
        var done: [String] = []
        for (path, head, executable, workTree) in paths {
            let fullPath = workdir + "/" + path
            if workTree {
                if let head {
                    try GitPOSIX.atomicWrite(
                        try repository.blobData(head.oid), to: fullPath, mode: executable ? 0o755 : nil, operation: "repair the work tree",
                        displayPath: path)
                } else if let code = GitPOSIX.removeIfPresent(fullPath) {
                    throw GitError.system(code, operation: "repair the work tree", path: path)
                }
            }
            if let head {
                let matches = try workTreeBlob(fullPath) == head
                try index.stage(path, blob: head.oid, executable: executable, workdir: workdir, fromWorkTree: matches)
            } else {
                try check(git_index_remove_bypath(index.pointer, path), "update the index", path: path)
            }
            done.append(messages.format(.doctorUpToDate, path, messages[workTree ? .doctorIndexAndWorkTree : .doctorIndexOnly]))
        }
        try index.write(retryingFor: .seconds(2))
        return done
    }
}
