import Foundation
import Synchronization
import Testing
@testable import ReclamCore
@testable import ReclamGit

/// `GitWriteSession` keeps one repository, and so one in-memory index, across commits: what
/// other writers do between its commits must still be seen, and a failure must not leave its
/// index ahead of the file.
@Suite("GitWriteSession")
struct GitWriteSessionTests {
    private func add(_ path: String, _ text: String) -> Change {
        Change(summary: "Add \(path)", writes: [(path: path, contents: Data(text.utf8))], expectedBase: [path: nil])
    }

    @Test func commitsKeepWhatGitStagedAndCommittedBetweenThem() throws {
        let (sandbox, _) = try GitSandbox.withFiles(["reclam.yml": "language: fr\n"])
        let session = GitWriteSession(path: sandbox.root)
        _ = try session.commit(add("cases/a.md", "a\n"), by: .test)

        // Staged by hand between two commits of the session: still staged after the next one.
        try sandbox.write("notes/staged.txt", "staged\n")
        try sandbox.git("add", "notes/staged.txt")
        _ = try session.commit(add("cases/b.md", "b\n"), by: .test)
        #expect(try sandbox.git("diff", "--cached", "--name-only") == "notes/staged.txt\n")

        // Committed by hand: the session's next commit comes after it, and nothing is staged back.
        try sandbox.git("commit", "-q", "-m", "by hand")
        try sandbox.write("cases/a.md", "a by hand\n")
        try sandbox.git("commit", "-q", "-am", "edit by hand")
        _ = try session.commit(add("cases/c.md", "c\n"), by: .test)
        #expect(
            try sandbox.git("log", "--format=%s").split(separator: "\n") == [
                "Add cases/c.md", "edit by hand", "by hand", "Add cases/b.md", "Add cases/a.md", "Initial ledger",
            ])
        #expect(try sandbox.git("show", "HEAD:cases/a.md") == "a by hand\n")
        #expect(try sandbox.porcelain() == "")
        #expect(try sandbox.fsckIsClean())
        #expect(session.statistics.opened == 1)
    }

    @Test func aRefusedCommitOpensTheRepositoryAgainAndChangesNothing() throws {
        let (sandbox, _) = try GitSandbox.withFiles(["reclam.yml": "language: fr\n", "cases/a.md": "a\n"])
        let session = GitWriteSession(path: sandbox.root)
        _ = try session.commit(add("cases/b.md", "b\n"), by: .test)
        // An uncommitted edit of the file the next change writes: refused, nothing touched.
        try sandbox.write("cases/a.md", "edited, not committed\n")
        let change = Change(summary: "Rewrite a", writes: [(path: "cases/a.md", contents: Data("rewritten\n".utf8))])
        #expect(throws: GitError.self) { try session.commit(change, by: .test) }
        #expect(sandbox.read("cases/a.md") == "edited, not committed\n")
        #expect(try sandbox.porcelain() == " M cases/a.md\n")
        try sandbox.git("checkout", "--", "cases/a.md")
        _ = try session.commit(add("cases/c.md", "c\n"), by: .test)
        #expect(session.statistics.opened == 2)
        #expect(try sandbox.git("rev-list", "--count", "HEAD") == "3\n")
        #expect(try sandbox.porcelain() == "")
        #expect(try sandbox.fsckIsClean())
    }

    @Test func threadsSharingASessionKeepEveryCommit() throws {
        let (sandbox, _) = try GitSandbox.withFiles(["reclam.yml": "language: fr\n"])
        let session = GitWriteSession(path: sandbox.root)
        let threads = 6
        let each = 5
        let failures = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            for index in 0..<each {
                do {
                    _ = try session.commit(add("cases/t\(thread)-\(index).md", "\(thread) \(index)\n"), by: .test)
                } catch {
                    failures.withLock { $0 += 1 }
                }
            }
        }
        #expect(failures.withLock { $0 } == 0)
        #expect(try sandbox.git("rev-list", "--count", "HEAD") == "\(threads * each + 1)\n")
        #expect(try sandbox.git("ls-files", "cases").split(separator: "\n").count == threads * each)
        #expect(try sandbox.porcelain() == "")
        #expect(try sandbox.fsckIsClean())
    }

    // MARK: Commits made together

    private func signed(_ changes: [Change]) -> [(change: Change, author: Signature, committer: Signature)] {
        changes.map { (change: $0, author: .test, committer: .test) }
    }

    @Test func commitEachMakesOneCommitPerChangeInOrder() throws {
        let (sandbox, repository) = try GitSandbox.withFiles(["reclam.yml": "language: fr\n", "old.md": "old\n"])
        let base = try sandbox.head()
        var removal = Change(summary: "Remove old.md", removals: ["old.md"])
        removal.trailers = [(key: "Reclam-Case", value: "c3")]
        let results = try GitWriter(repository: repository).commit(
            each: signed([add("cases/a.md", "a\n"), add("cases/b/deep.md", "b\n"), removal]))
        #expect(results.count == 3)
        #expect(results.map(\.parent?.hex) == [base, results[0].commit.hex, results[1].commit.hex])
        #expect(try sandbox.head() == results[2].commit.hex)
        #expect(try sandbox.git("log", "--format=%s", "\(base)..HEAD") == "Remove old.md\nAdd cases/b/deep.md\nAdd cases/a.md\n")
        for (result, paths) in zip(results, [["cases/a.md"], ["cases/b/deep.md"], ["old.md"]]) {
            #expect(result.changedPaths == paths)
            #expect(try sandbox.git("show", "--name-only", "--format=", result.commit.hex) == paths.joined(separator: "\n") + "\n")
        }
        #expect(try sandbox.git("log", "-1", "--format=%(trailers:key=Reclam-Case,valueonly)") == "c3\n\n")
        #expect(try sandbox.porcelain() == "")
        #expect(!sandbox.exists("old.md"))
        #expect(try sandbox.fsckIsClean())
    }

    @Test func changesOfOneWriteTouchingOnePathAreRefusedAndNothingChanges() throws {
        let (sandbox, repository) = try GitSandbox.withFiles(["reclam.yml": "language: fr\n"])
        let before = try sandbox.snapshot()
        for pair in [
            [add("cases/a.md", "1\n"), add("cases/a.md", "2\n")],
            [add("cases/a", "file\n"), add("cases/a/b.md", "under\n")],
            [add("cases/a.md", "1\n"), Change(summary: "Expects a", expectedBase: ["cases/a.md": nil])],
        ] {
            #expect {
                try GitWriter(repository: repository).commit(each: signed(pair))
            } throws: { ($0 as? GitError)?.code == .invalidChange }
        }
        let after = try sandbox.snapshot()
        #expect(after.head == before.head && after.files == before.files)
        #expect(try sandbox.porcelain() == "")
    }

    @Test func aGroupIsRebasedOverACommitMadeDuringIt() throws {
        let (sandbox, repository) = try GitSandbox.withFiles(["reclam.yml": "language: fr\n"])
        var writer = GitWriter(repository: repository)
        writer.beforeReferenceUpdate = { attempt in
            guard attempt == 1 else { return }
            try sandbox.commitByHand("by-hand.md", "by hand\n", message: "by hand")
        }
        let results = try writer.commit(each: signed([add("cases/a.md", "a\n"), add("cases/b.md", "b\n")]))
        #expect(results.map(\.attempts) == [2, 2])
        #expect(try sandbox.git("log", "--format=%s") == "Add cases/b.md\nAdd cases/a.md\nby hand\nInitial ledger\n")
        #expect(try sandbox.porcelain() == "")
        #expect(try sandbox.fsckIsClean())
    }

    /// Holds `.git/reclam.lock` while threads commit through one session, so that the changes
    /// queue behind the first: they are committed together once the lock goes.
    private func commitWhileLocked(_ sandbox: GitSandbox, _ session: GitWriteSession, _ changes: [Change]) throws
        -> [Result<CommitResult, Error>]
    {
        let lock = try GitFileLock(path: sandbox.root + "/.git/reclam.lock", timeout: .seconds(5))
        let outcomes = Mutex([Result<CommitResult, Error>?](repeating: nil, count: changes.count))
        let group = DispatchGroup()
        for (index, change) in changes.enumerated() {
            group.enter()
            Thread {
                let outcome = Result { try session.commit(change, by: .test) }
                outcomes.withLock { $0[index] = outcome }
                group.leave()
            }.start()
            // In order: the first takes its change alone and waits for the lock; the others queue.
            Thread.sleep(forTimeInterval: 0.1)
        }
        Thread.sleep(forTimeInterval: 0.3)
        withExtendedLifetime(lock) {}
        _ = consume lock
        #expect(group.wait(timeout: .now() + 60) == .success)
        return outcomes.withLock { $0.map { $0! } }
    }

    @Test func changesArrivingDuringACommitAreCommittedTogether() throws {
        let (sandbox, _) = try GitSandbox.withFiles(["reclam.yml": "language: fr\n"])
        let session = GitWriteSession(path: sandbox.root)
        let changes = (0..<5).map { add("cases/c\($0).md", "\($0)\n") }
        let outcomes = try commitWhileLocked(sandbox, session, changes)
        let results = try outcomes.map { try $0.get() }
        #expect(session.statistics.writes == 2)
        #expect(try sandbox.git("log", "--format=%s", "-5").split(separator: "\n").reversed() == changes.map { Substring($0.summary) })
        for (index, result) in results.enumerated() {
            #expect(try sandbox.git("show", "--name-only", "--format=", result.commit.hex) == "cases/c\(index).md\n")
        }
        #expect(try sandbox.porcelain() == "")
        #expect(try sandbox.fsckIsClean())
    }

    @Test func aChangeRefusedInAGroupDoesNotRefuseTheOthers() throws {
        let (sandbox, _) = try GitSandbox.withFiles(["reclam.yml": "language: fr\n"])
        let session = GitWriteSession(path: sandbox.root)
        let stale = Change(
            summary: "Expects a file that is not there", writes: [(path: "cases/x.md", contents: Data("x\n".utf8))],
            expectedBase: ["cases/x.md": try GitRepository.hashBlob(Data("old x\n".utf8))])
        let changes = [add("cases/a.md", "a\n"), add("cases/b.md", "b\n"), stale, add("cases/d.md", "d\n")]
        let outcomes = try commitWhileLocked(sandbox, session, changes)
        #expect(throws: GitError.self) { try outcomes[2].get() }
        #expect((try? outcomes[0].get()) != nil && (try? outcomes[1].get()) != nil && (try? outcomes[3].get()) != nil)
        #expect(try sandbox.git("ls-files", "cases") == "cases/a.md\ncases/b.md\ncases/d.md\n")
        #expect(try sandbox.porcelain() == "")
        #expect(try sandbox.fsckIsClean())
    }
}
