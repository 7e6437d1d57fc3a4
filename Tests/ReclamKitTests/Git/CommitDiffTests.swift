import Foundation
import Testing

@testable import ReclamGit
@testable import ReclamWorkflow

/// `GitRepository.changedPaths` against `git diff --name-only` (the git CLI as witness), between
/// random pairs of commits whose trees add, remove and change files, replace a file by a folder
/// and back, and hold names that git orders differently from plain text (`x-1/`, `x.md`, `x/`).
@Suite struct CommitDiffTests {
    @Test func changedPathsAreGitDiffsNames() throws {
        let fixture = try StatusIndexTests()
        let ledger = fixture.ledger
        let names = ["x", "x.md", "x-1", "x0", "a", "learner.md"]
        var generator = SimpleYAMLFuzzTests.Generator(state: 20_261_206)
        func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &generator)] }
        func randomPath() -> String {
            (0..<Int.random(in: 1...3, using: &generator)).map { _ in pick(names) }.joined(separator: "/")
        }
        var commits: [String] = []
        try ledger.write("cases/x/learner.md", "start\n")
        try fixture.commitAll("start")
        commits.append(try fixture.git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines))
        for step in 0..<30 {
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let path = "cases/" + randomPath()
                let url = ledger.url(path)
                if FileManager.default.fileExists(atPath: url.path), Bool.random(using: &generator) {
                    try FileManager.default.removeItem(at: url)  // a file or a whole folder
                    continue
                }
                // Whatever stands where a folder must be, or at the path, goes.
                var parent = url.deletingLastPathComponent()
                while parent.path.count > ledger.root.path.count {
                    var isFolder: ObjCBool = false
                    if FileManager.default.fileExists(atPath: parent.path, isDirectory: &isFolder), !isFolder.boolValue {
                        try FileManager.default.removeItem(at: parent)
                    }
                    parent = parent.deletingLastPathComponent()
                }
                var isFolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue {
                    try FileManager.default.removeItem(at: url)
                }
                try ledger.write(path, "step \(step) \(Int.random(in: 0..<3, using: &generator))\n")
            }
            try fixture.git("add", "-A")
            try fixture.git("commit", "-q", "--allow-empty", "-m", "step \(step)")
            commits.append(try fixture.git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let repository = try GitRepository.open(at: ledger.root.path)
        for _ in 0..<40 {
            let (from, to) = (pick(commits), pick(commits))
            let ours = try repository.changedPaths(from: try #require(ObjectID(hex: from)), to: try #require(ObjectID(hex: to)))
            let theirs = try fixture.git("diff", "--name-only", "--no-renames", "-z", from, to).split(separator: "\0").map(String.init)
            #expect(Set(ours) == Set(theirs), "\(from)..\(to)")
            #expect(ours.count == Set(ours).count, "each path once")
        }
    }
}
