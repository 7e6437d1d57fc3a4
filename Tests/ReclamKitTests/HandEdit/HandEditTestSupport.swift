import Foundation
import Testing

@testable import ReclamCore
@testable import ReclamGit
@testable import ReclamKit
@testable import ReclamLedger
@testable import ReclamOutput
@testable import ReclamRules
@testable import ReclamWorkflow

/// A ledger made by `reclam init` in a temporary git repository, edited by hand in the tests.
final class HandEditLedger {
    let root: URL
    let now = ISODateTime.parse("2026-11-16T10:00:00+01:00")!.date
    let home: URL

    init(preset: ProcedurePreset = .training) throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("reclam-handedit-\(UUID().uuidString)")
        root = base.appendingPathComponent("ledger")
        home = base.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        _ = try InitLedger.run(
            InitLedger.Options(directory: root, preset: preset, actor: "Claire Martin <claire.martin@example.org>"),
            environment: [:], now: now)
    }

    deinit { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }

    func context() throws -> WriteContext {
        try WriteContext(
            ledger: try Ledger.open(at: root), actorOption: "Claire Martin <claire.martin@example.org>", environment: [:], now: now)
    }

    /// A committed case at the initial stage; returns its path.
    func newCase(learner: String = "stg-1", received: String = "2026-11-13T18:00:00+01:00") throws -> String {
        var request = NewCaseRequest(learner: learner, title: "Attestation non reçue", channel: "email", complainant: "learner")
        request.receivedText = received
        return try NewCase.create(request, context: try context()).path
    }

    func read(_ path: String) throws -> String { try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8) }

    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// Rewrites a file as an editor would.
    func edit(_ path: String, _ change: (String) -> String) throws {
        try write(path, change(try read(path)))
    }

    /// The git CLI, the independent witness.
    @discardableResult
    func git(_ arguments: String...) throws -> (status: Int32, stdout: String, stderr: String) {
        try GitCLI.run(arguments, in: root, home: home)
    }

    func head() throws -> String { try git("rev-parse", "HEAD").stdout.trimmingCharacters(in: .whitespacesAndNewlines) }

    func status() throws -> String { try git("status", "--porcelain").stdout }

    func message() throws -> String { try git("log", "-1", "--format=%B").stdout }

    /// Reviews the work-tree file against the branch, as `reclam commit` does.
    func review(_ path: String, actor: String? = "Claire Martin") throws -> HandEditReview {
        let context = try context()
        var environment = HandEdit.environment(context)
        environment.actor = actor
        let tip = try context.repository.tipCommitID()!
        let base = try context.repository.blob(at: path, in: tip)
        let edited = FileManager.default.contents(atPath: root.appendingPathComponent(path).path)
        return HandEditRules.review(
            path: path, kind: HandEditReview.kind(of: path)!, edited: edited, base: base, environment: environment)
    }
}

extension HandEditReview {
    var rules: [String] { diagnostics.filter { $0.severity == .error }.map(\.rule) }
    var finalText: String? { final.map { String(decoding: $0, as: UTF8.self) } }
}
