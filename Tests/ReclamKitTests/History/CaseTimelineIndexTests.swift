import Foundation
import Testing

@testable import ReclamCore
@testable import ReclamGit
@testable import ReclamLedger

/// The server's timeline index answers what the walk (`git log -- PATH`, then the rename's
/// origin, as `reclam log` does) answers, entry for entry, whatever the history: moves, files
/// filed under another learner (renames, with and without a change), removals, a path used
/// again, commits outside `cases/`, resets back and new commits after them. Kept up to date
/// commit by commit, built afresh, or loaded from `.git/reclam/`, it gives the same timelines.
@Suite struct CaseTimelineIndexTests {
    /// Everything a timeline shows, as text.
    static func describe(_ entries: [CaseLogEntry]) -> [String] {
        entries.map { entry in
            [
                entry.commit, entry.date, entry.author, entry.authorEmail, entry.summary, "\(entry.byReclam)", entry.path,
                entry.previousPath ?? "-", entry.stageFrom ?? "-", entry.stageTo ?? "-",
                entry.fields.map { "\($0.field)=\($0.old ?? "nil")>\($0.new ?? "nil")" }.joined(separator: ","),
                "\(entry.bodyChanged) \(entry.created) \(entry.deleted)",
            ].joined(separator: " | ")
        }
    }

    func write(_ fixture: StatusIndexTests, _ path: String, stage: String, note: String) throws {
        let id = String(path.split(separator: "/").last!.dropLast(3))
        try fixture.ledger.write(
            path,
            "---\nid: \(id)\ntitle: Salle froide\nreceived: 2026-11-10T09:00:00+01:00\nchannel: web\nstage: \(stage)\n---\n\n"
                + "## Réclamation\n\nIl faisait froid dans la salle B12, toute la journée du lundi.\n\n\(note)\n")
    }

    /// Every path ever used, compared: the kept index, and the walk.
    func agree(_ index: CaseTimelineIndex, _ paths: Set<String>, _ ledger: Ledger, _ step: String) throws {
        for path in paths.sorted() {
            let walked = Self.describe(
                try CaseLog.entries(ledger) { () throws(ReclamError) in try CaseLog.history(from: path, in: ledger) })
            let indexed = try #require(index.history(of: path, root: ledger.root), "\(step): the index answers")
            let kept = Self.describe(try CaseLog.entries(ledger) { () throws(ReclamError) in indexed })
            #expect(kept == walked, "\(step): \(path)")
        }
    }

    @Test func agreesWithTheWalkOverRandomHistories() throws {
        let fixture = try StatusIndexTests()
        let ledger = try fixture.ledger.ledger()
        let learners = ["stg-1", "stg-2", "stg-10", "a"]
        var generator = SimpleYAMLFuzzTests.Generator(state: 20_261_206)
        var live: [String: String] = [:]  // id -> path
        var used = Set<String>()
        for n in 0..<4 {
            let path = "cases/\(learners[n % 2])/2026111\(n)-a\(n)a\(n).md"
            try write(fixture, path, stage: "received", note: "start")
            live[String(path.split(separator: "/").last!.dropLast(3))] = path
            used.insert(path)
        }
        try fixture.commitAll("start")
        let index = CaseTimelineIndex()
        index.prepare(ledger.root)
        #expect(index.isReady && index.builds == 1)
        try agree(index, used, ledger, "start")
        var serial = 100
        var commits: [String] = []
        for step in 0..<36 {
            let ids = live.keys.sorted()
            let pick = ids.isEmpty ? nil : ids[Int.random(in: 0..<ids.count, using: &generator)]
            let learner = learners[Int.random(in: 0..<learners.count, using: &generator)]
            switch Int.random(in: 0..<9, using: &generator) {
            case 0, 1:  // a move
                if let id = pick {
                    try write(fixture, live[id]!, stage: ["acknowledged", "assigned", "closed"][step % 3], note: "step \(step)")
                }
            case 2:  // filed under another learner, unchanged (a rename git sees whole)
                if let id = pick, !live[id]!.contains("/\(learner)/") {
                    let to = "cases/\(learner)/\(id).md"
                    try FileManager.default.createDirectory(
                        at: fixture.ledger.url("cases/\(learner)"), withIntermediateDirectories: true)
                    try fixture.git("mv", live[id]!, to)
                    live[id] = to
                    used.insert(to)
                }
            case 3:  // filed elsewhere and changed in the same commit
                if let id = pick, !live[id]!.contains("/\(learner)/") {
                    let to = "cases/\(learner)/\(id).md"
                    try FileManager.default.removeItem(at: fixture.ledger.url(live[id]!))
                    try write(fixture, to, stage: "investigating", note: "moved at step \(step)")
                    live[id] = to
                    used.insert(to)
                }
            case 4:  // removed
                if let id = pick, live.count > 1 {
                    try FileManager.default.removeItem(at: fixture.ledger.url(live[id]!))
                    live[id] = nil
                }
            case 5:  // outside cases/
                try fixture.ledger.write("notes.md", "step \(step)\n")
            case 6:  // a path used before, used again (a removed case written back)
                if let path = used.filter({ path in !live.values.contains(path) }).sorted().first {
                    try write(fixture, path, stage: "reopened", note: "back at step \(step)")
                    live[String(path.split(separator: "/").last!.dropLast(3))] = path
                }
            case 7 where commits.count > 3:  // a reset back, then on from there
                let back = Int.random(in: 1...3, using: &generator)
                try fixture.git("reset", "-q", "--hard", "HEAD~\(back)")
                commits.removeLast(back)
                live = [:]
                for path in try fixture.git("ls-files", "cases").split(separator: "\n").map(String.init) {
                    live[String(path.split(separator: "/").last!.dropLast(3))] = path
                }
                try agree(index, used, ledger, "step \(step), reset \(back) back")
                continue
            default:  // a new case
                serial += 1
                let path = "cases/\(learner)/20261120-b\(serial).md"
                try write(fixture, path, stage: "received", note: "new")
                live[String(path.split(separator: "/").last!.dropLast(3))] = path
                used.insert(path)
            }
            try fixture.git("add", "-A")
            try fixture.git("commit", "-q", "--allow-empty", "-m", "step \(step)")
            commits.append(try fixture.git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines))
            try agree(index, used, ledger, "step \(step)")
        }
        #expect(index.builds == 1, "kept up to date, never built again: \(index.builds) builds")
        #expect(index.catchUps >= 30, "a catch-up per commit or reset: \(index.catchUps)")

        // Built afresh, and loaded from what was saved: the same timelines.
        let fresh = CaseTimelineIndex()
        fresh.prepare(ledger.root, fresh: true)
        try agree(fresh, used, ledger, "fresh")
        let saved = CaseTimelineIndex()
        saved.prepare(ledger.root)
        #expect(saved.builds == 0, "loaded from .git/reclam/")
        try agree(saved, used, ledger, "loaded")
        try write(fixture, live.values.sorted().first!, stage: "closed", note: "after the restart")
        try fixture.commitAll("after the restart")
        try agree(saved, used, ledger, "loaded, then a commit")
    }

    /// A ledger with one case, received in its first commit.
    func startedCase() throws -> (StatusIndexTests, Ledger, String) {
        let fixture = try StatusIndexTests()
        let path = "cases/stg-1/20261110-aaaa.md"
        try write(fixture, path, stage: "received", note: "start")
        try fixture.commitAll("start")
        return (fixture, try fixture.ledger.ledger(), path)
    }

    /// A saved index cut short (a full disk, a copy stopped halfway) or overwritten is never
    /// read as timelines: it is built again from git, and gives the walk's answers.
    @Test func aDamagedSavedIndexIsBuiltAgain() throws {
        let (fixture, ledger, path) = try startedCase()
        try write(fixture, path, stage: "acknowledged", note: "then")
        try fixture.commitAll("then")
        let first = CaseTimelineIndex()
        first.prepare(ledger.root)
        #expect(first.builds == 1)
        let file = try #require(CaseTimelineIndex.file(ledger.root))
        let saved = try #require(FileManager.default.contents(atPath: file))
        for damaged in [
            saved.prefix(saved.count / 2), saved.prefix(CaseTimelineIndex.magic.count + 3), Data(repeating: 0xFF, count: saved.count),
        ] {
            try Data(damaged).write(to: URL(fileURLWithPath: file))
            let index = CaseTimelineIndex()
            index.prepare(ledger.root)
            #expect(index.builds == 1, "a damaged file is not loaded")
            try agree(index, [path], ledger, "rebuilt after \(damaged.count) bytes")
        }
    }

    @Test func stepsAsideForALedgerInAFolderOfALargerRepository() throws {
        let fixture = try StatusIndexTests()
        try write(fixture, "sub/cases/stg-1/20261110-aaaa.md", stage: "received", note: "start")
        try fixture.commitAll("start")
        let root = fixture.ledger.root.appendingPathComponent("sub")
        let index = CaseTimelineIndex()
        index.prepare(root)
        #expect(index.history(of: "cases/stg-1/20261110-aaaa.md", root: root) == nil, "git's paths are not the ledger's")
    }

    @Test func stepsAsideForAHistoryWithAMerge() throws {
        let (fixture, ledger, path) = try startedCase()
        let index = CaseTimelineIndex()
        index.prepare(ledger.root)
        #expect(index.history(of: path, root: ledger.root)?.count == 1)
        try fixture.git("checkout", "-q", "-b", "side")
        try write(fixture, path, stage: "acknowledged", note: "side")
        try fixture.commitAll("side")
        try fixture.git("checkout", "-q", "main")
        try fixture.ledger.write("notes.md", "main\n")
        try fixture.commitAll("main")
        try fixture.git("merge", "-q", "--no-edit", "side")
        #expect(index.history(of: path, root: ledger.root) == nil, "a merge: the walk answers")
        let walked = Self.describe(try CaseLog.entries(for: "20261110-aaaa", in: ledger))
        #expect(Self.describe(try CaseLog.entries(at: path, in: ledger, index: index)) == walked)
        #expect(walked.count == 2)
        let fresh = CaseTimelineIndex()
        fresh.prepare(ledger.root)
        #expect(fresh.isReady && fresh.history(of: path, root: ledger.root) == nil, "made after the merge: the walk answers")
    }
}
