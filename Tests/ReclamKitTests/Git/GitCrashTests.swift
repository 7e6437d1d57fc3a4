import Foundation
import Testing
@testable import ReclamCore
@testable import ReclamGit
@testable import ReclamKit
@testable import ReclamWorkflow

#if canImport(Glibc)
    import Glibc
#endif

/// A write killed at each of its steps, a full disk during the index write, and lock files
/// left behind: either nothing visible changed, or the commit exists and the work tree and
/// index agree with it — after the next command's recovery at the latest.
@Suite("GitWriter crash safety")
struct GitCrashTests {
    static let files = ["a.md": "original a\n", "old/c.md": "c\n", "other.md": "o\n"]

    /// Names of files a write may leave: reclam's temporaries and backups, libgit2's
    /// temporary objects, git's locks, the journal.
    static func leftovers(_ sandbox: GitSandbox) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: sandbox.root)!
        var found: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if name.contains(".reclam-") || name.hasPrefix("tmp_object") || (name.hasSuffix(".lock") && name != "reclam.lock")
                || relative == ".git/reclam/journal"
            {
                found.append(relative)
            }
        }
        return found.sorted()
    }

    /// Runs the helper's one write, killed at the `n`th time it reaches `step`; with `chain`,
    /// a write of two commits made together.
    static func killedWrite(_ sandbox: GitSandbox, at step: WriteStep, _ n: Int, chain: Bool = false) throws -> Process {
        let helper = try #require(stressHelper())
        let process = Process()
        process.executableURL = helper
        process.arguments = ["--kill-at", step.rawValue, "\(n)", sandbox.root] + (chain ? ["--chain"] : [])
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = sandbox.home
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process
    }

    static let kills: [(WriteStep, Int)] = [
        (.locked, 1), (.objectsCreated, 1), (.journalWritten, 1), (.fileWritten, 1), (.fileWritten, 2), (.fileWritten, 3),
        (.branchMoved, 1), (.indexWritten, 1),
    ]

    @Test(
        .enabled(if: stressHelper() != nil, "the git-stress helper is built next to the tests"),
        arguments: kills.indices, [false, true])
    func aWriteKilledAtAnyStepIsFinishedOrUndoneByTheNextCommand(kill: Int, chain: Bool) throws {
        let (step, n) = Self.kills[kill]
        let (sandbox, _) = try GitSandbox.withFiles(Self.files)
        let before = try sandbox.snapshot()
        let staged = try sandbox.git("ls-files", "--stage")
        let process = try Self.killedWrite(sandbox, at: step, n, chain: chain)
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL, "\(step) \(n)")
        #expect(try sandbox.fsckIsClean())

        _ = try InterruptedWrites.finish(ledgerRoot: URL(fileURLWithPath: sandbox.root))
        #expect(try sandbox.porcelain() == "", "\(step) \(n)")
        #expect(Self.leftovers(sandbox) == [], "\(step) \(n)")
        #expect(try sandbox.fsckIsClean())
        let moved = try sandbox.head() != before.head.trimmingCharacters(in: .whitespacesAndNewlines)
        if moved {
            #expect(
                try sandbox.git("log", "-2", "--format=%s")
                    == (chain ? "Killed write\nKilled write, first of two\n" : "Killed write\nInitial ledger\n"))
            if chain { #expect(try sandbox.git("show", "--name-only", "--format=", "HEAD") == "old/c.md\n") }
            #expect(sandbox.read("a.md") == "reclam a\n")
            #expect(sandbox.read("new/deep/b.md") == "b\n")
            #expect(!sandbox.exists("old"))
        } else {
            let after = try sandbox.snapshot()
            #expect(after.files == before.files, "\(step) \(n)")
            #expect(after.directories == before.directories, "\(step) \(n)")
            #expect(try sandbox.git("ls-files", "--stage") == staged, "\(step) \(n)")
            #expect(after.head == before.head && after.status == before.status, "\(step) \(n)")
        }
        // Killed once the branch moved, the write is finished; before, it is undone.
        #expect(moved == [.branchMoved, .indexWritten].contains(step), "\(step) \(n)")
        // And the ledger takes the next write.
        _ = try GitWriter(repository: GitRepository.open(at: sandbox.root)).commit(
            Change(summary: "Next", writes: [(path: "other.md", contents: Data(text: "next\n"))]), by: .test)
        #expect(try sandbox.porcelain() == "")
    }

    /// `reclam commit` of a hand edit writes the bytes the work tree already holds: undoing
    /// it must put back the edit, not the branch's version.
    @Test(
        .enabled(if: stressHelper() != nil, "the git-stress helper is built next to the tests"),
        arguments: kills.indices)
    func undoingAKilledCommitOfAHandEditKeepsTheEdit(kill: Int) throws {
        let (step, n) = Self.kills[kill]
        let (sandbox, _) = try GitSandbox.withFiles(Self.files)
        try sandbox.write("a.md", "reclam a\n")
        _ = try Self.killedWrite(sandbox, at: step, n)
        _ = try InterruptedWrites.finish(ledgerRoot: URL(fileURLWithPath: sandbox.root))
        #expect(sandbox.read("a.md") == "reclam a\n", "\(step) \(n)")
        let moved = try sandbox.git("log", "-1", "--format=%s") == "Killed write\n"
        #expect(try sandbox.porcelain() == (moved ? "" : " M a.md\n"), "\(step) \(n)")
        #expect(Self.leftovers(sandbox) == [], "\(step) \(n)")
    }

    @Test(.enabled(if: stressHelper() != nil, "the git-stress helper is built next to the tests"))
    func aWriterFinishesAKilledWriteBeforeItsOwn() throws {
        let (sandbox, repository) = try GitSandbox.withFiles(Self.files)
        _ = try Self.killedWrite(sandbox, at: .branchMoved, 1)
        #expect(try sandbox.porcelain() != "")
        let result = try GitWriter(repository: repository).commit(
            Change(summary: "Next", writes: [(path: "other.md", contents: Data(text: "next\n"))]), by: .test)
        #expect(result.recovered.first?.text(Messages(.en)).hasPrefix("finished an interrupted write") == true)
        #expect(try sandbox.git("log", "--format=%s") == "Next\nKilled write\nInitial ledger\n")
        #expect(try sandbox.porcelain() == "")
        #expect(Self.leftovers(sandbox) == [])
    }

    @Test(.enabled(if: stressHelper() != nil, "the git-stress helper is built next to the tests"))
    func aBranchMovedSinceTheKillNeedsDoctor() throws {
        let (sandbox, repository) = try GitSandbox.withFiles(Self.files)
        _ = try Self.killedWrite(sandbox, at: .branchMoved, 1)
        // A commit on top that does not touch the index (a plain 'git commit' would commit the
        // index left behind, undoing the killed write: that is why every command recovers first).
        try sandbox.shell("git update-ref refs/heads/main $(git commit-tree 'HEAD^{tree}' -p HEAD -m 'By hand')")
        let root = URL(fileURLWithPath: sandbox.root)
        var message = ""
        do { _ = try InterruptedWrites.finish(ledgerRoot: root) } catch { message = error.message }
        #expect(message.contains("was interrupted and the branch has moved since"))
        #expect(message.contains("reclam doctor --fix"))
        // Every write refuses too, before touching anything.
        let error = gitError {
            _ = try GitWriter(repository: repository).commit(
                Change(summary: "Next", writes: [(path: "other.md", contents: Data(text: "next\n"))]), by: .test)
        }
        #expect(error?.code == .interruptedWrite)
        let outcome = try WriteRecovery(repository: repository).recover(mode: .force)
        #expect(outcome.finishedWrite)
        #expect(try sandbox.porcelain() == "")
        #expect(sandbox.read("a.md") == "reclam a\n")
        #expect(Self.leftovers(sandbox) == [])
    }

    @Test func aFullDiskDuringTheIndexWriteUndoesTheCommit() throws {
        let (sandbox, repository) = try GitSandbox.withFiles(Self.files)
        let before = try sandbox.snapshot()
        var writer = GitWriter(repository: repository)
        writer.writeIndex = { _ in throw GitError.system(ENOSPC, operation: "write the index") }
        let change = Change(
            summary: "Will not fit",
            writes: [(path: "a.md", contents: Data(text: "reclam a\n")), (path: "new/b.md", contents: Data(text: "b\n"))],
            removals: ["old/c.md"])
        let error = gitError { _ = try writer.commit(change, by: .test) }
        #expect(error?.message.contains("the commit was undone and nothing changed") == true)
        #expect(error?.message.contains("No space left on device") == true)
        #expect(try sandbox.snapshot() == before)
        #expect(Self.leftovers(sandbox) == [])
        #expect(try sandbox.git("reflog", "-1", "--format=%gs", "refs/heads/main").contains("undo commit"))
    }

    @Test func aStaleIndexLockIsNamedAndNothingIsTouched() throws {
        let (sandbox, repository) = try GitSandbox.withFiles(Self.files)
        try sandbox.write(".git/index.lock", "")
        let old = Date(timeIntervalSinceNow: -300)
        try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: sandbox.path(".git/index.lock"))
        let before = try sandbox.snapshot()
        let writer = GitWriter(repository: repository, lockTimeout: .milliseconds(300))
        let error = gitError {
            _ = try writer.commit(Change(summary: "x", writes: [(path: "a.md", contents: Data(text: "x\n"))]), by: .test)
        }
        #expect(error?.code == .gitLocked)
        #expect(error?.path == ".git/index.lock")
        #expect(error?.message.contains("5 min old, no process has it open") == true)
        #expect(error?.message.contains("reclam doctor --fix") == true)
        #expect(try sandbox.snapshot() == before)
    }

    @Test func aStaleBranchLockIsNamedInsteadOfRetryingForever() throws {
        let (sandbox, repository) = try GitSandbox.withFiles(Self.files)
        try sandbox.write(".git/refs/heads/main.lock", "")
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSinceNow: -30)], ofItemAtPath: sandbox.path(".git/refs/heads/main.lock"))
        let writer = GitWriter(repository: repository, lockTimeout: .milliseconds(300))
        let error = gitError {
            _ = try writer.commit(Change(summary: "x", writes: [(path: "a.md", contents: Data(text: "x\n"))]), by: .test)
        }
        #expect(error?.code == .gitLocked)
        #expect(error?.message.contains(".git/refs/heads/main.lock (30 s old, no process has it open)") == true)
        #expect(sandbox.read("a.md") == "original a\n")
    }

    @Test func aLockHeldByARunningProcessIsNamedWithIt() throws {
        let (sandbox, repository) = try GitSandbox.withFiles(Self.files)
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/bin/sh")
        holder.arguments = ["-c", "exec sleep 30 3>>\"$1\"", "sh", sandbox.path(".git/index.lock")]
        try holder.run()
        defer {
            kill(holder.processIdentifier, SIGKILL)
            holder.waitUntilExit()
        }
        // Wait for the shell to open the file.
        for _ in 0..<100 where !sandbox.exists(".git/index.lock") { usleep(10_000) }
        usleep(50_000)
        let writer = GitWriter(repository: repository, lockTimeout: .milliseconds(300))
        let error = gitError {
            _ = try writer.commit(Change(summary: "x", writes: [(path: "a.md", contents: Data(text: "x\n"))]), by: .test)
        }
        #expect(error?.code == .gitLocked)
        #expect(error?.message.contains("held by sleep (pid \(holder.processIdentifier))") == true, "\(error?.message ?? "")")
        #expect(sandbox.read("a.md") == "original a\n")
    }
}
