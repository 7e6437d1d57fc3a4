import Foundation
import Testing
@testable import ReclamCore
@testable import ReclamGit
@testable import ReclamKit
@testable import ReclamLedger
@testable import ReclamOutput
@testable import ReclamRules
@testable import ReclamWorkflow

/// A throwaway directory holding a git repository, removed on deinit.
/// The git CLI is used only as an independent witness of what ReclamKit wrote.
final class GitSandbox {
    let root: String
    let home: String

    init() throws {
        let base = FileManager.default.temporaryDirectory
            .appendingPathComponent("reclam-git-tests-\(UUID().uuidString)").path
        root = base + "/ledger"
        home = base + "/home"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: (root as NSString).deletingLastPathComponent)
    }

    /// A new repository on the unborn branch `main`, with an identity for CLI commits.
    static func initialized() throws -> (GitSandbox, GitRepository) {
        let sandbox = try GitSandbox()
        let repository = try GitRepository.initialize(at: sandbox.root)
        try sandbox.git("config", "user.name", "Witness")
        try sandbox.git("config", "user.email", "witness@example.org")
        return (sandbox, repository)
    }

    /// A repository whose first commit (made with GitWriter) holds `files`.
    static func withFiles(_ files: [String: String]) throws -> (GitSandbox, GitRepository) {
        let (sandbox, repository) = try initialized()
        let change = Change(
            summary: "Initial ledger",
            writes: files.sorted { $0.key < $1.key }.map { (path: $0.key, contents: Data($0.value.utf8)) })
        _ = try GitWriter(repository: repository).commit(change, by: .test)
        return (sandbox, repository)
    }

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the git CLI in the work tree, isolated from the user's configuration.
    @discardableResult
    func run(_ arguments: [String], environment extra: [String: String] = [:], allowFailure: Bool = false) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: root)
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = home
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["LC_ALL"] = "C"
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        let stderrData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let output = Output(
            status: process.terminationStatus,
            stdout: String(decoding: stdoutData, as: UTF8.self),
            stderr: String(decoding: stderrData, as: UTF8.self))
        if !allowFailure && output.status != 0 {
            throw GitSandboxError(message: "git \(arguments.joined(separator: " ")) failed (\(output.status)): \(output.stderr)")
        }
        return output
    }

    @discardableResult
    func git(_ arguments: String...) throws -> String {
        try run(arguments).stdout
    }

    /// Runs a shell script in the work tree (for plumbing sequences).
    func shell(_ script: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "set -e\n" + script]
        process.currentDirectoryURL = URL(fileURLWithPath: root)
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = home
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        process.environment = environment
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let stderrData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if process.terminationStatus != 0 {
            throw GitSandboxError(message: "script failed: \(String(decoding: stderrData, as: UTF8.self))")
        }
    }

    func porcelain() throws -> String { try git("status", "--porcelain") }

    func head() throws -> String { try git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines) }

    /// A commit made with the git CLI, as a person working beside reclam would.
    func commitByHand(_ relative: String, _ text: String, message: String) throws {
        try write(relative, text)
        try git("add", relative)
        try git("commit", "-q", "-m", message)
    }

    func fsckIsClean() throws -> Bool {
        let output = try run(["fsck", "--strict", "--no-dangling", "--no-progress"], allowFailure: true)
        return output.status == 0 && output.stdout.isEmpty
            && !output.stderr.contains("error") && !output.stderr.contains("warning")
    }

    // Files

    func path(_ relative: String) -> String { root + "/" + relative }

    func write(_ relative: String, _ text: String) throws {
        let full = path(relative)
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: full))
    }

    func read(_ relative: String) -> String? {
        FileManager.default.contents(atPath: path(relative)).map { String(decoding: $0, as: UTF8.self) }
    }

    func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: path(relative)) }

    /// Every file and directory of the work tree (outside .git) with its bytes, and the index file:
    /// equal snapshots mean nothing was touched.
    func snapshot() throws -> Snapshot {
        var files: [String: Data] = [:]
        var directories: Set<String> = []
        let enumerator = FileManager.default.enumerator(atPath: root)!
        while let relative = enumerator.nextObject() as? String {
            if relative == ".git" {
                enumerator.skipDescendants()
                continue
            }
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: path(relative), isDirectory: &isDirectory)
            if isDirectory.boolValue {
                directories.insert(relative)
            } else {
                files[relative] = FileManager.default.contents(atPath: path(relative))
            }
        }
        let head = try run(["rev-parse", "--verify", "-q", "refs/heads/main"], allowFailure: true).stdout
        return Snapshot(
            files: files, directories: directories,
            index: FileManager.default.contents(atPath: path(".git/index")),
            head: head, status: try porcelain())
    }

    struct Snapshot: Equatable {
        var files: [String: Data]
        var directories: Set<String>
        var index: Data?
        var head: String
        var status: String
    }
}

struct GitSandboxError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

extension Signature {
    /// A fixed signature: 2026-10-05T09:12:00+02:00.
    static let test = Signature(
        name: "Claire Martin", email: "claire.martin@example.org",
        date: Date(timeIntervalSince1970: 1_791_184_320), offsetMinutes: 120)
}

extension Data {
    init(text: String) { self.init(text.utf8) }
}

/// The GitError thrown by `body`, or nil.
func gitError(_ body: () throws -> Void) -> GitError? {
    do {
        try body()
        return nil
    } catch let error as GitError {
        return error
    } catch {
        Issue.record("unexpected error type: \(error)")
        return nil
    }
}
