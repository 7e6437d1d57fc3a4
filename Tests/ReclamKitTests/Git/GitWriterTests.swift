import Foundation
import Testing
@testable import ReclamCore
@testable import ReclamGit
@testable import ReclamKit
@testable import ReclamLedger
@testable import ReclamOutput
@testable import ReclamRules
@testable import ReclamWorkflow

@Suite("GitWriter")
struct GitWriterTests {
    @Test func firstCommitOnAnUnbornBranch() throws {
        let (sandbox, repository) = try GitSandbox.initialized()
        let change = Change(
            summary: "Create ledger",
            writes: [
                (path: "reclam.yml", contents: Data(text: "language: fr\n")),
                (path: "cases/stg-1/learner.md", contents: Data(text: "---\nid: stg-1\n---\n")),
            ])
        let result = try GitWriter(repository: repository).commit(change, by: .test)

        #expect(result.parent == nil)
        #expect(result.attempts == 1)
        #expect(result.recovered.isEmpty)
        #expect(result.changedPaths == ["cases/stg-1/learner.md", "reclam.yml"])
        #expect(try sandbox.head() == result.commit.hex)
        #expect(try repository.tipCommitID() == result.commit)
        #expect(
            try sandbox.git("log", "--format=%s|%an|%ae|%ad", "--date=iso-strict")
                == "Create ledger|Claire Martin|claire.martin@example.org|2026-10-05T09:12:00+02:00\n")
        #expect(try sandbox.git("ls-tree", "-r", "--name-only", "HEAD") == "cases/stg-1/learner.md\nreclam.yml\n")
        #expect(sandbox.read("reclam.yml") == "language: fr\n")
        #expect(try sandbox.porcelain() == "")
        #expect(try sandbox.git("diff", "--cached", "--name-only") == "")
        #expect(try sandbox.fsckIsClean())
        #expect(try sandbox.git("reflog", "-1", "--format=%gs", "refs/heads/main") == "commit (initial): Create ledger\n")
    }

    @Test func secondCommitTouchesOnlyItsFile() throws {
        let (sandbox, repository) = try GitSandbox.withFiles(["a.md": "a\n", "b.md": "b\n", "dir/c.md": "c\n"])
        let first = try sandbox.head()
        let change = Change(summary: "Edit a", writes: [(path: "a.md", contents: Data(text: "a2\n"))])
        let result = try GitWriter(repository: repository).commit(change, by: .test)

        #expect(result.parent?.hex == first)
        #expect(try sandbox.git("show", "--stat", "--format=", "HEAD").contains("a.md | 2 +-"))
        #expect(try sandbox.git("show", "--name-only", "--format=", "HEAD") == "a.md\n")
        #expect(try sandbox.git("rev-list", "--count", "HEAD") == "2\n")
        #expect(try sandbox.porcelain() == "")
        #expect(try sandbox.fsckIsClean())
    }

    @Test func trailersAreReadableByGitLog() throws {
        let (sandbox, repository) = try GitSandbox.withFiles(["a.md": "a\n"])
        let change = Change(
            summary: "Acknowledge 20261005-k7p3",
            body: "Acknowledgement sent.\n\nSecond paragraph.\n",
            writes: [(path: "a.md", contents: Data(text: "b\n"))],
            trailers: [
                (key: "Reclam-Case", value: "20261005-k7p3"),
                (key: "Reclam-Transition", value: "received -> acknowledged"),
            ])
        _ = try GitWriter(repository: repository).commit(change, by: .test)
        #expect(
            try sandbox.git("log", "-1", "--format=%(trailers)")
                == "Reclam-Case: 20261005-k7p3\nReclam-Transition: received -> acknowledged\n\n")
        #expect(try sandbox.git("log", "-1", "--format=%(trailers:key=Reclam-Case,valueonly)") == "20261005-k7p3\n\n")
        #expect(
            try sandbox.git("log", "-1", "--format=%B")
                == "Acknowledge 20261005-k7p3\n\nAcknowledgement sent.\n\nSecond paragraph.\n\nReclam-Case: 20261005-k7p3\nReclam-Transition: received -> acknowledged\n\n"
        )
        #expect(try sandbox.fsckIsClean())
    }

    @Test(arguments: ["../x", ".git/config", "/tmp/x", "a//b", "a\\b", "cases/../../x", ""])
    func unsafePathsAreRefusedBeforeAnythingIsTouched(path: String) throws {
        let (sandbox, repository) = try GitSandbox.withFiles(["a.md": "a\n"])
        let before = try sandbox.snapshot()
        let change = Change(
            summary: "Bad",
            writes: [(path: "a.md", contents: Data(text: "changed\n")), (path: path, contents: Data(text: "x"))])
        let error = gitError { _ = try GitWriter(repository: repository).commit(change, by: .test) }
        #expect(error?.code == .invalidPath)
        #expect(error?.path == path)
        #expect(try sandbox.snapshot() == before)
        let removal = Change(summary: "Bad", removals: [path])
        #expect(gitError { _ = try GitWriter(repository: repository).commit(removal, by: .test) }?.code == .invalidPath)
        #expect(try sandbox.snapshot() == before)
    }

    @Test func malformedChangesAreRefused() throws {
        let (sandbox, repository) = try GitSandbox.withFiles(["a.md": "a\n", "dir/b.md": "b\n"])
        let before = try sandbox.snapshot()
        let writer = GitWriter(repository: repository)
        let data = Data(text: "x\n")
        let cases: [Change] = [
            Change(summary: "", writes: [(path: "a.md", contents: data)]),
            Change(summary: "two\nlines", writes: [(path: "a.md", contents: data)]),
            Change(summary: "dup", writes: [(path: "a.md", contents: data), (path: "a.md", contents: data)]),
            Change(summary: "dup", writes: [(path: "a.md", contents: data)], removals: ["a.md"]),
            Change(summary: "file and dir", writes: [(path: "x", contents: data), (path: "x/y", contents: data)]),
            Change(summary: "trailer", writes: [(path: "a.md", contents: data)], trailers: [(key: "Bad Key", value: "v")]),
            Change(summary: "trailer", writes: [(path: "a.md", contents: data)], trailers: [(key: "Key", value: "two\nlines")]),
            Change(summary: "nothing"),
            Change(summary: "directory", writes: [(path: "dir", contents: data)]),
        ]
        for change in cases {
            let error = gitError { _ = try writer.commit(change, by: .test) }
            #expect(error?.code == .invalidChange, "\(change.summary)")
        }
        #expect(gitError { _ = try writer.commit(Change(summary: "rm", removals: ["nope.md"]), by: .test) }?.code == .notFound)
        #expect(
            gitError { _ = try writer.commit(Change(summary: "same", writes: [(path: "a.md", contents: Data(text: "a\n"))]), by: .test) }?
                .code == .nothingToCommit)
        #expect(try sandbox.snapshot() == before)
    }

    @Test func uncommittedEditsAreNeverOverwritten() throws {
        let (sandbox, repository) = try GitSandbox.withFiles(["a.md": "a\n"])
        try sandbox.write("a.md", "user's unsaved edit\n")
        let before = try sandbox.snapshot()
        let change = Change(summary: "Edit a", writes: [(path: "a.md", contents: Data(text: "reclam\n"))])
        let writer = GitWriter(repository: repository)

        let error = gitError { _ = try writer.commit(change, by: .test) }
        #expect(error?.code == .uncommittedChanges)
        #expect(error?.path == "a.md")
        #expect(error?.message.contains("uncommitted changes") == true)
        #expect(sandbox.read("a.md") == "user's unsaved edit\n")
        #expect(try sandbox.snapshot() == before)

        // Staged but not committed: refused too.
        try sandbox.git("add", "a.md")
        #expect(gitError { _ = try writer.commit(change, by: .test) }?.code == .uncommittedChanges)
        // Deleting the file is refused as well.
        #expect(gitError { _ = try writer.commit(Change(summary: "rm", removals: ["a.md"]), by: .test) }?.code == .uncommittedChanges)
        #expect(sandbox.read("a.md") == "user's unsaved edit\n")
    }

    // The writer decides "uncommitted" from the index it loads once, not with git_status_file:
    // these pin the cases where stat data and bytes disagree, with git status as the witness.

    @Test func aFileOnlyTouchedIsNotAnEdit() throws {
        let (sandbox, repository) = try GitSandbox.withFiles(["a.md": "a\n"])
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 3600)], ofItemAtPath: sandbox.path("a.md"))
        #expect(try sandbox.porcelain() == "")
        _ = try GitWriter(repository: repository).commit(
            Change(summary: "Edit a", writes: [(path: "a.md", contents: Data(text: "a2\n"))]), by: .test)
        #expect(try sandbox.git("show", "HEAD:a.md") == "a2\n")
        #expect(try sandbox.porcelain() == "")
    }

    @Test func anEditOfTheSameSizeIsSeen() throws {
        let (sandbox, repository) = try GitSandbox.withFiles(["a.md": "a\n"])
        try sandbox.write("a.md", "b\n")
        #expect(try sandbox.porcelain() == " M a.md\n")
        let error = gitError {
            _ = try GitWriter(repository: repository).commit(
                Change(summary: "Edit a", writes: [(path: "a.md", contents: Data(text: "a2\n"))]), by: .test)
        }
        #expect(error?.code == .uncommittedChanges)
        #expect(sandbox.read("a.md") == "b\n")
    }

    @Test func anExecutableBitAddedByHandIsAnEditUnlessGitIgnoresModes() throws {
        let (sandbox, repository) = try GitSandbox.withFiles(["a.md": "a\n"])
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: sandbox.path("a.md"))
        #expect(try sandbox.porcelain() == " M a.md\n")
        let change = Change(summary: "Edit a", writes: [(path: "a.md", contents: Data(text: "a2\n"))])
        #expect(gitError { _ = try GitWriter(repository: repository).commit(change, by: .test) }?.code == .uncommittedChanges)

        try sandbox.git("config", "core.fileMode", "false")
        #expect(try sandbox.porcelain() == "")
        _ = try GitWriter(repository: try GitRepository.open(at: sandbox.root)).commit(change, by: .test)
        #expect(try sandbox.git("show", "HEAD:a.md") == "a2\n")
        #expect(try sandbox.porcelain() == "")
    }

    @Test func lineEndingFiltersApplyBeforeComparing() throws {
        let (sandbox, repository) = try GitSandbox.withFiles([".gitattributes": "*.md text eol=crlf\n", "keep.md": "k\n"])
        try sandbox.write("a.md", "a\r\nb\r\n")
        try sandbox.git("add", "a.md")
        try sandbox.git("commit", "-q", "-m", "crlf")
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 3600)], ofItemAtPath: sandbox.path("a.md"))
        #expect(try sandbox.porcelain() == "")
        _ = try GitWriter(repository: repository).commit(
            Change(summary: "Edit a", writes: [(path: "a.md", contents: Data(text: "a\r\nc\r\n"))]), by: .test)
        #expect(try sandbox.git("log", "-1", "--format=%s") == "Edit a\n")
        #expect(sandbox.read("a.md") == "a\r\nc\r\n")
    }

    @Test func untrackedFilesInTheWayAreNotOverwritten() throws {
        let (sandbox, repository) = try GitSandbox.withFiles(["a.md": "a\n", ".gitignore": "*.tmp\n"])
        try sandbox.write("new.md", "untracked\n")
        try sandbox.write("ignored.tmp", "ignored\n")
        let writer = GitWriter(repository: repository)
        for path in ["new.md", "ignored.tmp"] {
            let error = gitError {
                _ = try writer.commit(Change(summary: "x", writes: [(path: path, contents: Data(text: "mine\n"))]), by: .test)
            }
            #expect(error?.code == .uncommittedChanges)
        }
        #expect(sandbox.read("new.md") == "untracked\n")
        #expect(sandbox.read("ignored.tmp") == "ignored\n")
    }

    @Test func anEditAlreadyEqualToTheNewContentIsCommitted() throws {
        let (sandbox, repository) = try GitSandbox.withFiles(["a.md": "a\n"])
        try sandbox.write("a.md", "new\n")
        let change = Change(summary: "Edit a", writes: [(path: "a.md", contents: Data(text: "new\n"))])
        _ = try GitWriter(repository: repository).commit(change, by: .test)
        #expect(try sandbox.porcelain() == "")
        #expect(try sandbox.git("show", "HEAD:a.md") == "new\n")
    }

    @Test func otherUserEditsStayModifiedAndUncommitted() throws {
        let (sandbox, repository) = try GitSandbox.withFiles(["a.md": "a\n", "b.md": "b\n"])
        try sandbox.write("b.md", "user edit\n")
        try sandbox.write("notes.txt", "untracked\n")
        let change = Change(summary: "Edit a", writes: [(path: "a.md", contents: Data(text: "a2\n"))])
        _ = try GitWriter(repository: repository).commit(change, by: .test)

        #expect(try sandbox.porcelain() == " M b.md\n?? notes.txt\n")
        #expect(sandbox.read("b.md") == "user edit\n")
        #expect(try sandbox.git("show", "HEAD:b.md") == "b\n")
        #expect(try sandbox.git("show", "--name-only", "--format=", "HEAD") == "a.md\n")
        #expect(try sandbox.git("diff", "--cached", "--name-only") == "")
    }

    @Test func removalsDeleteTheFileAndPruneEmptyDirectories() throws {
        let (sandbox, repository) = try GitSandbox.withFiles(["keep.md": "k\n", "outbox/2026/a.eml": "a\n", "outbox/b.eml": "b\n"])
        _ = try GitWriter(repository: repository).commit(Change(summary: "Remove a", removals: ["outbox/2026/a.eml"]), by: .test)
        #expect(!sandbox.exists("outbox/2026"))
        #expect(sandbox.exists("outbox/b.eml"))
        #expect(try sandbox.git("show", "--name-status", "--format=", "HEAD") == "D\toutbox/2026/a.eml\n")
        #expect(try sandbox.porcelain() == "")
        _ = try GitWriter(repository: repository).commit(Change(summary: "Remove b", removals: ["outbox/b.eml"]), by: .test)
        #expect(!sandbox.exists("outbox"))
        #expect(try sandbox.porcelain() == "")
        #expect(try sandbox.fsckIsClean())
    }

    @Test func newFilesInNewDirectoriesAndExecutableBitsKept() throws {
        let (sandbox, repository) = try GitSandbox.withFiles(["tool.sh": "#!/bin/sh\n"])
        try sandbox.git("update-index", "--chmod=+x", "tool.sh")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: sandbox.path("tool.sh"))
        try sandbox.git("commit", "-q", "-m", "exec")
        let change = Change(
            summary: "Two",
            writes: [
                (path: "tool.sh", contents: Data(text: "#!/bin/sh\necho\n")),
                (path: "cases/stg-9/20261005-abcd.md", contents: Data(text: "case\n")),
            ])
        _ = try GitWriter(repository: repository).commit(change, by: .test)
        #expect(try sandbox.git("ls-tree", "HEAD", "tool.sh").hasPrefix("100755 "))
        let mode = try FileManager.default.attributesOfItem(atPath: sandbox.path("tool.sh"))[.posixPermissions] as? Int
        #expect(mode == 0o755)
        #expect(try sandbox.porcelain() == "")
        #expect(try sandbox.fsckIsClean())
    }

    @Test func expectedBaseMismatchIsAConflict() throws {
        let (sandbox, repository) = try GitSandbox.withFiles(["a.md": "a\n", "b.md": "b\n"])
        let tip = try #require(try repository.tipCommitID())
        let aID = try #require(try repository.blobID(at: "a.md", in: tip))
        let bID = try #require(try repository.blobID(at: "b.md", in: tip))
        let before = try sandbox.snapshot()
        let writer = GitWriter(repository: repository)
        let write = [(path: "a.md", contents: Data(text: "new\n"))]

        for expected in [["a.md": bID], ["a.md": nil], ["c.md": aID]] as [[String: ObjectID?]] {
            let error = gitError { _ = try writer.commit(Change(summary: "x", writes: write, expectedBase: expected), by: .test) }
            #expect(error?.code == .conflict)
            #expect(error?.message.contains("re-run") == true)
            #expect(try sandbox.snapshot() == before)
        }
        _ = try writer.commit(Change(summary: "ok", writes: write, expectedBase: ["a.md": aID, "c.md": nil, "b.md": bID]), by: .test)
        #expect(try sandbox.git("show", "HEAD:a.md") == "new\n")
    }

    @Test func failureBeforeTheRefMovesRestoresEverything() throws {
        let (sandbox, repository) = try GitSandbox.withFiles([
            "a.md": "original a\n", "old/c.md": "c\n", "other.md": "o\n",
        ])
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: sandbox.path("old/c.md"))
        try sandbox.git("update-index", "--refresh")
        try sandbox.write("other.md", "user edit\n")
        let before = try sandbox.snapshot()

        struct Boom: Error {}
        var writer = GitWriter(repository: repository)
        writer.beforeReferenceUpdate = { _ in
            // The work tree has been written at this point.
            #expect(sandbox.read("a.md") == "reclam a\n")
            #expect(sandbox.exists("new/deep/b.md"))
            #expect(!sandbox.exists("old/c.md"))
            throw Boom()
        }
        let change = Change(
            summary: "Will fail",
            writes: [
                (path: "a.md", contents: Data(text: "reclam a\n")),
                (path: "new/deep/b.md", contents: Data(text: "b\n")),
            ],
            removals: ["old/c.md"])
        #expect(throws: Boom.self) { _ = try writer.commit(change, by: .test) }

        #expect(try sandbox.snapshot() == before)
        #expect(!sandbox.exists("new"))
        let mode = try FileManager.default.attributesOfItem(atPath: sandbox.path("old/c.md"))[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try sandbox.porcelain() == " M other.md\n")
        // The lock was released: the next write goes through.
        _ = try GitWriter(repository: repository).commit(
            Change(summary: "Now", writes: [(path: "a.md", contents: Data(text: "x\n"))]), by: .test)
    }

    @Test func aConcurrentCLICommitIsRebasedOverNotOverwritten() throws {
        let (sandbox, repository) = try GitSandbox.withFiles(["a.md": "a\n"])
        let start = try sandbox.head()
        var writer = GitWriter(repository: repository)
        var cliCommit = ""
        writer.beforeReferenceUpdate = { attempt in
            guard attempt == 1 else { return }
            try sandbox.commitByHand("cli.md", "from the git CLI\n", message: "CLI commit")
            cliCommit = try sandbox.head()
        }
        let change = Change(
            summary: "Reclam commit", writes: [(path: "cases/x.md", contents: Data(text: "x\n"))],
            expectedBase: ["cases/x.md": nil])
        let result = try writer.commit(change, by: .test)

        #expect(result.attempts == 2)
        #expect(result.parent?.hex == cliCommit)
        #expect(cliCommit != start)
        #expect(try sandbox.git("log", "--format=%s") == "Reclam commit\nCLI commit\nInitial ledger\n")
        #expect(try sandbox.git("ls-tree", "-r", "--name-only", "HEAD") == "a.md\ncases/x.md\ncli.md\n")
        #expect(try sandbox.porcelain() == "")
        #expect(try sandbox.fsckIsClean())
    }

    @Test func aConcurrentCommitOfTheSameFileIsAConflict() throws {
        let (sandbox, repository) = try GitSandbox.withFiles(["a.md": "a\n"])
        let before = try sandbox.snapshot()
        var writer = GitWriter(repository: repository)
        writer.beforeReferenceUpdate = { attempt in
            guard attempt == 1 else { return }
            // Commit "theirs" to a.md without touching the work tree or the index.
            try sandbox.shell(
                """
                blob=$(printf 'theirs\\n' | git hash-object -w --stdin)
                export GIT_INDEX_FILE="$PWD/.git/tmp-index"
                git read-tree HEAD
                git update-index --add --cacheinfo 100644,$blob,a.md
                tree=$(git write-tree)
                rm -f "$GIT_INDEX_FILE"
                commit=$(git commit-tree $tree -p HEAD -m theirs)
                git update-ref refs/heads/main $commit
                """)
        }
        let change = Change(summary: "Ours", writes: [(path: "a.md", contents: Data(text: "ours\n"))])
        let error = gitError { _ = try writer.commit(change, by: .test) }
        #expect(error?.code == .conflict)
        #expect(error?.path == "a.md")
        #expect(try sandbox.git("log", "-1", "--format=%s") == "theirs\n")
        #expect(try sandbox.git("show", "HEAD:a.md") == "theirs\n")
        // The work tree and index are as before the command.
        let after = try sandbox.snapshot()
        #expect(after.files == before.files)
        #expect(after.index == before.index)
    }

    @Test func retriesAreBounded() throws {
        let (sandbox, repository) = try GitSandbox.withFiles(["a.md": "a\n"])
        var writer = GitWriter(repository: repository, maxAttempts: 3)
        writer.beforeReferenceUpdate = { attempt in
            try sandbox.commitByHand("cli-\(attempt).md", "\(attempt)\n", message: "CLI \(attempt)")
        }
        let error = gitError {
            _ = try writer.commit(Change(summary: "Ours", writes: [(path: "b.md", contents: Data(text: "b\n"))]), by: .test)
        }
        #expect(error?.code == .retriesExhausted)
        #expect(!sandbox.exists("b.md"))
        #expect(try sandbox.git("log", "-1", "--format=%s") == "CLI 3\n")
        #expect(try sandbox.porcelain() == "")
    }

    @Test func aBranchCreatedConcurrentlyOnAnUnbornRepositoryIsKept() throws {
        let (sandbox, repository) = try GitSandbox.initialized()
        var writer = GitWriter(repository: repository)
        writer.beforeReferenceUpdate = { attempt in
            guard attempt == 1 else { return }
            try sandbox.commitByHand("cli.md", "cli\n", message: "CLI first")
        }
        let result = try writer.commit(Change(summary: "Reclam", writes: [(path: "r.md", contents: Data(text: "r\n"))]), by: .test)
        #expect(result.attempts == 2)
        #expect(result.parent != nil)
        #expect(try sandbox.git("log", "--format=%s") == "Reclam\nCLI first\n")
        #expect(try sandbox.porcelain() == "")
        #expect(try sandbox.fsckIsClean())
    }

    @Test func messageLayout() throws {
        #expect(try CommitMessage.render(summary: " Open case ", body: nil, trailers: []) == "Open case\n")
        #expect(
            try CommitMessage.render(summary: "Open", body: "\n\n", trailers: [(key: "Reclam-Case", value: "x")])
                == "Open\n\nReclam-Case: x\n")
        #expect(
            try CommitMessage.render(summary: "Open", body: "Line  \r\nnext\n\n", trailers: [])
                == "Open\n\nLine\nnext\n")
    }

    @Test func aConfiguredLocalEmailIsAcceptedForCommits() throws {
        let (sandbox, repository) = try GitSandbox.initialized()
        let signature = Signature(name: "root", email: "root@localhost", date: Signature.test.date, offsetMinutes: 0)
        _ = try GitWriter(repository: repository).commit(
            Change(summary: "x", writes: [(path: "a.md", contents: Data(text: "a"))]), by: signature)
        #expect(
            try sandbox.git("log", "--format=%an <%ae> %ad", "--date=iso-strict") == "root <root@localhost> 2026-10-05T07:12:00+00:00\n")
        #expect(try sandbox.fsckIsClean())
    }

    @Test func detachedHeadIsRefused() throws {
        let (sandbox, repository) = try GitSandbox.withFiles(["a.md": "a\n"])
        try sandbox.git("checkout", "-q", "--detach")
        let error = gitError {
            _ = try GitWriter(repository: repository).commit(
                Change(summary: "x", writes: [(path: "b.md", contents: Data(text: "b"))]), by: .test)
        }
        #expect(error?.code == .unsupportedRepository)
        #expect(!sandbox.exists("b.md"))
    }

    @Test func lockTimeoutWhenAnotherWriterHoldsTheLock() throws {
        let (sandbox, repository) = try GitSandbox.withFiles(["a.md": "a\n"])
        let held = try GitFileLock(path: repository.gitDirectory + "/reclam.lock", timeout: .seconds(1))
        let writer = GitWriter(repository: repository, lockTimeout: .milliseconds(200))
        let error = gitError {
            _ = try writer.commit(Change(summary: "x", writes: [(path: "b.md", contents: Data(text: "b"))]), by: .test)
        }
        #expect(error?.code == .lockTimeout)
        #expect(!sandbox.exists("b.md"))
        withExtendedLifetime(held) {}
    }
}
