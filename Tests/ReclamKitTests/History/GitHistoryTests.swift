import Foundation
import Testing

@testable import ReclamCore
@testable import ReclamGit
@testable import ReclamKit
@testable import ReclamLedger
@testable import ReclamOutput
@testable import ReclamRules
@testable import ReclamWorkflow

/// A ledger whose history mixes reclam commits, hand commits with chosen dates, a branch
/// merged back, a rename and a deletion: the cases where a file's versions do not follow each
/// other in the log.
final class HistoryLedger {
    let ledger: HandEditLedger
    var root: URL { ledger.root }
    private var clock = 0

    init() throws {
        ledger = try HandEditLedger()
    }

    /// Commits everything by hand, dated `minutes` after a fixed start so that the log's order is known.
    func commit(_ message: String, minutes: Int? = nil, author: String = "Hand Editor <hand@example.org>") throws {
        clock += 1
        let date = "2026-11-14T10:\(String(format: "%02d", minutes ?? clock)):00+01:00"
        try run(["add", "-A"])
        try run(
            ["-c", "user.name=Hand Editor", "-c", "user.email=hand@example.org", "commit", "-qm", message, "--author", author],
            environment: ["GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date])
    }

    @discardableResult
    func run(_ arguments: [String], environment extra: [String: String] = [:]) throws -> String {
        let result = try GitCLI.run(arguments, in: root, home: ledger.home, environment: extra)
        #expect(result.status == 0, "git \(arguments): \(result.stderr)")
        return result.stdout
    }

    func edit(_ path: String, _ change: (String) -> String) throws { try ledger.edit(path, change) }

    /// Three cases, then hand edits on `main` and on a branch whose commits fall between
    /// `main`'s in time, a merge, a case moved to another learner and one deleted. `linear`
    /// makes the branch's commit on `main`, without a merge.
    static func made(linear: Bool = false) throws -> (HistoryLedger, paths: [String]) {
        let history = try HistoryLedger()
        let first = try history.ledger.newCase(learner: "stg-1")
        let second = try history.ledger.newCase(learner: "stg-2", received: "2026-11-13T19:00:00+01:00")
        let third = try history.ledger.newCase(learner: "stg-3", received: "2026-11-13T20:00:00+01:00")
        try history.edit(first) { $0.replacingOccurrences(of: "stage: received", with: "stage: acknowledged") }
        try history.commit("ack by hand", minutes: 10)
        // The branch's commit comes between main's two in time, on the same file: in the log,
        // neither side's old version is the version the previous entry left.
        if !linear { try history.run(["checkout", "-qb", "side"]) }
        try history.edit(first) { $0 + "\nNote from the side branch.\n" }
        try history.edit(second) { $0.replacingOccurrences(of: "stage: received", with: "stage: closed") }
        try history.commit("side edit", minutes: 12)
        if !linear { try history.run(["checkout", "-q", "main"]) }
        try history.edit(first) { $0.replacingOccurrences(of: "stage: acknowledged", with: "stage: assigned") }
        try history.commit("main edit", minutes: 11)
        try history.edit(first) { $0.replacingOccurrences(of: "stage: assigned", with: "stage: closed") }
        try history.commit("main close", minutes: 13)
        if !linear {
            try history.run(
                ["-c", "user.name=Hand Editor", "-c", "user.email=hand@example.org", "merge", "-q", "--no-ff", "side", "-m", "merge side"],
                environment: ["GIT_AUTHOR_DATE": "2026-11-14T10:14:00+01:00", "GIT_COMMITTER_DATE": "2026-11-14T10:14:00+01:00"])
        }
        let moved = "cases/stg-9/" + (third as NSString).lastPathComponent
        try history.run(["mv", "cases/stg-3", "cases/stg-9"])
        try history.commit("moved to the right learner", minutes: 15)
        try history.edit(moved) { $0.replacingOccurrences(of: "received: 2026-11-13T20:00", with: "received: 2026-11-01T20:00") }
        try history.commit("rewrite received", minutes: 16)
        // Out of the cases folder and back, and a commit outside it.
        try history.run(["mv", moved, "archived.md"])
        try history.commit("archived by hand", minutes: 16)
        try history.edit("reclam.yml") { $0 + "\n# settings edited\n" }
        try history.commit("settings only", minutes: 16)
        try history.run(["mv", "archived.md", moved])
        try history.commit("restored", minutes: 16)
        try history.edit(second) { $0 + "\nA last word.\n" }
        try history.commit("edit before removal", minutes: 16)
        try history.run(["rm", "-q", second])
        try history.commit("remove a case", minutes: 17, author: "Nobody <>")
        return (history, [first, second, moved])
    }
}

@Suite("GitHistory")
struct GitHistoryTests {
    /// Every field of a commit, to compare two readings of the same log.
    static func describe(_ commits: [HistoryCommit]) -> [String] {
        commits.map { commit in
            let changes = commit.changes.map {
                "\($0.status) \($0.oldPath ?? "-") \($0.path) \($0.oldBlob ?? "-") \($0.newBlob ?? "-")"
            }
            return
                ([commit.id, commit.parents.joined(separator: ","), commit.authorName, commit.authorEmail, commit.authorDateText]
                + [commit.committerDateText, commit.summary] + commit.trailers.map { "\($0.key)=\($0.value)" } + changes)
                .joined(separator: "|")
        }
    }

    @Test func theLogReadInPiecesIsTheLogReadWhole() throws {
        let (history, _) = try HistoryLedger.made()
        let output = try GitHistory.run(GitHistory.logCommand(root: history.root, arguments: ["-M"], paths: ["cases"]))
        let whole = Self.describe(GitLogParser.parse(output))
        #expect(whole.count >= 11)
        #expect(whole == Self.describe(try GitHistory.log(in: history.root, arguments: ["-M"], paths: ["cases"])))
        for size in [1, 2, 3, 7, 40, 41, 333, 4096] {
            var commits: [HistoryCommit] = []
            var parser = GitLogParser()
            output.withUnsafeBytes { bytes in
                var start = 0
                while start < bytes.count {
                    let end = min(start + size, bytes.count)
                    parser.feed(UnsafeRawBufferPointer(rebasing: bytes[start..<end])) { commits.append($0) }
                    start = end
                }
            }
            parser.finish { commits.append($0) }
            #expect(Self.describe(commits) == whole, "pieces of \(size) bytes")
        }
    }

    @Test func fieldsTrailersAndChangesAreRead() throws {
        let (history, paths) = try HistoryLedger.made()
        let commits = try GitHistory.log(in: history.root, arguments: ["-M"], paths: ["cases"])
        let removal = try #require(commits.first)
        #expect(removal.summary == "remove a case")
        #expect(removal.authorName == "Nobody" && removal.authorEmail == "")
        #expect(removal.changes.map(\.status) == ["D"])
        #expect(removal.changes.first?.path == paths[1] && removal.changes.first?.newBlob == nil)
        let move = try #require(commits.first { $0.summary == "moved to the right learner" })
        let rename = try #require(move.changes.first { $0.status == "R" })
        #expect(rename.oldPath == "cases/stg-3/" + (paths[2] as NSString).lastPathComponent && rename.path == paths[2])
        #expect(rename.oldBlob == rename.newBlob)
        let created = try #require(commits.last { $0.summary.hasPrefix("new(") })
        #expect(created.trailer("reclam-case") != nil)
        #expect(created.changes.contains { $0.status == "A" && $0.oldPath == nil && $0.oldBlob == nil })
        #expect(commits.first { $0.summary == "merge side" }?.parents.count == 2)
    }

    @Test func largeOutputOnBothPipesDoesNotBlock() throws {
        let (sandbox, _) = try GitSandbox.initialized()
        let noisy = "alias.noisy=!yes e | head -c 300000 >&2; yes o | head -c 500000"
        let output = try GitHistory.run(["-C", sandbox.root, "-c", noisy, "noisy"])
        #expect(output.count == 500000)
    }

    @Test func aFailingCommandThrowsWithGitsMessage() throws {
        let (history, _) = try HistoryLedger.made()
        #expect(throws: ReclamError.self) {
            _ = try GitHistory.log(in: history.root, arguments: ["no-such-revision..HEAD"], paths: ["cases"])
        }
        var batches = 0
        #expect(throws: ReclamError.self) {
            try GitHistory.forEachBatch(in: history.root, arguments: ["no-such-revision..HEAD"], paths: ["cases"]) { _ in batches += 1 }
        }
        #expect(batches == 0)
    }

    @Test func anUnbornBranchHasNoHistory() throws {
        let (sandbox, _) = try GitSandbox.initialized()
        #expect(try GitHistory.log(in: URL(fileURLWithPath: sandbox.root), arguments: [], paths: ["cases"]).isEmpty)
    }

    /// The audit as it was: both versions of every change parsed from their blobs.
    static func reference(_ audit: Audit, since: String? = nil) throws -> [Diagnostic] {
        let repository = try GitRepository.open(at: audit.ledger.root.path)
        let arguments = ["--reverse", "-M"] + (since.map { ["\($0)..HEAD"] } ?? [])
        return try GitHistory.log(in: audit.ledger.root, arguments: arguments, paths: ["cases"]).flatMap { commit in
            audit.check(
                commit,
                old: { $0.oldBlob.flatMap { CaseLog.document(blob: $0, repository: repository) }.map(AuditedVersion.init) },
                new: { $0.newBlob.flatMap { CaseLog.document(blob: $0, repository: repository) } })
        }
    }

    @Test(arguments: [1, 2, 512])
    func theReplayFindsWhatParsingBothVersionsFinds(batch: Int) throws {
        let (history, _) = try HistoryLedger.made()
        let audit = Audit(ledger: try Ledger.open(at: history.root))
        let expected = try Self.reference(audit)
        #expect(expected.count >= 5)
        #expect(Set(expected.map(\.rule)).isSuperset(of: ["audit-illegal-transition", "audit-case-deleted", "audit-identity-rewritten"]))
        #expect(expected.contains { $0.message.contains("T10:13:00") && $0.message.contains("de l'étape Attribuée à l'étape Clôturée") })
        var replay = AuditReplay(audit: audit, repository: try GitRepository.open(at: history.root.path))
        try GitHistory.forEachBatch(
            in: history.root, arguments: ["--reverse", "-M"], paths: ["cases"], batch: batch, queued: batch
        ) { replay.add($0) }
        #expect(replay.findings == expected)
        #expect(try audit.run() == expected)
        let since = try history.run(["rev-parse", "HEAD~4"]).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try audit.run(since: since) == (try Self.reference(audit, since: since)))
    }

    @Test func aLinearHistoryIsCutIntoRangesThatLogTheSameCommits() throws {
        let (history, _) = try HistoryLedger.made(linear: true)
        let whole = Self.describe(try GitHistory.log(in: history.root, arguments: ["--reverse", "-M"], paths: ["cases"]))
        let since = try history.run(["rev-list", "--max-parents=0", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let fromSince = Self.describe(
            try GitHistory.log(in: history.root, arguments: ["--reverse", "-M", "\(since)..HEAD"], paths: ["cases"]))
        for (start, expected) in [(nil, whole), (since, fromSince)] {
            for parts in [2, 3, 5] {
                let ranges = try #require(HistorySplit.ranges(in: history.root, since: start, parts: parts, minimum: 2))
                #expect(ranges.count == parts)
                let pieces = try ranges.flatMap { range in
                    Self.describe(try GitHistory.log(in: history.root, arguments: ["--reverse", "-M", range], paths: ["cases"]))
                }
                #expect(pieces == expected, "\(parts) ranges from \(start ?? "the root"): \(ranges)")
            }
        }
        #expect(HistorySplit.ranges(in: history.root, since: nil, parts: 3, minimum: 100) == ["HEAD"])
        #expect(HistorySplit.ranges(in: history.root, since: since, parts: 1, minimum: 1) == ["\(since)..HEAD"])
        var relative: [HistoryCommit] = []
        try GitHistory.forEachBatch(in: history.root, arguments: ["--reverse", "-M"], paths: [], relativeTo: "cases", batch: 3) {
            relative += $0
        }
        #expect(Self.describe(relative) == whole)
        #expect(whole.contains { $0.contains("|D cases/stg-9/") } && whole.contains { $0.contains("|A - cases/stg-9/") })
    }

    @Test func aHistoryWithAMergeIsNotCutNorDiffedAlone() throws {
        let (history, _) = try HistoryLedger.made()
        #expect(HistorySplit.ranges(in: history.root, since: nil, parts: 2, minimum: 2) == nil)
    }

    @Test func theAuditOfRangesIsTheAuditOfTheWhole() throws {
        let (history, _) = try HistoryLedger.made(linear: true)
        let audit = Audit(ledger: try Ledger.open(at: history.root))
        let whole = try audit.run(since: nil, parts: 1, commitsPerPart: 1)
        #expect(whole.count >= 5)
        #expect(whole == (try Self.reference(audit)))
        for parts in [2, 3, 4] {
            #expect(try audit.run(since: nil, parts: parts, commitsPerPart: 2) == whole)
        }
        let since = try history.run(["rev-parse", "HEAD~8"]).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try audit.run(since: since, parts: 3, commitsPerPart: 2) == (try Self.reference(audit, since: since)))
    }
}
