import Foundation
import Testing

/// Set-up shared by the end-to-end suites: commands that must succeed, the clock, and ledgers
/// written by hand.
extension Shell {
    /// Runs `reclam` in the ledger and expects exit 0; a failure names the command and its
    /// standard error.
    @discardableResult
    func reclamSucceeds(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> Result {
        let result = try run(Shell.reclam, arguments, in: "ledger")
        #expect(
            result.status == 0, "reclam \(arguments.joined(separator: " ")) failed (\(result.status)): \(result.stderr)",
            sourceLocation: sourceLocation)
        return result
    }

    /// Runs git in the ledger as `name <email>` (by default the actor reclam commits as) and
    /// expects exit 0.
    @discardableResult
    func gitSucceeds(
        _ arguments: [String], name: String = "Claire Martin", email: String = "claire.martin@example.org",
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Result {
        let result = try run("/usr/bin/git", ["-c", "user.name=\(name)", "-c", "user.email=\(email)"] + arguments, in: "ledger")
        #expect(result.status == 0, "git \(arguments.joined(separator: " ")): \(result.stderr)", sourceLocation: sourceLocation)
        return result
    }

    /// Commits every file written by hand, as someone other than reclam's actor would, and
    /// expects both git commands to succeed.
    func commitWrittenFiles(_ message: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try gitSucceeds(["add", "-A"], sourceLocation: sourceLocation)
        try gitSucceeds(
            ["commit", "-q", "-m", message], name: "Test", email: "test@example.org", sourceLocation: sourceLocation)
    }
}

enum Fixture {
    /// A case file as `reclam new` and the moves write it, for ledgers written by hand; `steps`
    /// are (stage, at) pairs, `fields` more front-matter lines.
    static func caseFile(
        _ id: String, learner: String = "stg-1", title: String = "Attestation non reçue", received: String,
        steps: [(String, String)] = [], fields: [String] = [], channel: String = "email"
    ) -> String {
        var lines = [
            "---", "id: \(id)", "learner: \(learner)", "title: \(title)", "received: \(received)", "channel: \(channel)",
            "complainant: learner", "stage: \(steps.last?.0 ?? "received")",
        ]
        lines += fields
        lines.append(steps.isEmpty ? "steps: []" : "steps:")
        for (stage, at) in steps { lines.append("  - {stage: \(stage), at: \(at), by: Claire Martin}") }
        lines += ["---", "## Réclamation", "", "Texte.", ""]
        return lines.joined(separator: "\n")
    }

    /// Whether Chromium and its driver are installed, for the suites that drive a browser;
    /// records an issue (a failure, not a skip) naming what to install when they are not.
    static func browserToolsPresent(sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        for tool in ["/usr/bin/chromium", "/usr/bin/chromedriver"] where !FileManager.default.isExecutableFile(atPath: tool) {
            Issue.record(
                "\(tool) is missing: run scripts/install-deps (Debian packages chromium and chromium-driver)",
                sourceLocation: sourceLocation)
            return false
        }
        return true
    }

    /// Which of `words` stand in `text` as whole words (letters, digits and hyphens): the
    /// French suites look for the words of the English interface this way.
    static func words(_ words: [String], foundIn text: String) -> [String] {
        let present = Set(text.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-") }).map(String.init))
        return words.filter { present.contains($0) }
    }
}
