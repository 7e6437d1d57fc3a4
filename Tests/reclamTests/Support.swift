import Foundation
import Testing

/// Runs the built `reclam` binary and the git CLI (the independent witness) in a temporary folder.
struct Shell {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static var reclam: String {
        if let explicit = ProcessInfo.processInfo.environment["RECLAM_BIN"] { return explicit }
        // The test bundle sits next to the binary it was built with: prefer that one, so a build
        // with --scratch-path never tests a stale binary from another build folder.
        let besideTests = Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("reclam").path
        if FileManager.default.isExecutableFile(atPath: besideTests) { return besideTests }
        for argument in CommandLine.arguments.prefix(1) {
            let candidate = URL(fileURLWithPath: argument).deletingLastPathComponent().appendingPathComponent("reclam").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        for candidate in [".build/debug/reclam", ".build/release/reclam"] {
            let path = packageRoot.appendingPathComponent(candidate).path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return packageRoot.appendingPathComponent(".build/debug/reclam").path
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    let directory: URL
    var environment: [String: String]

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("reclam-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var env = ProcessInfo.processInfo.environment
        env["RECLAM_ACTOR"] = "Claire Martin <claire.martin@example.org>"
        env["RECLAM_NOW"] = "2026-11-16T10:00:00+01:00"
        env["GIT_CONFIG_NOSYSTEM"] = "1"
        env["HOME"] = directory.path
        env["EDITOR"] = "true"
        env.removeValue(forKey: "VISUAL")
        environment = env
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    @discardableResult
    func run(_ executable: String, _ arguments: [String], in folder: String? = nil, stdin: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = folder.map { directory.appendingPathComponent($0) } ?? directory
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        // Read before waiting so that a large output cannot fill the pipe and block the child.
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        let stderrData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
            stderr: String(decoding: stderrData, as: UTF8.self))
    }

    @discardableResult
    func reclam(_ arguments: String..., in folder: String? = "ledger", stdin: String? = nil) throws -> Result {
        try run(Shell.reclam, arguments, in: folder, stdin: stdin)
    }

    @discardableResult
    func git(_ arguments: String..., in folder: String = "ledger") throws -> Result {
        try run("/usr/bin/git", arguments, in: folder)
    }

    /// Starts `reclam` without waiting, to run several at once.
    func spawn(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Shell.reclam)
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = directory.appendingPathComponent("ledger")
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent("ledger/\(path)"), encoding: .utf8)
    }

    func write(_ path: String, _ text: String) throws {
        let url = directory.appendingPathComponent("ledger/\(path)")
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// A new ledger with the given preset, checked to be clean.
    func initLedger(procedure: String = "training") throws {
        let result = try reclam("init", "--procedure", procedure, "ledger", in: nil)
        #expect(result.status == 0, "init failed: \(result.stderr)")
    }

    /// `email`: the complainant's address (`contact`), so that acknowledgements have a recipient.
    func newCase(
        learner: String = "stg-1", title: String = "Attestation non reçue", received: String = "2026-11-13T18:00:00+01:00",
        email: String? = "stagiaire@example.org"
    ) throws -> String {
        let result = try run(
            Shell.reclam,
            ["new", "--learner", learner, "--title", title, "--channel", "email", "--complainant", "learner", "--received", received]
                + (email.map { ["--email", $0] } ?? []), in: "ledger")
        #expect(result.status == 0, "new failed: \(result.stderr)")
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func head() throws -> String {
        try git("rev-parse", "HEAD").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func status() throws -> String {
        try git("status", "--porcelain").stdout
    }
}
