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
        #expect(session.opened == 1)
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
        #expect(session.opened == 2)
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
}
