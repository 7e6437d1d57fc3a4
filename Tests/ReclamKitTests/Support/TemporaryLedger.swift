import Foundation
import Testing

@testable import ReclamCore
@testable import ReclamGit
@testable import ReclamKit
@testable import ReclamLedger
@testable import ReclamOutput
@testable import ReclamRules
@testable import ReclamWorkflow

/// A ledger in a fresh temporary folder, removed when the test ends.
final class TemporaryLedger {
    let root: URL

    init(config: String = ProcedurePreset.training.configText) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("reclam-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try write("reclam.yml", config)
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    func write(_ path: String, _ text: String) throws {
        try write(path, Data(text.utf8))
    }

    func write(_ path: String, _ data: Data) throws {
        let url = url(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: url(path), encoding: .utf8)
    }

    /// Copies a fixture folder over the ledger (a fixture may bring its own reclam.yml).
    func copy(fixture: URL) throws {
        let enumerator = FileManager.default.enumerator(at: fixture, includingPropertiesForKeys: [.isDirectoryKey])
        while let item = enumerator?.nextObject() as? URL {
            let relative = String(item.standardizedFileURL.path.dropFirst(fixture.standardizedFileURL.path.count + 1))
            let isDirectory = try item.resourceValues(forKeys: [.isDirectoryKey]).isDirectory == true
            if relative == "expected.txt" || relative == "git-add.txt" || isDirectory { continue }
            try write(relative, try Data(contentsOf: item))
        }
    }

    /// A fixture whose rule is about git (`users-file-tracked`) lists in `git-add.txt` the files
    /// to stage in a repository made for it; the git CLI does it.
    func gitAdd(fixture: URL) throws {
        guard let list = try? String(contentsOf: fixture.appendingPathComponent("git-add.txt"), encoding: .utf8) else { return }
        for arguments in [["init", "-q"], ["add", "--"] + list.split(whereSeparator: \.isNewline).map(String.init)] {
            let git = Process()
            git.executableURL = URL(fileURLWithPath: "/usr/bin/git")
            git.arguments = ["-C", root.path] + arguments
            try git.run()
            git.waitUntilExit()
            #expect(git.terminationStatus == 0, "git \(arguments)")
        }
    }

    func ledger() throws -> Ledger { try Ledger.open(at: root) }

    func check(now: String = "2026-11-16T10:00:00+01:00") throws -> [Diagnostic] {
        try Checker.run(root: root, now: ISODateTime.parse(now)!.date)
    }
}

enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
        "Fixtures")

    static func folders(_ name: String) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: root.appendingPathComponent(name), includingPropertiesForKeys: nil)
            .filter { $0.hasDirectoryPath }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }
}
