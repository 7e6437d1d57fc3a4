import Foundation
import Testing
@testable import ReclamCore
@testable import ReclamGit
@testable import ReclamKit
@testable import ReclamLedger
@testable import ReclamOutput
@testable import ReclamRules
@testable import ReclamWorkflow

@Suite("GitRepository")
struct GitRepositoryTests {
    @Test func initializeMakesAnUnbornMainBranch() throws {
        let (sandbox, repository) = try GitSandbox.initialized()
        #expect(try repository.headBranchName() == "main")
        #expect(try repository.tipCommitID() == nil)
        #expect(repository.workdir == sandbox.root || repository.workdir?.hasSuffix("/ledger") == true)
        #expect(!repository.isBare)
        #expect(try sandbox.git("symbolic-ref", "HEAD") == "refs/heads/main\n")
    }

    @Test func initializeRefusesAnExistingRepository() throws {
        let (sandbox, _) = try GitSandbox.initialized()
        let error = gitError { _ = try GitRepository.initialize(at: sandbox.root) }
        #expect(error != nil)
        #expect(error?.message.isEmpty == false)
    }

    @Test func openAndDiscover() throws {
        let (sandbox, _) = try GitSandbox.withFiles(["cases/stg-1/learner.md": "x\n"])
        let opened = try GitRepository.open(at: sandbox.root)
        #expect(try opened.headBranchName() == "main")
        let discovered = try GitRepository.discover(from: sandbox.path("cases/stg-1"))
        #expect(try discovered.tipCommitID()?.hex == sandbox.head())

        let notFound = gitError { _ = try GitRepository.open(at: sandbox.path("cases")) }
        #expect(notFound?.code == .notFound)
        #expect(notFound?.message.contains("no git repository") == true)
    }

    @Test func discoverOutsideAnyRepositoryIsNotFound() throws {
        let sandbox = try GitSandbox()
        let error = gitError { _ = try GitRepository.discover(from: sandbox.home) }
        #expect(error?.code == .notFound)
    }

    @Test func readsBlobsAndTrees() throws {
        let (sandbox, repository) = try GitSandbox.withFiles([
            "reclam.yml": "organisation: Exemple\n",
            "cases/stg-1/learner.md": "---\nid: stg-1\n---\n",
            "cases/stg-1/20261005-k7p3.md": "case\n",
            "cases/stg-2/learner.md": "two\n",
        ])
        let tip = try #require(try repository.tipCommitID())
        #expect(try repository.blob(at: "reclam.yml", in: tip) == Data(text: "organisation: Exemple\n"))
        #expect(try repository.blob(at: "missing.md", in: tip) == nil)
        #expect(try repository.blob(at: "cases", in: tip) == nil)
        let id = try #require(try repository.blobID(at: "cases/stg-2/learner.md", in: tip))
        #expect(id.hex == (try sandbox.git("rev-parse", "HEAD:cases/stg-2/learner.md")).trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(try repository.blob(id) == Data(text: "two\n"))

        let all = try repository.listTree(under: "cases", in: tip).map(\.path)
        #expect(all == ["cases/stg-1/20261005-k7p3.md", "cases/stg-1/learner.md", "cases/stg-2/learner.md"])
        let children = try repository.listTree(under: "cases/", in: tip, recursive: false)
        #expect(children.map(\.path) == ["cases/stg-1", "cases/stg-2"])
        #expect(children.allSatisfy { $0.kind == .directory })
        #expect(try repository.listTree(under: "", in: tip, recursive: false).map(\.path) == ["cases", "reclam.yml"])
        #expect(try repository.listTree(under: "nothing", in: tip).isEmpty)
    }

    @Test func configLookups() throws {
        let (sandbox, repository) = try GitSandbox.initialized()
        #expect(try repository.configString("user.name") == "Witness")
        #expect(try repository.configString("user.email") == "witness@example.org")
        #expect(try repository.configString("reclam.nothing") == nil)
        #expect(try repository.configuredActor()?.description == "Witness <witness@example.org>")
        try sandbox.git("config", "user.email", "not an email")
        #expect(try repository.configuredActor() == nil)
    }

    @Test func pathModificationAndStatus() throws {
        let (sandbox, repository) = try GitSandbox.withFiles(["a.md": "a\n", "dir/b.md": "b\n"])
        #expect(try repository.isPathModified("a.md") == false)
        #expect(try repository.isPathModified("absent.md") == false)
        try sandbox.write("a.md", "changed\n")
        try sandbox.write("dir/new.md", "new\n")
        #expect(try repository.isPathModified("a.md"))
        #expect(try repository.isPathModified("dir/new.md"))
        #expect(try repository.isPathModified("dir/b.md") == false)
        try sandbox.git("add", "dir/new.md")
        #expect(try repository.isPathModified("dir/new.md"))

        let status = try repository.status()
        #expect(status.map(\.path) == ["a.md", "dir/new.md"])
        #expect(status[0].status.contains(.workTreeModified))
        #expect(status[1].status.contains(.indexNew))
        #expect(gitError { _ = try repository.isPathModified("../a.md") }?.code == .invalidPath)
    }

    /// The status skips comparing HEAD with the index when the index's tree is HEAD's; a staged
    /// change the work tree agrees with must still show, and deciding must write no object and
    /// leave the repository's own index fit to commit from.
    @Test func statusFindsStagedChangesTheWorkTreeAgreesWith() throws {
        let (sandbox, repository) = try GitSandbox.withFiles(["a.md": "a\n", "dir/b.md": "b\n", "dir/c.md": "c\n"])
        #expect(try repository.indexMatchesHead())
        #expect(try repository.status().isEmpty)

        try sandbox.write("dir/b.md", "staged\n")
        try sandbox.git("add", "dir/b.md")
        try sandbox.git("rm", "-q", "--cached", "dir/c.md")
        let objectsBefore = try sandbox.git("count-objects", "-v")
        #expect(try repository.indexMatchesHead() == false)
        let status = try repository.status()
        #expect(status.map(\.path) == ["dir/b.md", "dir/c.md"])
        #expect(status[0].status.contains(.indexModified))
        #expect(status[1].status.contains(.indexDeleted))
        #expect(try sandbox.git("count-objects", "-v") == objectsBefore)

        try sandbox.git("reset", "-q")
        #expect(try repository.indexMatchesHead())  // dir/b.md differs from HEAD in the work tree only
        #expect(try repository.status().map(\.path) == ["dir/b.md"])
        let result = try GitWriter(repository: repository).commit(
            Change(summary: "Edit a", writes: [(path: "a.md", contents: Data(text: "a2\n"))]), by: .test)
        #expect(try sandbox.git("show", "--name-only", "--format=", result.commit.hex) == "a.md\n")
        #expect(try sandbox.fsckIsClean())
        #expect(try repository.indexMatchesHead())
    }

    @Test func commitInfoReadsAuthorDateAndTrailers() throws {
        let (sandbox, repository) = try GitSandbox.initialized()
        let change = Change(
            summary: "Acknowledge case 20261005-k7p3",
            body: "Acknowledged by email.",
            writes: [(path: "cases/stg-1/20261005-k7p3.md", contents: Data(text: "x\n"))],
            trailers: [(key: "Reclam-Case", value: "20261005-k7p3"), (key: "Reclam-Stage", value: "acknowledged")])
        let result = try GitWriter(repository: repository).commit(change, by: .test)
        let info = try repository.commitInfo(result.commit)
        #expect(info.id == result.commit)
        #expect(info.parents.isEmpty)
        #expect(info.author == Signature.test)
        #expect(info.committer == Signature.test)
        #expect(info.summary == "Acknowledge case 20261005-k7p3")
        #expect(
            info.message
                == "Acknowledge case 20261005-k7p3\n\nAcknowledged by email.\n\nReclam-Case: 20261005-k7p3\nReclam-Stage: acknowledged\n")
        #expect(info.trailers.map(\.key) == ["Reclam-Case", "Reclam-Stage"])
        #expect(info.trailer("reclam-stage") == "acknowledged")
        #expect(try sandbox.git("log", "-1", "--format=%H %P") == "\(result.commit.hex) \n")
    }
}

@Suite("ActorIdentity and Signature")
struct ActorIdentityTests {
    @Test func parsesNameAndEmail() throws {
        let actor = try ActorIdentity(parsing: "  Claire Martin <claire.martin@example.org> ")
        #expect(actor.name == "Claire Martin")
        #expect(actor.email == "claire.martin@example.org")
        #expect(actor.description == "Claire Martin <claire.martin@example.org>")
        #expect(try ActorIdentity(parsing: "Zoë d'Aubigné <zoe@sub.example.fr>").name == "Zoë d'Aubigné")
    }

    @Test(arguments: [
        "Claire Martin",
        "claire@example.org",
        "<claire@example.org>",
        "Claire <Martin> <claire@example.org>",
        "Claire\nMartin <claire@example.org>",
        "Claire Martin <claire martin@example.org>",
        "Claire Martin <claire.example.org>",
        "Claire Martin <claire@example>",
        "Claire Martin <@example.org>",
        "Claire Martin <claire@example..org>",
        "Claire Martin <>",
    ])
    func rejectsMalformedActors(text: String) {
        let error = gitError { _ = try ActorIdentity(parsing: text) }
        #expect(error?.code == .invalidActor)
        #expect(error?.message.contains("expected \"Name <email>\"") == true)
    }

    @Test func signatureFromActorUsesTheTimeZoneOffset() throws {
        let actor = try ActorIdentity(parsing: "Claire Martin <claire.martin@example.org>")
        let paris = try #require(TimeZone(identifier: "Europe/Paris"))
        let summer = Signature(actor, date: Signature.test.date, timeZone: paris)
        #expect(summer.offsetMinutes == 120)
        let winter = Signature(actor, date: Date(timeIntervalSince1970: 1_799_000_000), timeZone: paris)
        #expect(winter.offsetMinutes == 60)
    }

    @Test func commitRefusesAnInvalidSignature() throws {
        let (sandbox, repository) = try GitSandbox.initialized()
        var bad = Signature.test
        bad.name = "Evil <x>"
        let change = Change(summary: "x", writes: [(path: "a.md", contents: Data(text: "a"))])
        let error = gitError { _ = try GitWriter(repository: repository).commit(change, by: bad) }
        #expect(error?.code == .invalidActor)
        #expect(!sandbox.exists("a.md"))
    }
}

@Suite("GitPathRules")
struct PathRulesTests {
    @Test(arguments: ["reclam.yml", "cases/stg-2026-014/20261005-k7p3.md", "templates/letters/ack.fr.md", ".gitignore", "a/.github/x"])
    func acceptsLedgerPaths(path: String) throws {
        try GitPathRules.validate(path, operation: "test")
    }

    @Test(arguments: [
        "", "/etc/passwd", "../x", "a/../b", "a/./b", ".", "a//b", "a/", ".git/config", "a/.git/x",
        ".GIT/config", ".git./x", "a\\b", "a\u{0}b", "a\nb", "git~1/config",
    ])
    func refusesUnsafePaths(path: String) {
        let error = gitError { try GitPathRules.validate(path, operation: "test") }
        #expect(error?.code == .invalidPath)
        #expect(error?.path == path)
    }
}
