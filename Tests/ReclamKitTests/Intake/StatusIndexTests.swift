import Foundation
import Testing

@testable import ReclamCore
@testable import ReclamLedger
import ReclamOutput
@testable import ReclamWorkflow

/// The status page's index (token hash → case file): kept between requests, brought up to
/// date when git's state changes, reading only the files that changed, never trusted alone.
@Suite struct StatusIndexTests {
    let ledger: TemporaryLedger
    let home: URL

    init() throws {
        ledger = try TemporaryLedger()
        home = ledger.root.appendingPathComponent(".home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        try git("init", "-q", "-b", "main")
        try ledger.write(".gitignore", ".home/\n")
    }

    @discardableResult
    func git(_ arguments: String...) throws -> String {
        let result = try GitCLI.run(
            ["-c", "user.name=T", "-c", "user.email=t@example.org"] + arguments, in: ledger.root, home: home)
        try #require(result.status == 0, "git \(arguments): \(result.stderr)")
        return result.stdout
    }

    func commitAll(_ message: String) throws {
        try git("add", "-A")
        try git("commit", "-q", "-m", message)
    }

    func writeCase(_ learner: String, _ id: String, stage: String = "received", token: String?) throws {
        var text = "---\nid: \(id)\ntitle: Salle froide\nreceived: 2026-11-10T09:00:00+01:00\nchannel: web\nstage: \(stage)\n"
        if let token { text += "\(StatusToken.field): \(StatusToken.hash(token))\n" }
        try ledger.write("cases/\(learner)/\(id).md", text + "---\n\n## Réclamation\n\nIl faisait froid.\n")
    }

    func find(_ index: StatusIndex, _ token: String) throws -> PublicStatus? {
        try index.find(token: token, ledger: try ledger.ledger(), settings: ServeSettings(), asOf: Date())
    }

    @Test func readsEveryFileOnceThenOnlyWhatChanged() throws {
        let a = StatusToken.make()
        let b = StatusToken.make()
        try writeCase("stg-1", "20261110-aaaa", token: a)
        try writeCase("stg-1", "20261110-bbbb", token: nil)
        try writeCase("stg-2", "20261110-cccc", token: b)
        try commitAll("three cases")
        let index = StatusIndex()

        let first = try #require(try find(index, a))
        #expect(first.id == "20261110-aaaa")
        #expect(index.refreshes == 1 && index.filesRead == 3)
        #expect(try find(index, b)?.id == "20261110-cccc")
        #expect(try find(index, StatusToken.make()) == nil, "a wrong token opens nothing")
        #expect(try find(index, "") == nil && (try find(index, "abc")) == nil)
        #expect(index.refreshes == 1 && index.filesRead == 3, "no request reads the ledger again while git's state is unchanged")

        // A move committed at the terminal: shown at the next request, one file read again.
        try writeCase("stg-1", "20261110-aaaa", stage: "acknowledged", token: a)
        try commitAll("ack")
        let moved = try #require(try find(index, a))
        #expect(moved.stageLabel != first.stageLabel)
        #expect(index.refreshes == 2 && index.filesRead == 4, "only the changed file is read: \(index.filesRead)")

        // Even a hand edit that git does not know yet is what the page shows: the file is read afresh.
        try writeCase("stg-1", "20261110-aaaa", stage: "rejected", token: a)
        #expect(try find(index, a)?.stageLabel == PublicLabels(config: try ledger.ledger().config).label("rejected"))
    }

    @Test func aRevokedTokenOpensNothingBeforeTheIndexNotices() throws {
        let a = StatusToken.make()
        try writeCase("stg-1", "20261110-aaaa", token: a)
        try commitAll("case")
        let index = StatusIndex()
        #expect(try find(index, a) != nil)
        // `reclam set ID status_token_sha256=` empties the field; here by hand, not yet committed.
        try writeCase("stg-1", "20261110-aaaa", token: nil)
        #expect(try find(index, a) == nil)
        #expect(index.refreshes == 1, "refused on the file's own hash, not on a rebuilt index")
    }

    @Test func newCasesAndMovedFilesAreFoundAfterTheirCommit() throws {
        let a = StatusToken.make()
        try writeCase("stg-1", "20261110-aaaa", token: a)
        try commitAll("case")
        let index = StatusIndex()
        #expect(try find(index, a)?.id == "20261110-aaaa")

        let c = StatusToken.make()
        try writeCase("stg-3", "20261111-cccc", token: c)
        try commitAll("a case from another clone")
        #expect(try find(index, c)?.id == "20261111-cccc")

        try FileManager.default.createDirectory(at: ledger.url("cases/stg-9"), withIntermediateDirectories: true)
        try git("mv", "cases/stg-1/20261110-aaaa.md", "cases/stg-9/20261110-aaaa.md")
        try git("commit", "-q", "-m", "filed under another learner")
        #expect(try find(index, a)?.id == "20261110-aaaa")
        #expect(index.refreshes == 3)
    }
}

/// What a web submission needs of the ledger, kept between submissions: the same answers as a
/// full scan and as intake's index, learner folders looked at again only when commits change them.
@Suite struct SubmissionDirectoryTests {
    /// The directory's answers against the full scan's and intake's, for each address.
    func agrees(_ directory: SubmissionDirectory, _ fixture: StatusIndexTests, _ addresses: [String], _ note: String) throws {
        let ledger = try fixture.ledger.ledger()
        let scan = try LedgerScan.scan(ledger)
        let intake = try IntakeIndex.load(ledger)
        let snapshot = try directory.current(ledger)
        #expect(snapshot.caseIDs == Set(scan.casePaths.map(PathParts.id)), "\(note)")
        #expect(snapshot.learners == Set(scan.learnerFolders.map { ($0 as NSString).lastPathComponent }), "\(note)")
        for address in addresses {
            #expect(snapshot.byAddress[address] ?? [] == (intake.learnersByEmail[address] ?? []).sorted(), "\(note): \(address)")
            #expect(
                snapshot.learner(for: address) == WebSubmission.knownLearner(address, scan: scan, ledger: ledger), "\(note): \(address)")
        }
    }

    @Test func answersAsTheScanDoesAndLooksOnlyAtWhatCommitsChanged() throws {
        let fixture = try StatusIndexTests()
        let ledger = fixture.ledger
        let addresses = ["jeanne@example.org", "paul@example.org", "marc@example.org", "nobody@example.org"]
        try ledger.write("cases/stg-1/learner.md", "---\nid: stg-1\nemails: [Jeanne@Example.org]\n---\n")
        try ledger.write("cases/stg-1/20261110-aaaa.md", "---\nid: 20261110-aaaa\n---\n")
        try ledger.write("cases/stg-2/learner.md", "---\nid: stg-2\nemails: [jeanne@example.org, paul@example.org]\n---\n")
        try ledger.write("cases/stg-3/20261110-bbbb.md", "---\nid: 20261110-bbbb\n---\n")
        try fixture.commitAll("three learners")
        let directory = SubmissionDirectory()

        try agrees(directory, fixture, addresses, "first")
        #expect(directory.learnerFilesRead == 2 && directory.foldersLooked == 3)
        try agrees(directory, fixture, addresses, "unchanged")
        #expect(directory.learnerFilesRead == 2 && directory.foldersLooked == 3, "nothing changed, nothing looked at")

        // A new learner, a new case, an address added to one learner file: one commit.
        try ledger.write("cases/stg-0/learner.md", "---\nid: stg-0\nemails: [paul@example.org]\n---\n")
        try ledger.write("cases/stg-3/20261111-cccc.md", "---\nid: 20261111-cccc\n---\n")
        try ledger.write("cases/stg-1/learner.md", "---\nid: stg-1\nemails: [jeanne@example.org, marc@example.org]\n---\n")
        try fixture.commitAll("hand edits")
        try agrees(directory, fixture, addresses, "after the commit")
        #expect(try directory.current(try ledger.ledger()).learner(for: "marc@example.org") == "stg-1")
        #expect(directory.learnerFilesRead == 4, "the new and the changed learner files only: \(directory.learnerFilesRead)")
        #expect(directory.foldersLooked == 6, "the three folders the commit changed: \(directory.foldersLooked)")

        // An edit not committed is not seen; once committed, it is.
        try ledger.write("cases/stg-2/learner.md", "---\nid: stg-2\nemails: [jeanne@example.org]\n---\n")
        #expect(try directory.current(try ledger.ledger()).byAddress["paul@example.org"] == ["stg-0", "stg-2"])
        try fixture.commitAll("paul left stg-2")
        try agrees(directory, fixture, addresses, "committed")
        #expect(try directory.current(try ledger.ledger()).byAddress["paul@example.org"] == ["stg-0"])

        // A folder removed with git.
        try fixture.git("rm", "-q", "-r", "cases/stg-2")
        try fixture.git("commit", "-q", "-m", "removed")
        try agrees(directory, fixture, addresses, "removed")
        let looked = directory.foldersLooked

        // A new folder not committed changes cases/: every folder is stat-ed, and it is seen.
        try ledger.write("cases/stg-9/learner.md", "---\nid: stg-9\nemails: [nobody@example.org]\n---\n")
        try agrees(directory, fixture, addresses, "uncommitted folder")
        #expect(try directory.current(try ledger.ledger()).learner(for: "nobody@example.org") == "stg-9")
        #expect(directory.foldersLooked == looked + 4)
    }

    /// Over random commits (learners added, removed, their addresses changed, cases added,
    /// moved, copied, removed, a commit undone with `git reset --hard`), the kept directory
    /// gives the full scan's and intake's answers, and looks only at the folders changed.
    @Test func incrementalAnswersAgreeWithIntakeOverRandomCommits() throws {
        let fixture = try StatusIndexTests()
        let ledger = fixture.ledger
        let folders = ["stg-1", "stg-10", "stg-1-b", "stg-2", "a", "web-x"]
        let pool = ["jeanne@example.org", "paul@example.org", "Marc <marc@example.org>", "mailto:ines@example.org", " "]
        let keys = pool.map(IntakeIndex.normalisedAddress).filter { !$0.isEmpty }
        var generator = SimpleYAMLFuzzTests.Generator(state: 20_261_205)
        func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &generator)] }
        func learnerFile(_ folder: String) throws {
            let emails = (0..<Int.random(in: 0...3, using: &generator)).map { _ in "\"\(pick(pool))\"" }
            try ledger.write("cases/\(folder)/learner.md", "---\nid: \(folder)\nemails: [\(emails.joined(separator: ", "))]\n---\n")
        }
        for folder in folders.prefix(3) { try learnerFile(folder) }
        try fixture.writeCase("stg-1", "20261110-a0a0", token: nil)
        try fixture.commitAll("start")
        let directory = SubmissionDirectory()
        try agrees(directory, fixture, keys, "start")
        var serial = 0
        for step in 0..<40 {
            let cases = try fixture.git("ls-files", "cases").split(separator: "\n").map(String.init).filter {
                !$0.hasSuffix("/learner.md")
            }
            switch Int.random(in: 0..<7, using: &generator) {
            case 0, 1:  // a learner file written or changed
                try learnerFile(pick(folders))
            case 2:  // a learner folder removed
                let folder = pick(folders)
                if FileManager.default.fileExists(atPath: ledger.url("cases/\(folder)").path) {
                    try FileManager.default.removeItem(at: ledger.url("cases/\(folder)"))
                }
            case 3 where !cases.isEmpty:  // a case moved to another learner, or copied there
                let from = pick(cases)
                let to = "cases/\(pick(folders))/\((from as NSString).lastPathComponent)"
                if to != from {
                    try FileManager.default.createDirectory(
                        at: ledger.url((to as NSString).deletingLastPathComponent), withIntermediateDirectories: true)
                    if FileManager.default.fileExists(atPath: ledger.url(to).path) {
                        try FileManager.default.removeItem(at: ledger.url(to))
                    }
                    try FileManager.default.copyItem(at: ledger.url(from), to: ledger.url(to))
                    if step % 2 == 0 { try FileManager.default.removeItem(at: ledger.url(from)) }
                }
            case 4 where !cases.isEmpty:  // a case removed
                try FileManager.default.removeItem(at: ledger.url(pick(cases)))
            case 5 where step > 0:  // the last commit undone
                try fixture.git("reset", "-q", "--hard", "HEAD~1")
            default:  // a new case
                serial += 1
                try fixture.writeCase(pick(folders), "20261120-b\(serial)", token: nil)
            }
            try fixture.git("add", "-A")
            try fixture.git("commit", "-q", "--allow-empty", "-m", "step \(step)")
            let looked = directory.foldersLooked
            try agrees(directory, fixture, keys, "step \(step)")
            #expect(directory.foldersLooked - looked <= 2, "step \(step): \(directory.foldersLooked - looked) folders looked at")
        }
    }
}

/// The staff workspace's board, kept between requests: read again when git's state changes,
/// only the changed files; clocks evaluated again when the cases or the minute change.
@Suite struct CaseBoardCacheTests {
    @Test func readsOnlyWhatChangedAndShowsCommittedMoves() throws {
        let fixture = try StatusIndexTests()
        try fixture.writeCase("stg-1", "20261110-aaaa", token: nil)
        try fixture.writeCase("stg-1", "20261110-bbbb", token: nil)
        try fixture.writeCase("stg-2", "20261110-cccc", token: nil)
        try fixture.commitAll("three cases")
        let cache = CaseBoardCache()
        let now = ISODateTime.parse("2026-11-16T10:00:30+01:00")!.date
        let ledger = try fixture.ledger.ledger()

        let first = try cache.board(ledger, asOf: now)
        #expect(first.cases.map(\.id).sorted() == ["20261110-aaaa", "20261110-bbbb", "20261110-cccc"])
        #expect(cache.filesRead == 3 && cache.evaluations == 1)
        _ = try cache.board(ledger, asOf: now.addingTimeInterval(20))
        #expect(cache.filesRead == 3 && cache.evaluations == 1, "same state, same minute: nothing read or evaluated")
        _ = try cache.board(ledger, asOf: now.addingTimeInterval(60))
        #expect(cache.filesRead == 3 && cache.evaluations == 2, "the next minute: clocks evaluated again, no file read")
        #expect(try cache.path(of: "20261110-cccc", ledger) == "cases/stg-2/20261110-cccc.md")

        try fixture.writeCase("stg-1", "20261110-aaaa", stage: "acknowledged", token: nil)
        try fixture.commitAll("ack")
        let moved = try cache.board(ledger, asOf: now.addingTimeInterval(60))
        #expect(moved.cases.first { $0.id == "20261110-aaaa" }?.stage == "acknowledged")
        #expect(cache.filesRead == 4 && cache.evaluations == 3, "one file read again: \(cache.filesRead)")
        #expect(cache.filesLooked == 4, "after a commit, only the file it changed is looked at: \(cache.filesLooked)")

        try FileManager.default.removeItem(at: fixture.ledger.url("cases/stg-1/20261110-bbbb.md"))
        try fixture.commitAll("removed")
        #expect(try cache.board(ledger, asOf: now).cases.count == 2)
        #expect(try cache.path(of: "20261110-bbbb", ledger) == nil)
        #expect(cache.filesRead == 4)

        // The list's order is kept: asked again, it is not sorted again.
        let made = cache.listsMade
        _ = try cache.list(ledger, asOf: now, filter: .init(), sort: .title, descending: false)
        _ = try cache.list(ledger, asOf: now, filter: .init(), sort: .title, descending: false)
        #expect(cache.listsMade == made + 1)
        // A copy by hand of a case under another learner: the cache leaves the lookup to
        // CaseLocator, which refuses it, once git knows of it.
        try fixture.writeCase("stg-2", "20261110-aaaa", token: nil)
        try fixture.commitAll("copied")
        #expect(try cache.locate("20261110-aaaa", ledger) == nil)
        #expect(try cache.locate("20261110-cccc", ledger) == "cases/stg-2/20261110-cccc.md")
    }
}

/// After a commit the caches look only at the files git says it changed: whatever the commits
/// do (new learners sorting before or after others, cases moved, removed, added), the board is
/// the one a fresh cache reads from the whole ledger, in the same order.
@Suite struct CaseBoardCacheIncrementalTests {
    @Test func incrementalRefreshAgreesWithAFullRead() throws {
        let fixture = try StatusIndexTests()
        let learners = ["stg-1", "stg-10", "stg-1-b", "stg-2", "a", "stg-0"]
        var generator = SimpleYAMLFuzzTests.Generator(state: 20_261_205)
        var live: [String: String] = [:]  // id -> learner
        for n in 0..<6 {
            let id = "2026111\(n)-a\(n)a\(n)"
            try fixture.writeCase(learners[n % 2], id, token: nil)
            live[id] = learners[n % 2]
        }
        try fixture.commitAll("start")
        let cache = CaseBoardCache()
        let now = ISODateTime.parse("2026-11-16T10:00:30+01:00")!.date
        let ledger = try fixture.ledger.ledger()
        _ = try cache.board(ledger, asOf: now)
        var serial = 100
        for step in 0..<40 {
            let choice = Int.random(in: 0..<4, using: &generator)
            let ids = live.keys.sorted()
            switch choice {
            case 0 where !ids.isEmpty:  // a move
                let id = ids[Int.random(in: 0..<ids.count, using: &generator)]
                try fixture.writeCase(live[id]!, id, stage: ["acknowledged", "rejected", "assigned"][step % 3], token: nil)
            case 1 where ids.count > 1:  // removed
                let id = ids[Int.random(in: 0..<ids.count, using: &generator)]
                try FileManager.default.removeItem(at: fixture.ledger.url("cases/\(live[id]!)/\(id).md"))
                live[id] = nil
            case 2 where !ids.isEmpty:  // filed under another learner
                let id = ids[Int.random(in: 0..<ids.count, using: &generator)]
                let to = learners[Int.random(in: 0..<learners.count, using: &generator)]
                try FileManager.default.removeItem(at: fixture.ledger.url("cases/\(live[id]!)/\(id).md"))
                try fixture.writeCase(to, id, token: nil)
                live[id] = to
            default:  // a new case, perhaps for a new learner
                serial += 1
                let id = "20261120-b\(serial)"
                let to = learners[Int.random(in: 0..<learners.count, using: &generator)]
                try fixture.writeCase(to, id, token: nil)
                live[id] = to
            }
            try fixture.git("add", "-A")
            try fixture.git("commit", "-q", "--allow-empty", "-m", "step \(step)")
            let looked = cache.filesLooked
            let kept = try cache.board(ledger, asOf: now).cases.map(\.path)
            let fresh = try CaseBoardCache().board(ledger, asOf: now).cases.map(\.path)
            #expect(kept == fresh, "step \(step)")
            #expect(cache.filesLooked - looked <= 2, "step \(step): \(cache.filesLooked - looked) files looked at")
            for id in live.keys { #expect(try cache.path(of: id, ledger) == "cases/\(live[id]!)/\(id).md") }
            for id in live.keys { #expect(try cache.locate(id, ledger) == "cases/\(live[id]!)/\(id).md") }
            // The lists kept between requests are those a fresh board filters and sorts.
            let board = try CaseBoard.load(ledger, asOf: now)
            var open = CaseBoard.Filter()
            open.openOnly = true
            var learner = CaseBoard.Filter()
            learner.learner = "stg-1"
            for (filter, sort, descending) in [
                (CaseBoard.Filter(), CaseBoard.SortKey.received, false), (CaseBoard.Filter(), .received, true), (open, .received, false),
                (learner, .received, true), (CaseBoard.Filter(), .stage, false), (open, .deadline, true),
            ] {
                let listed = try cache.list(ledger, asOf: now, filter: filter, sort: sort, descending: descending).cases.map(\.path)
                #expect(listed == board.filtered(filter, sort: sort, descending: descending).map(\.path), "step \(step): \(sort)")
            }
        }
    }
}
