import Foundation
import Testing
@testable import ReclamCore
@testable import ReclamGit
@testable import ReclamKit
@testable import ReclamLedger
@testable import ReclamOutput
@testable import ReclamRules
@testable import ReclamWorkflow

/// Collects results from several threads.
private final class Collector: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ item: String) {
        lock.lock()
        items.append(item)
        lock.unlock()
    }
    var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return items
    }
}

/// The built `git-stress` helper, next to the test bundle.
func stressHelper() -> URL? {
    var directory = Bundle.main.bundleURL
    for _ in 0..<5 {
        let candidate = directory.appendingPathComponent("git-stress")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        directory.deleteLastPathComponent()
    }
    let argument0 = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("git-stress")
    return FileManager.default.isExecutableFile(atPath: argument0.path) ? argument0 : nil
}

@Suite("GitWriter concurrency")
struct GitConcurrencyTests {
    static let writers = 8
    static let commitsEach = 10

    private func checkAllCommitsKept(_ sandbox: GitSandbox) throws {
        let total = Self.writers * Self.commitsEach
        #expect(try sandbox.git("rev-list", "--count", "HEAD") == "\(total + 1)\n")
        let files = try sandbox.git("ls-tree", "-r", "--name-only", "HEAD", "stress/")
            .split(separator: "\n").map(String.init)
        var expected: [String] = []
        for writer in 0..<Self.writers {
            for index in 0..<Self.commitsEach { expected.append("stress/w\(writer)-\(index).txt") }
        }
        #expect(files.sorted() == expected.sorted())
        for file in expected { #expect(sandbox.exists(file), "\(file)") }
        #expect(try sandbox.porcelain() == "")
        #expect(try sandbox.fsckIsClean())
    }

    @Test func eightThreadsCommittingAtOnceKeepEveryCommit() throws {
        let (sandbox, _) = try GitSandbox.withFiles(["reclam.yml": "language: fr\n"])
        let root = sandbox.root
        let errors = Collector()
        let group = DispatchGroup()
        for writer in 0..<Self.writers {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                do {
                    let repository = try GitRepository.open(at: root)
                    let gitWriter = GitWriter(repository: repository)
                    for index in 0..<Self.commitsEach {
                        let file = "stress/w\(writer)-\(index).txt"
                        let change = Change(
                            summary: "Add \(file)", writes: [(path: file, contents: Data("\(writer) \(index)\n".utf8))],
                            expectedBase: [file: nil])
                        _ = try gitWriter.commit(change, by: .test)
                    }
                } catch {
                    errors.add("writer \(writer): \(error)")
                }
            }
            thread.start()
        }
        group.wait()
        #expect(errors.all == [])
        try checkAllCommitsKept(sandbox)
    }

    @Test(.enabled(if: stressHelper() != nil, "the git-stress helper is built next to the tests"))
    func eightProcessesCommittingAtOnceKeepEveryCommit() throws {
        let (sandbox, _) = try GitSandbox.withFiles(["reclam.yml": "language: fr\n"])
        let helper = try #require(stressHelper())
        var processes: [(Process, Pipe)] = []
        for writer in 0..<Self.writers {
            let process = Process()
            process.executableURL = helper
            process.arguments = [sandbox.root, "w\(writer)", "\(Self.commitsEach)"]
            var environment = ProcessInfo.processInfo.environment
            environment["HOME"] = sandbox.home
            process.environment = environment
            let pipe = Pipe()
            process.standardError = pipe
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            processes.append((process, pipe))
        }
        for (process, pipe) in processes {
            let stderr = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(stderr)")
        }
        try checkAllCommitsKept(sandbox)
        #expect(
            try sandbox.git("log", "--format=%(trailers:key=Stress-Writer,valueonly)").split(separator: "\n").count
                == Self.writers * Self.commitsEach)
    }
}
